"""Messages that must leave the system (webhooks), written in the same transaction as the event
that causes them and delivered by the jobs worker."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from concord.storage.base import Base, UTCDateTime, new_id, utcnow


class OutboxMessage(Base):
    __tablename__ = "outbox"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    topic: Mapped[str] = mapped_column(String(64))  # hit.created, alert.raised, ...
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Not before this time (backoff after a failure).
    available_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # A worker that claimed the row owns it until then; if it dies, the lease runs out.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
