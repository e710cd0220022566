from __future__ import annotations

from fastapi import APIRouter, Body

from concord.api.deps import CurrentActor, UoW
from concord.services import records
from concord.services.records import TravelDocumentIn, VehicleIn
from concord.services.views import HitOnlyView, TravelDocumentView, VehicleView

router = APIRouter(tags=["records"])


@router.post("/travel-documents", response_model=TravelDocumentView, status_code=201)
def report_document(body: TravelDocumentIn, actor: CurrentActor, uow: UoW) -> TravelDocumentView:
    view = records.report_document(uow, actor, body)
    uow.commit()
    return view


@router.get("/travel-documents", response_model=list[TravelDocumentView | HitOnlyView])
def search_documents(
    actor: CurrentActor, uow: UoW, number: str, issuing_country: str | None = None
) -> list[TravelDocumentView | HitOnlyView]:
    out = records.search_documents(uow, actor, number, issuing_country)
    uow.commit()
    return out


@router.get("/travel-documents/{doc_id}", response_model=TravelDocumentView | HitOnlyView)
def get_document(doc_id: str, actor: CurrentActor, uow: UoW) -> TravelDocumentView | HitOnlyView:
    view = records.get_document(uow, actor, doc_id)
    uow.commit()
    return view


@router.post("/travel-documents/{doc_id}/withdraw", response_model=TravelDocumentView)
def withdraw_document(
    doc_id: str, actor: CurrentActor, uow: UoW, version: int = Body(..., embed=True)
) -> TravelDocumentView:
    view = records.withdraw_document(uow, actor, doc_id, version)
    uow.commit()
    return view


@router.post("/vehicles", response_model=VehicleView, status_code=201)
def report_vehicle(body: VehicleIn, actor: CurrentActor, uow: UoW) -> VehicleView:
    view = records.report_vehicle(uow, actor, body)
    uow.commit()
    return view


@router.get("/vehicles", response_model=list[VehicleView | HitOnlyView])
def search_vehicles(
    actor: CurrentActor, uow: UoW, vin: str | None = None, registration: str | None = None
) -> list[VehicleView | HitOnlyView]:
    out = records.search_vehicles(uow, actor, vin, registration)
    uow.commit()
    return out
