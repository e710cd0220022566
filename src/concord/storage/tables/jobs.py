"""Long work an officer starts and watches (a CDR analysis today): a row per job, claimed by
the jobs worker with a lease, so a worker that dies leaves the job for the next one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from concord.storage.base import Base, UTCDateTime, new_id, utcnow


class Job(Base):
    __tablename__ = "jobs"
    # The worker's claim: the oldest queued job of the kinds it runs.
    __table_args__ = (Index("ix_jobs_status_created_at", "status", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(32))  # cdr_analysis, ...
    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(12), default="queued")  # queued|running|done|failed
    stage: Mapped[str] = mapped_column(String(200), default="")
    step: Mapped[int] = mapped_column(Integer, default=0)
    steps: Mapped[int] = mapped_column(Integer, default=0)
    input_name: Mapped[str] = mapped_column(String(255), default="")  # as uploaded
    input_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    # Relative to the data directory, so a worker on another host with the same share finds it;
    # cleared once the job ends and the file is deleted.
    input_path: Mapped[str | None] = mapped_column(String(500))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The worker that claimed the job writes only while it holds the lease under its token.
    lease_owner: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
