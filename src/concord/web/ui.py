"""What every page shares: templates, flash messages, CSRF tokens, and the error pages.

Pages call the same services as the API, with the same `actor` dependency, so authorisation
and auditing stay in the services; this module only turns their results and errors into HTML.
"""

from __future__ import annotations

import hmac
import inspect
import logging
import secrets
from collections.abc import Callable, Coroutine, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from concord.domain.access import allowed_actions
from concord.domain.directory import Actor, country_name
from concord.domain.errors import DomainError, NotAuthenticated, PermissionDenied
from concord.services import audit as audit_service
from concord.services.common import RestrictionsIn
from concord.services.runtime import Runtime

log = logging.getLogger("concord.web")

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
HTMX = STATIC / "vendor" / "htmx.min.js"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"

templates = Jinja2Templates(directory=str(HERE / "templates"))


def _when(value: datetime | date | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return value
        return parsed.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def _short(value: datetime | date | None) -> str:
    """Dates in tables, whose column heading says UTC."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return _when(value)


def _country(code: str | None) -> str:
    return country_name(code) if code else "—"


def _label(value: str | None) -> str:
    """Enum values as words: 'under_review' -> 'Under review'."""
    return (value or "").replace("_", " ").capitalize()


# Audit details hold names in every script: keep them readable rather than \u-escaped.
templates.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
templates.env.filters["when"] = _when
templates.env.filters["short"] = _short
templates.env.filters["country"] = _country
templates.env.filters["label"] = _label


# --- flash messages and CSRF --------------------------------------------------------------------


def flash(request: Request, message: str, kind: str = "info") -> None:
    request.session.setdefault("flash", []).append([kind, message])


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


async def verify_csrf(request: Request) -> None:
    """Every state-changing request carries the session's token (hidden field or header)."""
    form = await request.form()
    sent = form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token") or ""
    expected = request.session.get("csrf") or ""
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise PermissionDenied(
            "This form has expired or did not come from this site: reload the page and try again."
        )


# --- rendering -----------------------------------------------------------------------------------


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    actor: Actor | None = None,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    who = actor or getattr(request.state, "actor", None)
    ctx: dict[str, Any] = {
        "actor": who,
        "csrf": csrf_token(request) if "session" in request.scope else "",
        "flashes": request.session.pop("flash", []) if "session" in request.scope else [],
        "htmx": HTMX.is_file(),
        "path": request.url.path,
        "roles": {r.value for r in who.roles} if who else set(),
        "actions": {a.value for a in allowed_actions(who)} if who else set(),
    }
    ctx.update(context or {})
    return templates.TemplateResponse(
        request, template, ctx, status_code=status, headers=dict(headers or {})
    )


def redirect(url: str) -> RedirectResponse:
    # 303: the browser follows a POST with a GET (post/redirect/get, no re-sent forms).
    return RedirectResponse(url, status_code=303)


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    headers: dict[str, str] = {}
    if request.headers.get("HX-Request"):
        # An htmx swap shows the error in place of the whole main region.
        headers = {"HX-Retarget": "#main", "HX-Reswap": "outerHTML", "HX-Reselect": "#main"}
    # A refused form post leads back to the form it came from (same site only).
    referer = request.headers.get("referer", "")
    back = referer if request.method == "POST" and referer.startswith(str(request.base_url)) else ""
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "detail": detail, "back": back},
        status=status,
        headers=headers,
    )


def too_large_page(scope: Scope, detail: str) -> HTMLResponse:
    """A browser's upload refused for its size, before the session is read: a page, not JSON."""
    request = Request(scope)
    referer = request.headers.get("referer", "")
    back = referer if referer.startswith(str(request.base_url)) else "/"
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "status": 413,
            "title": "File too large",
            "detail": detail,
            "back": back,
            "actor": None,
            "actions": set(),
            "roles": set(),
            "flashes": [],
            "csrf": "",
            "path": request.url.path,
            "htmx": HTMX.is_file(),
        },
        status_code=413,
    )


def _audit_denial(request: Request, exc: PermissionDenied) -> None:
    runtime: Runtime = request.app.state.runtime
    try:
        audit_service.record_refusal(
            runtime.uow(),
            getattr(request.state, "actor", None),
            request.method,
            request.url.path,
            exc.detail,
        )
    except Exception:  # the refusal itself must still reach the officer
        log.exception("could not audit a refused page")


def _form_errors(exc: RequestValidationError | ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where.replace('_', ' ') or 'form'}: {err.get('msg', '')}")
    return "Please correct the form: " + "; ".join(parts) + "."


class WebRoute(APIRoute):
    """Pages check the CSRF token on every POST and show domain errors as friendly pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            request.state.web_page = True
            try:
                if request.method not in SAFE_METHODS:
                    await verify_csrf(request)
                return await handler(request)
            except NotAuthenticated as exc:
                return _to_login(request, exc)
            except PermissionDenied:
                # Audited in its own transaction, which must wait until this request's unit of
                # work is closed (SQLite allows one writer): `denied_page` runs after that.
                raise
            except DomainError as exc:
                return error_page(request, exc.status, exc.title, exc.detail)
            except StaleDataError:
                return error_page(
                    request,
                    409,
                    "Conflict",
                    "Someone else changed this item at the same time: reload it and apply "
                    "your change again.",
                )
            except (RequestValidationError, ValidationError) as exc:
                return error_page(request, 422, "The form is not valid", _form_errors(exc))

        return guarded


def _to_login(request: Request, exc: NotAuthenticated) -> Response:
    if request.session.get("user_id"):
        request.session.clear()
        flash(request, exc.detail, "error")
    target = request.url.path if request.method in SAFE_METHODS else "/"
    if request.url.query and request.method in SAFE_METHODS:
        target += "?" + request.url.query
    return redirect(f"/login?next={quote(target, safe='')}")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def install_error_pages(app: FastAPI) -> None:
    """Refusals on pages, and unknown pages asked for by a browser, become HTML pages; the
    API keeps its problem+json handlers."""
    api_handler = app.exception_handlers.get(DomainError)
    http_handler = app.exception_handlers.get(StarletteHTTPException)

    async def denied(request: Request, exc: Exception) -> Response:
        if getattr(request.state, "web_page", False) and isinstance(exc, PermissionDenied):
            _audit_denial(request, exc)
            return error_page(request, exc.status, exc.title, exc.detail)
        if api_handler is None:
            raise exc
        result = api_handler(request, exc)
        return await result if inspect.isawaitable(result) else result

    async def http_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StarletteHTTPException) and _wants_html(request):
            if exc.status_code == 404:
                detail = f"There is no page at {request.url.path}."
            else:
                detail = exc.detail if isinstance(exc.detail, str) else "The request failed."
            return error_page(
                request, exc.status_code, "Not found" if exc.status_code == 404 else "Error", detail
            )
        if http_handler is None:
            raise exc
        result = http_handler(request, exc)
        return await result if inspect.isawaitable(result) else result

    app.add_exception_handler(DomainError, denied)
    app.add_exception_handler(StarletteHTTPException, http_error)


def form_list(raw: str | None) -> list[str]:
    """A comma-, semicolon- or line-separated field as a list of non-empty items."""
    if not raw:
        return []
    for sep in (";", "\n"):
        raw = raw.replace(sep, ",")
    return [item.strip() for item in raw.split(",") if item.strip()]


def form_restrictions(form: Mapping[str, str]) -> RestrictionsIn:
    """Who may see an item, from the visibility, countries and handling fields every
    publishing form shares."""
    return RestrictionsIn(
        visibility=form.get("visibility", "").strip() or "all_members",
        countries=[c.lower() for c in form_list(form.get("countries"))],
        handling=form.get("handling", "").strip() or "H0",
    )


def form_lines(raw: str | None) -> list[str]:
    """One item per line (names may contain commas, e.g. 'SMITH, John')."""
    return [line.strip() for line in (raw or "").splitlines() if line.strip()]


def blank_none(raw: str | None) -> str | None:
    return raw.strip() if raw and raw.strip() else None


def int_or_none(raw: str | None, field: str) -> int | None:
    from concord.domain.errors import ValidationFailed

    if raw is None or not raw.strip():
        return None
    try:
        return int(raw.strip())
    except ValueError as exc:
        raise ValidationFailed(f"{field} must be a whole number.", field=field) from exc
