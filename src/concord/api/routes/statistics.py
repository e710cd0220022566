from __future__ import annotations

from fastapi import APIRouter, Query

from concord.api.deps import CurrentActor, UoW
from concord.services import statistics
from concord.services.statistics import (
    HitCount,
    NoticeCount,
    OutcomeRow,
    ResponseTime,
    StatisticsView,
)

router = APIRouter(prefix="/statistics", tags=["statistics"])


@router.get("", response_model=StatisticsView)
def summary(
    actor: CurrentActor,
    uow: UoW,
    requesting_country: str | None = Query(None, min_length=2, max_length=2),
    requested_country: str | None = Query(None, min_length=2, max_length=2),
    since_year: int | None = Query(None, ge=1900, le=2200),
    until_year: int | None = Query(None, ge=1900, le=2200),
) -> StatisticsView:
    """All figures: outcomes by year and country pair, notices, hits, response times."""
    view = statistics.summary(
        uow,
        actor,
        requesting_country=requesting_country,
        requested_country=requested_country,
        since_year=since_year,
        until_year=until_year,
    )
    uow.commit()
    return view


@router.get("/outcomes", response_model=list[OutcomeRow])
def outcomes(
    actor: CurrentActor,
    uow: UoW,
    requesting_country: str | None = Query(None, min_length=2, max_length=2),
    requested_country: str | None = Query(None, min_length=2, max_length=2),
    since_year: int | None = Query(None, ge=1900, le=2200),
    until_year: int | None = Query(None, ge=1900, le=2200),
) -> list[OutcomeRow]:
    """Persons located, arrested and extradited per year, requesting and requested country."""
    return statistics.outcomes(
        uow,
        actor,
        requesting_country=requesting_country,
        requested_country=requested_country,
        since_year=since_year,
        until_year=until_year,
    )


@router.get("/notices", response_model=list[NoticeCount])
def notices(actor: CurrentActor, uow: UoW) -> list[NoticeCount]:
    return statistics.notices_by_kind(uow, actor)


@router.get("/hits", response_model=list[HitCount])
def hits(actor: CurrentActor, uow: UoW) -> list[HitCount]:
    return statistics.hits_by_country(uow, actor)


@router.get("/response-times", response_model=list[ResponseTime])
def response_times(actor: CurrentActor, uow: UoW) -> list[ResponseTime]:
    """Median hours from sending a request to the requested agency's first answer."""
    return statistics.response_times(uow, actor)
