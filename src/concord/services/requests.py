"""Requests between agencies: drafted by an officer, approved by a supervisor before they leave
the agency, answered step by step by the requested agency, with messages, attachments,
deadlines and overdue alerts. Only the two parties see a request; to anyone else it does not
exist (404, never 403, so that its existence does not leak)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from concord.domain.access import Action, Sight, allowed_actions, require, sight
from concord.domain.directory import Actor
from concord.domain.errors import NotFound, PermissionDenied, ValidationFailed
from concord.domain.requests import (
    FINAL_STATES,
    FIRST_STATE,
    INTERNAL_STATES,
    RequestKind,
    RequestState,
    Side,
    Urgency,
    check_step,
    deadline_after,
    is_answer,
    parse_kind,
    parse_state,
    parse_urgency,
    side_due,
    steps,
)
from concord.services import audit, hits
from concord.services.common import (
    StrictModel,
    check_version,
    owner,
    record_access,
    stage_of_record,
)
from concord.services.persons import seen_view
from concord.services.views import AgencyRef, HitOnlyView, PersonView, agency_ref
from concord.storage.base import new_id, utcnow
from concord.storage.db import UnitOfWork
from concord.storage.tables import (
    CooperationRequest,
    Hit,
    Notice,
    Person,
    RequestAttachment,
    RequestEvent,
    RequestMessage,
)

MAX_ATTACHMENT_BYTES = 5_000_000
# What a bureau exchanges: documents, scans and photographs, plain data. Anything else (archives,
# executables, office macros) is refused rather than passed on to the other agency.
ATTACHMENT_TYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/tiff",
        "text/plain",
        "text/csv",
        "application/json",
        "application/xml",
    }
)


class RequestIn(StrictModel):
    kind: str
    requested_agency_id: int | None = None  # default: the owner of the hit or person
    title: str = Field(min_length=1, max_length=300)
    body: str = Field(default="", max_length=20_000)
    person_id: str | None = None
    notice_id: str | None = None
    hit_id: str | None = None
    follows_id: str | None = None  # e.g. the provisional arrest an extradition request follows
    urgency: str = "normal"


class RequestEventView(BaseModel):
    at: datetime
    username: str
    agency_id: int
    from_state: str | None
    to_state: str
    note: str


class MessageView(BaseModel):
    id: int
    at: datetime
    username: str
    agency: AgencyRef
    body: str


class AttachmentView(BaseModel):
    id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    at: datetime
    username: str
    agency_id: int


@dataclass(frozen=True)
class AttachmentContent:
    filename: str
    content_type: str
    sha256: str
    data: bytes


class RequestSummary(BaseModel):
    id: str
    reference: str
    kind: str
    state: str
    urgency: str
    title: str
    requesting: AgencyRef
    requested: AgencyRef
    requesting_country: str
    requested_country: str
    person_id: str | None
    notice_id: str | None
    hit_id: str | None
    follows_id: str | None
    drafted_by: str
    approved_by: str | None
    deadline: datetime | None
    deadline_side: str | None  # which side owes the next step
    overdue: bool
    sent_at: datetime | None
    first_answer_at: datetime | None
    response_hours: float | None
    closed_at: datetime | None
    my_side: str  # requesting | requested
    # The steps the actor may take now (target states), for the UI's buttons.
    allowed_steps: list[str]
    version: int
    created_at: datetime
    updated_at: datetime


class RequestView(RequestSummary):
    body: str
    person: PersonView | HitOnlyView | None
    events: list[RequestEventView]
    messages: list[MessageView]
    attachments: list[AttachmentView]


# --- loading and access ----------------------------------------------------------------------


def _side(actor: Actor, row: CooperationRequest) -> Side | None:
    if actor.agency_id == row.requesting_agency_id:
        return Side.REQUESTING
    if actor.agency_id == row.requested_agency_id and row.sent_at is not None:
        return Side.REQUESTED
    return None


def _load(uow: UnitOfWork, actor: Actor, request_id: str) -> tuple[CooperationRequest, Side]:
    require(actor, Action.READ, "read requests")
    row = uow.session.get(CooperationRequest, request_id)
    side = _side(actor, row) if row is not None else None
    if row is None or side is None:
        raise NotFound("No request with this id is visible to you.")
    return row, side


def _allowed(actor: Actor, row: CooperationRequest, side: Side) -> list[str]:
    actions = allowed_actions(actor)
    out = []
    for step in steps(RequestKind(row.kind), RequestState(row.state)):
        if step.side is not side:
            continue
        need = (
            Action.APPROVE if _needs_approve(step.target, step.needs_supervisor) else Action.CREATE
        )
        if need in actions:
            out.append(step.target.value)
    return out


def _needs_approve(target: RequestState, needs_supervisor: bool) -> bool:
    # Sending and calling back a sent request both speak for the agency: a supervisor's call.
    return needs_supervisor or target is RequestState.WITHDRAWN


def _summary_fields(
    uow: UnitOfWork, actor: Actor, row: CooperationRequest, side: Side
) -> dict[str, Any]:
    now = utcnow()
    due_side = (
        side_due(RequestKind(row.kind), RequestState(row.state)).value if row.deadline else None
    )
    return {
        "id": row.id,
        "reference": row.reference,
        "kind": row.kind,
        "state": row.state,
        "urgency": row.urgency,
        "title": row.title,
        "requesting": agency_ref(owner(uow.session, row.requesting_agency_id)),
        "requested": agency_ref(owner(uow.session, row.requested_agency_id)),
        "requesting_country": row.requesting_country,
        "requested_country": row.requested_country,
        "person_id": row.person_id,
        "notice_id": row.notice_id,
        "hit_id": row.hit_id,
        "follows_id": row.follows_id,
        "drafted_by": row.drafted_by,
        "approved_by": row.approved_by,
        "deadline": row.deadline,
        "deadline_side": due_side,
        "overdue": row.deadline is not None and row.deadline < now,
        "sent_at": row.sent_at,
        "first_answer_at": row.first_answer_at,
        "response_hours": row.response_hours,
        "closed_at": row.closed_at,
        "my_side": side.value,
        "allowed_steps": _allowed(actor, row, side),
        "version": row.version,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _person(
    uow: UnitOfWork, actor: Actor, person_id: str | None
) -> PersonView | HitOnlyView | None:
    if person_id is None:
        return None
    row = uow.session.get(Person, person_id)
    if row is None:
        return None
    seen = sight(actor, record_access(row, stage_of_record(row.status)))
    return seen_view(uow, row, seen) if seen is not Sight.NONE else None


def request_view(uow: UnitOfWork, actor: Actor, row: CooperationRequest, side: Side) -> RequestView:
    session = uow.session
    messages = session.execute(
        select(RequestMessage)
        .where(RequestMessage.request_id == row.id)
        .order_by(RequestMessage.id)
    ).scalars()
    files = session.execute(
        select(RequestAttachment)
        .where(RequestAttachment.request_id == row.id)
        .order_by(RequestAttachment.at, RequestAttachment.id)
    ).scalars()
    return RequestView(
        **_summary_fields(uow, actor, row, side),
        body=row.body,
        person=_person(uow, actor, row.person_id),
        events=[
            RequestEventView(
                at=e.at,
                username=e.username,
                agency_id=e.agency_id,
                from_state=e.from_state,
                to_state=e.to_state,
                note=e.note,
            )
            for e in row.events
        ],
        messages=[
            MessageView(
                id=m.id,
                at=m.at,
                username=m.username,
                agency=agency_ref(owner(session, m.agency_id)),
                body=m.body,
            )
            for m in messages
        ],
        attachments=[
            AttachmentView(
                id=f.id,
                filename=f.filename,
                content_type=f.content_type,
                size=f.size,
                sha256=f.sha256,
                at=f.at,
                username=f.username,
                agency_id=f.agency_id,
            )
            for f in files
        ],
    )


# --- use cases -------------------------------------------------------------------------------


def _check_links(uow: UnitOfWork, actor: Actor, data: RequestIn) -> tuple[int | None, Hit | None]:
    """Validate what the request refers to; returns the agency the links point to, if any."""
    session = uow.session
    target: int | None = None
    hit = None
    if data.hit_id is not None:
        hit = session.get(Hit, data.hit_id)
        if hit is None or actor.agency_id not in (hit.owner_agency_id, hit.searcher_agency_id):
            raise ValidationFailed("The hit does not exist or is not yours.", field="hit_id")
        target = hit.owner_agency_id if hit.searcher_agency_id == actor.agency_id else None
    if data.person_id is not None:
        person = session.get(Person, data.person_id)
        if (
            person is None
            or sight(actor, record_access(person, stage_of_record(person.status))) is Sight.NONE
        ):
            raise ValidationFailed(
                f"Person {data.person_id} does not exist or is not visible to you.",
                field="person_id",
            )
        if target is None and person.owner_agency_id != actor.agency_id:
            target = person.owner_agency_id
    if data.notice_id is not None:
        from concord.services.notices import notice_access

        notice = session.get(Notice, data.notice_id)
        if notice is None or sight(actor, notice_access(notice)) is Sight.NONE:
            raise ValidationFailed(
                f"Notice {data.notice_id} does not exist or is not visible to you.",
                field="notice_id",
            )
    if data.follows_id is not None:
        prior = session.get(CooperationRequest, data.follows_id)
        if prior is None or prior.requesting_agency_id != actor.agency_id:
            raise ValidationFailed(
                "The request this one follows must be one your agency sent.", field="follows_id"
            )
        if target is None:
            target = prior.requested_agency_id
    return target, hit


def create_request(
    uow: UnitOfWork, actor: Actor, data: RequestIn, *, at: datetime | None = None
) -> RequestView:
    """An officer drafts a request; nothing leaves the agency until a supervisor approves it.
    (`at` back-dates historical cases on import; interfaces never pass it.)"""
    require(actor, Action.CREATE, "draft requests")
    kind = parse_kind(data.kind)
    urgency = parse_urgency(data.urgency)
    linked, _ = _check_links(uow, actor, data)
    requested_id = data.requested_agency_id or linked
    if requested_id is None:
        raise ValidationFailed(
            "Name the requested agency (or link a hit or a record of another agency).",
            field="requested_agency_id",
        )
    if requested_id == actor.agency_id:
        raise ValidationFailed(
            "A request goes to another agency, not your own.", field="requested_agency_id"
        )
    requesting = owner(uow.session, actor.agency_id)
    try:
        requested = owner(uow.session, requested_id)
    except NotFound as exc:
        raise ValidationFailed(
            f"Agency {requested_id} does not exist.", field="requested_agency_id"
        ) from exc
    when = at or utcnow()
    rid = new_id()
    row = CooperationRequest(
        id=rid,
        reference=f"RQ-{when.year}-{rid[:8].upper()}",
        kind=kind.value,
        state=RequestState.DRAFT.value,
        urgency=urgency.value,
        title=data.title,
        body=data.body,
        requesting_agency_id=requesting.id,
        requested_agency_id=requested.id,
        requesting_country=requesting.country_code,
        requested_country=requested.country_code,
        person_id=data.person_id,
        notice_id=data.notice_id,
        hit_id=data.hit_id,
        follows_id=data.follows_id,
        drafted_by=actor.username,
        created_at=when,
        updated_at=when,
    )
    uow.session.add(row)
    uow.session.flush()
    _event(uow.session, actor, row, None, RequestState.DRAFT, "", when)
    audit.record(
        uow.session,
        actor,
        "request.create",
        "request",
        row.id,
        {"kind": row.kind, "requested_agency": requested.id, "title": row.title},
    )
    return request_view(uow, actor, row, Side.REQUESTING)


def _event(
    session: Session,
    actor: Actor,
    row: CooperationRequest,
    before: RequestState | None,
    after: RequestState,
    note: str,
    at: datetime,
) -> None:
    row.events.append(
        RequestEvent(
            at=at,
            user_id=actor.user_id,
            username=actor.username,
            agency_id=actor.agency_id,
            from_state=before.value if before else None,
            to_state=after.value,
            note=note,
        )
    )
    session.flush()


def transition_request(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    target: str,
    note: str = "",
    *,
    version: int | None = None,
    at: datetime | None = None,
) -> RequestView:
    """Move a request one step. Each side may only take its own steps: the requesting agency
    submits, approves (supervisor), cancels or withdraws; the requested agency answers."""
    row, side = advance(uow, actor, request_id, target, note, version=version, at=at)
    return request_view(uow, actor, row, side)


def advance(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    target: str,
    note: str = "",
    *,
    version: int | None = None,
    at: datetime | None = None,
) -> tuple[CooperationRequest, Side]:
    """`transition_request` without building the view (bulk imports and the demo). `at`
    back-dates a historical step; interfaces never pass it."""
    row, side = _load(uow, actor, request_id)
    if version is not None:
        check_version(row, version, "This request")  # type: ignore[arg-type]
    kind, current = RequestKind(row.kind), RequestState(row.state)
    goal = parse_state(target)
    step = check_step(kind, current, goal, side)
    if _needs_approve(goal, step.needs_supervisor):
        require(actor, Action.APPROVE, "send or withdraw requests for the agency")
    else:
        require(actor, Action.CREATE, "work on requests")
    if (
        goal in (RequestState.REFUSED, RequestState.NOT_FOUND, RequestState.WITHDRAWN)
        and not note.strip()
    ):
        raise ValidationFailed(f"Give the reason for '{goal.value}'.", field="note")
    when = at or utcnow()
    record_step(row, current, goal, side, actor.username, when)
    if row.sent_at == when and current in INTERNAL_STATES:
        _meet_follow_up(uow.session, actor, row, when)
    uow.session.flush()
    _event(uow.session, actor, row, current, goal, note.strip(), when)
    audit.record(
        uow.session,
        actor,
        f"request.{goal.value}",
        "request",
        row.id,
        {"from": current.value, "to": goal.value, "note": note.strip()},
    )
    return row, side


def record_step(
    row: CooperationRequest,
    current: RequestState,
    goal: RequestState,
    side: Side,
    username: str,
    when: datetime,
) -> None:
    """The bookkeeping of a checked step: state, deadline, sending, first answer, closing."""
    kind = RequestKind(row.kind)
    row.state = goal.value
    row.updated_at = when
    row.deadline = deadline_after(kind, goal, when, Urgency(row.urgency))
    if goal is FIRST_STATE[kind] and current in INTERNAL_STATES:
        row.sent_at, row.approved_by = when, username
    if side is Side.REQUESTED and is_answer(current) and row.first_answer_at is None:
        _first_answer(row, when)
    if goal in FINAL_STATES:
        row.closed_at = when


def _first_answer(row: CooperationRequest, when: datetime) -> None:
    row.first_answer_at = when
    if row.sent_at is not None:
        row.response_hours = round((when - row.sent_at).total_seconds() / 3600, 3)


def _meet_follow_up(
    session: Session, actor: Actor, row: CooperationRequest, when: datetime
) -> None:
    """An extradition request sent after a provisional arrest meets the arrest's deadline."""
    if row.follows_id is None:
        return
    prior = session.get(CooperationRequest, row.follows_id)
    if (
        prior is not None
        and prior.deadline is not None
        and prior.state == RequestState.ARRESTED.value
    ):
        prior.deadline = None
        _event(
            session,
            actor,
            prior,
            RequestState.ARRESTED,
            RequestState.ARRESTED,
            f"Extradition request {row.reference} sent.",
            when,
        )


def submit_request(uow: UnitOfWork, actor: Actor, request_id: str, note: str = "") -> RequestView:
    """Officer: ask a supervisor of the agency to approve the draft."""
    return transition_request(uow, actor, request_id, RequestState.AWAITING_APPROVAL.value, note)


def approve_request(uow: UnitOfWork, actor: Actor, request_id: str, note: str = "") -> RequestView:
    """Supervisor of the requesting agency: let the request leave the agency."""
    row, side = _load(uow, actor, request_id)
    if side is not Side.REQUESTING:
        raise PermissionDenied("Only a supervisor of the requesting agency approves a request.")
    first = FIRST_STATE[RequestKind(row.kind)]
    return transition_request(uow, actor, request_id, first.value, note)


def get_request(uow: UnitOfWork, actor: Actor, request_id: str) -> RequestView:
    row, side = _load(uow, actor, request_id)
    audit.record(uow.session, actor, "request.view", "request", row.id)
    return request_view(uow, actor, row, side)


def list_requests(
    uow: UnitOfWork,
    actor: Actor,
    *,
    box: str = "all",
    state: str | None = None,
    kind: str | None = None,
    open_only: bool = False,
    overdue_only: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[RequestSummary]:
    """The agency's requests: `box` is all, outgoing (it asked) or incoming (it was asked)."""
    require(actor, Action.READ, "list requests")
    outgoing = CooperationRequest.requesting_agency_id == actor.agency_id
    incoming = and_(
        CooperationRequest.requested_agency_id == actor.agency_id,
        CooperationRequest.sent_at.is_not(None),
    )
    boxes = {"all": or_(outgoing, incoming), "outgoing": outgoing, "incoming": incoming}
    if box not in boxes:
        raise ValidationFailed("box is all, outgoing or incoming.", field="box")
    q = select(CooperationRequest).where(boxes[box])
    if state:
        q = q.where(CooperationRequest.state == parse_state(state).value)
    if kind:
        q = q.where(CooperationRequest.kind == parse_kind(kind).value)
    if open_only:
        q = q.where(CooperationRequest.state.not_in([s.value for s in FINAL_STATES]))
    if overdue_only:
        q = q.where(CooperationRequest.deadline < utcnow())
    q = (
        q.order_by(CooperationRequest.updated_at.desc(), CooperationRequest.id)
        .limit(min(max(limit, 1), 500))
        .offset(max(offset, 0))
    )
    out = []
    for row in uow.session.execute(q).scalars():
        side = _side(actor, row)
        if side is not None:
            out.append(RequestSummary(**_summary_fields(uow, actor, row, side)))
    audit.record(
        uow.session,
        actor,
        "request.list",
        "request",
        None,
        {"box": box, "state": state, "kind": kind, "returned": [r.id for r in out]},
    )
    return out


def post_message(uow: UnitOfWork, actor: Actor, request_id: str, body: str) -> MessageView:
    row, side = _load(uow, actor, request_id)
    require(actor, Action.CREATE, "write on requests")
    text = body.strip()
    if not text:
        raise ValidationFailed("The message is empty.", field="body")
    if len(text) > 20_000:
        raise ValidationFailed("A message holds at most 20,000 characters.", field="body")
    now = utcnow()
    msg = RequestMessage(
        request_id=row.id,
        at=now,
        user_id=actor.user_id,
        username=actor.username,
        agency_id=actor.agency_id,
        body=text,
    )
    uow.session.add(msg)
    if side is Side.REQUESTED and row.first_answer_at is None:
        _first_answer(row, now)
    row.updated_at = now
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "request.message",
        "request",
        row.id,
        {"message": msg.id, "chars": len(text)},
    )
    return MessageView(
        id=msg.id,
        at=msg.at,
        username=msg.username,
        agency=agency_ref(owner(uow.session, actor.agency_id)),
        body=text,
    )


def add_attachment(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    filename: str,
    content_type: str,
    data: bytes,
    *,
    max_bytes: int = MAX_ATTACHMENT_BYTES,
) -> AttachmentView:
    row, _ = _load(uow, actor, request_id)
    require(actor, Action.CREATE, "attach files to requests")
    name = (filename or "").strip().replace("/", "_").replace("\\", "_")[:255]
    ctype = (content_type or "").split(";")[0].strip().lower()
    if not name:
        raise ValidationFailed("The file needs a name.", field="filename")
    if ctype not in ATTACHMENT_TYPES:
        raise ValidationFailed(
            f"Files of type '{ctype or 'unknown'}' are not accepted; send one of: "
            + ", ".join(sorted(ATTACHMENT_TYPES))
            + ".",
            field="content_type",
        )
    if not data:
        raise ValidationFailed("The file is empty.", field="file")
    if len(data) > max_bytes:
        raise ValidationFailed(
            f"The file has {len(data):,} bytes; the limit is {max_bytes:,}.", field="file"
        )
    digest = hashlib.sha256(data).hexdigest()
    item = RequestAttachment(
        request_id=row.id,
        filename=name,
        content_type=ctype,
        size=len(data),
        sha256=digest,
        data=data,
        at=utcnow(),
        user_id=actor.user_id,
        username=actor.username,
        agency_id=actor.agency_id,
    )
    uow.session.add(item)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "request.attachment.add",
        "request",
        row.id,
        {"attachment": item.id, "filename": name, "size": item.size, "sha256": digest},
    )
    return AttachmentView(
        id=item.id,
        filename=name,
        content_type=ctype,
        size=item.size,
        sha256=digest,
        at=item.at,
        username=item.username,
        agency_id=item.agency_id,
    )


def get_attachment(
    uow: UnitOfWork, actor: Actor, request_id: str, attachment_id: str
) -> AttachmentContent:
    row, _ = _load(uow, actor, request_id)
    item = uow.session.get(RequestAttachment, attachment_id)
    if item is None or item.request_id != row.id:
        raise NotFound("No attachment with this id on this request.")
    audit.record(
        uow.session,
        actor,
        "request.attachment.download",
        "request",
        row.id,
        {"attachment": item.id, "sha256": item.sha256},
    )
    return AttachmentContent(item.filename, item.content_type, item.sha256, bytes(item.data))


# --- deadlines -------------------------------------------------------------------------------


def raise_overdue_alerts(uow: UnitOfWork, *, now: datetime | None = None) -> int:
    """Alert the side that owes a step on every request and hit past its deadline.
    Idempotent: one alert per request state and per hit. Returns the number of new alerts."""
    now = now or utcnow()
    session = uow.session
    raised = 0
    overdue = session.execute(
        select(CooperationRequest).where(
            CooperationRequest.deadline.is_not(None),
            CooperationRequest.deadline < now,
            CooperationRequest.state.not_in(
                [RequestState.CANCELLED.value, RequestState.WITHDRAWN.value]
            ),
        )
    ).scalars()
    for row in overdue:
        kind, state = RequestKind(row.kind), RequestState(row.state)
        owing = side_due(kind, state)
        agency = row.requested_agency_id if owing is Side.REQUESTED else row.requesting_agency_id
        assert row.deadline is not None
        what = (
            f"the extradition request for {row.reference} was due"
            if owing is Side.REQUESTING
            else f"an answer to {kind.value.replace('_', ' ')} request {row.reference} "
            f"({state.value.replace('_', ' ')}) was due"
        )
        raised += hits.raise_alert(
            session,
            agency,
            "request_overdue",
            "request",
            f"{row.id}:{state.value}",
            f"Overdue: {what} on {row.deadline:%Y-%m-%d %H:%M} UTC.",
            row.deadline,
        )
    for hit in hits.overdue_hits(session, now):
        raised += hits.raise_alert(
            session,
            hit.owner_agency_id,
            "hit_overdue",
            "hit",
            hit.id,
            f"Overdue: the hit by {hit.searcher_username} ({hit.searcher_country.upper()}) "
            f"was to be answered by {hit.answer_due_at:%Y-%m-%d %H:%M} UTC.",
            hit.answer_due_at,
        )
    return raised
