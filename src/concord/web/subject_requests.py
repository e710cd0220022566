"""Data subjects' requests: the files commission registers them and decides on each record
found; an owner agency follows the requests that concern its records."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.domain.access import Action, allowed_actions
from concord.domain.directory import Actor
from concord.domain.subject_requests import FindingDecision, SubjectRequestKind
from concord.services import hits
from concord.services import subject_requests as sr
from concord.web.forms import Form
from concord.web.ui import WebRoute, flash, form_list, int_or_none, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _oversees(actor: Actor) -> bool:
    return Action.OVERSEE in allowed_actions(actor)


@router.get("/subject-requests")
def request_list(request: Request, actor: CurrentActor, uow: UoW, status: str = "") -> Response:
    found = sr.list_requests(uow, actor, status=status or None, limit=200)
    oversees = _oversees(actor)
    # The commission has no hits page: its alerts (overdue answers, owed corrections) are here.
    alerts = hits.list_alerts(uow, actor, unread_only=True, limit=20) if oversees else []
    uow.commit()
    return render(
        request,
        "subject_requests/list.html",
        {"requests": found, "status": status, "oversees": oversees, "alerts": alerts},
        actor=actor,
    )


@router.get("/subject-requests/new")
def new_request(request: Request, actor: CurrentActor) -> Response:
    return render(
        request,
        "subject_requests/form.html",
        {"kinds": [k.value for k in SubjectRequestKind]},
        actor=actor,
    )


@router.post("/subject-requests/new")
def open_request(
    request: Request, actor: CurrentActor, uow: UoW, rt: RuntimeDep, form: Form
) -> Response:
    view = sr.open_request(
        uow,
        actor,
        sr.SubjectRequestIn(
            kind=form.text("kind"),
            subject=sr.SubjectIn(
                names=[n.strip() for n in form.text("names").splitlines() if n.strip()],
                birth_date=form.optional("birth_date"),
                nationalities=form_list(form.text("nationalities")),
            ),
            applicant=form.text("applicant"),
            grounds=form.text("grounds"),
        ),
        rt.index,
    )
    uow.commit()
    n = len(view.findings)
    flash(request, f"Request registered: {n} record{'s' if n != 1 else ''} found.", "success")
    return redirect(f"/subject-requests/{view.id}")


@router.get("/subject-requests/{request_id}")
def request_page(request: Request, request_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = sr.get_request(uow, actor, request_id)
    uow.commit()
    return render(
        request,
        "subject_requests/detail.html",
        {
            "r": view,
            "oversees": _oversees(actor),
            "decisions": [d.value for d in FindingDecision],
        },
        actor=actor,
    )


@router.post("/subject-requests/{request_id}/findings/{finding_id}/decision")
def decide(
    request: Request,
    request_id: str,
    finding_id: str,
    actor: CurrentActor,
    uow: UoW,
    rt: RuntimeDep,
    form: Form,
) -> Response:
    sr.decide(
        uow,
        actor,
        request_id,
        int_or_none(finding_id, "finding") or 0,
        sr.DecisionIn(decision=form.text("decision"), note=form.text("note")),
        rt.index,
    )
    uow.commit()
    flash(request, "Decision recorded and enforced.", "success")
    return redirect(f"/subject-requests/{request_id}")


@router.post("/subject-requests/{request_id}/findings/{finding_id}/opinion")
def give_opinion(
    request: Request, request_id: str, finding_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    sr.give_opinion(
        uow,
        actor,
        request_id,
        int_or_none(finding_id, "finding") or 0,
        sr.OpinionIn(opinion=form.text("opinion")),
    )
    uow.commit()
    flash(request, "Your opinion is with the commission.", "success")
    return redirect(f"/subject-requests/{request_id}")


@router.post("/subject-requests/{request_id}/close")
def close_request(
    request: Request, request_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    sr.close_request(uow, actor, request_id, sr.CloseIn(answer=form.text("answer")))
    uow.commit()
    flash(request, "Request closed; the answer is recorded.", "success")
    return redirect(f"/subject-requests/{request_id}")
