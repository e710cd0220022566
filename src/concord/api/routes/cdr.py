"""Call record analysis as a background job: upload a CDR file, then poll the job."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.services import cdr_jobs
from concord.services.jobs import JobView

router = APIRouter(prefix="/cdr", tags=["cdr"])

# Has its own body limit (CONCORD_CDR_MAX_UPLOAD_BYTES), not the API's general one.
UPLOAD_PATH = "/api/v1/cdr/jobs"


@router.post("/jobs", response_model=JobView, status_code=202)
def submit(
    file: Annotated[UploadFile, File(description="Call records: CSV with header, or Parquet.")],
    response: Response,
    actor: CurrentActor,
    uow: UoW,
    rt: RuntimeDep,
) -> JobView:
    """Queue a SIM-bank analysis; poll `GET /cdr/jobs/{id}` until `status` is done or failed."""
    view = cdr_jobs.submit_analysis(
        uow, actor, rt.settings.data_dir, file.filename or "", file.file
    )
    uow.commit()
    response.headers["Location"] = f"{UPLOAD_PATH}/{view.id}"
    return view


@router.get("/jobs", response_model=list[JobView])
def list_(actor: CurrentActor, uow: UoW, limit: int = Query(50, ge=1, le=500)) -> list[JobView]:
    """Your agency's analyses, newest first (without their results)."""
    out = cdr_jobs.list_analyses(uow, actor, limit=limit)
    uow.commit()
    return out


@router.get("/jobs/{job_id}", response_model=JobView)
def get(job_id: str, actor: CurrentActor, uow: UoW) -> JobView:
    """Status and progress; once done, `result` holds the flagged SIMs and devices with the
    features behind each flag, and `result.indicators` is ready for
    `POST /indicators/publish-flags`."""
    view = cdr_jobs.get_analysis(uow, actor, job_id)
    uow.commit()
    return view
