"""Joint operations: start one, report a country's results, read the computed totals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field
from sqlalchemy import select

from concord.domain.access import Action, Sight, require, sight
from concord.domain.directory import Actor, country_code
from concord.domain.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from concord.domain.operations import (
    CountryResults,
    OperationAccess,
    OperationStatus,
    Role,
    Seizure,
    Totals,
    aggregate,
    check_may_report,
    check_period,
    may_coordinate,
    parse_crime_area,
    role_in,
    sees_country_results,
)
from concord.services import audit
from concord.services.common import StrictModel, check_version, owner
from concord.services.views import AgencyRef, agency_ref
from concord.storage.db import UnitOfWork
from concord.storage.tables import Country, Notice, Operation, OperationReport

# --- input ------------------------------------------------------------------------------------


class OperationIn(StrictModel):
    name: str = Field(min_length=1, max_length=200)
    crime_area: str
    description: str = Field(default="", max_length=5000)
    participants: list[str] = Field(min_length=1, max_length=250)
    start_date: date
    end_date: date
    target_notices: list[str] = Field(default_factory=list, max_length=1000)
    target_indicators: list[str] = Field(default_factory=list, max_length=1000)


class OperationPatch(StrictModel):
    version: int
    description: str | None = Field(default=None, max_length=5000)
    participants: list[str] | None = Field(default=None, min_length=1, max_length=250)
    end_date: date | None = None
    target_notices: list[str] | None = Field(default=None, max_length=1000)
    target_indicators: list[str] | None = Field(default=None, max_length=1000)


class SeizureIn(StrictModel):
    kind: str = Field(min_length=1, max_length=100)
    quantity: Decimal = Field(ge=0, max_digits=20, decimal_places=6)
    unit: str = Field(min_length=1, max_length=10)


class ResultsIn(StrictModel):
    """A country's figures for the whole operation so far: each report replaces the last."""

    arrests: int = Field(default=0, ge=0, le=10_000_000)
    victims_rescued: int = Field(default=0, ge=0, le=10_000_000)
    new_notices: int = Field(default=0, ge=0, le=10_000_000)
    seizures: list[SeizureIn] = Field(default_factory=list, max_length=200)
    note: str = Field(default="", max_length=2000)
    # The version of the country's previous report when replacing it (optimistic locking).
    version: int | None = None


# --- views ------------------------------------------------------------------------------------


class SeizureView(BaseModel):
    kind: str
    quantity: Decimal
    unit: str


class CountryResultsView(BaseModel):
    country: str
    agency: AgencyRef
    reported_by: str
    arrests: int
    victims_rescued: int
    new_notices: int
    seizures: list[SeizureView]
    note: str
    version: int
    updated_at: datetime


class TotalsView(BaseModel):
    arrests: int
    victims_rescued: int
    new_notices: int
    seizures: list[SeizureView]
    countries_reporting: list[str]
    countries_pending: list[str]


class OperationView(BaseModel):
    object_type: str = "operation"
    id: str
    name: str
    crime_area: str
    description: str
    coordinator: AgencyRef
    participants: list[str]
    start_date: date
    end_date: date
    target_notices: list[str]
    target_indicators: list[str]
    status: str
    your_role: str
    totals: TotalsView
    # None when the reader may see only the totals.
    results: list[CountryResultsView] | None
    version: int
    created_at: datetime


# --- helpers ----------------------------------------------------------------------------------


def access_of(row: Operation) -> OperationAccess:
    return OperationAccess(
        row.coordinator_agency_id, frozenset(row.participants), OperationStatus(row.status)
    )


def results_of(report: OperationReport) -> CountryResults:
    return CountryResults(
        country=report.country,
        arrests=report.arrests,
        victims_rescued=report.victims_rescued,
        new_notices=report.new_notices,
        seizures=tuple(
            Seizure(s["kind"], Decimal(s["quantity"]), s["unit"]) for s in report.seizures
        ),
    )


def totals_of(row: Operation) -> Totals:
    """Computed from the reports every time; only participants' reports count."""
    return aggregate(results_of(r) for r in row.reports if r.country in row.participants)


def _totals_view(row: Operation) -> TotalsView:
    t = totals_of(row)
    return TotalsView(
        arrests=t.arrests,
        victims_rescued=t.victims_rescued,
        new_notices=t.new_notices,
        seizures=[SeizureView(kind=k, unit=u, quantity=q) for (k, u), q in t.seizures.items()],
        countries_reporting=list(t.countries_reporting),
        countries_pending=sorted(set(row.participants) - set(t.countries_reporting)),
    )


def operation_view(uow: UnitOfWork, actor: Actor, row: Operation) -> OperationView:
    access = access_of(row)
    results = None
    if sees_country_results(actor, access):
        results = [
            CountryResultsView(
                country=r.country,
                agency=agency_ref(owner(uow.session, r.agency_id)),
                reported_by=r.reported_by,
                arrests=r.arrests,
                victims_rescued=r.victims_rescued,
                new_notices=r.new_notices,
                seizures=[
                    SeizureView(kind=s["kind"], quantity=Decimal(s["quantity"]), unit=s["unit"])
                    for s in r.seizures
                ],
                note=r.note,
                version=r.version,
                updated_at=r.updated_at,
            )
            for r in row.reports
            if r.country in row.participants
        ]
    return OperationView(
        id=row.id,
        name=row.name,
        crime_area=row.crime_area,
        description=row.description,
        coordinator=agency_ref(owner(uow.session, row.coordinator_agency_id)),
        participants=list(row.participants),
        start_date=row.start_date,
        end_date=row.end_date,
        target_notices=list(row.target_notices),
        target_indicators=list(row.target_indicators),
        status=row.status,
        your_role=role_in(actor, access).value,
        totals=_totals_view(row),
        results=results,
        version=row.version,
        created_at=row.created_at,
    )


def _participants(uow: UnitOfWork, raw: list[str]) -> list[str]:
    codes = sorted({country_code(c) for c in raw})
    members = set(
        uow.session.execute(
            select(Country.code).where(Country.code.in_(codes), Country.member.is_(True))
        ).scalars()
    )
    missing = [c for c in codes if c not in members]
    if missing:
        raise ValidationFailed(f"Not member countries: {', '.join(missing)}.", field="participants")
    return codes


def _targets(uow: UnitOfWork, actor: Actor, notice_ids: list[str]) -> list[str]:
    from concord.services.notices import notice_access

    out = list(dict.fromkeys(n.strip() for n in notice_ids if n.strip()))
    for nid in out:
        row = uow.session.get(Notice, nid)
        if row is None or sight(actor, notice_access(row)) is not Sight.FULL:
            raise ValidationFailed(
                f"Notice {nid} does not exist or is not visible to you.", field="target_notices"
            )
    return out


def _indicators(raw: list[str]) -> list[str]:
    # References into the indicator registry (kind:value, as that registry keys them); kept as
    # given so that this module does not depend on the registry being installed.
    out = list(dict.fromkeys(" ".join(r.split()) for r in raw if r.strip()))
    too_long = [r for r in out if len(r) > 300]
    if too_long:
        raise ValidationFailed("An indicator reference is at most 300 characters.")
    return out


def _load(uow: UnitOfWork, actor: Actor, op_id: str) -> tuple[Operation, Role]:
    require(actor, Action.READ, "read operations")
    row = uow.session.get(Operation, op_id)
    role = role_in(actor, access_of(row)) if row is not None else Role.NONE
    if row is None or role is Role.NONE:
        raise NotFound("No operation with this id is visible to you.")
    return row, role


def _require_coordinator(actor: Actor, role: Role) -> None:
    if role is not Role.COORDINATOR or not may_coordinate(actor):
        raise PermissionDenied(
            "Only the coordinator agency or the General Secretariat manages an operation."
        )


# --- use cases --------------------------------------------------------------------------------


def create_operation(uow: UnitOfWork, actor: Actor, data: OperationIn) -> OperationView:
    if not may_coordinate(actor):
        raise PermissionDenied(
            f"User '{actor.username}' may not start operations: officers of an agency or "
            "General Secretariat reviewers do."
        )
    area = parse_crime_area(data.crime_area)
    check_period(data.start_date, data.end_date)
    row = Operation(
        name=data.name,
        crime_area=area.value,
        description=data.description,
        coordinator_agency_id=actor.agency_id,
        participants=_participants(uow, data.participants),
        start_date=data.start_date,
        end_date=data.end_date,
        target_notices=_targets(uow, actor, data.target_notices),
        target_indicators=_indicators(data.target_indicators),
        status=OperationStatus.OPEN.value,
    )
    uow.session.add(row)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "operation.create",
        "operation",
        row.id,
        {"name": row.name, "crime_area": row.crime_area, "participants": row.participants},
    )
    return operation_view(uow, actor, row)


def get_operation(uow: UnitOfWork, actor: Actor, op_id: str) -> OperationView:
    row, _ = _load(uow, actor, op_id)
    audit.record(uow.session, actor, "operation.view", "operation", row.id)
    return operation_view(uow, actor, row)


def list_operations(
    uow: UnitOfWork, actor: Actor, *, crime_area: str | None = None, limit: int = 100
) -> list[OperationView]:
    require(actor, Action.READ, "list operations")
    q = select(Operation).order_by(Operation.start_date.desc(), Operation.id)
    if crime_area:
        q = q.where(Operation.crime_area == parse_crime_area(crime_area).value)
    # Participation lives in a JSON list: filter in Python (operations number in the hundreds).
    out = [
        operation_view(uow, actor, r)
        for r in uow.session.execute(q).scalars()
        if role_in(actor, access_of(r)) is not Role.NONE
    ][: max(1, min(limit, 500))]
    audit.record(
        uow.session,
        actor,
        "operation.list",
        "operation",
        None,
        {"crime_area": crime_area, "returned": [v.id for v in out]},
    )
    return out


def update_operation(
    uow: UnitOfWork, actor: Actor, op_id: str, patch: OperationPatch
) -> OperationView:
    row, role = _load(uow, actor, op_id)
    _require_coordinator(actor, role)
    check_version(row, patch.version, "This operation")  # type: ignore[arg-type]  # same version column, not an owned record
    if patch.description is not None:
        row.description = patch.description
    if patch.participants is not None:
        row.participants = _participants(uow, patch.participants)
    if patch.end_date is not None:
        check_period(row.start_date, patch.end_date)
        row.end_date = patch.end_date
    if patch.target_notices is not None:
        row.target_notices = _targets(uow, actor, patch.target_notices)
    if patch.target_indicators is not None:
        row.target_indicators = _indicators(patch.target_indicators)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "operation.update",
        "operation",
        row.id,
        {"fields": sorted(patch.model_fields_set - {"version"})},
    )
    return operation_view(uow, actor, row)


def close_operation(uow: UnitOfWork, actor: Actor, op_id: str, version: int) -> OperationView:
    row, role = _load(uow, actor, op_id)
    _require_coordinator(actor, role)
    check_version(row, version, "This operation")  # type: ignore[arg-type]  # same version column, not an owned record
    if row.status == OperationStatus.CLOSED.value:
        raise InvalidTransition("The operation is already closed.")
    row.status = OperationStatus.CLOSED.value
    uow.session.flush()
    totals = totals_of(row)
    audit.record(
        uow.session,
        actor,
        "operation.close",
        "operation",
        row.id,
        {"arrests": totals.arrests, "countries_reporting": list(totals.countries_reporting)},
    )
    return operation_view(uow, actor, row)


def report_results(uow: UnitOfWork, actor: Actor, op_id: str, data: ResultsIn) -> OperationView:
    """A participant reports its own country's figures (replacing its previous report)."""
    row, _ = _load(uow, actor, op_id)
    check_may_report(actor, access_of(row), actor.country)
    seizures = [Seizure.build(s.kind, s.quantity, s.unit) for s in data.seizures]
    results = CountryResults(
        country=actor.country,
        arrests=data.arrests,
        victims_rescued=data.victims_rescued,
        new_notices=data.new_notices,
        seizures=tuple(seizures),
    )
    report = next((r for r in row.reports if r.country == actor.country), None)
    if report is None:
        report = OperationReport(operation_id=row.id, country=actor.country)
        row.reports.append(report)
    else:
        if data.version is None:
            raise ValidationFailed(
                f"{actor.country} has already reported (version {report.version}): send that "
                "version to replace the report.",
                field="version",
            )
        check_version(report, data.version, "Your country's report")  # type: ignore[arg-type]  # same version column, not an owned record
    report.agency_id = actor.agency_id
    report.reported_by = actor.username
    report.arrests = results.arrests
    report.victims_rescued = results.victims_rescued
    report.new_notices = results.new_notices
    report.seizures = [
        {"kind": s.kind, "quantity": str(s.quantity), "unit": s.unit} for s in results.seizures
    ]
    report.note = data.note
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "operation.report",
        "operation",
        row.id,
        {
            "country": actor.country,
            "arrests": results.arrests,
            "victims_rescued": results.victims_rescued,
            "new_notices": results.new_notices,
            "seizures": report.seizures,
        },
    )
    return operation_view(uow, actor, row)
