from __future__ import annotations

from fastapi import APIRouter, Body, Query

from concord.api.deps import CurrentActor, UoW
from concord.services import notices
from concord.services.notices import NoticeIn, NoticePatch
from concord.services.views import NoticeView

router = APIRouter(prefix="/notices", tags=["notices"])


@router.post("", response_model=NoticeView, status_code=201)
def create(body: NoticeIn, actor: CurrentActor, uow: UoW) -> NoticeView:
    view = notices.create_notice(uow, actor, body)
    uow.commit()
    return view


@router.get("", response_model=list[NoticeView])
def list_(
    actor: CurrentActor,
    uow: UoW,
    status: str | None = None,
    kind: str | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> list[NoticeView]:
    out = notices.list_notices(uow, actor, status=status, kind=kind, limit=limit, offset=offset)
    uow.commit()
    return out


@router.get("/{notice_id}", response_model=NoticeView)
def get(notice_id: str, actor: CurrentActor, uow: UoW) -> NoticeView:
    view = notices.get_notice(uow, actor, notice_id)
    uow.commit()
    return view


@router.patch("/{notice_id}", response_model=NoticeView)
def update(notice_id: str, body: NoticePatch, actor: CurrentActor, uow: UoW) -> NoticeView:
    view = notices.update_notice(uow, actor, notice_id, body)
    uow.commit()
    return view


@router.post("/{notice_id}/submit", response_model=NoticeView)
def submit(
    notice_id: str, actor: CurrentActor, uow: UoW, version: int = Body(..., embed=True)
) -> NoticeView:
    """Supervisor: send a notice to General Secretariat review, or a diffusion to its countries."""
    view = notices.submit_notice(uow, actor, notice_id, version)
    uow.commit()
    return view


@router.post("/{notice_id}/review", response_model=NoticeView)
def review(
    notice_id: str,
    actor: CurrentActor,
    uow: UoW,
    version: int = Body(...),
    decision: str = Body(..., pattern="^(publish|refuse|return)$"),
    note: str | None = Body(None, max_length=2000),
) -> NoticeView:
    """General Secretariat: publish, refuse or return a notice under review."""
    view = notices.review_notice(uow, actor, notice_id, version, decision, note)
    uow.commit()
    return view


@router.post("/{notice_id}/cancel", response_model=NoticeView)
def cancel(
    notice_id: str,
    actor: CurrentActor,
    uow: UoW,
    version: int = Body(...),
    reason: str = Body(..., min_length=1, max_length=2000),
) -> NoticeView:
    view = notices.cancel_notice(uow, actor, notice_id, version, reason)
    uow.commit()
    return view
