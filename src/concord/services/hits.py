"""Hits: a search that matched another agency's record. The owner is told at once (an inbox row
and, if the agency has a webhook, an outbox message in the same transaction) and must answer
within `settings.hit_answer_hours`. Alerts about deadlines share the same inbox."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from concord.domain.access import Action, Sight, allowed_actions, require
from concord.domain.directory import Actor
from concord.domain.errors import NotFound, ValidationFailed
from concord.matching import DEFAULT_THRESHOLD
from concord.services import audit, outbox
from concord.services.common import owner
from concord.services.views import AgencyRef, agency_ref
from concord.settings import Settings
from concord.storage.base import utcnow
from concord.storage.db import UnitOfWork
from concord.storage.tables import Agency, Alert, Hit, Person

DEFAULT_ANSWER_HOURS: int = Settings.model_fields["hit_answer_hours"].default


class HitView(BaseModel):
    id: str
    object_type: str
    record_id: str
    # The owner sees its own record's name; the searching side gets None.
    record_label: str | None
    owner: AgencyRef
    searcher: AgencyRef
    searcher_username: str
    searcher_country: str
    score: float
    hit_only: bool
    query_summary: dict[str, Any]
    searched_at: datetime
    # Searches of the same record by the same agency after the first, while the hit was open.
    repeats: int
    last_searched_at: datetime | None
    answer_due_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    answered_at: datetime | None
    answered_by: str | None
    answer: str | None
    state: str  # new | acknowledged | answered
    overdue: bool
    mine: bool  # True when the actor's agency owns the record (the inbox side)


class AlertView(BaseModel):
    id: int
    kind: str
    object_type: str
    object_id: str
    message: str
    due_at: datetime | None
    created_at: datetime
    read_at: datetime | None
    read_by: str | None


def _state(row: Hit) -> str:
    if row.answered_at is not None:
        return "answered"
    if row.acknowledged_at is not None:
        return "acknowledged"
    return "new"


def hit_view(uow: UnitOfWork, actor: Actor, row: Hit, now: datetime | None = None) -> HitView:
    now = now or utcnow()
    mine = row.owner_agency_id == actor.agency_id
    label = None
    if mine:
        person = uow.session.get(Person, row.record_id)
        label = person.names[0]["full"] if person is not None and person.names else None
    return HitView(
        id=row.id,
        object_type=row.object_type,
        record_id=row.record_id,
        record_label=label,
        owner=agency_ref(owner(uow.session, row.owner_agency_id)),
        searcher=agency_ref(owner(uow.session, row.searcher_agency_id)),
        searcher_username=row.searcher_username,
        searcher_country=row.searcher_country,
        score=row.score,
        hit_only=row.hit_only,
        query_summary=dict(row.query_summary or {}),
        searched_at=row.searched_at,
        repeats=row.repeats,
        last_searched_at=row.last_searched_at,
        answer_due_at=row.answer_due_at,
        acknowledged_at=row.acknowledged_at,
        acknowledged_by=row.acknowledged_by,
        answered_at=row.answered_at,
        answered_by=row.answered_by,
        answer=row.answer,
        state=_state(row),
        overdue=row.answered_at is None and row.answer_due_at < now,
        mine=mine,
    )


def record_hits(
    uow: UnitOfWork,
    actor: Actor,
    found: list[tuple[str, float, Sight]],
    query_summary: dict[str, Any],
    *,
    answer_hours: int = DEFAULT_ANSWER_HOURS,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[str]:
    """Create a hit for each (person id, score, sight) on another agency's record scoring at
    least `threshold`, and queue the owners' webhooks. Returns the new hit ids."""
    ids: list[str] = []
    for record_id, score, seen in found:
        if score < threshold:
            continue
        person = uow.session.get(Person, record_id)
        if person is None:
            continue
        hit_id = record_hit(
            uow,
            actor,
            "person",
            record_id,
            person.owner_agency_id,
            score,
            hit_only=seen is Sight.HIT_ONLY,
            query_summary=query_summary,
            answer_hours=answer_hours,
        )
        if hit_id is not None:
            ids.append(hit_id)
    return ids


def record_hit(
    uow: UnitOfWork,
    actor: Actor,
    object_type: str,
    record_id: str,
    owner_agency_id: int,
    score: float,
    *,
    hit_only: bool,
    query_summary: dict[str, Any],
    answer_hours: int = DEFAULT_ANSWER_HOURS,
    event: str = "hit.created",
) -> str | None:
    """One hit on one record of another agency (persons, indicators, ...): stored, audited, and
    the owner's webhook queued in the same transaction. None when the record is the searcher's own.

    A search that the same agency repeats while its hit on the record is still unanswered is
    counted on that hit (and audited) instead: the owner is not told twice, nor given a second
    deadline, for one question. Other events (sightings) are news each time."""
    if owner_agency_id == actor.agency_id:
        return None
    now = utcnow()
    if event == "hit.created":
        repeated = _open_hit(uow.session, object_type, record_id, actor.agency_id)
        if repeated is not None:
            repeated.repeats += 1
            repeated.last_searched_at = now
            repeated.score = max(repeated.score, round(score, 4))
            audit.record(
                uow.session,
                actor,
                "hit.repeat",
                "hit",
                repeated.id,
                {"record_type": object_type, "record": record_id, "score": round(score, 4)},
            )
            return repeated.id
    searcher = owner(uow.session, actor.agency_id)
    record_owner = owner(uow.session, owner_agency_id)
    row = Hit(
        object_type=object_type,
        record_id=record_id,
        owner_agency_id=record_owner.id,
        owner_country=record_owner.country_code,
        searcher_agency_id=actor.agency_id,
        searcher_user_id=actor.user_id,
        searcher_username=actor.username,
        searcher_country=searcher.country_code,
        score=round(score, 4),
        hit_only=hit_only,
        query_summary=query_summary,
        searched_at=now,
        answer_due_at=now + timedelta(hours=answer_hours),
    )
    uow.session.add(row)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "hit.create",
        "hit",
        row.id,
        {
            "record_type": object_type,
            "record": record_id,
            "owner_agency": record_owner.id,
            "score": row.score,
        },
    )
    outbox.enqueue_webhook(
        uow.session,
        record_owner,
        event,
        {
            "hit_id": row.id,
            "record_type": object_type,
            "record_id": record_id,
            "score": row.score,
            "searched_at": now.isoformat(),
            "answer_due_at": row.answer_due_at.isoformat(),
            "searcher": {
                "agency": searcher.name,
                "country": searcher.country_code,
                "user": actor.username,
            },
        },
    )
    return row.id


def _open_hit(
    session: Session, object_type: str, record_id: str, searcher_agency_id: int
) -> Hit | None:
    return session.execute(
        select(Hit)
        .where(
            Hit.object_type == object_type,
            Hit.record_id == record_id,
            Hit.searcher_agency_id == searcher_agency_id,
            Hit.answered_at.is_(None),
        )
        .order_by(Hit.searched_at.desc())
        .limit(1)
    ).scalar_one_or_none()


def list_hits(
    uow: UnitOfWork,
    actor: Actor,
    *,
    box: str = "inbox",
    state: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[HitView]:
    """`box="inbox"`: hits on the agency's records; `box="sent"`: hits its searches produced.
    `state`: new, acknowledged, answered, open (not answered) or overdue."""
    require(actor, Action.READ, "list hits")
    if box not in ("inbox", "sent"):
        raise ValidationFailed("box is 'inbox' or 'sent'.", field="box")
    now = utcnow()
    q = select(Hit).where(
        (Hit.owner_agency_id if box == "inbox" else Hit.searcher_agency_id) == actor.agency_id
    )
    if state == "new":
        q = q.where(Hit.acknowledged_at.is_(None), Hit.answered_at.is_(None))
    elif state == "acknowledged":
        q = q.where(Hit.acknowledged_at.is_not(None), Hit.answered_at.is_(None))
    elif state == "answered":
        q = q.where(Hit.answered_at.is_not(None))
    elif state == "open":
        q = q.where(Hit.answered_at.is_(None))
    elif state == "overdue":
        q = q.where(Hit.answered_at.is_(None), Hit.answer_due_at < now)
    elif state:
        raise ValidationFailed(
            "state is new, acknowledged, answered, open or overdue.", field="state"
        )
    q = q.order_by(Hit.searched_at.desc(), Hit.id).limit(min(max(limit, 1), 500)).offset(offset)
    out = [hit_view(uow, actor, r, now) for r in uow.session.execute(q).scalars()]
    audit.record(
        uow.session, actor, "hit.list", "hit", None, {"box": box, "returned": [h.id for h in out]}
    )
    return out


def _load(uow: UnitOfWork, actor: Actor, hit_id: str) -> Hit:
    require(actor, Action.READ, "read hits")
    row = uow.session.get(Hit, hit_id)
    if row is None or actor.agency_id not in (row.owner_agency_id, row.searcher_agency_id):
        raise NotFound("No hit with this id is visible to you.")
    return row


def _load_owned(uow: UnitOfWork, actor: Actor, hit_id: str) -> Hit:
    row = _load(uow, actor, hit_id)
    if row.owner_agency_id != actor.agency_id:
        raise NotFound("No hit on your agency's records has this id.")
    require(actor, Action.CREATE, "answer hits")
    return row


def get_hit(uow: UnitOfWork, actor: Actor, hit_id: str) -> HitView:
    row = _load(uow, actor, hit_id)
    audit.record(uow.session, actor, "hit.view", "hit", row.id)
    return hit_view(uow, actor, row)


def acknowledge_hit(uow: UnitOfWork, actor: Actor, hit_id: str) -> HitView:
    """The owner has seen the hit (idempotent: the first acknowledgement stands)."""
    row = _load_owned(uow, actor, hit_id)
    if row.acknowledged_at is None:
        row.acknowledged_at = utcnow()
        row.acknowledged_by = actor.username
        uow.session.flush()
        audit.record(uow.session, actor, "hit.acknowledge", "hit", row.id)
    return hit_view(uow, actor, row)


def answer_hit(uow: UnitOfWork, actor: Actor, hit_id: str, answer: str) -> HitView:
    """The owner's answer to the searching agency (what to do next, whom to contact)."""
    row = _load_owned(uow, actor, hit_id)
    if not answer.strip():
        raise ValidationFailed("Write the answer to the searching agency.", field="answer")
    if row.answered_at is not None:
        raise ValidationFailed("This hit has already been answered.")
    now = utcnow()
    if row.acknowledged_at is None:
        row.acknowledged_at, row.acknowledged_by = now, actor.username
    row.answered_at, row.answered_by, row.answer = now, actor.username, answer.strip()
    uow.session.flush()
    audit.record(uow.session, actor, "hit.answer", "hit", row.id, {"answer": row.answer})
    return hit_view(uow, actor, row)


# --- alerts ---------------------------------------------------------------------------------


def raise_alert(
    session: Session,
    agency_id: int,
    kind: str,
    object_type: str,
    object_id: str,
    message: str,
    due_at: datetime | None = None,
) -> bool:
    """Insert an alert unless the same one exists; True if it is new."""
    exists = session.execute(
        select(Alert.id).where(
            Alert.agency_id == agency_id,
            Alert.kind == kind,
            Alert.object_type == object_type,
            Alert.object_id == object_id,
        )
    ).first()
    if exists is not None:
        return False
    try:
        with session.begin_nested():
            session.add(
                Alert(
                    agency_id=agency_id,
                    kind=kind,
                    object_type=object_type,
                    object_id=object_id,
                    message=message[:500],
                    due_at=due_at,
                )
            )
    except IntegrityError:  # raised meanwhile by another worker: the unique key keeps one
        return False
    agency = session.get(Agency, agency_id)
    if agency is not None:
        outbox.enqueue_webhook(
            session,
            agency,
            "alert.raised",
            {
                "kind": kind,
                "object_type": object_type,
                "object_id": object_id,
                "message": message,
                "due_at": due_at.isoformat() if due_at else None,
            },
        )
    audit.record(
        session,
        None,
        "alert.raise",
        object_type,
        object_id,
        {"agency": agency_id, "kind": kind, "message": message},
    )
    return True


def _alert_view(row: Alert) -> AlertView:
    return AlertView(
        id=row.id,
        kind=row.kind,
        object_type=row.object_type,
        object_id=row.object_id,
        message=row.message,
        due_at=row.due_at,
        created_at=row.created_at,
        read_at=row.read_at,
        read_by=row.read_by,
    )


def _require_alerts(actor: Actor, what: str) -> None:
    # The files commission reads no police data, but its own agency's alerts (requests it
    # examines that are overdue, corrections not made) are its work.
    if Action.OVERSEE not in allowed_actions(actor):
        require(actor, Action.READ, what)


def list_alerts(
    uow: UnitOfWork, actor: Actor, *, unread_only: bool = False, limit: int = 100
) -> list[AlertView]:
    _require_alerts(actor, "list alerts")
    q = select(Alert).where(Alert.agency_id == actor.agency_id)
    if unread_only:
        q = q.where(Alert.read_at.is_(None))
    q = q.order_by(Alert.created_at.desc(), Alert.id.desc()).limit(min(max(limit, 1), 500))
    out = [_alert_view(r) for r in uow.session.execute(q).scalars()]
    audit.record(uow.session, actor, "alert.list", "alert", None, {"returned": len(out)})
    return out


def mark_alert_read(uow: UnitOfWork, actor: Actor, alert_id: int) -> AlertView:
    _require_alerts(actor, "read alerts")
    row = uow.session.get(Alert, alert_id)
    if row is None or row.agency_id != actor.agency_id:
        raise NotFound("No alert of your agency has this id.")
    if row.read_at is None:
        row.read_at, row.read_by = utcnow(), actor.username
        uow.session.flush()
        audit.record(uow.session, actor, "alert.read", "alert", str(row.id))
    return _alert_view(row)


def count_open(uow: UnitOfWork, actor: Actor) -> dict[str, int]:
    """Badges for the UI: new hits in the inbox and unread alerts."""
    require(actor, Action.READ, "count hits")
    hits = uow.session.scalar(
        select(func.count())
        .select_from(Hit)
        .where(Hit.owner_agency_id == actor.agency_id, Hit.answered_at.is_(None))
    )
    alerts = uow.session.scalar(
        select(func.count())
        .select_from(Alert)
        .where(Alert.agency_id == actor.agency_id, Alert.read_at.is_(None))
    )
    return {"open_hits": int(hits or 0), "unread_alerts": int(alerts or 0)}


def overdue_hits(session: Session, now: datetime) -> list[Hit]:
    return list(
        session.execute(
            select(Hit).where(Hit.answered_at.is_(None), Hit.answer_due_at < now)
        ).scalars()
    )


def query_summary(query: Any) -> dict[str, Any]:
    """What the owner is told about the search: the names, birth date and nationalities asked
    for and how many identifiers were given (not their values)."""
    return {
        "names": list(query.names),
        "birth_date": query.birth_date,
        "nationalities": [c.lower() for c in query.nationalities],
        "identifiers": len(query.identifiers),
    }
