"""Requests between agencies: raise one from a hit or a person, approve it as supervisor,
answer it step by step as the requested country, and talk in its message thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, UoW
from concord.api.routes.requests import attachment_response
from concord.domain.access import Sight, sight
from concord.domain.directory import Actor
from concord.domain.errors import ValidationFailed
from concord.domain.requests import RequestKind, Urgency
from concord.services import directory, hits, requests
from concord.services.common import record_access, stage_of_record
from concord.services.persons import load as load_person
from concord.services.requests import MAX_ATTACHMENT_BYTES, RequestIn
from concord.storage.db import UnitOfWork
from concord.web.forms import Form
from concord.web.ui import WebRoute, flash, int_or_none, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

BOXES = {"all": "All", "incoming": "Incoming", "outgoing": "Outgoing"}
# What each step's button says, from the point of view of the side that takes it.
STEP_LABELS = {
    "awaiting_approval": "Ask a supervisor to approve",
    "sent": "Approve and send",
    "requested": "Approve and send",
    "draft": "Return to the drafter",
    "cancelled": "Cancel the draft",
    "withdrawn": "Withdraw",
    "acknowledged": "Acknowledge",
    "in_progress": "Mark in progress",
    "located": "Person located",
    "not_found": "Not found",
    "arrested": "Person arrested",
    "refused": "Refuse",
    "under_judicial_review": "Under judicial review",
    "granted": "Extradition granted",
    "surrendered": "Person surrendered",
    "answered": "Answered",
}
NEEDS_NOTE = frozenset({"refused", "not_found", "withdrawn"})


def _subject_name(uow: UnitOfWork, actor: Actor, person_id: str) -> tuple[str, int] | None:
    """The subject's first name (when the actor may see it) and the owner agency."""
    row = load_person(uow, person_id)
    seen = sight(actor, record_access(row, stage_of_record(row.status)))
    if seen is Sight.NONE:
        return None
    name = row.names[0]["full"] if seen is Sight.FULL and row.names else "a person"
    return name, row.owner_agency_id


def _latest_hit(uow: UnitOfWork, actor: Actor, person_id: str) -> str | None:
    """The agency's most recent hit on this record, so the request refers to it."""
    for hit in hits.list_hits(uow, actor, box="sent", limit=100):
        if hit.record_id == person_id:
            return hit.id
    return None


@router.get("/requests")
def request_list(
    request: Request, actor: CurrentActor, uow: UoW, box: str = "all", open: str = ""
) -> Response:
    found = requests.list_requests(uow, actor, box=box, open_only=bool(open), limit=200)
    uow.commit()
    return render(
        request,
        "requests.html",
        {"items": found, "box": box, "open": bool(open), "boxes": BOXES},
        actor=actor,
    )


@router.get("/requests/new")
def new_request(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    person_id: str = "",
    hit_id: str = "",
    kind: str = "locate",
) -> Response:
    subject = _subject_name(uow, actor, person_id) if person_id else None
    if person_id and subject is None:
        raise ValidationFailed("This person does not exist or is not visible to you.")
    hit_id = hit_id or (_latest_hit(uow, actor, person_id) if person_id else None) or ""
    agencies = [a for a in directory.list_agencies(uow) if a.id != actor.agency_id]
    uow.commit()
    name, owner_id = subject if subject else ("", None)
    return render(
        request,
        "request_form.html",
        {
            "person_id": person_id,
            "hit_id": hit_id,
            "kind": kind,
            "kinds": [k.value for k in RequestKind],
            "urgencies": [u.value for u in Urgency],
            "agencies": agencies,
            "owner_id": owner_id,
            "title": f"Locate {name}" if name else "",
        },
        actor=actor,
    )


@router.post("/requests/new")
def create_request(request: Request, actor: CurrentActor, uow: UoW, form: Form) -> Response:
    view = requests.create_request(
        uow,
        actor,
        RequestIn(
            kind=form.text("kind") or "locate",
            requested_agency_id=int_or_none(form.text("requested_agency_id"), "requested agency"),
            title=form.text("title"),
            body=form.text("body"),
            person_id=form.optional("person_id"),
            hit_id=form.optional("hit_id"),
            urgency=form.text("urgency") or "normal",
        ),
    )
    uow.commit()
    flash(
        request,
        f"Request {view.reference} drafted. It leaves the agency once a supervisor approves it.",
        "success",
    )
    return redirect(f"/requests/{view.id}")


@router.get("/requests/{request_id}")
def request_page(request: Request, request_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = requests.get_request(uow, actor, request_id)
    uow.commit()
    return render(
        request,
        "request.html",
        {
            "r": view,
            "labels": STEP_LABELS,
            "needs_note": NEEDS_NOTE,
            "max_attachment": MAX_ATTACHMENT_BYTES,
        },
        actor=actor,
    )


@router.post("/requests/{request_id}/step")
def step(request: Request, request_id: str, actor: CurrentActor, uow: UoW, form: Form) -> Response:
    target = form.text("to")
    view = requests.transition_request(
        uow,
        actor,
        request_id,
        target,
        form.text("note"),
        version=int_or_none(form.text("version"), "version"),
    )
    uow.commit()
    flash(request, f"{view.reference}: {target.replace('_', ' ')}.", "success")
    return redirect(f"/requests/{view.id}")


@router.post("/requests/{request_id}/messages")
def message(
    request: Request, request_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    requests.post_message(uow, actor, request_id, form.text("body"))
    uow.commit()
    flash(request, "Message sent.", "success")
    return redirect(f"/requests/{request_id}#thread")


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    data: bytes


async def _upload(request: Request) -> Upload:
    """The posted file, read here (async) so the database work runs in the thread pool."""
    form = await request.form()
    item = form.get("file")
    if item is None or isinstance(item, str) or not item.filename:
        raise ValidationFailed("Choose a file to attach.", field="file")
    data = await item.read(MAX_ATTACHMENT_BYTES + 1)
    return Upload(item.filename, item.content_type or "", data)


@router.post("/requests/{request_id}/attachments")
def attach(
    request: Request,
    request_id: str,
    actor: CurrentActor,
    uow: UoW,
    upload: Annotated[Upload, Depends(_upload)],
) -> Response:
    requests.add_attachment(
        uow, actor, request_id, upload.filename, upload.content_type, upload.data
    )
    uow.commit()
    flash(request, f"{upload.filename} attached.", "success")
    return redirect(f"/requests/{request_id}")


@router.get("/requests/{request_id}/attachments/{attachment_id}")
def download(request_id: str, attachment_id: str, actor: CurrentActor, uow: UoW) -> Response:
    item = requests.get_attachment(uow, actor, request_id, attachment_id)
    uow.commit()
    return attachment_response(item)
