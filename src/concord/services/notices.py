"""Notices and diffusions: drafting, sending, General Secretariat review, cancellation."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from pydantic import Field
from sqlalchemy import select

from concord.domain import neutrality
from concord.domain.access import Action, ItemAccess, Sight, require, require_change, sight
from concord.domain.directory import Actor
from concord.domain.errors import NotFound, PermissionDenied, ValidationFailed
from concord.domain.notices import (
    STAGE_OF,
    TRANSITIONS,
    Channel,
    NoticeContent,
    NoticeKind,
    NoticeStatus,
    SubjectStatus,
    check_transition,
    validate_content,
)
from concord.services import audit
from concord.services.common import (
    RestrictionsIn,
    StrictModel,
    apply_restrictions,
    check_version,
    default_review_date,
    owner,
    record_access,
    require_read,
    stage_of_record,
    visible_filter,
)
from concord.services.persons import load as load_person
from concord.services.persons import seen_view
from concord.services.views import NoticeView, agency_ref, restrictions_of, restrictions_view
from concord.storage.base import new_id, utcnow
from concord.storage.db import UnitOfWork
from concord.storage.tables import Notice, Person


class NoticeIn(StrictModel):
    kind: str
    channel: str = "notice"
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20_000)
    person_id: str | None = None
    offence: str | None = Field(default=None, max_length=500)
    legal_basis: str | None = Field(default=None, max_length=500)
    warrant_reference: str | None = Field(default=None, max_length=200)
    issuing_authority: str | None = Field(default=None, max_length=300)
    subject_status: str | None = None
    max_penalty_months: int | None = Field(default=None, ge=0, le=1200)
    remaining_sentence_months: int | None = Field(default=None, ge=0, le=1200)
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)
    review_date: date | None = None


class NoticePatch(StrictModel):
    version: int
    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    person_id: str | None = None
    offence: str | None = Field(default=None, max_length=500)
    legal_basis: str | None = Field(default=None, max_length=500)
    warrant_reference: str | None = Field(default=None, max_length=200)
    issuing_authority: str | None = Field(default=None, max_length=300)
    subject_status: str | None = None
    max_penalty_months: int | None = Field(default=None, ge=0, le=1200)
    remaining_sentence_months: int | None = Field(default=None, ge=0, le=1200)
    restrictions: RestrictionsIn | None = None
    review_date: date | None = None


E = TypeVar("E", NoticeKind, Channel, SubjectStatus)


def _enum(cls: type[E], raw: str, field: str) -> E:
    try:
        return cls(raw)
    except ValueError as exc:
        allowed = ", ".join(v.value for v in cls)
        raise ValidationFailed(
            f"Unknown {field} '{raw}': use one of {allowed}.", field=field
        ) from exc


def notice_access(row: Notice) -> ItemAccess:
    return record_access(row, STAGE_OF[NoticeStatus(row.status)])


def notice_view(uow: UnitOfWork, actor: Actor, row: Notice) -> NoticeView:
    person = None
    if row.person_id is not None:
        subject = load_person(uow, row.person_id)
        seen = sight(actor, record_access(subject, stage_of_record(subject.status)))
        # A published notice shows its subject to everyone who may see the notice.
        if seen is Sight.NONE and sight(actor, notice_access(row)) is Sight.FULL:
            seen = Sight.FULL
        person = seen_view(uow, subject, seen) if seen is not Sight.NONE else None
    return NoticeView(
        id=row.id,
        reference=row.reference,
        kind=row.kind,
        channel=row.channel,
        status=row.status,
        title=row.title,
        description=row.description,
        person=person,
        offence=row.offence,
        legal_basis=row.legal_basis,
        warrant_reference=row.warrant_reference,
        issuing_authority=row.issuing_authority,
        subject_status=row.subject_status,
        max_penalty_months=row.max_penalty_months,
        remaining_sentence_months=row.remaining_sentence_months,
        review_notes=list(row.review_notes or []),
        owner=agency_ref(owner(uow.session, row.owner_agency_id)),
        restrictions=restrictions_view(restrictions_of(row)),
        review_date=row.review_date,
        published_at=row.published_at,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _subject(uow: UnitOfWork, actor: Actor, person_id: str | None) -> Person | None:
    if person_id is None:
        return None
    person = uow.session.get(Person, person_id)
    if (
        person is None
        or sight(actor, record_access(person, stage_of_record(person.status))) is not Sight.FULL
    ):
        raise ValidationFailed(
            f"Person {person_id} does not exist or is not visible to you.", field="person_id"
        )
    return person


def _content(row: Notice, person: Person | None) -> NoticeContent:
    identifiable = bool(person and person.names and (person.birth_date or person.identifiers))
    return NoticeContent(
        kind=NoticeKind(row.kind),
        channel=Channel(row.channel),
        has_subject=person is not None,
        subject_identifiable=identifiable,
        title=row.title,
        offence=row.offence,
        legal_basis=row.legal_basis,
        warrant_reference=row.warrant_reference,
        subject_status=SubjectStatus(row.subject_status) if row.subject_status else None,
        max_penalty_months=row.max_penalty_months,
        remaining_sentence_months=row.remaining_sentence_months,
        restrictions=restrictions_of(row),
    )


def _apply(row: Notice, data: NoticeIn | NoticePatch) -> None:
    for name in (
        "title",
        "description",
        "offence",
        "legal_basis",
        "warrant_reference",
        "issuing_authority",
        "max_penalty_months",
        "remaining_sentence_months",
    ):
        if name in data.model_fields_set or isinstance(data, NoticeIn):
            value = getattr(data, name)
            if value is not None or isinstance(data, NoticePatch):
                setattr(row, name, value)
    if data.subject_status is not None:
        row.subject_status = _enum(SubjectStatus, data.subject_status, "subject_status").value
    if data.restrictions is not None:
        apply_restrictions(row, data.restrictions.build())
    if data.review_date is not None:
        if data.review_date <= date.today():
            raise ValidationFailed("The review date must lie in the future.", field="review_date")
        row.review_date = data.review_date


def create_notice(uow: UnitOfWork, actor: Actor, data: NoticeIn) -> NoticeView:
    require(actor, Action.CREATE, "draft notices")
    kind = _enum(NoticeKind, data.kind, "kind")
    channel = _enum(Channel, data.channel, "channel")
    person = _subject(uow, actor, data.person_id)
    nid = new_id()
    row = Notice(
        id=nid,
        kind=kind.value,
        channel=channel.value,
        status=NoticeStatus.DRAFT.value,
        reference=f"{kind.value[0].upper()}{'D' if channel is Channel.DIFFUSION else ''}-"
        f"{date.today().year}-{nid[:8].upper()}",
        owner_agency_id=actor.agency_id,
        person_id=person.id if person else None,
        review_date=default_review_date(),
        review_notes=[],
    )
    _apply(row, data)
    uow.session.add(row)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "notice.create",
        "notice",
        row.id,
        {"kind": row.kind, "channel": row.channel, "title": row.title},
    )
    return notice_view(uow, actor, row)


def _load(uow: UnitOfWork, actor: Actor, notice_id: str) -> tuple[Notice, Sight]:
    row = uow.session.get(Notice, notice_id)
    if row is None:
        require(actor, Action.READ, "read notices")
        raise NotFound("No notice with this id is visible to you.")
    return row, require_read(actor, notice_access(row), "notice")


def get_notice(uow: UnitOfWork, actor: Actor, notice_id: str) -> NoticeView:
    row, seen = _load(uow, actor, notice_id)
    if seen is not Sight.FULL:
        raise NotFound("No notice with this id is visible to you.")
    audit.record(uow.session, actor, "notice.view", "notice", row.id)
    return notice_view(uow, actor, row)


def update_notice(uow: UnitOfWork, actor: Actor, notice_id: str, patch: NoticePatch) -> NoticeView:
    row, _ = _load(uow, actor, notice_id)
    require_change(actor, notice_access(row), "a notice")
    if row.status not in (NoticeStatus.DRAFT.value, NoticeStatus.UNDER_REVIEW.value):
        raise ValidationFailed(
            f"A {row.status} notice cannot be edited; cancel it and draft a new one."
        )
    check_version(row, patch.version, "This notice")
    if "person_id" in patch.model_fields_set:
        person = _subject(uow, actor, patch.person_id)
        row.person_id = person.id if person else None
    _apply(row, patch)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "notice.update",
        "notice",
        row.id,
        {"fields": sorted(patch.model_fields_set - {"version"})},
    )
    return notice_view(uow, actor, row)


def _move(
    uow: UnitOfWork, actor: Actor, row: Notice, target: NoticeStatus, note: str | None
) -> None:
    check_transition(NoticeStatus(row.status), target, Channel(row.channel))
    before = row.status
    row.status = target.value
    if target is NoticeStatus.PUBLISHED:
        row.published_at = utcnow()
    if note:
        row.review_notes = [
            *row.review_notes,
            {
                "by": actor.username,
                "status": target.value,
                "note": note,
                "at": utcnow().isoformat(),
            },
        ]
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        f"notice.{target.value}",
        "notice",
        row.id,
        {"from": before, "to": target.value, "note": note},
    )


def submit_notice(uow: UnitOfWork, actor: Actor, notice_id: str, version: int) -> NoticeView:
    """A supervisor lets a notice leave the agency: to the GS queue, or straight out as a diffusion."""
    require(actor, Action.APPROVE, "send notices and diffusions out of the agency")
    row, _ = _load(uow, actor, notice_id)
    if row.owner_agency_id != actor.agency_id:
        raise PermissionDenied("Only the owner agency sends its notice.")
    check_version(row, version, "This notice")
    validate_content(_content(row, row.person))
    concerns = neutrality.check(
        {f: getattr(row, f) for f in ("title", "offence", "description", "legal_basis")}
        | {"subject note": row.person.note if row.person else None}
    )
    if concerns:  # held for GS review, even a diffusion, with the reasons shown
        before, row.status = row.status, NoticeStatus.UNDER_REVIEW.value
        row.review_notes = [*row.review_notes, *neutrality.notes(concerns, utcnow().isoformat())]
        uow.session.flush()
        audit.record(
            uow.session,
            actor,
            "notice.held_for_review",
            "notice",
            row.id,
            {"from": before, "reasons": neutrality.reasons(concerns)},
        )
        return notice_view(uow, actor, row)
    target = (
        NoticeStatus.PUBLISHED
        if row.channel == Channel.DIFFUSION.value
        else NoticeStatus.UNDER_REVIEW
    )
    _move(uow, actor, row, target, None)
    return notice_view(uow, actor, row)


def review_notice(
    uow: UnitOfWork,
    actor: Actor,
    notice_id: str,
    version: int,
    decision: str,
    note: str | None = None,
) -> NoticeView:
    require(actor, Action.REVIEW, "review notices")
    row, _ = _load(uow, actor, notice_id)
    check_version(row, version, "This notice")
    targets = {
        "publish": NoticeStatus.PUBLISHED,
        "refuse": NoticeStatus.REFUSED,
        "return": NoticeStatus.DRAFT,
    }
    if decision not in targets:
        raise ValidationFailed("The decision is publish, refuse or return.", field="decision")
    if decision != "publish" and not note:
        raise ValidationFailed(
            "Give the reason for refusing or returning the notice.", field="note"
        )
    _move(uow, actor, row, targets[decision], note)
    return notice_view(uow, actor, row)


def cancel_notice(
    uow: UnitOfWork, actor: Actor, notice_id: str, version: int, reason: str
) -> NoticeView:
    row, _ = _load(uow, actor, notice_id)
    require_change(actor, notice_access(row), "a notice")
    if row.owner_agency_id == actor.agency_id:
        require(actor, Action.APPROVE, "cancel notices")
    check_version(row, version, "This notice")
    if not reason.strip():
        raise ValidationFailed("Give the reason for the cancellation.", field="reason")
    _move(uow, actor, row, NoticeStatus.CANCELLED, reason)
    return notice_view(uow, actor, row)


def cancel_notices_about(uow: UnitOfWork, actor: Actor, person_id: str, reason: str) -> int:
    """Cancel every notice about a person that can still be cancelled: the files commission's
    erasure of the person binds the owner, so no owner's approval is asked."""
    rows = uow.session.execute(select(Notice).where(Notice.person_id == person_id)).scalars()
    cancellable = [r for r in rows if NoticeStatus.CANCELLED in TRANSITIONS[NoticeStatus(r.status)]]
    for row in cancellable:
        _move(uow, actor, row, NoticeStatus.CANCELLED, reason)
    return len(cancellable)


def list_notices(
    uow: UnitOfWork,
    actor: Actor,
    *,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[NoticeView]:
    require(actor, Action.READ, "list notices")
    q = select(Notice).where(
        visible_filter(
            Notice,
            actor,
            Notice.status,
            (NoticeStatus.PUBLISHED.value,),
            (NoticeStatus.DRAFT.value,),
        )
    )
    if status:
        q = q.where(Notice.status == _enum_status(status))
    if kind:
        q = q.where(Notice.kind == _enum(NoticeKind, kind, "kind").value)
    q = (
        q.order_by(Notice.created_at.desc(), Notice.id)
        .limit(min(max(limit, 1), 500))
        .offset(max(offset, 0))
    )
    out = [
        notice_view(uow, actor, r)
        for r in uow.session.execute(q).scalars()
        if sight(actor, notice_access(r)) is Sight.FULL
    ]
    audit.record(
        uow.session,
        actor,
        "notice.list",
        "notice",
        None,
        {"status": status, "kind": kind, "returned": [v.id for v in out]},
    )
    return out


def _enum_status(raw: str) -> str:
    try:
        return NoticeStatus(raw).value
    except ValueError as exc:
        allowed = ", ".join(s.value for s in NoticeStatus)
        raise ValidationFailed(
            f"Unknown status '{raw}': use one of {allowed}.", field="status"
        ) from exc
