"""Data subjects' requests examined by the files commission, and the records each one found."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from concord.storage.base import Base, UTCDateTime, new_id, utcnow


class SubjectRequest(Base):
    __tablename__ = "subject_requests"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))  # access | correction | deletion
    status: Mapped[str] = mapped_column(String(16), default="examining", index=True)
    # What the applicant gave: {"names": [...], "birth_date": ..., "nationalities": [...]}.
    subject: Mapped[dict[str, Any]] = mapped_column(JSON)
    applicant: Mapped[str] = mapped_column(String(200))  # the commission's own file reference
    grounds: Mapped[str] = mapped_column(Text, default="")
    commission_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    opened_by: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    answer_due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    answer: Mapped[str | None] = mapped_column(Text)

    findings: Mapped[list[SubjectFinding]] = relationship(
        back_populates="request", lazy="selectin", order_by="SubjectFinding.id"
    )


class SubjectFinding(Base):
    """One record that may be the applicant's, and the commission's decision on it."""

    __tablename__ = "subject_findings"
    __table_args__ = (UniqueConstraint("request_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("subject_requests.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    # What the owner tells the commission before it decides (e.g. why the data is still needed).
    owner_opinion: Mapped[str | None] = mapped_column(Text)
    opinion_by: Mapped[str | None] = mapped_column(String(64))
    opinion_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision: Mapped[str | None] = mapped_column(String(16))  # keep | correct | delete
    note: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A correction must be made by then; a deletion is enforced at once (enforced_at).
    correct_by: Mapped[datetime | None] = mapped_column(UTCDateTime)
    enforced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    request: Mapped[SubjectRequest] = relationship(back_populates="findings")
