"""Joint operations and the results each participating country reports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from concord.storage.base import Base, UTCDateTime, new_id, utcnow


class Operation(Base):
    __tablename__ = "operations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), index=True)
    crime_area: Mapped[str] = mapped_column(String(40), index=True)
    description: Mapped[str] = mapped_column(String(5000), default="")
    coordinator_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    participants: Mapped[list[str]] = mapped_column(JSON, default=list)  # alpha-2 codes
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    # Notice ids and indicator references (strings: the indicator registry keys them).
    target_notices: Mapped[list[str]] = mapped_column(JSON, default=list)
    target_indicators: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    reports: Mapped[list[OperationReport]] = relationship(
        back_populates="operation",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="OperationReport.country",
    )


class OperationReport(Base):
    """One row per participating country, replaced as the country updates its figures."""

    __tablename__ = "operation_reports"
    __table_args__ = (UniqueConstraint("operation_id", "country"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operation_id: Mapped[str] = mapped_column(
        ForeignKey("operations.id", ondelete="CASCADE"), index=True
    )
    country: Mapped[str] = mapped_column(String(2))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    reported_by: Mapped[str] = mapped_column(String(64))
    arrests: Mapped[int] = mapped_column(Integer, default=0)
    victims_rescued: Mapped[int] = mapped_column(Integer, default=0)
    new_notices: Mapped[int] = mapped_column(Integer, default=0)
    # [{"kind": "ivory", "quantity": "1200.5", "unit": "kg"}]: quantities as decimal text, exact
    # on every backend.
    seizures: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(String(2000), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    operation: Mapped[Operation] = relationship(back_populates="reports")
