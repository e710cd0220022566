"""Stolen and lost travel documents and stolen motor vehicles: report, look up, withdraw."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pycountry
from pydantic import Field
from sqlalchemy import or_, select

from concord.domain.access import Action, Sight, require, require_change, sight
from concord.domain.directory import Actor, country_code
from concord.domain.errors import NotFound, ValidationFailed
from concord.domain.identifiers import InvalidIdentifier, lookup_key
from concord.domain.mrz import MrzData, parse_mrz
from concord.services import audit
from concord.services.common import (
    IdentifierIn,
    RestrictionsIn,
    StrictModel,
    apply_restrictions,
    check_version,
    default_review_date,
    identifier,
    owner,
    record_access,
    require_read,
    stage_of_record,
    visible_filter,
)
from concord.services.views import (
    HitOnlyView,
    TravelDocumentView,
    VehicleView,
    agency_ref,
    restrictions_of,
    restrictions_view,
)
from concord.storage.db import UnitOfWork
from concord.storage.tables import TravelDocument, Vehicle

DOCUMENT_REASONS = ("stolen", "lost", "revoked", "invalidated")


class TravelDocumentIn(StrictModel):
    document_type: str = Field(
        default="passport", pattern="^(passport|id_card|visa|residence_permit|other)$"
    )
    number: str | None = Field(default=None, min_length=1, max_length=64)
    issuing_country: str | None = None
    # The machine-readable zone as read at a border: fills number, issuer and holder, and its
    # check digits are verified.
    mrz: str | None = Field(default=None, max_length=200)
    reason: str = "stolen"
    reported_on: date | None = None
    holder_name: str | None = Field(default=None, max_length=200)
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)


class VehicleIn(StrictModel):
    vin: str | None = Field(default=None, max_length=32)
    registration: str | None = Field(default=None, max_length=20)
    registration_country: str | None = None
    make: str = Field(default="", max_length=60)
    model: str = Field(default="", max_length=60)
    colour: str = Field(default="", max_length=40)
    reported_on: date | None = None
    restrictions: RestrictionsIn = Field(default_factory=RestrictionsIn)


def _read_mrz(text: str) -> MrzData:
    try:
        return parse_mrz(text)
    except InvalidIdentifier as exc:
        raise ValidationFailed(exc.reason, field="mrz") from exc


def _alpha2(icao: str) -> str:
    """ICAO 9303 uses alpha-3 codes, with 'D' for Germany."""
    if icao == "D":
        return "de"
    country = pycountry.countries.get(alpha_3=icao)
    if country is None:
        raise ValidationFailed(
            f"The MRZ issuing state '{icao}' is not a known country.", field="mrz"
        )
    return str(country.alpha_2).lower()


def document_view(uow: UnitOfWork, row: TravelDocument) -> TravelDocumentView:
    return TravelDocumentView(
        id=row.id,
        document_type=row.document_type,
        number=row.number,
        number_raw=row.number_raw,
        issuing_country=row.issuing_country,
        reason=row.reason,
        reported_on=row.reported_on,
        holder_name=row.holder_name,
        status=row.status,
        owner=agency_ref(owner(uow.session, row.owner_agency_id)),
        restrictions=restrictions_view(restrictions_of(row)),
        review_date=row.review_date,
        version=row.version,
    )


def vehicle_view(uow: UnitOfWork, row: Vehicle) -> VehicleView:
    return VehicleView(
        id=row.id,
        vin=row.vin,
        registration=row.registration,
        registration_country=row.registration_country,
        make=row.make,
        model=row.model,
        colour=row.colour,
        reported_on=row.reported_on,
        status=row.status,
        owner=agency_ref(owner(uow.session, row.owner_agency_id)),
        restrictions=restrictions_view(restrictions_of(row)),
        review_date=row.review_date,
        version=row.version,
    )


T = TypeVar("T")


def _seen(
    uow: UnitOfWork, actor: Actor, row: TravelDocument | Vehicle, full: T, kind: str
) -> T | HitOnlyView:
    return (
        full
        if sight(actor, record_access(row, stage_of_record(row.status))) is Sight.FULL
        else HitOnlyView(
            object_type=kind, id=row.id, owner=agency_ref(owner(uow.session, row.owner_agency_id))
        )
    )


def report_document(uow: UnitOfWork, actor: Actor, data: TravelDocumentIn) -> TravelDocumentView:
    require(actor, Action.CREATE, "report travel documents")
    if data.reason not in DOCUMENT_REASONS:
        raise ValidationFailed(
            f"The reason is one of {', '.join(DOCUMENT_REASONS)}.", field="reason"
        )
    number, issuing, holder = data.number, data.issuing_country, data.holder_name
    if data.mrz:
        zone = _read_mrz(data.mrz)
        number = number or zone.document_number
        issuing = issuing or _alpha2(zone.issuing_state)
        holder = holder or f"{zone.surname} {zone.given_names}".strip()
    if not number or not issuing:
        raise ValidationFailed(
            "Give the document number and issuing country, or the MRZ.", field="number"
        )
    issuer = country_code(issuing)
    kind = "passport" if data.document_type == "passport" else "travel_document"
    ident = identifier(IdentifierIn(type=kind, value=number, country=issuer))
    row = TravelDocument(
        owner_agency_id=actor.agency_id,
        document_type=data.document_type,
        number=ident.value,
        number_raw=ident.raw,
        issuing_country=issuer,
        reason=data.reason,
        reported_on=data.reported_on or date.today(),
        holder_name=holder,
        review_date=default_review_date(),
    )
    apply_restrictions(row, data.restrictions.build())
    uow.session.add(row)
    uow.session.flush()
    audit.record(
        uow.session,
        actor,
        "travel_document.create",
        "travel_document",
        row.id,
        {"number": row.number, "issuing_country": issuer},
    )
    return document_view(uow, row)


def search_documents(
    uow: UnitOfWork, actor: Actor, number: str, issuing_country: str | None = None
) -> list[TravelDocumentView | HitOnlyView]:
    """Exact lookup on the normalised number, as border checks do it."""
    require(actor, Action.READ, "search travel documents")
    key = lookup_key("passport", number)
    q = select(TravelDocument).where(
        TravelDocument.number == key,
        TravelDocument.status == "active",
        visible_filter(TravelDocument, actor, TravelDocument.status, ("active",)),
    )
    if issuing_country:
        q = q.where(TravelDocument.issuing_country == country_code(issuing_country))
    out = [
        _seen(uow, actor, r, document_view(uow, r), "travel_document")
        for r in uow.session.execute(q).scalars()
    ]
    audit.record(
        uow.session,
        actor,
        "travel_document.search",
        "travel_document",
        None,
        {"number": key, "issuing_country": issuing_country, "returned": [v.id for v in out]},
    )
    return out


def get_document(uow: UnitOfWork, actor: Actor, doc_id: str) -> TravelDocumentView | HitOnlyView:
    row = uow.session.get(TravelDocument, doc_id)
    if row is None:
        require(actor, Action.READ, "read travel documents")
        raise NotFound("No travel document with this id is visible to you.")
    require_read(actor, record_access(row, stage_of_record(row.status)), "travel document")
    audit.record(uow.session, actor, "travel_document.view", "travel_document", row.id)
    return _seen(uow, actor, row, document_view(uow, row), "travel_document")


def withdraw_document(
    uow: UnitOfWork, actor: Actor, doc_id: str, version: int
) -> TravelDocumentView:
    row = uow.session.get(TravelDocument, doc_id)
    if row is None:
        raise NotFound("No travel document with this id is visible to you.")
    access = record_access(row, stage_of_record(row.status))
    require_read(actor, access, "travel document")
    require_change(actor, access, "a travel document record")
    check_version(row, version, "This travel document record")
    row.status = "withdrawn"
    uow.session.flush()
    audit.record(uow.session, actor, "travel_document.withdraw", "travel_document", row.id)
    return document_view(uow, row)


def report_vehicle(uow: UnitOfWork, actor: Actor, data: VehicleIn) -> VehicleView:
    require(actor, Action.CREATE, "report vehicles")
    if not data.vin and not data.registration:
        raise ValidationFailed("A vehicle needs a VIN or a registration plate.", field="vin")
    reg_country = country_code(data.registration_country) if data.registration_country else None
    vin = (
        identifier(IdentifierIn(type="vin", value=data.vin, country=reg_country)).value
        if data.vin
        else None
    )
    plate = lookup_key("registration_plate", data.registration) if data.registration else None
    row = Vehicle(
        owner_agency_id=actor.agency_id,
        vin=vin,
        registration=plate,
        registration_country=reg_country,
        make=data.make,
        model=data.model,
        colour=data.colour,
        reported_on=data.reported_on or date.today(),
        review_date=default_review_date(),
    )
    apply_restrictions(row, data.restrictions.build())
    uow.session.add(row)
    uow.session.flush()
    audit.record(
        uow.session, actor, "vehicle.create", "vehicle", row.id, {"vin": vin, "registration": plate}
    )
    return vehicle_view(uow, row)


def search_vehicles(
    uow: UnitOfWork, actor: Actor, vin: str | None = None, registration: str | None = None
) -> list[VehicleView | HitOnlyView]:
    require(actor, Action.READ, "search vehicles")
    if not vin and not registration:
        raise ValidationFailed("Search by VIN or by registration plate.", field="vin")
    conditions = []
    if vin:
        conditions.append(Vehicle.vin == lookup_key("vin", vin))
    if registration:
        conditions.append(Vehicle.registration == lookup_key("registration_plate", registration))
    q = select(Vehicle).where(
        or_(*conditions),
        Vehicle.status == "active",
        visible_filter(Vehicle, actor, Vehicle.status, ("active",)),
    )
    out = [
        _seen(uow, actor, r, vehicle_view(uow, r), "vehicle")
        for r in uow.session.execute(q).scalars()
    ]
    audit.record(
        uow.session,
        actor,
        "vehicle.search",
        "vehicle",
        None,
        {"vin": vin, "registration": registration, "returned": [v.id for v in out]},
    )
    return out
