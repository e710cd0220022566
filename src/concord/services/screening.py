"""Real-time screening: the in-memory match index over person records, and the match use case."""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from concord.domain.access import Action, ItemAccess, Sight, require, sight
from concord.domain.directory import Actor
from concord.domain.persons import parse_gender, parse_partial_date
from concord.matching import IdentifierRef, Match, MatchIndex, PersonRecord, symbols
from concord.matching.index import collector_paused
from concord.services import audit, hits
from concord.services.common import IdentifierIn, StrictModel, record_access, stage_of_record
from concord.services.persons import load, seen_view
from concord.services.views import HitOnlyView, PersonView
from concord.storage.tables import Person

if TYPE_CHECKING:
    from concord.storage.db import UnitOfWork


def person_record(row: Person) -> PersonRecord:
    return PersonRecord(
        id=row.id,
        names=tuple(n["full"] for n in row.names),
        birth_date=row.birth_date,
        nationalities=tuple(row.nationalities or ()),
        gender=row.gender if row.gender in ("male", "female") else None,
        identifiers=tuple(IdentifierRef(i.kind, i.value, i.country) for i in row.identifiers),
    )


class ScreeningIndex:
    """The match index plus what the access policy needs to filter candidates without I/O.

    Live records are searched by everyone the policy lets see them. Archived records stop
    matching, but are kept in an index of their own that only the files commission searches
    (what a data subject asks about includes what is archived). Rebuilt from the database at
    start, then kept current after each committed change (`upsert` routes by status).
    """

    def __init__(self) -> None:
        self._index = MatchIndex()
        self._archive = MatchIndex()
        self._access: dict[str, ItemAccess] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._index)

    def load(self, session: Session, batch: int = 5000) -> int:
        rows = session.execute(
            select(Person)
            .where(Person.status.in_(("active", "archived")))
            .execution_options(yield_per=batch)
        ).scalars()
        symbols.load()  # (not at the first search)
        with collector_paused():
            for row in rows:
                self.upsert(row)
        return len(self)

    def upsert(self, row: Person) -> None:
        """Live records into the searched index, archived ones into the archive; any other
        status (erased) out of both."""
        self.remove(row.id)
        if row.status not in ("active", "archived"):
            return
        record = person_record(row)
        with self._lock:
            if row.status == "active":
                self._index.add(record)
                self._access[row.id] = record_access(row, stage_of_record(row.status))
            else:
                self._archive.add(record)

    def remove(self, person_id: str) -> None:
        with self._lock:
            for index in (self._index, self._archive):
                if person_id in index:
                    index.remove(person_id)
            self._access.pop(person_id, None)

    def search(
        self, actor: Actor, query: PersonRecord, limit: int, threshold: float | None
    ) -> list[tuple[Match, Sight]]:
        def allowed(record_id: str) -> bool:
            access = self._access.get(record_id)
            return access is not None and sight(actor, access) is not Sight.NONE

        with self._lock:
            matches = self._index.search(query, limit=limit, threshold=threshold, allowed=allowed)
            return [(m, sight(actor, self._access[m.record_id])) for m in matches]

    def search_unrestricted(
        self, query: PersonRecord, limit: int, threshold: float | None
    ) -> list[Match]:
        """Every live and archived record, whatever its restrictions: for the files commission
        only, which examines all that may be a data subject's (the caller checks and audits
        that). Best first."""
        with self._lock:
            found = self._index.search(query, limit=limit, threshold=threshold)
            found += self._archive.search(query, limit=limit, threshold=threshold)
        found.sort(key=lambda m: -m.score)
        return found[:limit]


class MatchQuery(StrictModel):
    names: list[str] = Field(min_length=1, max_length=20)
    birth_date: str | None = None
    nationalities: list[str] = Field(default_factory=list, max_length=10)
    gender: str | None = None
    identifiers: list[IdentifierIn] = Field(default_factory=list, max_length=20)
    limit: int = Field(default=10, ge=1, le=100)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)


class FeatureView(BaseModel):
    feature: str
    score: float
    weight: float
    detail: str


class MatchResult(BaseModel):
    score: float
    record: PersonView | HitOnlyView
    explanation: list[FeatureView]


def match(
    uow: UnitOfWork,
    actor: Actor,
    index: ScreeningIndex,
    query: MatchQuery,
    *,
    hit_answer_hours: int | None = None,
) -> list[MatchResult]:
    """Screen a person against every record the actor may see; the search and what came back
    are audited, and matches on other agencies' records become hits their owners are told of."""
    require(actor, Action.READ, "screen persons")
    parse_partial_date(query.birth_date)
    gender = parse_gender(query.gender)
    record = PersonRecord(
        id="query",
        names=tuple(query.names),
        birth_date=query.birth_date or None,
        nationalities=tuple(c.lower() for c in query.nationalities),
        gender=gender.value if gender.value != "unknown" else None,
        identifiers=tuple(IdentifierRef(i.type, i.value, i.country) for i in query.identifiers),
    )
    found = index.search(actor, record, query.limit, query.threshold)
    hits.record_hits(
        uow,
        actor,
        [(m.record_id, m.score, seen) for m, seen in found],
        hits.query_summary(query),
        answer_hours=hit_answer_hours or hits.DEFAULT_ANSWER_HOURS,
    )
    results = [
        MatchResult(
            score=round(m.score, 4),
            record=seen_view(uow, load(uow, m.record_id), seen),
            explanation=[
                FeatureView(
                    feature=f.feature, score=round(f.score, 4), weight=f.weight, detail=f.detail
                )
                for f in m.explanation
            ]
            if seen is Sight.FULL
            else [],
        )
        for m, seen in found
    ]
    audit.record(
        uow.session,
        actor,
        "person.match",
        "person",
        None,
        {
            "query": query.model_dump(exclude_none=True),
            "returned": [{"id": r.record.id, "score": r.score} for r in results],
            "on": date.today().isoformat(),
        },
    )
    return results


def records_for_batch(uow: UnitOfWork, actor: Actor) -> list[dict[str, object]]:
    """The person records `actor` may screen against, in the batch file format (bench README),
    for `concord screen` against the database. Hit-only records take part (the output names
    only record ids, i.e. existence and whom to ask); the export is audited."""
    require(actor, Action.READ, "screen a file against the database")
    out: list[dict[str, object]] = []
    rows = uow.session.execute(
        select(Person).where(Person.status == "active").execution_options(yield_per=5000)
    ).scalars()
    for row in rows:
        if sight(actor, record_access(row, stage_of_record(row.status))) is Sight.NONE:
            continue
        record = person_record(row)
        out.append(
            {
                "id": record.id,
                "names": list(record.names),
                "birth_date": record.birth_date,
                "nationality": list(record.nationalities),
                "gender": record.gender,
                "identifiers": [
                    {"type": i.type, "value": i.value, "country": i.country}
                    for i in record.identifiers
                ],
            }
        )
    audit.record(
        uow.session,
        actor,
        "person.batch_export",
        "person",
        None,
        {"purpose": "batch screening", "count": len(out)},
    )
    return out
