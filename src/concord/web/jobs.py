"""Where long work runs: the jobs worker analyses call records officers upload and delivers
webhooks (hit and alert notifications) in the background. This page shows the agency's
analyses and deliveries and their state."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, UoW
from concord.services import jobs, outbox
from concord.web.ui import WebRoute, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)


@router.get("/jobs")
def jobs_page(request: Request, actor: CurrentActor, uow: UoW) -> Response:
    analyses = jobs.list_jobs(uow, actor, limit=50)
    deliveries = outbox.list_outbox(uow, actor, limit=100)
    uow.commit()
    counts = Counter(d.status for d in deliveries)
    return render(
        request,
        "jobs.html",
        {"jobs": analyses, "deliveries": deliveries, "counts": sorted(counts.items())},
        actor=actor,
    )
