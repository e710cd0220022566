"""Hits: matches on the agency's records by other countries' searches (inbox: acknowledge and
answer before the deadline) and hits its own searches produced (sent: follow up with a
request). Deadline alerts share the page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from concord.api.deps import CurrentActor, UoW
from concord.services import hits
from concord.web.forms import Form
from concord.web.ui import WebRoute, flash, int_or_none, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

BOXES = {"inbox": "On our records", "sent": "From our searches"}
STATES = ("open", "new", "acknowledged", "answered", "overdue")


@router.get("/badges")
def badges(actor: CurrentActor, uow: UoW) -> Response:
    """The open-hits count beside "Hits" in the menu, fetched by htmx after the page loads
    (without JavaScript the menu simply has no count)."""
    counts = hits.count_open(uow, actor)
    n = counts["open_hits"]
    body = f'<span class="badge" title="{n} hits to answer">{n}</span>' if n else ""
    return HTMLResponse(body)


@router.get("/hits")
def hit_list(
    request: Request, actor: CurrentActor, uow: UoW, box: str = "inbox", state: str = ""
) -> Response:
    found = hits.list_hits(uow, actor, box=box, state=state or None, limit=100)
    alerts = hits.list_alerts(uow, actor, unread_only=True, limit=20) if box == "inbox" else []
    uow.commit()
    return render(
        request,
        "hits.html",
        {
            "hits": found,
            "alerts": alerts,
            "box": box,
            "state": state,
            "boxes": BOXES,
            "states": STATES,
        },
        actor=actor,
    )


@router.get("/hits/{hit_id}")
def hit_page(request: Request, hit_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = hits.get_hit(uow, actor, hit_id)
    uow.commit()
    return render(request, "hit.html", {"h": view}, actor=actor)


@router.post("/hits/{hit_id}/acknowledge")
def acknowledge(request: Request, hit_id: str, actor: CurrentActor, uow: UoW) -> Response:
    hits.acknowledge_hit(uow, actor, hit_id)
    uow.commit()
    flash(request, "Hit acknowledged: the searching agency sees that you are on it.", "success")
    return redirect(f"/hits/{hit_id}")


@router.post("/hits/{hit_id}/answer")
def answer(request: Request, hit_id: str, actor: CurrentActor, uow: UoW, form: Form) -> Response:
    hits.answer_hit(uow, actor, hit_id, form.text("answer"))
    uow.commit()
    flash(request, "Answer sent to the searching agency.", "success")
    return redirect(f"/hits/{hit_id}")


@router.post("/alerts/{alert_id}/read")
def read_alert(request: Request, alert_id: str, actor: CurrentActor, uow: UoW) -> Response:
    hits.mark_alert_read(uow, actor, int_or_none(alert_id, "alert") or 0)
    uow.commit()
    # Back to where the alert was listed: the files commission has no hits page.
    return redirect("/subject-requests" if actor.is_files_commission else "/hits")
