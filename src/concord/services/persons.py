"""Persons (nominal data): create, read, change, archive, export and import."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import Field
from sqlalchemy import select

from concord.domain.access import Action, Sight, require, require_change, sight
from concord.domain.directory import Actor, country_code
from concord.domain.errors import InvalidTransition, NotFound, ValidationFailed
from concord.domain.persons import PersonName, parse_gender, parse_partial_date
from concord.services import audit
from concord.services.common import (
    IdentifierIn,
    RestrictionsIn,
    StrictModel,
    apply_restrictions,
    check_version,
    default_review_date,
    identifier,
    owner,
    record_access,
    require_read,
    stage_of_record,
    visible_filter,
)
from concord.services.views import (
    HitOnlyView,
    IdentifierView,
    NameView,
    PersonView,
    agency_ref,
    restrictions_of,
    restrictions_view,
)
from concord.storage.base import utcnow
from concord.storage.db import UnitOfWork
from concord.storage.tables import Person, PersonIdentifier, SubjectFinding

if TYPE_CHECKING:  # screening imports this module's views; persons only passes the index on
    from concord.services.screening import ScreeningIndex


class PersonIn(StrictModel):
    names: list[str] = Field(min_length=1, max_length=50)
    birth_date: str | None = None
    nationalities: list[str] = Field(default_factory=list, max_length=10)
    gender: str | None = None
    identifiers: list[IdentifierIn] = Field(default_factory=list, max_length=50)
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)
    review_date: date | None = None
    note: str = Field(default="", max_length=2000)


class PersonPatch(StrictModel):
    version: int
    names: list[str] | None = Field(default=None, min_length=1, max_length=50)
    birth_date: str | None = None
    nationalities: list[str] | None = Field(default=None, max_length=10)
    gender: str | None = None
    identifiers: list[IdentifierIn] | None = Field(default=None, max_length=50)
    restrictions: RestrictionsIn | None = None
    review_date: date | None = None
    note: str | None = Field(default=None, max_length=2000)


def _fill(row: Person, data: PersonIn | PersonPatch) -> None:
    fields = data.model_fields_set
    if data.names is not None:
        row.names = [{"full": n.full, "script": n.script} for n in map(PersonName.of, data.names)]
    if "birth_date" in fields or isinstance(data, PersonIn):
        row.birth_date = parse_partial_date(data.birth_date)
    if data.nationalities is not None:
        row.nationalities = sorted({country_code(c) for c in data.nationalities})
    if "gender" in fields or isinstance(data, PersonIn):
        row.gender = parse_gender(data.gender).value
    if data.identifiers is not None:
        seen: set[tuple[str, str]] = set()
        row.identifiers.clear()
        for item in data.identifiers:
            ident = identifier(item)
            if (ident.kind.value, ident.value) in seen:
                continue
            seen.add((ident.kind.value, ident.value))
            row.identifiers.append(
                PersonIdentifier(
                    kind=ident.kind.value, value=ident.value, raw=ident.raw, country=ident.country
                )
            )
    if data.restrictions is not None:
        apply_restrictions(row, data.restrictions.build())
    if data.review_date is not None:
        if data.review_date <= date.today():
            raise ValidationFailed("The review date must lie in the future.", field="review_date")
        row.review_date = data.review_date
    if data.note is not None:
        row.note = data.note


def person_view(uow: UnitOfWork, row: Person) -> PersonView:
    return PersonView(
        id=row.id,
        names=[NameView(**n) for n in row.names],
        birth_date=row.birth_date,
        nationalities=list(row.nationalities or []),
        gender=row.gender,
        identifiers=[
            IdentifierView(type=i.kind, value=i.value, raw=i.raw, country=i.country)
            for i in row.identifiers
        ],
        owner=agency_ref(owner(uow.session, row.owner_agency_id)),
        restrictions=restrictions_view(restrictions_of(row)),
        review_date=row.review_date,
        status=row.status,
        note=row.note,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def hit_only(uow: UnitOfWork, row: Person) -> HitOnlyView:
    return HitOnlyView(
        object_type="person", id=row.id, owner=agency_ref(owner(uow.session, row.owner_agency_id))
    )


def seen_view(uow: UnitOfWork, row: Person, seen: Sight) -> PersonView | HitOnlyView:
    return person_view(uow, row) if seen is Sight.FULL else hit_only(uow, row)


def create_person(
    uow: UnitOfWork,
    actor: Actor,
    data: PersonIn,
    index: ScreeningIndex,
    *,
    audit_details: dict[str, Any] | None = None,
) -> PersonView:
    require(actor, Action.CREATE, "create person records")
    row = Person(owner_agency_id=actor.agency_id, review_date=default_review_date())
    _fill(row, data)
    uow.session.add(row)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "person.create",
        "person",
        row.id,
        {"names": [n["full"] for n in row.names], **(audit_details or {})},
    )
    view = person_view(uow, row)
    uow.on_commit(lambda: index.upsert(row))
    return view


def load(uow: UnitOfWork, person_id: str) -> Person:
    row = uow.session.get(Person, person_id)
    if row is None:
        raise NotFound("No person with this id is visible to you.")
    return row


def get_person(uow: UnitOfWork, actor: Actor, person_id: str) -> PersonView | HitOnlyView:
    row = uow.session.get(Person, person_id)
    if row is None:
        require(actor, Action.READ, "read person records")
        audit.record(
            uow.session, actor, "person.view", "person", person_id, {"result": "not_found"}
        )
        raise NotFound("No person with this id is visible to you.")
    seen = require_read(actor, record_access(row, stage_of_record(row.status)), "person")
    audit.record(uow.session, actor, "person.view", "person", row.id, {"result": seen.name.lower()})
    return seen_view(uow, row, seen)


def update_person(
    uow: UnitOfWork, actor: Actor, person_id: str, patch: PersonPatch, index: ScreeningIndex
) -> PersonView:
    row = load(uow, person_id)
    access = record_access(row, stage_of_record(row.status))
    require_read(actor, access, "person")
    require_change(actor, access, "a person record")
    _refuse_erased(row)
    check_version(row, patch.version, "This person record")
    _fill(row, patch)
    uow.session.flush()
    _corrections_made(uow, actor, row)
    audit.record(
        uow.session,
        actor,
        "person.update",
        "person",
        row.id,
        {"fields": sorted(patch.model_fields_set - {"version"})},
    )
    view = person_view(uow, row)
    uow.on_commit(lambda: index.upsert(row))
    return view


def _refuse_erased(row: Person) -> None:
    if row.status == "erased":
        raise InvalidTransition(
            "This record was erased on a decision of the files commission; it cannot change."
        )


def _corrections_made(uow: UnitOfWork, actor: Actor, row: Person) -> None:
    """The owner's edit answers the files commission's open correction orders on the record;
    the commission reads the audit entry and the record to check it."""
    pending = uow.session.execute(
        select(SubjectFinding).where(
            SubjectFinding.person_id == row.id,
            SubjectFinding.decision == "correct",
            SubjectFinding.enforced_at.is_(None),
        )
    ).scalars()
    for finding in pending:
        finding.enforced_at = utcnow()
        audit.record(
            uow.session,
            actor,
            "subject_request.corrected",
            "person",
            row.id,
            {"request": finding.request_id, "finding": finding.id},
        )


def archive_person(
    uow: UnitOfWork, actor: Actor, person_id: str, version: int, index: ScreeningIndex
) -> PersonView:
    row = load(uow, person_id)
    access = record_access(row, stage_of_record(row.status))
    require_read(actor, access, "person")
    require_change(actor, access, "a person record")
    _refuse_erased(row)
    check_version(row, version, "This person record")
    row.status = "archived"
    uow.session.flush()
    audit.record(uow.session, actor, "person.archive", "person", row.id)
    uow.on_commit(lambda: index.upsert(row))  # into the commission's archive
    return person_view(uow, row)


def list_persons(
    uow: UnitOfWork,
    actor: Actor,
    *,
    limit: int = 50,
    offset: int = 0,
    owned_only: bool = False,
) -> list[PersonView | HitOnlyView]:
    require(actor, Action.READ, "list person records")
    q = (
        select(Person)
        .where(visible_filter(Person, actor, Person.status, ("active",)))
        .order_by(Person.created_at.desc(), Person.id)
        .limit(min(max(limit, 1), 500))
        .offset(max(offset, 0))
    )
    if owned_only:
        q = q.where(Person.owner_agency_id == actor.agency_id)
    out: list[PersonView | HitOnlyView] = []
    for row in uow.session.execute(q).scalars():
        seen = _sight(actor, row)
        if seen is not Sight.NONE:
            out.append(seen_view(uow, row, seen))
    audit.record(
        uow.session,
        actor,
        "person.list",
        "person",
        None,
        {"limit": limit, "offset": offset, "returned": [v.id for v in out]},
    )
    return out


def _sight(actor: Actor, row: Person) -> Sight:
    return sight(actor, record_access(row, stage_of_record(row.status)))


def find_by_identifier(
    uow: UnitOfWork, actor: Actor, kind: str, value: str, country: str | None = None
) -> list[PersonView | HitOnlyView]:
    require(actor, Action.READ, "search person records")
    ident = identifier(IdentifierIn(type=kind, value=value, country=country))
    rows = (
        uow.session.execute(
            select(Person)
            .join(PersonIdentifier)
            .where(PersonIdentifier.kind == ident.kind.value, PersonIdentifier.value == ident.value)
        )
        .scalars()
        .unique()
    )
    out: list[PersonView | HitOnlyView] = []
    for row in rows:
        seen = _sight(actor, row)
        if seen is not Sight.NONE:
            out.append(seen_view(uow, row, seen))
    audit.record(
        uow.session,
        actor,
        "person.search_identifier",
        "person",
        None,
        {"kind": ident.kind.value, "value": ident.value, "returned": [v.id for v in out]},
    )
    return out


# --- FollowTheMoney interchange ----------------------------------------------------------------

_FTM_ID_PROPS = {"passport": "passportNumber", "national_id": "idNumber", "tax_id": "taxNumber"}


def to_ftm(view: PersonView) -> dict[str, Any]:
    from followthemoney import model

    entity = model.make_entity("Person")
    entity.id = f"concord-person-{view.id}"
    for name in view.names:
        entity.add("name", name.full)
    if view.birth_date:
        entity.add("birthDate", view.birth_date)
    for nat in view.nationalities:
        entity.add("nationality", nat)
    if view.gender in ("male", "female"):
        entity.add("gender", view.gender)
    for ident in view.identifiers:
        entity.add(_FTM_ID_PROPS.get(ident.type, "idNumber"), ident.value)
    return entity.to_dict()


def export_ftm(uow: UnitOfWork, actor: Actor, limit: int = 10_000) -> list[dict[str, Any]]:
    require(actor, Action.EXPORT, "export person records")
    rows = uow.session.execute(
        select(Person)
        .where(visible_filter(Person, actor, Person.status, ("active",)))
        .order_by(Person.id)
        .limit(limit)
    ).scalars()
    out = [to_ftm(person_view(uow, r)) for r in rows if _sight(actor, r) is Sight.FULL]
    audit.record(
        uow.session,
        actor,
        "person.export",
        "person",
        None,
        {"format": "ftm", "count": len(out), "ids": [e["id"] for e in out]},
    )
    return out


def from_ftm(entity: dict[str, Any], restrictions: RestrictionsIn | None = None) -> PersonIn:
    """A PersonIn from one FtM entity (as OpenSanctions and Aleph export them)."""
    from followthemoney import model
    from followthemoney.exc import InvalidData

    try:
        proxy = model.get_proxy(entity)
    except (InvalidData, KeyError, TypeError) as exc:
        raise ValidationFailed(f"Not a FollowTheMoney entity: {exc}") from exc
    if not proxy.schema.is_a("Person"):
        raise ValidationFailed(f"Entity {proxy.id} is a {proxy.schema.name}, not a Person.")
    names = proxy.get("name") + proxy.get("alias")
    if not names:
        raise ValidationFailed(f"Person {proxy.id} has no name.")
    idents = [IdentifierIn(type="passport", value=v) for v in proxy.get("passportNumber")]
    idents += [IdentifierIn(type="national_id", value=v) for v in proxy.get("idNumber")]
    birth = proxy.first("birthDate")
    gender = proxy.first("gender")
    return PersonIn(
        names=list(dict.fromkeys(names))[:50],
        birth_date=birth[:10] if birth else None,
        nationalities=[c for c in proxy.get("nationality") if len(c) == 2][:10],
        gender=gender if gender in ("male", "female") else None,
        identifiers=idents,
        restrictions=restrictions or RestrictionsIn(),
    )


def import_people(
    uow: UnitOfWork,
    actor: Actor,
    items: Iterable[tuple[str, PersonIn]],
    index: ScreeningIndex,
    source: str = "api",
) -> list[str]:
    """All or nothing: one bad item rolls the batch back; the error names it by its label
    (e.g. "Item 2" or "line 5")."""
    ids: list[str] = []
    for label, item in items:
        try:
            view = create_person(uow, actor, item, index, audit_details={"import": source})
        except ValidationFailed as exc:
            raise ValidationFailed(f"{label}: {exc.detail}", field=exc.field) from exc
        ids.append(view.id)
    return ids
