"""The FastAPI application: REST API under /api/v1 and the officers' web UI."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware

from concord import __version__
from concord.api import problems
from concord.api.routes import (
    assets,
    audit,
    cdr,
    directory,
    feed,
    hits,
    indicators,
    notices,
    operations,
    persons,
    records,
    requests,
    retention,
    screening,
    statistics,
    subject_requests,
)
from concord.domain.errors import PermissionDenied
from concord.services import audit as audit_service
from concord.services.runtime import Runtime, start
from concord.settings import Settings
from concord.web.app import mount as mount_web
from concord.web.cdr import UPLOAD_PATH as CDR_PAGE_UPLOAD
from concord.web.ui import too_large_page

log = logging.getLogger("concord.api")

# Every router here is guarded by the `actor` dependency of its routes; the route-inventory test
# proves that none answers without authentication except PUBLIC_PATHS.
API_ROUTERS: list[APIRouter] = [
    directory.router,
    persons.router,
    notices.router,
    records.router,
    screening.router,
    audit.router,
    indicators.router,
    operations.router,
    assets.router,
    hits.router,
    requests.router,
    statistics.router,
    retention.router,
    cdr.router,
    subject_requests.router,
    feed.router,
]
PUBLIC_PATHS = frozenset(
    {
        "/api/v1/health",
        "/docs",
        "/docs/oauth2-redirect",
        "/openapi.json",
        "/redoc",
        "/login",
        "/static",
    }
)


def _audit_denial(request: Request, exc: PermissionDenied) -> None:
    """Refused attempts are audited too, in their own transaction (the request's was rolled back)."""
    runtime: Runtime = request.app.state.runtime
    try:
        audit_service.record_refusal(
            runtime.uow(),
            getattr(request.state, "actor", None),
            request.method,
            request.url.path,
            exc.detail,
        )
    except Exception:  # the refusal itself must still reach the caller
        log.exception("could not audit a refused request")


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    settings = settings or (runtime.settings if runtime else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "runtime", None) is None:
            app.state.runtime = start(settings)
        yield

    app = FastAPI(
        title="Concord",
        version=__version__,
        description="International police cooperation: notices, records, cross-script screening, "
        "requests and an audit trail. Authenticate with an API key in `X-API-Key`.",
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    problems.install(app, on_denied=_audit_denial)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        same_site="strict",
        https_only=False,
        session_cookie="concord_session",
        max_age=8 * 3600,
    )
    # Call records arrive as large files, streamed to disk: their upload has its own limit.
    uploads = {path: settings.cdr_max_upload_bytes for path in (cdr.UPLOAD_PATH, CDR_PAGE_UPLOAD)}
    app.add_middleware(
        problems.BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        uploads=uploads,
        page=too_large_page,
    )

    @app.get("/api/v1/health", tags=["meta"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    for router in API_ROUTERS:
        app.include_router(router, prefix="/api/v1")
    mount_web(app)
    return app
