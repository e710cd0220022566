from __future__ import annotations

from fastapi import APIRouter, Body, File, Form, Query, Response, UploadFile

from concord.api.deps import CurrentActor, UoW
from concord.services import requests
from concord.services.requests import (
    MAX_ATTACHMENT_BYTES,
    AttachmentView,
    MessageView,
    RequestIn,
    RequestSummary,
    RequestView,
)

router = APIRouter(prefix="/requests", tags=["requests"])


@router.post("", response_model=RequestView, status_code=201)
def create(body: RequestIn, actor: CurrentActor, uow: UoW) -> RequestView:
    """Draft a request to another agency (locate, provisional_arrest, extradition, information).
    It leaves your agency only when a supervisor approves it."""
    view = requests.create_request(uow, actor, body)
    uow.commit()
    return view


@router.get("", response_model=list[RequestSummary])
def list_(
    actor: CurrentActor,
    uow: UoW,
    box: str = Query("all", pattern="^(all|outgoing|incoming)$"),
    state: str | None = None,
    kind: str | None = None,
    open_only: bool = False,
    overdue_only: bool = False,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> list[RequestSummary]:
    out = requests.list_requests(
        uow,
        actor,
        box=box,
        state=state,
        kind=kind,
        open_only=open_only,
        overdue_only=overdue_only,
        limit=limit,
        offset=offset,
    )
    uow.commit()
    return out


@router.get("/{request_id}", response_model=RequestView)
def get(request_id: str, actor: CurrentActor, uow: UoW) -> RequestView:
    view = requests.get_request(uow, actor, request_id)
    uow.commit()
    return view


@router.post("/{request_id}/submit", response_model=RequestView)
def submit(
    request_id: str,
    actor: CurrentActor,
    uow: UoW,
    note: str = Body("", embed=True, max_length=5000),
) -> RequestView:
    """Officer: ask a supervisor of your agency to approve the draft."""
    view = requests.submit_request(uow, actor, request_id, note)
    uow.commit()
    return view


@router.post("/{request_id}/approve", response_model=RequestView)
def approve(
    request_id: str,
    actor: CurrentActor,
    uow: UoW,
    note: str = Body("", embed=True, max_length=5000),
) -> RequestView:
    """Supervisor of the requesting agency: send the request."""
    view = requests.approve_request(uow, actor, request_id, note)
    uow.commit()
    return view


@router.post("/{request_id}/transition", response_model=RequestView)
def transition(
    request_id: str,
    actor: CurrentActor,
    uow: UoW,
    to: str = Body(..., max_length=32),
    note: str = Body("", max_length=5000),
    version: int | None = Body(None),
) -> RequestView:
    """Take one step (`to` is the new state); `allowed_steps` on the request lists yours."""
    view = requests.transition_request(uow, actor, request_id, to, note, version=version)
    uow.commit()
    return view


@router.post("/{request_id}/messages", response_model=MessageView, status_code=201)
def message(
    request_id: str,
    actor: CurrentActor,
    uow: UoW,
    body: str = Body(..., embed=True, min_length=1, max_length=20_000),
) -> MessageView:
    view = requests.post_message(uow, actor, request_id, body)
    uow.commit()
    return view


@router.post("/{request_id}/attachments", response_model=AttachmentView, status_code=201)
async def attach(
    request_id: str,
    actor: CurrentActor,
    uow: UoW,
    file: UploadFile = File(...),
    filename: str | None = Form(None),
) -> AttachmentView:
    """Upload a file (PDF, image, text, CSV, JSON, XML) to the request."""
    data = await file.read(MAX_ATTACHMENT_BYTES + 1)
    view = requests.add_attachment(
        uow,
        actor,
        request_id,
        filename or file.filename or "",
        file.content_type or "",
        data,
    )
    uow.commit()
    return view


@router.get("/{request_id}/attachments/{attachment_id}")
def download(request_id: str, attachment_id: str, actor: CurrentActor, uow: UoW) -> Response:
    item = requests.get_attachment(uow, actor, request_id, attachment_id)
    uow.commit()
    return attachment_response(item)


def attachment_response(item: requests.AttachmentContent) -> Response:
    """An attachment as a download: never rendered inline, with its checksum."""
    safe = item.filename.replace('"', "")
    return Response(
        content=item.data,
        media_type=item.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{safe}"',
            "X-Content-SHA256": item.sha256,
            "X-Content-Type-Options": "nosniff",
        },
    )
