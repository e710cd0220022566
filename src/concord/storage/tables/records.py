from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from concord.storage.base import Base, new_id
from concord.storage.tables.persons import OwnedMixin


class TravelDocument(OwnedMixin, Base):
    """A stolen, lost or revoked travel document."""

    __tablename__ = "travel_documents"
    __mapper_args__ = {"version_id_col": OwnedMixin.version}  # noqa: RUF012

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    document_type: Mapped[str] = mapped_column(String(32), default="passport")
    number: Mapped[str] = mapped_column(String(32), index=True)
    number_raw: Mapped[str] = mapped_column(String(64))
    issuing_country: Mapped[str] = mapped_column(String(2), index=True)
    reason: Mapped[str] = mapped_column(String(16), default="stolen")  # stolen | lost | revoked
    reported_on: Mapped[date | None] = mapped_column(Date)
    holder_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)


class Vehicle(OwnedMixin, Base):
    """A stolen motor vehicle."""

    __tablename__ = "vehicles"
    __mapper_args__ = {"version_id_col": OwnedMixin.version}  # noqa: RUF012

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    vin: Mapped[str | None] = mapped_column(String(17), index=True)
    registration: Mapped[str | None] = mapped_column(String(20), index=True)
    registration_country: Mapped[str | None] = mapped_column(String(2))
    make: Mapped[str] = mapped_column(String(60), default="")
    model: Mapped[str] = mapped_column(String(60), default="")
    colour: Mapped[str] = mapped_column(String(40), default="")
    reported_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
