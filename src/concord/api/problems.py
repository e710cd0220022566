"""Errors as application/problem+json (RFC 9457), each with a message a person can act on."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from concord.domain.errors import DomainError, PermissionDenied

log = logging.getLogger("concord.api")
MEDIA_TYPE = "application/problem+json"


def problem(
    status: int, title: str, detail: str, slug: str, instance: str | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{slug}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in extra.items() if v is not None})
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


def _validation_errors(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    errors = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            ctx = err.get("ctx") or {}
            return (
                f"The request body is not valid JSON ({ctx.get('error', 'syntax error')}).",
                [{"field": "body", "message": "invalid JSON"}],
            )
        errors.append({"field": _location(err.get("loc", ())), "message": err.get("msg", "")})
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return f"The request has invalid fields: {summary}.", errors


def install(app: FastAPI, on_denied: Any = None) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        if isinstance(exc, PermissionDenied) and on_denied is not None:
            on_denied(request, exc)
        return problem(
            exc.status, exc.title, exc.detail, exc.slug, request.url.path, field=exc.field
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail, errors = _validation_errors(exc)
        return problem(
            422,
            "The request is not valid",
            detail,
            "invalid-request",
            request.url.path,
            errors=errors,
        )

    @app.exception_handler(StaleDataError)
    async def stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return problem(
            409,
            "Conflict",
            "Someone else changed this item at the same time: reload it "
            "and apply your change again.",
            "conflict",
            request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"There is no endpoint at {request.url.path}; see /docs for the API."
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}; see /docs."
        return problem(
            exc.status_code,
            _title(exc.status_code),
            detail,
            f"http-{exc.status_code}",
            request.url.path,
        )

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(
            500,
            "Internal error",
            "The server failed on this request; it was logged. Nothing was saved.",
            "internal-error",
            request.url.path,
        )


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


# Renders the refusal as a page for a browser's form post: (scope, detail) -> response.
PageRefusal = Callable[[Scope, str], Response]


class BodySizeLimit:
    """Refuse request bodies over the limit before they reach a handler (streams included).

    `uploads` gives single paths (a file upload streamed to disk) a limit of their own, and
    `page`, when given, answers a browser's form post with a page instead of JSON.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        uploads: Mapping[str, int] | None = None,
        page: PageRefusal | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.uploads = dict(uploads or {})
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.uploads.get(scope.get("path", ""), self.max_bytes)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, limit)
            return
        seen = 0
        exceeded = started = False

        async def limited() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            # A body sent without Content-Length is cut off while the app reads it, and the
            # app may turn that into its own error (FastAPI answers any failure to parse a
            # body with 400): that answer is dropped, and the 413 below sent instead.
            if exceeded and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_TooLarge):  # the app may also have caught it itself
            await self.app(scope, limited, guarded)
        if exceeded and not started:
            await self._refuse(scope, receive, send, limit)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        path = scope.get("path", "")
        if path in self.uploads:
            detail = (
                f"The file is larger than {_size(limit)}, the most this server accepts here. "
                "Split it (for example one file per day of records) or ask an administrator "
                "to raise the limit."
            )
        else:
            detail = (
                f"The request body is larger than {limit:,} bytes; split it into smaller batches."
            )
        headers = dict(scope.get("headers") or [])
        browser = b"text/html" in headers.get(b"accept", b"")
        response: Response
        if self.page is not None and browser and not path.startswith("/api/"):
            response = self.page(scope, detail)
        else:
            response = problem(413, "Payload too large", detail, "payload-too-large", path)
        await response(scope, receive, send)


def _size(n: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            return f"{n / factor:,.0f} {unit}"
    return f"{n:,} bytes"


class _TooLarge(Exception):
    pass
