"""Statistics ministers quote: persons located, arrested and extradited by country pair and
year; notices by kind and status; hits by country; how fast requests are answered.

Every figure is an SQL aggregate over the live tables (the same statements on SQLite and
PostgreSQL). A figure counts requests, each about one person, by the year of the outcome step.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import Integer, cast, extract, func, or_, select

from concord.domain.access import Action, require
from concord.domain.directory import Actor
from concord.domain.requests import OUTCOMES, RequestKind
from concord.services import audit
from concord.storage.db import UnitOfWork
from concord.storage.tables import CooperationRequest, Hit, Notice, RequestEvent


class OutcomeRow(BaseModel):
    year: int
    requesting_country: str
    requested_country: str
    located: int
    arrested: int
    extradited: int


class NoticeCount(BaseModel):
    kind: str
    status: str
    count: int


class HitCount(BaseModel):
    searcher_country: str
    owner_country: str
    count: int


class ResponseTime(BaseModel):
    requested_country: str
    kind: str
    answered: int
    median_hours: float


class Totals(BaseModel):
    located: int
    arrested: int
    extradited: int


class StatisticsView(BaseModel):
    totals: Totals
    outcomes: list[OutcomeRow]
    notices: list[NoticeCount]
    hits: list[HitCount]
    response_times: list[ResponseTime]


_COLUMN = {
    RequestKind.LOCATE: "located",
    RequestKind.PROVISIONAL_ARREST: "arrested",
    RequestKind.EXTRADITION: "extradited",
}


def outcomes(
    uow: UnitOfWork,
    actor: Actor,
    *,
    requesting_country: str | None = None,
    requested_country: str | None = None,
    since_year: int | None = None,
    until_year: int | None = None,
) -> list[OutcomeRow]:
    """Persons located, arrested and extradited per (year, requesting country, requested
    country), the year being that of the outcome step."""
    require(actor, Action.READ, "read statistics")
    year = cast(extract("year", RequestEvent.at), Integer).label("year")
    q = (
        select(
            year,
            CooperationRequest.requesting_country,
            CooperationRequest.requested_country,
            CooperationRequest.kind,
            func.count(func.distinct(CooperationRequest.id)),
        )
        .join(RequestEvent, RequestEvent.request_id == CooperationRequest.id)
        # A note on a state (e.g. "extradition request sent" on an arrest) is not an outcome.
        .where(func.coalesce(RequestEvent.from_state, "") != RequestEvent.to_state)
    )
    condition = None
    for kind, state in OUTCOMES.items():
        clause = (CooperationRequest.kind == kind.value) & (RequestEvent.to_state == state.value)
        condition = clause if condition is None else condition | clause
    assert condition is not None
    q = q.where(condition)
    if requesting_country:
        q = q.where(CooperationRequest.requesting_country == requesting_country.lower())
    if requested_country:
        q = q.where(CooperationRequest.requested_country == requested_country.lower())
    if since_year is not None:
        q = q.where(year >= since_year)
    if until_year is not None:
        q = q.where(year <= until_year)
    q = q.group_by(
        year,
        CooperationRequest.requesting_country,
        CooperationRequest.requested_country,
        CooperationRequest.kind,
    )
    table: dict[tuple[int, str, str], dict[str, int]] = {}
    for y, asking, asked, kind_of, n in uow.session.execute(q):
        cell = table.setdefault(
            (int(y), asking, asked), {"located": 0, "arrested": 0, "extradited": 0}
        )
        cell[_COLUMN[RequestKind(kind_of)]] += int(n)
    return [
        OutcomeRow(year=y, requesting_country=a, requested_country=b, **counts)
        for (y, a, b), counts in sorted(table.items())
    ]


def notices_by_kind(uow: UnitOfWork, actor: Actor) -> list[NoticeCount]:
    require(actor, Action.READ, "read statistics")
    rows = uow.session.execute(
        select(Notice.kind, Notice.status, func.count())
        .group_by(Notice.kind, Notice.status)
        .order_by(Notice.kind, Notice.status)
    )
    return [NoticeCount(kind=k, status=s, count=int(n)) for k, s, n in rows]


def hits_by_country(uow: UnitOfWork, actor: Actor) -> list[HitCount]:
    require(actor, Action.READ, "read statistics")
    rows = uow.session.execute(
        select(Hit.searcher_country, Hit.owner_country, func.count())
        .group_by(Hit.searcher_country, Hit.owner_country)
        .order_by(Hit.searcher_country, Hit.owner_country)
    )
    return [HitCount(searcher_country=a, owner_country=b, count=int(n)) for a, b, n in rows]


def response_times(uow: UnitOfWork, actor: Actor) -> list[ResponseTime]:
    """Median hours from sending to the requested agency's first answer, per requested country
    and kind. The median is taken in SQL with window functions (both databases have them; only
    PostgreSQL has percentile_cont): the middle row, or the mean of the two middle rows."""
    require(actor, Action.READ, "read statistics")
    answered = CooperationRequest.response_hours.is_not(None)
    partition = (CooperationRequest.requested_country, CooperationRequest.kind)
    ranked = (
        select(
            CooperationRequest.requested_country.label("country"),
            CooperationRequest.kind.label("kind"),
            CooperationRequest.response_hours.label("hours"),
            func.row_number()
            .over(partition_by=partition, order_by=CooperationRequest.response_hours)
            .label("rn"),
            func.count().over(partition_by=partition).label("n"),
        )
        .where(answered)
        .subquery()
    )
    lower = (ranked.c.n + 1) // 2
    upper = (ranked.c.n + 2) // 2
    rows = uow.session.execute(
        select(ranked.c.country, ranked.c.kind, func.max(ranked.c.n), func.avg(ranked.c.hours))
        .where(or_(ranked.c.rn == lower, ranked.c.rn == upper))
        .group_by(ranked.c.country, ranked.c.kind)
        .order_by(ranked.c.country, ranked.c.kind)
    )
    return [
        ResponseTime(requested_country=c, kind=k, answered=int(n), median_hours=round(float(h), 2))
        for c, k, n, h in rows
    ]


def totals(rows: list[OutcomeRow]) -> Totals:
    return Totals(
        located=sum(r.located for r in rows),
        arrested=sum(r.arrested for r in rows),
        extradited=sum(r.extradited for r in rows),
    )


def summary(
    uow: UnitOfWork,
    actor: Actor,
    *,
    requesting_country: str | None = None,
    requested_country: str | None = None,
    since_year: int | None = None,
    until_year: int | None = None,
) -> StatisticsView:
    """Everything the statistics page shows, in one call (audited once)."""
    rows = outcomes(
        uow,
        actor,
        requesting_country=requesting_country,
        requested_country=requested_country,
        since_year=since_year,
        until_year=until_year,
    )
    view = StatisticsView(
        totals=totals(rows),
        outcomes=rows,
        notices=notices_by_kind(uow, actor),
        hits=hits_by_country(uow, actor),
        response_times=response_times(uow, actor),
    )
    audit.record(
        uow.session,
        actor,
        "statistics.view",
        "statistics",
        None,
        {
            "requesting_country": requesting_country,
            "requested_country": requested_country,
            "since_year": since_year,
            "until_year": until_year,
        },
    )
    return view
