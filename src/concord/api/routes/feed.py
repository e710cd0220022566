"""The change feeds national systems pull to keep their copy of the shared records in step."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from concord.api.deps import CurrentActor, UoW
from concord.services import feed

router = APIRouter(prefix="/feed", tags=["feed"])

After = Annotated[int, Query(ge=0, description="The `next` of the previous page; 0 from the start")]
Limit = Annotated[int, Query(ge=1, le=feed.MAX_PAGE)]


@router.get("/persons", response_model=feed.FeedPage)
def person_changes(
    actor: CurrentActor, uow: UoW, after: After = 0, limit: Limit = 500
) -> feed.FeedPage:
    """Person records changed after the cursor, as you may see them now: `upsert` gives the
    record, `remove` an id to drop (archived, erased, or no longer shared with you). Call
    again with `after=next` while `more` is true, then poll."""
    page = feed.person_changes(uow, actor, after=after, limit=limit)
    uow.commit()
    return page


@router.get("/notices", response_model=feed.FeedPage)
def notice_changes(
    actor: CurrentActor, uow: UoW, after: After = 0, limit: Limit = 500
) -> feed.FeedPage:
    """Notices and diffusions published, cancelled or archived after the cursor: `upsert`
    gives a notice once it is published to you, `remove` one that is cancelled or archived."""
    page = feed.notice_changes(uow, actor, after=after, limit=limit)
    uow.commit()
    return page
