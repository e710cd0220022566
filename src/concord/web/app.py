"""Mount the officers' web UI (Jinja2 pages, optional htmx) on the FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from concord.web import assets as asset_pages
from concord.web import (
    audit,
    auth,
    cdr,
    hits,
    jobs,
    notices,
    persons,
    requests,
    review,
    search,
    statistics,
    subject_requests,
)
from concord.web import indicators as indicator_pages
from concord.web import operations as operation_pages
from concord.web.ui import STATIC, install_error_pages

PAGES = [auth, search, persons, notices, review, hits, requests, statistics, jobs, audit]
PAGES += [operation_pages, asset_pages, indicator_pages, cdr, subject_requests]


def mount(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for page in PAGES:
        app.include_router(page.router)
    install_error_pages(app)
