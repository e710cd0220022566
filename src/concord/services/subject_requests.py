"""Data subjects' requests: the files commission opens one, the system finds every record that
may be the applicant's (live or archived, all agencies, all restrictions), the owners are told,
the commission decides record by record, and its decisions are enforced: a deleted record is
erased and its notices cancelled; a correction is due from the owner by a deadline."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from sqlalchemy import select

from concord.domain.access import Action, require
from concord.domain.directory import Actor, country_code
from concord.domain.errors import NotFound, ValidationFailed
from concord.domain.persons import parse_partial_date
from concord.domain.subject_requests import (
    CORRECT_WITHIN,
    FindingDecision,
    SubjectRequestStatus,
    answer_due,
    check_close,
    check_decision,
    check_opinion,
    parse_kind,
)
from concord.matching import PersonRecord
from concord.services import audit, hits, notices
from concord.services.common import StrictModel, owner
from concord.services.persons import person_view
from concord.services.views import AgencyRef, PersonView, agency_ref
from concord.storage.base import utcnow
from concord.storage.db import UnitOfWork
from concord.storage.tables import Person, SubjectFinding, SubjectRequest

if TYPE_CHECKING:
    from concord.services.screening import ScreeningIndex

# Scores from here up are shown to the commission: lower than a search's default cut, since a
# record missed here is a request wrongly answered "no data".
FIND_THRESHOLD = 0.6
FIND_LIMIT = 25
ERASED_NAME = {"full": "(erased on a decision of the files commission)", "script": "latin"}


class SubjectIn(StrictModel):
    names: list[str] = Field(min_length=1, max_length=10)
    birth_date: str | None = None
    nationalities: list[str] = Field(default_factory=list, max_length=10)


class SubjectRequestIn(StrictModel):
    kind: str
    subject: SubjectIn
    applicant: str = Field(min_length=1, max_length=200)
    grounds: str = Field(default="", max_length=10_000)


class DecisionIn(StrictModel):
    decision: str
    note: str = Field(default="", max_length=5_000)


class OpinionIn(StrictModel):
    opinion: str = Field(min_length=1, max_length=5_000)


class CloseIn(StrictModel):
    answer: str = Field(min_length=1, max_length=10_000)


class FindingView(BaseModel):
    id: int
    person_id: str
    owner: AgencyRef
    score: float
    # The record as it stands, which the commission cannot read otherwise (its role has no
    # READ); reading the request is audited.
    record: PersonView | None
    owner_opinion: str | None
    opinion_by: str | None
    opinion_at: datetime | None
    decision: str | None
    note: str | None
    decided_by: str | None
    decided_at: datetime | None
    correct_by: datetime | None
    enforced_at: datetime | None


class SubjectRequestView(BaseModel):
    id: str
    kind: str
    status: str
    subject: dict[str, object]
    applicant: str
    grounds: str
    opened_by: str
    opened_at: datetime
    answer_due_at: datetime
    overdue: bool
    closed_at: datetime | None
    closed_by: str | None
    answer: str | None
    # The commission sees every record found; an owner agency only its own.
    findings: list[FindingView]


def _view(uow: UnitOfWork, actor: Actor, row: SubjectRequest) -> SubjectRequestView:
    findings = [
        f for f in row.findings if actor.is_files_commission or f.owner_agency_id == actor.agency_id
    ]
    return SubjectRequestView(
        id=row.id,
        kind=row.kind,
        status=row.status,
        subject=dict(row.subject),
        applicant=row.applicant,
        grounds=row.grounds,
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        answer_due_at=row.answer_due_at,
        overdue=row.closed_at is None and row.answer_due_at < utcnow(),
        closed_at=row.closed_at,
        closed_by=row.closed_by,
        answer=row.answer,
        findings=[
            FindingView(
                id=f.id,
                person_id=f.person_id,
                owner=agency_ref(owner(uow.session, f.owner_agency_id)),
                score=f.score,
                record=_record(uow, f.person_id),
                owner_opinion=f.owner_opinion,
                opinion_by=f.opinion_by,
                opinion_at=f.opinion_at,
                decision=f.decision,
                note=f.note,
                decided_by=f.decided_by,
                decided_at=f.decided_at,
                correct_by=f.correct_by,
                enforced_at=f.enforced_at,
            )
            for f in findings
        ],
    )


def _record(uow: UnitOfWork, person_id: str) -> PersonView | None:
    person = uow.session.get(Person, person_id)
    return person_view(uow, person) if person is not None else None


def open_request(
    uow: UnitOfWork, actor: Actor, data: SubjectRequestIn, index: ScreeningIndex
) -> SubjectRequestView:
    """Register the request, find the records that may be the applicant's and tell their
    owners (an alert each, and their webhook)."""
    require(actor, Action.OVERSEE, "open data subjects' requests")
    kind = parse_kind(data.kind)
    names = [n for n in data.subject.names if n]
    if not names:
        raise ValidationFailed("Give at least one of the applicant's names.", field="names")
    birth_date = parse_partial_date(data.subject.birth_date)
    nationalities = sorted({country_code(c) for c in data.subject.nationalities})
    now = utcnow()
    row = SubjectRequest(
        kind=kind.value,
        status=SubjectRequestStatus.EXAMINING.value,
        subject={
            "names": names,
            "birth_date": birth_date,
            "nationalities": nationalities,
        },
        applicant=data.applicant,
        grounds=data.grounds,
        commission_agency_id=actor.agency_id,
        opened_by=actor.username,
        opened_at=now,
        answer_due_at=answer_due(kind, now),
    )
    uow.session.add(row)
    uow.session.flush()
    query = PersonRecord(
        id="subject",
        names=tuple(names),
        birth_date=birth_date,
        nationalities=tuple(nationalities),
    )
    for match in index.search_unrestricted(query, FIND_LIMIT, FIND_THRESHOLD):
        person = uow.session.get(Person, match.record_id)
        if person is None:
            continue
        uow.session.add(
            SubjectFinding(
                request_id=row.id,
                person_id=person.id,
                owner_agency_id=person.owner_agency_id,
                score=round(match.score, 4),
            )
        )
    uow.session.flush()
    uow.session.refresh(row)
    owners = sorted({f.owner_agency_id for f in row.findings})
    for agency_id in owners:
        hits.raise_alert(
            uow.session,
            agency_id,
            "subject_request",
            "subject_request",
            row.id,
            f"The files commission examines a {kind.value} request that concerns records of "
            "yours; it may ask for them to be corrected or deleted.",
            due_at=row.answer_due_at,
        )
    audit.record(
        uow.session,
        actor,
        "subject_request.open",
        "subject_request",
        row.id,
        {"kind": kind.value, "findings": len(row.findings), "owners": owners},
    )
    return _view(uow, actor, row)


def _load(uow: UnitOfWork, actor: Actor, request_id: str) -> SubjectRequest:
    row = uow.session.get(SubjectRequest, request_id)
    mine = row is not None and (
        actor.is_files_commission or any(f.owner_agency_id == actor.agency_id for f in row.findings)
    )
    if row is None or not mine:
        raise NotFound("No data subject's request with this id concerns your agency.")
    return row


def get_request(uow: UnitOfWork, actor: Actor, request_id: str) -> SubjectRequestView:
    if not actor.is_files_commission:
        require(actor, Action.READ, "read data subjects' requests about your records")
    else:
        require(actor, Action.OVERSEE, "read data subjects' requests")
    row = _load(uow, actor, request_id)
    audit.record(uow.session, actor, "subject_request.view", "subject_request", row.id)
    return _view(uow, actor, row)


def list_requests(
    uow: UnitOfWork, actor: Actor, *, status: str | None = None, limit: int = 50
) -> list[SubjectRequestView]:
    """The commission: every request; an owner agency: those that found its records."""
    q = select(SubjectRequest).order_by(SubjectRequest.opened_at.desc(), SubjectRequest.id)
    if actor.is_files_commission:
        require(actor, Action.OVERSEE, "list data subjects' requests")
    else:
        require(actor, Action.READ, "list data subjects' requests about your records")
        q = q.where(
            SubjectRequest.id.in_(
                select(SubjectFinding.request_id).where(
                    SubjectFinding.owner_agency_id == actor.agency_id
                )
            )
        )
    if status is not None:
        if status not in {s.value for s in SubjectRequestStatus}:
            raise ValidationFailed("status is 'examining' or 'closed'.", field="status")
        q = q.where(SubjectRequest.status == status)
    rows = uow.session.execute(q.limit(min(max(limit, 1), 500))).scalars()
    views = [_view(uow, actor, r) for r in rows]
    audit.record(
        uow.session, actor, "subject_request.list", "subject_request", None, {"n": len(views)}
    )
    return views


def decide(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    finding_id: int,
    data: DecisionIn,
    index: ScreeningIndex,
) -> SubjectRequestView:
    """The commission's decision on one record found; a deletion is carried out at once."""
    require(actor, Action.OVERSEE, "decide on data subjects' requests")
    row = _load(uow, actor, request_id)
    finding = next((f for f in row.findings if f.id == finding_id), None)
    if finding is None:
        raise NotFound(f"Record {finding_id} was not found for this request.")
    decided = FindingDecision(finding.decision) if finding.decision else None
    decision = check_decision(SubjectRequestStatus(row.status), decided, data.decision, data.note)
    now = utcnow()
    finding.decision, finding.note = decision.value, data.note.strip() or None
    finding.decided_by, finding.decided_at = actor.username, now
    if decision is FindingDecision.DELETE:
        _erase(uow, actor, finding.person_id, row.id, index)
        finding.enforced_at = now
    elif decision is FindingDecision.CORRECT:
        finding.correct_by = now + CORRECT_WITHIN
        hits.raise_alert(
            uow.session,
            finding.owner_agency_id,
            "subject_correction",
            "person",
            finding.person_id,
            f"The files commission orders a correction of this record: {data.note.strip()}",
            due_at=finding.correct_by,
        )
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        f"subject_request.{decision.value}",
        "person",
        finding.person_id,
        {"request": row.id, "finding": finding.id, "note": finding.note},
    )
    return _view(uow, actor, row)


def give_opinion(
    uow: UnitOfWork, actor: Actor, request_id: str, finding_id: int, data: OpinionIn
) -> SubjectRequestView:
    """The owner of a record found tells the commission what it should weigh (why the data is
    still needed, what must not be disclosed), while the record is undecided."""
    require(actor, Action.CREATE, "answer the files commission about your records")
    row = _load(uow, actor, request_id)
    finding = next(
        (f for f in row.findings if f.id == finding_id and f.owner_agency_id == actor.agency_id),
        None,
    )
    if finding is None:
        raise NotFound(f"Record {finding_id} of your agency was not found for this request.")
    check_opinion(SubjectRequestStatus(row.status), finding.decision is not None)
    finding.owner_opinion = data.opinion
    finding.opinion_by, finding.opinion_at = actor.username, utcnow()
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "subject_request.opinion",
        "subject_request",
        row.id,
        {"finding": finding.id},
    )
    return _view(uow, actor, row)


def _erase(
    uow: UnitOfWork, actor: Actor, person_id: str, request_id: str, index: ScreeningIndex
) -> None:
    """Erase the record's personal data (the row stays so that hits, requests and the audit
    log that point to it keep their meaning) and cancel its notices."""
    person = uow.session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} no longer exists.")
    person.names = [dict(ERASED_NAME)]
    person.birth_date = None
    person.nationalities = []
    person.gender = "unknown"
    person.note = ""
    person.identifiers.clear()
    person.status = "erased"
    uow.session.flush()
    notices.cancel_notices_about(
        uow,
        actor,
        person_id,
        f"Erased on a decision of the files commission (request {request_id}).",
    )
    uow.on_commit(lambda: index.remove(person_id))


def close_request(
    uow: UnitOfWork, actor: Actor, request_id: str, data: CloseIn
) -> SubjectRequestView:
    """Record the answer the applicant receives, once every record found is decided."""
    require(actor, Action.OVERSEE, "close data subjects' requests")
    row = _load(uow, actor, request_id)
    undecided = sum(1 for f in row.findings if f.decision is None)
    check_close(SubjectRequestStatus(row.status), undecided, data.answer)
    row.status = SubjectRequestStatus.CLOSED.value
    row.closed_at, row.closed_by, row.answer = utcnow(), actor.username, data.answer
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "subject_request.close",
        "subject_request",
        row.id,
        {"decisions": {str(f.id): f.decision for f in row.findings}},
    )
    return _view(uow, actor, row)


def raise_overdue_alerts(uow: UnitOfWork, *, now: datetime | None = None) -> int:
    """Alert the commission to requests past their answer date, and the owner and the
    commission to corrections not made in time. Idempotent: one alert each."""
    now = now or utcnow()
    session = uow.session
    raised = 0
    late = session.execute(
        select(SubjectRequest).where(
            SubjectRequest.status == SubjectRequestStatus.EXAMINING.value,
            SubjectRequest.answer_due_at < now,
        )
    ).scalars()
    for row in late:
        raised += hits.raise_alert(
            session,
            row.commission_agency_id,
            "subject_request_overdue",
            "subject_request",
            row.id,
            f"Overdue: the {row.kind} request {row.applicant} was to be answered by "
            f"{row.answer_due_at:%Y-%m-%d} UTC.",
            row.answer_due_at,
        )
    owed = session.execute(
        select(SubjectFinding, SubjectRequest)
        .join(SubjectRequest, SubjectRequest.id == SubjectFinding.request_id)
        .where(
            SubjectFinding.decision == FindingDecision.CORRECT.value,
            SubjectFinding.enforced_at.is_(None),
            SubjectFinding.correct_by < now,
        )
    ).all()
    for finding, request in owed:
        assert finding.correct_by is not None
        message = (
            f"Overdue: the correction the files commission ordered (request "
            f"{request.applicant}) was due on {finding.correct_by:%Y-%m-%d} UTC."
        )
        for agency_id in (finding.owner_agency_id, request.commission_agency_id):
            raised += hits.raise_alert(
                session,
                agency_id,
                "subject_correction_overdue",
                "person",
                finding.person_id,
                message,
                finding.correct_by,
            )
    return raised
