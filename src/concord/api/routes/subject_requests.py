"""Data subjects' requests to the files commission: open, read, decide per record, close."""

from __future__ import annotations

from fastapi import APIRouter, Query

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.services import subject_requests as sr

router = APIRouter(prefix="/subject-requests", tags=["data subjects"])


@router.post("", response_model=sr.SubjectRequestView, status_code=201)
def open_request(
    body: sr.SubjectRequestIn, actor: CurrentActor, uow: UoW, rt: RuntimeDep
) -> sr.SubjectRequestView:
    """The files commission registers a request; every live record that may be the
    applicant's is listed, and their owners are told."""
    view = sr.open_request(uow, actor, body, rt.index)
    uow.commit()
    return view


@router.get("", response_model=list[sr.SubjectRequestView])
def list_requests(
    actor: CurrentActor,
    uow: UoW,
    status: str | None = None,
    limit: int = Query(50, ge=1, le=500),
) -> list[sr.SubjectRequestView]:
    """The commission sees every request; an agency, those that concern its records."""
    views = sr.list_requests(uow, actor, status=status, limit=limit)
    uow.commit()
    return views


@router.get("/{request_id}", response_model=sr.SubjectRequestView)
def get_request(request_id: str, actor: CurrentActor, uow: UoW) -> sr.SubjectRequestView:
    view = sr.get_request(uow, actor, request_id)
    uow.commit()
    return view


@router.post("/{request_id}/findings/{finding_id}/decision", response_model=sr.SubjectRequestView)
def decide(
    request_id: str,
    finding_id: int,
    body: sr.DecisionIn,
    actor: CurrentActor,
    uow: UoW,
    rt: RuntimeDep,
) -> sr.SubjectRequestView:
    """keep, correct (the owner has 30 days) or delete (erased at once, notices cancelled)."""
    view = sr.decide(uow, actor, request_id, finding_id, body, rt.index)
    uow.commit()
    return view


@router.post("/{request_id}/findings/{finding_id}/opinion", response_model=sr.SubjectRequestView)
def give_opinion(
    request_id: str, finding_id: int, body: sr.OpinionIn, actor: CurrentActor, uow: UoW
) -> sr.SubjectRequestView:
    """The owner of a record found tells the commission what it should weigh, before it
    decides."""
    view = sr.give_opinion(uow, actor, request_id, finding_id, body)
    uow.commit()
    return view


@router.post("/{request_id}/close", response_model=sr.SubjectRequestView)
def close_request(
    request_id: str, body: sr.CloseIn, actor: CurrentActor, uow: UoW
) -> sr.SubjectRequestView:
    view = sr.close_request(uow, actor, request_id, body)
    uow.commit()
    return view
