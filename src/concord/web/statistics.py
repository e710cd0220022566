"""Placeholder until services/statistics.py lands."""

from __future__ import annotations

from fastapi import APIRouter

from concord.web.ui import WebRoute

router = APIRouter(route_class=WebRoute, include_in_schema=False)
