from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from concord.storage.base import Base, UTCDateTime, new_id, utcnow
from concord.storage.tables.persons import OwnedMixin


class Indicator(OwnedMixin, Base):
    """A cyber-fraud indicator (phone, SIM, device, account, wallet, domain, URL, e-mail)."""

    __tablename__ = "indicators"
    __table_args__ = (
        # One agency files one value once; other agencies may file the same value themselves.
        UniqueConstraint("owner_agency_id", "kind", "value", name="uq_indicators_owner_kind_value"),
        Index("ix_indicators_kind_value", "kind", "value"),
    )
    __mapper_args__ = {"version_id_col": OwnedMixin.version}  # noqa: RUF012

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(1024))  # canonical form, the lookup key
    raw: Mapped[str] = mapped_column(String(1100))  # as first given
    country: Mapped[str | None] = mapped_column(String(2))
    confidence: Mapped[float] = mapped_column(Float, default=0.6)
    first_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(String(2000), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)  # why a detector flagged it
    reference: Mapped[str] = mapped_column(String(120), default="")  # case or operation
    source: Mapped[str] = mapped_column(String(32), default="manual")  # manual | cdr | import
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)


class IndicatorSighting(Base):
    """Another agency (or the owner) saw the indicator: who, when, where, in what context."""

    __tablename__ = "indicator_sightings"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    indicator_id: Mapped[str] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), index=True
    )
    reporter_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    reporter_user_id: Mapped[int | None] = mapped_column(Integer)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    country: Mapped[str | None] = mapped_column(String(2))
    place: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(2000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
