"""The owner's inbox: hits on its records, and alerts about deadlines and review dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from concord.storage.base import Base, UTCDateTime, new_id, utcnow


class Hit(Base):
    """A search by one agency that matched another agency's record."""

    __tablename__ = "hits"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    object_type: Mapped[str] = mapped_column(String(32), default="person")
    record_id: Mapped[str] = mapped_column(String(32), index=True)
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    owner_country: Mapped[str] = mapped_column(String(2), index=True)
    searcher_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    searcher_user_id: Mapped[int | None] = mapped_column(Integer)
    searcher_username: Mapped[str] = mapped_column(String(64))
    searcher_country: Mapped[str] = mapped_column(String(2), index=True)
    score: Mapped[float] = mapped_column(Float)
    hit_only: Mapped[bool] = mapped_column(default=False)
    query_summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    searched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    answer_due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The same agency searching again while the hit is open: counted here, not a new hit.
    repeats: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_searched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by: Mapped[str | None] = mapped_column(String(64))
    answer: Mapped[str | None] = mapped_column(Text)


class Alert(Base):
    """Something an agency must act on; one row per (agency, kind, object), so raising twice is
    harmless."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("agency_id", "kind", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # request_overdue | hit_overdue | review_due
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(String(500))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_by: Mapped[str | None] = mapped_column(String(64))
