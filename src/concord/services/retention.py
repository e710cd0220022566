"""Review dates: remind owners six months ahead, let them extend with a reason, archive what
has expired so that it stops matching."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select

from concord.domain.access import Action, require, require_change
from concord.domain.directory import Actor
from concord.domain.errors import NotFound, ValidationFailed
from concord.domain.notices import STAGE_OF, NoticeStatus
from concord.domain.retention import REMINDER_LEAD, check_extension
from concord.services import audit, hits
from concord.services.common import StrictModel, check_version, record_access, stage_of_record
from concord.services.screening import ScreeningIndex
from concord.storage.base import utcnow
from concord.storage.db import UnitOfWork
from concord.storage.tables import Notice, Person, TravelDocument, Vehicle

Item = Person | Notice | TravelDocument | Vehicle

# object type -> (table, status of a live item, status once archived)
KINDS: dict[str, tuple[Any, str, str]] = {
    "person": (Person, "active", "archived"),
    "notice": (Notice, NoticeStatus.PUBLISHED.value, NoticeStatus.ARCHIVED.value),
    "travel_document": (TravelDocument, "active", "archived"),
    "vehicle": (Vehicle, "active", "archived"),
}


class ReviewItemView(BaseModel):
    object_type: str
    id: str
    label: str
    review_date: date | None
    status: str
    version: int


class ExtensionIn(StrictModel):
    review_date: date
    reason: str = Field(min_length=1, max_length=2000)
    version: int


@dataclass
class ArchiveReport:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _label(object_type: str, row: Item) -> str:
    if isinstance(row, Person):
        return row.names[0]["full"] if row.names else row.id
    if isinstance(row, Notice):
        return f"{row.reference} {row.title}"
    if isinstance(row, TravelDocument):
        return f"{row.document_type} {row.number} ({row.issuing_country.upper()})"
    return f"{row.make} {row.model} {row.vin or row.registration or ''}".strip()


def _view(object_type: str, row: Item) -> ReviewItemView:
    return ReviewItemView(
        object_type=object_type,
        id=row.id,
        label=_label(object_type, row),
        review_date=row.review_date,
        status=row.status,
        version=row.version,
    )


def list_review_due(
    uow: UnitOfWork,
    actor: Actor,
    *,
    within_days: int = REMINDER_LEAD.days,
    today: date | None = None,
) -> list[ReviewItemView]:
    """The actor's agency's live items whose review date falls within `within_days`."""
    require(actor, Action.READ, "list items due for review")
    today = today or date.today()
    horizon = today + timedelta(days=within_days)
    out: list[ReviewItemView] = []
    for object_type, (table, live, _) in KINDS.items():
        rows = uow.session.execute(
            select(table)
            .where(
                table.owner_agency_id == actor.agency_id,
                table.status == live,
                table.review_date.is_not(None),
                table.review_date <= horizon,
            )
            .order_by(table.review_date)
        ).scalars()
        out += [_view(object_type, r) for r in rows]
    out.sort(key=lambda v: (v.review_date or today, v.object_type, v.id))
    return out


def extend_review(
    uow: UnitOfWork,
    actor: Actor,
    object_type: str,
    object_id: str,
    data: ExtensionIn,
    *,
    today: date | None = None,
) -> ReviewItemView:
    """The owner keeps an item beyond its review date, giving the reason (audited)."""
    if object_type not in KINDS:
        raise ValidationFailed(f"Review dates apply to: {', '.join(KINDS)}.", field="object_type")
    table, live, _ = KINDS[object_type]
    require(actor, Action.CREATE, "extend review dates")
    row = uow.session.get(table, object_id)
    if row is None or row.owner_agency_id != actor.agency_id:
        raise NotFound(f"No {object_type.replace('_', ' ')} of your agency has this id.")
    stage = (
        STAGE_OF[NoticeStatus(row.status)]
        if isinstance(row, Notice)
        else stage_of_record(row.status)
    )
    require_change(actor, record_access(row, stage), f"a {object_type.replace('_', ' ')}")
    if row.status != live:
        raise ValidationFailed(
            f"Only a live item has its review date extended; this one is {row.status}."
        )
    check_version(row, data.version, "This item")
    today = today or date.today()
    check_extension(row.review_date, data.review_date, data.reason, today)
    before = row.review_date
    row.review_date = data.review_date
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "retention.extend",
        object_type,
        row.id,
        {
            "from": before.isoformat() if before else None,
            "to": data.review_date.isoformat(),
            "reason": data.reason,
        },
    )
    return _view(object_type, row)


def send_review_reminders(uow: UnitOfWork, *, today: date | None = None) -> int:
    """Alert owners of live items due for review within six months (once per item and date)."""
    today = today or date.today()
    horizon = today + REMINDER_LEAD
    raised = 0
    for object_type, (table, live, _) in KINDS.items():
        rows = uow.session.execute(
            select(table).where(
                table.status == live,
                table.review_date.is_not(None),
                table.review_date >= today,
                table.review_date <= horizon,
            )
        ).scalars()
        for row in rows:
            assert row.review_date is not None
            raised += hits.raise_alert(
                uow.session,
                row.owner_agency_id,
                "review_due",
                object_type,
                # Keyed on the date too, so an extended item is reminded again next time.
                f"{row.id}:{row.review_date.isoformat()}",
                f"Review due on {row.review_date.isoformat()}: {_label(object_type, row)}. "
                "Extend it with a reason, or it is archived and stops matching.",
            )
    return raised


def archive_expired(
    uow: UnitOfWork, index: ScreeningIndex, *, today: date | None = None
) -> ArchiveReport:
    """Archive every live item past its review date; persons leave the match index once the
    transaction commits."""
    today = today or date.today()
    counts: dict[str, int] = {}
    now = utcnow()
    for object_type, (table, live, archived) in KINDS.items():
        rows = (
            uow.session.execute(
                select(table).where(
                    table.status == live,
                    table.review_date.is_not(None),
                    table.review_date < today,
                )
            )
            .scalars()
            .all()
        )
        for row in rows:
            row.status = archived
            row.updated_at = now
            if isinstance(row, Person):
                uow.on_commit(partial(index.upsert, row))  # into the archive
            audit.record(
                uow.session,
                None,
                "retention.archive",
                object_type,
                row.id,
                {"review_date": row.review_date.isoformat() if row.review_date else None},
            )
        counts[object_type] = len(rows)
    uow.session.flush()
    return ArchiveReport(counts)
