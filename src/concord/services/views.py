"""What use cases return: plain Pydantic views shared by the API, the web UI and the CLI."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel

from concord.domain.restrictions import Restrictions
from concord.storage.tables import Agency, Notice, Person, TravelDocument, Vehicle


class AgencyRef(BaseModel):
    id: int
    name: str
    country: str


class RestrictionsView(BaseModel):
    visibility: str
    countries: list[str]
    handling: str


class IdentifierView(BaseModel):
    type: str
    value: str
    raw: str
    country: str | None


class NameView(BaseModel):
    full: str
    script: str


class PersonView(BaseModel):
    object_type: Literal["person"] = "person"
    id: str
    names: list[NameView]
    birth_date: str | None
    nationalities: list[str]
    gender: str
    identifiers: list[IdentifierView]
    owner: AgencyRef
    restrictions: RestrictionsView
    review_date: date | None
    status: str
    note: str
    version: int
    created_at: datetime
    updated_at: datetime


class HitOnlyView(BaseModel):
    """The existence of a record and whom to ask: nothing else."""

    object_type: str
    id: str
    owner: AgencyRef
    hit_only: Literal[True] = True
    message: str = "A record exists but its owner shares only its existence: ask the owner agency."


class NoticeView(BaseModel):
    object_type: Literal["notice"] = "notice"
    id: str
    reference: str
    kind: str
    channel: str
    status: str
    title: str
    description: str
    person: PersonView | HitOnlyView | None
    offence: str | None
    legal_basis: str | None
    warrant_reference: str | None
    issuing_authority: str | None
    subject_status: str | None
    max_penalty_months: int | None
    remaining_sentence_months: int | None
    review_notes: list[dict[str, Any]]
    owner: AgencyRef
    restrictions: RestrictionsView
    review_date: date | None
    published_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime


class TravelDocumentView(BaseModel):
    object_type: Literal["travel_document"] = "travel_document"
    id: str
    document_type: str
    number: str
    number_raw: str
    issuing_country: str
    reason: str
    reported_on: date | None
    holder_name: str | None
    status: str
    owner: AgencyRef
    restrictions: RestrictionsView
    review_date: date | None
    version: int


class VehicleView(BaseModel):
    object_type: Literal["vehicle"] = "vehicle"
    id: str
    vin: str | None
    registration: str | None
    registration_country: str | None
    make: str
    model: str
    colour: str
    reported_on: date | None
    status: str
    owner: AgencyRef
    restrictions: RestrictionsView
    review_date: date | None
    version: int


def agency_ref(agency: Agency) -> AgencyRef:
    return AgencyRef(id=agency.id, name=agency.name, country=agency.country_code)


def restrictions_of(row: Person | Notice | TravelDocument | Vehicle) -> Restrictions:
    return Restrictions.build(row.visibility, row.visible_countries or [], row.handling_code)


def restrictions_view(r: Restrictions) -> RestrictionsView:
    return RestrictionsView(
        visibility=r.visibility.value, countries=sorted(r.countries), handling=r.handling.value
    )
