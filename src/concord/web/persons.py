"""The person page: nominal data in its original script, identifiers, and notices about them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from concord.api.deps import CurrentActor, UoW
from concord.domain.access import Sight, sight
from concord.domain.directory import Actor
from concord.services import audit, persons
from concord.services.notices import notice_access, notice_view
from concord.services.views import HitOnlyView, NoticeView
from concord.storage.db import UnitOfWork
from concord.storage.tables import Notice
from concord.web.ui import WebRoute, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def notices_about(uow: UnitOfWork, actor: Actor, person_id: str) -> list[NoticeView]:
    """Read-only listing the notices service lacks (no filter by subject): the same sight rule
    as `notices.list_notices`, and the listing is audited like it."""
    rows = uow.session.execute(
        select(Notice).where(Notice.person_id == person_id).order_by(Notice.created_at.desc())
    ).scalars()
    out = [notice_view(uow, actor, r) for r in rows if sight(actor, notice_access(r)) is Sight.FULL]
    audit.record(
        uow.session,
        actor,
        "notice.list",
        "notice",
        None,
        {"person_id": person_id, "returned": [v.id for v in out]},
    )
    return out


@router.get("/persons/{person_id}")
def person_page(request: Request, person_id: str, actor: CurrentActor, uow: UoW) -> Response:
    person = persons.get_person(uow, actor, person_id)
    about = [] if isinstance(person, HitOnlyView) else notices_about(uow, actor, person_id)
    uow.commit()
    return render(request, "person.html", {"person": person, "notices": about}, actor=actor)
