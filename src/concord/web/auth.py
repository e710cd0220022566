"""Log in with username and password (the session keeps `user_id`), log out."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from concord.api.deps import UoW
from concord.domain.errors import NotAuthenticated, TooManyAttempts
from concord.services import auth
from concord.web.ui import WebRoute, csrf_token, flash, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _safe_next(target: str | None) -> str:
    # Only local paths: an open redirect would let a phishing link borrow this site's login.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    csrf_token(request)
    return render(request, "login.html", {"next": _safe_next(next)}, actor=None)


@router.post("/login")
def login(
    request: Request,
    uow: UoW,
    username: str = Form(..., max_length=64),
    password: str = Form(..., max_length=256),
    next: str | None = Form(None),
) -> Response:
    try:
        actor = auth.login(uow.session, username.strip().lower(), password)
    except (NotAuthenticated, TooManyAttempts) as exc:
        uow.commit()  # keep the audit entry and the count of the failed attempt
        return render(
            request,
            "login.html",
            {"next": _safe_next(next), "error": exc.detail, "username": username},
            status=exc.status,
        )
    uow.commit()
    # A fresh session on login: a token planted before login must not survive it.
    request.session.clear()
    request.session["user_id"] = actor.user_id
    csrf_token(request)
    flash(request, f"Logged in as {actor.username} ({actor.agency_name}).", "success")
    return redirect(_safe_next(next))


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    flash(request, "You are logged out.", "info")
    return redirect("/login")
