from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from concord.api.deps import CurrentActor, UoW
from concord.services import audit

router = APIRouter(prefix="/audit", tags=["audit"])


class AuditEntryOut(BaseModel):
    seq: int
    at: str
    user_id: int | None
    username: str
    agency_id: int | None
    action: str
    object_type: str
    object_id: str | None
    details: dict[str, Any]
    hash: str


class VerifyOut(BaseModel):
    ok: bool
    entries: int
    problems: list[dict[str, Any]]


@router.get("", response_model=list[AuditEntryOut])
def entries(
    actor: CurrentActor,
    uow: UoW,
    limit: int = Query(100, ge=1, le=1000),
    before: int | None = None,
    username: str | None = None,
    action: str | None = None,
) -> list[AuditEntryOut]:
    rows = audit.list_entries(
        uow, actor, limit=limit, before=before, username=username, action=action
    )
    out = [AuditEntryOut.model_validate(r, from_attributes=True) for r in rows]
    uow.commit()
    return out


@router.get("/verify", response_model=VerifyOut)
def verify(actor: CurrentActor, uow: UoW) -> VerifyOut:
    result = audit.verify_as(uow, actor)
    uow.commit()
    return VerifyOut(
        ok=result.ok,
        entries=result.entries,
        problems=[{"seq": p.seq, "problem": p.problem} for p in result.problems],
    )
