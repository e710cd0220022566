"""A change feed of person records, for national systems that keep a copy in step with the
international one (pull, page by page, from a cursor).

The cursor is the audit log's sequence number. Every change to a record is audited in the
transaction that makes it, and audit writers are serialised on the chain's head row until
they commit, so sequence numbers grow in commit order: a consumer that resumes after the
last number it saw misses nothing, which a cursor on update times could not promise.

Each item gives the record as the consumer may see it now (full, or hit/no-hit), or tells it
to remove a record it can no longer see (archived, erased, or its restrictions narrowed).
The creation of a record the consumer cannot see is not news and is left out.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from sqlalchemy import select

from concord.domain.access import Action, Sight, require, sight
from concord.domain.directory import Actor
from concord.services import audit
from concord.services.common import record_access, stage_of_record
from concord.services.persons import seen_view
from concord.services.views import HitOnlyView, PersonView
from concord.storage.db import UnitOfWork
from concord.storage.tables import AuditLog, Person

# The audited actions that change a person record (object_type "person").
CHANGES = (
    "person.create",
    "person.update",
    "person.archive",
    "retention.archive",
    "subject_request.delete",
)
MAX_PAGE = 1000


class FeedItem(BaseModel):
    seq: int
    op: Literal["upsert", "remove"]
    id: str
    record: PersonView | HitOnlyView | None


class FeedPage(BaseModel):
    items: list[FeedItem]
    # Pass as `after` for the next page; equal to `after` when nothing new has happened.
    next: int
    more: bool


def person_changes(uow: UnitOfWork, actor: Actor, *, after: int = 0, limit: int = 500) -> FeedPage:
    require(actor, Action.READ, "follow the feed of person records")
    limit = min(max(limit, 1), MAX_PAGE)
    rows = uow.session.execute(
        select(AuditLog.seq, AuditLog.action, AuditLog.object_id)
        .where(
            AuditLog.seq > after,
            AuditLog.object_type == "person",
            AuditLog.action.in_(CHANGES),
        )
        .order_by(AuditLog.seq)
        .limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    # A record changed twice in one page is given once, as it stands, at its last change.
    last: dict[str, tuple[int, str]] = {}
    for seq, action, object_id in rows:
        if object_id is not None:
            last.pop(object_id, None)
            last[object_id] = (seq, action)
    items: list[FeedItem] = []
    for person_id, (seq, action) in last.items():
        item = _item(uow, actor, person_id, seq, action)
        if item is not None:
            items.append(item)
    page = FeedPage(items=items, next=rows[-1][0] if rows else after, more=more)
    audit.record(
        uow.session,
        actor,
        "feed.read",
        "person",
        None,
        {"after": after, "next": page.next, "items": len(items)},
    )
    return page


def _item(uow: UnitOfWork, actor: Actor, person_id: str, seq: int, action: str) -> FeedItem | None:
    row = uow.session.get(Person, person_id)
    seen = (
        sight(actor, record_access(row, stage_of_record(row.status)))
        if row is not None and row.status == "active"
        else Sight.NONE
    )
    if seen is not Sight.NONE and row is not None:
        return FeedItem(seq=seq, op="upsert", id=person_id, record=seen_view(uow, row, seen))
    if action == "person.create":
        return None
    return FeedItem(seq=seq, op="remove", id=person_id, record=None)
