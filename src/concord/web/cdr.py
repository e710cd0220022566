"""Call records: upload a CDR file for SIM-bank analysis, watch the job, read the flagged SIMs
and devices with the features behind each flag, and publish them as indicators."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.domain.directory import Actor
from concord.domain.errors import ValidationFailed
from concord.services import cdr_jobs
from concord.services.jobs import JobView
from concord.web.forms import Form
from concord.web.ui import WebRoute, flash, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

# Has its own body limit (CONCORD_CDR_MAX_UPLOAD_BYTES), not the site's general one.
UPLOAD_PATH = "/cdr"
# Rows per table on the page; the API returns every flag.
MAX_ROWS = 200
FEATURES = {
    "outgoing_calls": "Outgoing calls",
    "incoming_calls": "Incoming calls",
    "incoming_share": "Incoming share",
    "sms": "SMS",
    "data_sessions": "Data sessions",
    "distinct_callees": "Distinct callees",
    "never_call_back_share": "Callees who never call back",
    "distinct_cells": "Cells",
    "imeis": "Devices (IMEIs)",
    "max_imsis_on_device": "Most SIMs on one of its devices",
    "call_duration_mean_s": "Mean call length (s)",
    "call_duration_cv": "Call length variation (CV)",
    "gap_cv": "Interval between calls variation (CV)",
    "night_share": "Share of calls at night",
    "calls_with_same_device_sims": "Calls with SIMs of the same device",
}


def _page(
    request: Request, actor: Actor, uow: UoW, *, error: str | None = None, status: int = 200
) -> Response:
    analyses = cdr_jobs.list_analyses(uow, actor, limit=50)
    uow.commit()
    limit = request.app.state.runtime.settings.cdr_max_upload_bytes
    return render(
        request,
        "cdr/index.html",
        {"analyses": analyses, "error": error, "limit_mb": limit // (1024 * 1024)},
        actor=actor,
        status=status,
    )


@router.get("/cdr")
def cdr_page(request: Request, actor: CurrentActor, uow: UoW) -> Response:
    return _page(request, actor, uow)


@router.post(UPLOAD_PATH)
def upload(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    rt: RuntimeDep,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    if file is None or not file.filename:
        return _page(request, actor, uow, error="Choose a call record file to analyse.", status=422)
    try:
        view = cdr_jobs.submit_analysis(uow, actor, rt.settings.data_dir, file.filename, file.file)
    except ValidationFailed as exc:
        uow.rollback()
        return _page(request, actor, uow, error=exc.detail, status=422)
    uow.commit()
    flash(request, f"{view.input_name} received: the analysis is queued.", "success")
    return redirect(f"/cdr/jobs/{view.id}")


def _result_context(job: JobView) -> dict[str, Any]:
    result = job.result or {}
    sims = result.get("flagged_sims") or []
    devices = result.get("flagged_devices") or []
    kinds: dict[str, int] = {}
    for flag in result.get("indicators") or []:
        kinds[flag["kind"]] = kinds.get(flag["kind"], 0) + 1
    return {
        "report": result,
        "sims": sims[:MAX_ROWS],
        "devices": devices[:MAX_ROWS],
        "more_sims": max(0, len(sims) - MAX_ROWS),
        "more_devices": max(0, len(devices) - MAX_ROWS),
        "indicator_kinds": sorted(kinds.items()),
        "indicator_total": sum(kinds.values()),
        "published": result.get("published"),
        "features": FEATURES,
    }


@router.get("/cdr/jobs/{job_id}")
def job_page(request: Request, job_id: str, actor: CurrentActor, uow: UoW) -> Response:
    job = cdr_jobs.get_analysis(uow, actor, job_id)
    uow.commit()
    context: dict[str, Any] = {"job": job}
    if job.status == "done":
        context.update(_result_context(job))
    return render(request, "cdr/job.html", context, actor=actor)


@router.get("/cdr/jobs/{job_id}/progress")
def job_progress(request: Request, job_id: str, actor: CurrentActor, uow: UoW) -> Response:
    """The progress box alone, polled by the job page while the job runs."""
    job = cdr_jobs.analysis_progress(uow, actor, job_id)
    uow.commit()
    # Once the job ends, the whole page reloads to show the result (or the reason it failed).
    headers = {} if job.active else {"HX-Refresh": "true"}
    return render(request, "cdr/_progress.html", {"job": job}, actor=actor, headers=headers)


@router.post("/cdr/jobs/{job_id}/publish")
def publish(request: Request, job_id: str, actor: CurrentActor, uow: UoW, form: Form) -> Response:
    outcome = cdr_jobs.publish_analysis(uow, actor, job_id, form.text("reference"))
    uow.commit()
    created, known = len(outcome.created), len(outcome.updated)
    message = f"Published as indicators: {created} new, {known} already known to your agency"
    if outcome.skipped:
        message += f", {len(outcome.skipped)} skipped"
    flash(request, message + ".", "success")
    return redirect(f"/cdr/jobs/{job_id}#publish")
