from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from concord.storage.base import Base, UTCDateTime, new_id, utcnow


class OwnedMixin:
    """Owner agency, restrictions, review date and optimistic-locking version."""

    owner_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    visibility: Mapped[str] = mapped_column(String(20), default="all_members")
    visible_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    handling_code: Mapped[str] = mapped_column(String(2), default="H0")
    review_date: Mapped[date | None] = mapped_column(Date, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Person(OwnedMixin, Base):
    __tablename__ = "persons"
    __mapper_args__ = {"version_id_col": OwnedMixin.version}  # noqa: RUF012

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    # [{"full": "Ким Чен Ян", "script": "cyrillic"}, ...]: the original script is kept.
    names: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    birth_date: Mapped[str | None] = mapped_column(String(10))
    nationalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    gender: Mapped[str] = mapped_column(String(8), default="unknown")
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    note: Mapped[str] = mapped_column(String(2000), default="")

    identifiers: Mapped[list[PersonIdentifier]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="PersonIdentifier.id",
    )


class PersonIdentifier(Base):
    __tablename__ = "person_identifiers"
    __table_args__ = (UniqueConstraint("person_id", "kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(128), index=True)
    raw: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))

    person: Mapped[Person] = relationship(back_populates="identifiers")
