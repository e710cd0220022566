"""Asset recovery cases: the parties, the FtM entities of the ownership graph, steps, requests."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from concord.storage.base import Base, UTCDateTime, new_id, utcnow


class AssetCase(Base):
    __tablename__ = "asset_cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(String(5000), default="")
    requesting_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    requested_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16), default="identified", index=True)
    # Best screening matches of the imported owners: [{"entity_id", "name", "person_id",
    # "score", "hit_only", "notices": [...]}].
    screening: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    entities: Mapped[list[AssetEntity]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="AssetEntity.id",
    )
    steps: Mapped[list[AssetStep]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="AssetStep.id",
    )
    requests: Mapped[list[AssetRequest]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="AssetRequest.id",
    )


class AssetEntity(Base):
    """One FollowTheMoney entity of a case (owner, asset, or Ownership link), kept whole so that
    it round-trips; the columns beside `properties` are what the graph and lists need."""

    __tablename__ = "asset_entities"
    __table_args__ = (UniqueConstraint("case_id", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("asset_cases.id", ondelete="CASCADE"), index=True
    )
    entity_id: Mapped[str] = mapped_column(String(200))
    schema: Mapped[str] = mapped_column(String(40))
    caption: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    # Ownership links only: the owner's and the asset's entity ids.
    source_id: Mapped[str | None] = mapped_column(String(200))
    target_id: Mapped[str | None] = mapped_column(String(200))
    properties: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)

    case: Mapped[AssetCase] = relationship(back_populates="entities")


class AssetStep(Base):
    """A stage the case reached, with the amount it concerned."""

    __tablename__ = "asset_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("asset_cases.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(16), index=True)
    amount: Mapped[str] = mapped_column(String(40))  # decimal text: exact on every backend
    currency: Mapped[str] = mapped_column(String(3))
    on: Mapped[date] = mapped_column(Date, index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    username: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(2000), default="")
    request_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[AssetCase] = relationship(back_populates="steps")


class AssetRequest(Base):
    """A request from one party's prosecutors to the other's: trace, freeze, seize, ..."""

    __tablename__ = "asset_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("asset_cases.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    from_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    to_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    status: Mapped[str] = mapped_column(String(16), default="sent")
    note: Mapped[str] = mapped_column(String(2000), default="")
    answer: Mapped[str] = mapped_column(String(2000), default="")
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    case: Mapped[AssetCase] = relationship(back_populates="requests")
