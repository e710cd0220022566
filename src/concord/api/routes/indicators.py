"""Cyber-fraud indicators: file, read, change, withdraw, look up, sightings, CDR flags, export."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Query

from concord.api.deps import CurrentActor, UoW
from concord.services import indicators
from concord.services.common import RestrictionsIn, StrictModel
from concord.services.indicators import (
    IndicatorIn,
    IndicatorPatch,
    IndicatorView,
    LookupItem,
    LookupResult,
    PublishResult,
    SightingIn,
    SightingView,
)
from concord.services.views import HitOnlyView

router = APIRouter(prefix="/indicators", tags=["indicators"])


class WithdrawIn(StrictModel):
    version: int
    reason: str = ""


class PublishFlagsIn(StrictModel):
    reference: str
    flags: list[dict[str, Any]]
    country: str | None = None
    restrictions: RestrictionsIn | None = None


@router.post("", response_model=IndicatorView, status_code=201)
def create(body: IndicatorIn, actor: CurrentActor, uow: UoW) -> IndicatorView:
    view = indicators.create_indicator(uow, actor, body)
    uow.commit()
    return view


@router.get("", response_model=list[IndicatorView])
def list_(
    actor: CurrentActor,
    uow: UoW,
    kind: str | None = None,
    owned_only: bool = False,
    include_withdrawn: bool = False,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> list[IndicatorView]:
    out = indicators.list_indicators(
        uow,
        actor,
        kind=kind,
        owned_only=owned_only,
        include_withdrawn=include_withdrawn,
        limit=limit,
        offset=offset,
    )
    uow.commit()
    return out


@router.get("/lookup", response_model=LookupResult)
def lookup(
    actor: CurrentActor, uow: UoW, kind: str, value: str, country: str | None = None
) -> LookupResult:
    """Exact lookup on the normalised value: "+7 (701) 123-45-67" and "87011234567" with
    country=kz find the same phone; an IMEI is found with or without its check digit."""
    out = indicators.lookup(uow, actor, kind, value, country)
    uow.commit()
    return out


@router.post("/lookup", response_model=list[LookupResult])
def bulk_lookup(
    actor: CurrentActor,
    uow: UoW,
    items: list[LookupItem] = Body(..., max_length=indicators.MAX_BULK),
) -> list[LookupResult]:
    """Screen a list of {kind, value[, country]}; results come back in the same order."""
    out = indicators.bulk_lookup(uow, actor, items)
    uow.commit()
    return out


@router.post("/publish-flags", response_model=PublishResult)
def publish_flags(body: PublishFlagsIn, actor: CurrentActor, uow: UoW) -> PublishResult:
    """File the CDR detector's flagged SIMs, numbers and devices (its `indicators` list)."""
    out = indicators.publish_flags(
        uow,
        actor,
        body.flags,
        body.reference,
        restrictions=body.restrictions.build() if body.restrictions else None,
        country=body.country,
    )
    uow.commit()
    return out


@router.get("/export.ftm")
def export_ftm(actor: CurrentActor, uow: UoW, kind: str | None = None) -> list[dict[str, Any]]:
    """Indicators you may fully see, as FollowTheMoney entities."""
    out = indicators.export_ftm(uow, actor, kind)
    uow.commit()
    return out


@router.get("/export.misp")
def export_misp(actor: CurrentActor, uow: UoW, kind: str | None = None) -> dict[str, Any]:
    """Indicators you may fully see, as one MISP event (MISP core JSON format)."""
    out = indicators.export_misp(uow, actor, kind)
    uow.commit()
    return out


@router.get("/{indicator_id}", response_model=IndicatorView | HitOnlyView)
def get(indicator_id: str, actor: CurrentActor, uow: UoW) -> IndicatorView | HitOnlyView:
    view = indicators.get_indicator(uow, actor, indicator_id)
    uow.commit()
    return view


@router.patch("/{indicator_id}", response_model=IndicatorView)
def update(indicator_id: str, body: IndicatorPatch, actor: CurrentActor, uow: UoW) -> IndicatorView:
    view = indicators.update_indicator(uow, actor, indicator_id, body)
    uow.commit()
    return view


@router.post("/{indicator_id}/withdraw", response_model=IndicatorView)
def withdraw(indicator_id: str, body: WithdrawIn, actor: CurrentActor, uow: UoW) -> IndicatorView:
    view = indicators.withdraw_indicator(uow, actor, indicator_id, body.version, body.reason)
    uow.commit()
    return view


@router.post("/{indicator_id}/sightings", response_model=SightingView, status_code=201)
def report_sighting(
    indicator_id: str, body: SightingIn, actor: CurrentActor, uow: UoW
) -> SightingView:
    view = indicators.report_sighting(uow, actor, indicator_id, body)
    uow.commit()
    return view


@router.get("/{indicator_id}/sightings", response_model=list[SightingView])
def list_sightings(indicator_id: str, actor: CurrentActor, uow: UoW) -> list[SightingView]:
    out = indicators.list_sightings(uow, actor, indicator_id)
    uow.commit()
    return out
