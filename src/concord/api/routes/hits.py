from __future__ import annotations

from fastapi import APIRouter, Body, Query

from concord.api.deps import CurrentActor, UoW
from concord.services import hits
from concord.services.hits import AlertView, HitView

router = APIRouter(tags=["hits"])


@router.get("/hits", response_model=list[HitView])
def list_(
    actor: CurrentActor,
    uow: UoW,
    box: str = Query("inbox", pattern="^(inbox|sent)$"),
    state: str | None = Query(None, pattern="^(new|acknowledged|answered|open|overdue)$"),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> list[HitView]:
    """Hits on your agency's records (inbox) or produced by its searches (sent)."""
    out = hits.list_hits(uow, actor, box=box, state=state, limit=limit, offset=offset)
    uow.commit()
    return out


@router.get("/hits/{hit_id}", response_model=HitView)
def get(hit_id: str, actor: CurrentActor, uow: UoW) -> HitView:
    view = hits.get_hit(uow, actor, hit_id)
    uow.commit()
    return view


@router.post("/hits/{hit_id}/acknowledge", response_model=HitView)
def acknowledge(hit_id: str, actor: CurrentActor, uow: UoW) -> HitView:
    """The owner agency has seen the hit."""
    view = hits.acknowledge_hit(uow, actor, hit_id)
    uow.commit()
    return view


@router.post("/hits/{hit_id}/answer", response_model=HitView)
def answer(
    hit_id: str,
    actor: CurrentActor,
    uow: UoW,
    answer: str = Body(..., embed=True, min_length=1, max_length=5000),
) -> HitView:
    """The owner agency's answer to the searching agency."""
    view = hits.answer_hit(uow, actor, hit_id, answer)
    uow.commit()
    return view


@router.get("/alerts", response_model=list[AlertView])
def alerts(
    actor: CurrentActor,
    uow: UoW,
    unread_only: bool = False,
    limit: int = Query(100, ge=1, le=500),
) -> list[AlertView]:
    """Overdue requests and hits, review dates coming up: what your agency must act on."""
    out = hits.list_alerts(uow, actor, unread_only=unread_only, limit=limit)
    uow.commit()
    return out


@router.post("/alerts/{alert_id}/read", response_model=AlertView)
def read_alert(alert_id: int, actor: CurrentActor, uow: UoW) -> AlertView:
    view = hits.mark_alert_read(uow, actor, alert_id)
    uow.commit()
    return view
