"""The General Secretariat review queue: publish, refuse or return notices with a reason."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, UoW
from concord.domain.access import Action, require
from concord.services import notices
from concord.web.forms import Form
from concord.web.ui import WebRoute, flash, int_or_none, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

OUTCOME = {"publish": "published", "refuse": "refused", "return": "returned to its owner"}


@router.get("/review")
def queue(request: Request, actor: CurrentActor, uow: UoW) -> Response:
    require(actor, Action.REVIEW, "review notices")
    waiting = notices.list_notices(uow, actor, status="under_review", limit=200)
    uow.commit()
    return render(request, "review.html", {"queue": waiting}, actor=actor)


@router.post("/notices/{notice_id}/review")
def decide(request: Request, notice_id: str, actor: CurrentActor, uow: UoW, form: Form) -> Response:
    decision = form.text("decision")
    version = int_or_none(form.text("version"), "version") or 0
    view = notices.review_notice(uow, actor, notice_id, version, decision, form.optional("note"))
    uow.commit()
    flash(request, f"{view.reference} {OUTCOME.get(decision, decision)}.", "success")
    return redirect("/review")
