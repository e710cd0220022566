"""The audit log for auditors: who did what, when, with what result; and the proof that the
hash chain is intact."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, UoW
from concord.services import audit
from concord.web.ui import WebRoute, blank_none, int_or_none, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

PAGE_SIZE = 100


@router.get("/audit")
def audit_log(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    username: str = "",
    action: str = "",
    before: str = "",
) -> Response:
    rows = audit.list_entries(
        uow,
        actor,
        limit=PAGE_SIZE,
        before=int_or_none(before, "before"),
        username=blank_none(username),
        action=blank_none(action),
    )
    entries = [
        {
            "seq": r.seq,
            "at": r.at,
            "username": r.username,
            "action": r.action,
            "object": f"{r.object_type} {r.object_id or ''}".strip(),
            "details": r.details,
            "hash": r.hash,
        }
        for r in rows
    ]
    uow.commit()
    return render(
        request,
        "audit.html",
        {
            "entries": entries,
            "filters": {"username": username, "action": action},
            "older": entries[-1]["seq"] if len(entries) == PAGE_SIZE else None,
        },
        actor=actor,
    )


@router.post("/audit/verify")
def verify(request: Request, actor: CurrentActor, uow: UoW) -> Response:
    result = audit.verify_as(uow, actor)
    uow.commit()
    return render(
        request,
        "audit_verify.html",
        {"ok": result.ok, "count": result.entries, "problems": result.problems},
        actor=actor,
    )
