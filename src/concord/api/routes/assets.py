from __future__ import annotations

from typing import Any, NoReturn

from fastapi import APIRouter, Query, Request

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.domain.errors import ValidationFailed
from concord.services import assets
from concord.services.assets import (
    AnswerIn,
    AssetIn,
    CaseIn,
    CaseView,
    GraphView,
    ImportResult,
    OverdueView,
    OwnerIn,
    RequestIn,
    StatisticsRow,
    StepIn,
)

router = APIRouter(prefix="/assets", tags=["asset recovery"])

MAX_IMPORT_LINES = 20_000


@router.get("/statistics", response_model=list[StatisticsRow])
def statistics(
    actor: CurrentActor, uow: UoW, year: int | None = Query(None, ge=1900, le=2200)
) -> list[StatisticsRow]:
    """Amounts frozen, confiscated and returned by country pair and year, per currency."""
    out = assets.statistics(uow, actor, year=year)
    uow.commit()
    return out


@router.get("/requests/overdue", response_model=list[OverdueView])
def overdue(actor: CurrentActor, uow: UoW) -> list[OverdueView]:
    """Requests to or from your agency still unanswered after their deadline."""
    out = assets.overdue_requests(uow, actor)
    uow.commit()
    return out


@router.post("/cases", response_model=CaseView, status_code=201)
def open_case(body: CaseIn, actor: CurrentActor, uow: UoW) -> CaseView:
    view = assets.open_case(uow, actor, body)
    uow.commit()
    return view


@router.get("/cases", response_model=list[CaseView])
def list_cases(
    actor: CurrentActor, uow: UoW, limit: int = Query(100, ge=1, le=500)
) -> list[CaseView]:
    out = assets.list_cases(uow, actor, limit)
    uow.commit()
    return out


@router.get("/cases/{case_id}", response_model=CaseView)
def get_case(case_id: str, actor: CurrentActor, uow: UoW) -> CaseView:
    view = assets.get_case(uow, actor, case_id)
    uow.commit()
    return view


@router.post("/cases/{case_id}/steps", response_model=CaseView)
def record_step(case_id: str, body: StepIn, actor: CurrentActor, uow: UoW) -> CaseView:
    view = assets.record_step(uow, actor, case_id, body)
    uow.commit()
    return view


@router.post("/cases/{case_id}/requests", response_model=CaseView, status_code=201)
def send_request(case_id: str, body: RequestIn, actor: CurrentActor, uow: UoW) -> CaseView:
    view = assets.send_request(uow, actor, case_id, body)
    uow.commit()
    return view


@router.post("/cases/{case_id}/requests/{request_id}/answer", response_model=CaseView)
def answer_request(
    case_id: str, request_id: int, body: AnswerIn, actor: CurrentActor, uow: UoW
) -> CaseView:
    view = assets.answer_request(uow, actor, case_id, request_id, body)
    uow.commit()
    return view


@router.post("/cases/{case_id}/owners", status_code=201)
def add_owner(case_id: str, body: OwnerIn, actor: CurrentActor, uow: UoW) -> dict[str, str]:
    eid = assets.add_owner(uow, actor, case_id, body)
    uow.commit()
    return {"entity_id": eid}


@router.post("/cases/{case_id}/assets", status_code=201)
def add_asset(case_id: str, body: AssetIn, actor: CurrentActor, uow: UoW) -> dict[str, str]:
    eid = assets.add_asset(uow, actor, case_id, body)
    uow.commit()
    return {"entity_id": eid}


@router.post(
    "/cases/{case_id}/import.ftm",
    response_model=ImportResult,
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
        }
    },
)
async def import_ftm(
    case_id: str, request: Request, actor: CurrentActor, uow: UoW, rt: RuntimeDep
) -> ImportResult:
    """FtM entities as JSON lines (one entity per line, as `ftm` and Aleph export them) or as
    a JSON array; all or nothing. Imported persons are screened against persons and notices."""
    raw = (await request.body()).decode("utf-8", errors="replace")
    entities = _parse_entities(raw)
    result = assets.import_ftm(uow, actor, case_id, entities, rt.index)
    uow.commit()
    return result


@router.get("/cases/{case_id}/export.ftm")
def export_ftm(case_id: str, actor: CurrentActor, uow: UoW) -> list[dict[str, Any]]:
    out = assets.export_ftm(uow, actor, case_id)
    uow.commit()
    return out


@router.get("/cases/{case_id}/graph", response_model=GraphView)
def graph(case_id: str, actor: CurrentActor, uow: UoW) -> GraphView:
    """Owners, assets and ownership links as nodes and edges, with a layer (depth) each."""
    view = assets.graph(uow, actor, case_id)
    uow.commit()
    return view


def _parse_entities(raw: str) -> list[dict[str, Any]]:
    import json

    text = raw.strip()
    if not text:
        raise ValidationFailed("The body is empty: send FtM entities, one JSON object a line.")
    try:
        if text.startswith("["):
            data = json.loads(text)
            if not isinstance(data, list):
                raise ValidationFailed("Send a JSON array of entities or JSON lines.")
            if len(data) > MAX_IMPORT_LINES:
                _too_many()
            return data
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_IMPORT_LINES:
            _too_many()
        out = []
        for n, line in enumerate(lines, start=1):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValidationFailed(f"Line {n} is not JSON: {exc.msg}.") from exc
        return out
    except json.JSONDecodeError as exc:
        raise ValidationFailed(f"The body is not JSON: {exc.msg}.") from exc


def _too_many() -> NoReturn:
    raise ValidationFailed(f"At most {MAX_IMPORT_LINES} entities per import.")
