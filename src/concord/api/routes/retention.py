from __future__ import annotations

from fastapi import APIRouter, Query

from concord.api.deps import CurrentActor, UoW
from concord.services import retention
from concord.services.retention import ExtensionIn, ReviewItemView

router = APIRouter(prefix="/review", tags=["retention"])


@router.get("/due", response_model=list[ReviewItemView])
def due(
    actor: CurrentActor, uow: UoW, within_days: int = Query(183, ge=0, le=3650)
) -> list[ReviewItemView]:
    """Your agency's live items whose review date falls within `within_days` (six months by
    default): extend them with a reason, or let them be archived at expiry."""
    items = retention.list_review_due(uow, actor, within_days=within_days)
    uow.commit()
    return items


@router.post("/{object_type}/{object_id}/extend", response_model=ReviewItemView)
def extend(
    object_type: str, object_id: str, body: ExtensionIn, actor: CurrentActor, uow: UoW
) -> ReviewItemView:
    item = retention.extend_review(uow, actor, object_type, object_id, body)
    uow.commit()
    return item
