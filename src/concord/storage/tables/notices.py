from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from concord.storage.base import Base, UTCDateTime, new_id
from concord.storage.tables.persons import OwnedMixin, Person


class Notice(OwnedMixin, Base):
    __tablename__ = "notices"
    __mapper_args__ = {"version_id_col": OwnedMixin.version}  # noqa: RUF012

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    channel: Mapped[str] = mapped_column(String(16), default="notice")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    offence: Mapped[str | None] = mapped_column(String(500))
    legal_basis: Mapped[str | None] = mapped_column(String(500))
    warrant_reference: Mapped[str | None] = mapped_column(String(200))
    issuing_authority: Mapped[str | None] = mapped_column(String(300))
    subject_status: Mapped[str | None] = mapped_column(String(16))
    max_penalty_months: Mapped[int | None] = mapped_column(Integer)
    remaining_sentence_months: Mapped[int | None] = mapped_column(Integer)
    # Reasons a neutrality check or reviewer gave, shown to the owner and the GS.
    review_notes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person: Mapped[Person | None] = relationship(lazy="joined")
