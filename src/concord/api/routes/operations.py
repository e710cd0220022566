from __future__ import annotations

from fastapi import APIRouter, Body, Query

from concord.api.deps import CurrentActor, UoW
from concord.services import operations
from concord.services.operations import OperationIn, OperationPatch, OperationView, ResultsIn

router = APIRouter(prefix="/operations", tags=["operations"])


@router.post("", response_model=OperationView, status_code=201)
def create(body: OperationIn, actor: CurrentActor, uow: UoW) -> OperationView:
    """Start a joint operation; your agency becomes its coordinator."""
    view = operations.create_operation(uow, actor, body)
    uow.commit()
    return view


@router.get("", response_model=list[OperationView])
def list_(
    actor: CurrentActor,
    uow: UoW,
    crime_area: str | None = None,
    limit: int = Query(100, ge=1, le=500),
) -> list[OperationView]:
    """Operations you coordinate or your country takes part in."""
    out = operations.list_operations(uow, actor, crime_area=crime_area, limit=limit)
    uow.commit()
    return out


@router.get("/{op_id}", response_model=OperationView)
def get(op_id: str, actor: CurrentActor, uow: UoW) -> OperationView:
    view = operations.get_operation(uow, actor, op_id)
    uow.commit()
    return view


@router.patch("/{op_id}", response_model=OperationView)
def update(op_id: str, body: OperationPatch, actor: CurrentActor, uow: UoW) -> OperationView:
    view = operations.update_operation(uow, actor, op_id, body)
    uow.commit()
    return view


@router.post("/{op_id}/close", response_model=OperationView)
def close(
    op_id: str, actor: CurrentActor, uow: UoW, version: int = Body(..., embed=True)
) -> OperationView:
    view = operations.close_operation(uow, actor, op_id, version)
    uow.commit()
    return view


@router.put("/{op_id}/results", response_model=OperationView)
def report(op_id: str, body: ResultsIn, actor: CurrentActor, uow: UoW) -> OperationView:
    """Report your own country's results (each report replaces your previous one)."""
    view = operations.report_results(uow, actor, op_id, body)
    uow.commit()
    return view
