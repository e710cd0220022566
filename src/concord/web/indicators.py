"""Cyber-fraud indicators: the registry list with an exact lookup, filing one, and one
indicator with its sightings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, UoW
from concord.domain.access import Action, allowed_actions
from concord.domain.errors import ValidationFailed
from concord.domain.indicators import CONFIDENCE_GRADES, IndicatorKind
from concord.domain.restrictions import HandlingCode, Visibility
from concord.services import indicators
from concord.services.common import RestrictionsIn
from concord.services.indicators import IndicatorIn, IndicatorView, LookupResult, SightingIn
from concord.web.forms import Form, FormData
from concord.web.ui import WebRoute, flash, form_list, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

KINDS = [k.value for k in IndicatorKind]


def _form_context(values: dict[str, str], error: str | None = None) -> dict[str, Any]:
    return {
        "kinds": KINDS,
        "grades": list(CONFIDENCE_GRADES),
        "visibilities": [v.value for v in Visibility],
        "handlings": [h.value for h in HandlingCode],
        "v": values,
        "error": error,
    }


@router.get("/indicators")
def indicator_list(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    kind: str | None = None,
    lookup_kind: str | None = None,
    value: str | None = None,
    country: str | None = None,
) -> Response:
    found = indicators.list_indicators(uow, actor, kind=kind or None)
    result: LookupResult | None = None
    if value and value.strip():
        result = indicators.lookup(
            uow, actor, lookup_kind or "", value.strip(), (country or "").strip() or None
        )
    uow.commit()
    return render(
        request,
        "indicators/list.html",
        {
            "indicators": found,
            "kinds": KINDS,
            "kind": kind or "",
            "lookup": {"kind": lookup_kind or "", "value": value or "", "country": country or ""},
            "result": result,
        },
        actor=actor,
    )


@router.get("/indicators/new")
def new_indicator(request: Request, actor: CurrentActor) -> Response:
    return render(
        request,
        "indicators/form.html",
        _form_context({"confidence": "medium", "visibility": "all_members"}),
        actor=actor,
    )


def _indicator_in(form: FormData) -> IndicatorIn:
    return IndicatorIn(
        kind=form.text("kind"),
        value=form.text("value"),
        country=form.optional("country"),
        confidence=form.text("confidence") or "medium",
        description=form.text("description"),
        tags=form_list(form.text("tags")),
        reference=form.text("reference"),
        restrictions=RestrictionsIn(
            visibility=form.text("visibility") or "all_members",
            countries=[c.lower() for c in form_list(form.text("countries"))],
            handling=form.text("handling") or "H0",
        ),
    )


@router.post("/indicators/new")
def create_indicator(request: Request, actor: CurrentActor, uow: UoW, form: Form) -> Response:
    try:
        view = indicators.create_indicator(uow, actor, _indicator_in(form))
    except ValidationFailed as exc:
        # An invalid value (a failed IMEI check digit, say) comes back with the form as typed,
        # so the officer corrects it instead of starting again.
        return render(
            request,
            "indicators/form.html",
            _form_context(dict(form), exc.detail),
            actor=actor,
            status=422,
        )
    uow.commit()
    flash(request, f"Indicator {view.kind} {view.value} filed.", "success")
    return redirect(f"/indicators/{view.id}")


@router.get("/indicators/{indicator_id}")
def indicator_page(request: Request, indicator_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = indicators.get_indicator(uow, actor, indicator_id)
    sightings = indicators.list_sightings(uow, actor, indicator_id)
    uow.commit()
    full = isinstance(view, IndicatorView)
    # Hit-only: the status is not disclosed, and the service refuses a withdrawn one anyway.
    return render(
        request,
        "indicators/detail.html",
        {
            "ind": view,
            "full": full,
            "sightings": sightings,
            "can_report": Action.CREATE in allowed_actions(actor)
            and (not isinstance(view, IndicatorView) or view.status == "active"),
        },
        actor=actor,
    )


@router.post("/indicators/{indicator_id}/sightings")
def report_sighting(
    request: Request, indicator_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    indicators.report_sighting(
        uow,
        actor,
        indicator_id,
        SightingIn(
            seen_at=form.optional("seen_at"),  # type: ignore[arg-type]  # pydantic parses
            country=form.optional("country"),
            place=form.text("place"),
            note=form.text("note"),
        ),
    )
    uow.commit()
    flash(request, "Sighting reported; the owner agency is told.", "success")
    return redirect(f"/indicators/{indicator_id}")
