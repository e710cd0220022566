"""Change feeds of person records and of notices, for national systems that keep a copy in
step with the international one (pull, page by page, from a cursor).

The cursor is the audit log's sequence number. Every change to a record is audited in the
transaction that makes it, and audit writers are serialised on the chain's head row until
they commit, so sequence numbers grow in commit order: a consumer that resumes after the
last number it saw misses nothing, which a cursor on update times could not promise.

Each item gives the record as the consumer may see it now (full, or hit/no-hit), or tells it
to remove a record it can no longer see (archived, erased, or its restrictions narrowed).
The creation of a record the consumer cannot see is not news and is left out. Notices come
once published, and go when cancelled or archived; drafts and the review stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import select

from concord.domain.access import Action, Sight, require, sight
from concord.domain.directory import Actor
from concord.services import audit
from concord.services.common import owner, record_access, stage_of_record
from concord.services.notices import notice_access, notice_view
from concord.services.persons import seen_view
from concord.services.views import HitOnlyView, NoticeView, PersonView, agency_ref
from concord.storage.db import UnitOfWork
from concord.storage.tables import AuditLog, Notice, Person

# The audited actions that change what a consumer holds, by object type.
PERSON_CHANGES = (
    "person.create",
    "person.update",
    "person.archive",
    "retention.archive",
    "subject_request.delete",
)
NOTICE_CHANGES = ("notice.published", "notice.cancelled", "notice.archived", "retention.archive")
MAX_PAGE = 1000


class FeedItem(BaseModel):
    seq: int
    op: Literal["upsert", "remove"]
    id: str
    record: PersonView | NoticeView | HitOnlyView | None


class FeedPage(BaseModel):
    items: list[FeedItem]
    # Pass as `after` for the next page; equal to `after` when nothing new has happened.
    next: int
    more: bool


ItemOf = Callable[[UnitOfWork, Actor, str, int, str], FeedItem | None]


def person_changes(uow: UnitOfWork, actor: Actor, *, after: int = 0, limit: int = 500) -> FeedPage:
    require(actor, Action.READ, "follow the feed of person records")
    return _page(uow, actor, "person", PERSON_CHANGES, _person_item, after, limit)


def notice_changes(uow: UnitOfWork, actor: Actor, *, after: int = 0, limit: int = 500) -> FeedPage:
    require(actor, Action.READ, "follow the feed of notices")
    return _page(uow, actor, "notice", NOTICE_CHANGES, _notice_item, after, limit)


def _page(
    uow: UnitOfWork,
    actor: Actor,
    object_type: str,
    actions: tuple[str, ...],
    item_of: ItemOf,
    after: int,
    limit: int,
) -> FeedPage:
    limit = min(max(limit, 1), MAX_PAGE)
    rows = uow.session.execute(
        select(AuditLog.seq, AuditLog.action, AuditLog.object_id)
        .where(
            AuditLog.seq > after,
            AuditLog.object_type == object_type,
            AuditLog.action.in_(actions),
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
    for object_id, (seq, action) in last.items():
        item = item_of(uow, actor, object_id, seq, action)
        if item is not None:
            items.append(item)
    page = FeedPage(items=items, next=rows[-1][0] if rows else after, more=more)
    audit.record(
        uow.session,
        actor,
        "feed.read",
        object_type,
        None,
        {"after": after, "next": page.next, "items": len(items)},
    )
    return page


def _person_item(
    uow: UnitOfWork, actor: Actor, person_id: str, seq: int, action: str
) -> FeedItem | None:
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


def _notice_item(
    uow: UnitOfWork, actor: Actor, notice_id: str, seq: int, action: str
) -> FeedItem | None:
    row = uow.session.get(Notice, notice_id)
    if row is None or row.published_at is None:
        return None  # never published: nothing a consumer could hold
    seen = sight(actor, notice_access(row)) if row.status == "published" else Sight.NONE
    if seen is Sight.FULL:
        return FeedItem(seq=seq, op="upsert", id=notice_id, record=notice_view(uow, actor, row))
    if seen is Sight.HIT_ONLY:
        record = HitOnlyView(
            object_type="notice",
            id=row.id,
            owner=agency_ref(owner(uow.session, row.owner_agency_id)),
        )
        return FeedItem(seq=seq, op="upsert", id=notice_id, record=record)
    if action == "notice.published":
        return None  # published to others only
    return FeedItem(seq=seq, op="remove", id=notice_id, record=None)
