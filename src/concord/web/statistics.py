"""Statistics ministers quote, as server-rendered SVG bar charts with the figures in tables
beside them (no JavaScript chart library: a few rectangles need no download)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, UoW
from concord.domain.directory import country_code
from concord.services import statistics
from concord.services.statistics import StatisticsView
from concord.web.ui import WebRoute, blank_none, int_or_none, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

BAR_HEIGHT = 14
GROUP_GAP = 10
LABEL_WIDTH = 190
CHART_WIDTH = 1080  # the card's width at 1280 px, so the text is drawn at its own size
PALETTE = ("#0a58ca", "#146c2e", "#8a4b00", "#5e2a84")


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    colour: str
    value: int
    series: str


@dataclass(frozen=True)
class Chart:
    """A horizontal grouped bar chart laid out for the SVG template."""

    id: str
    title: str
    series: list[str]
    colours: list[str]
    labels: list[tuple[str, int]]  # (category label, y of its text)
    bars: list[Bar]
    width: int
    height: int
    empty: bool


def bar_chart(
    chart_id: str, title: str, series: list[str], rows: list[tuple[str, list[int]]]
) -> Chart:
    """Lay out one group of bars per row, one bar per series, scaled to the largest value."""
    top = max((max(values) for _, values in rows if values), default=0)
    scale = (CHART_WIDTH - LABEL_WIDTH - 60) / top if top else 0.0
    bar_h = BAR_HEIGHT
    group_h = bar_h * len(series) + GROUP_GAP
    bars, labels = [], []
    for i, (label, values) in enumerate(rows):
        y0 = 28 + i * group_h
        labels.append((label, y0 + bar_h * len(series) // 2 + 4))
        for j, value in enumerate(values):
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y0 + j * bar_h,
                    width=max(1, round(value * scale)) if value else 0,
                    height=bar_h - 1,
                    colour=PALETTE[j % len(PALETTE)],
                    value=value,
                    series=series[j],
                )
            )
    return Chart(
        chart_id,
        title,
        series,
        list(PALETTE[: len(series)]),
        labels,
        bars,
        CHART_WIDTH,
        max(60, 34 + len(rows) * group_h),
        not rows or top == 0,
    )


def _pair(a: str, b: str) -> str:
    return f"{a.upper()} → {b.upper()}"


def charts(view: StatisticsView) -> list[Chart]:
    measures = ["located", "arrested", "extradited"]
    by_pair: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_year: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in view.outcomes:
        for i, m in enumerate(measures):
            by_pair[_pair(r.requesting_country, r.requested_country)][i] += getattr(r, m)
            by_year[str(r.year)][i] += getattr(r, m)
    notices: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for n in view.notices:
        column = 0 if n.status == "published" else 1 if n.status == "under_review" else 2
        notices[n.kind.replace("_", " ")][column] += n.count
    hits = sorted(view.hits, key=lambda h: -h.count)[:15]
    return [
        bar_chart(
            "by-pair",
            "Persons by country pair (requesting → requested)",
            measures,
            sorted(by_pair.items(), key=lambda kv: -sum(kv[1]))[:15],
        ),
        bar_chart("by-year", "Persons by year of the outcome", measures, sorted(by_year.items())),
        bar_chart(
            "notices",
            "Notices and diffusions by kind",
            ["published", "under review", "other"],
            sorted(notices.items()),
        ),
        bar_chart(
            "hits",
            "Hits by country pair (searching → owning)",
            ["hits"],
            [(_pair(h.searcher_country, h.owner_country), [h.count]) for h in hits],
        ),
    ]


@router.get("/statistics")
def statistics_page(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    requesting_country: str = "",
    requested_country: str = "",
    since_year: str = "",
    until_year: str = "",
) -> Response:
    asking, asked = blank_none(requesting_country), blank_none(requested_country)
    view = statistics.summary(
        uow,
        actor,
        requesting_country=country_code(asking) if asking else None,
        requested_country=country_code(asked) if asked else None,
        since_year=int_or_none(since_year, "since year"),
        until_year=int_or_none(until_year, "until year"),
    )
    uow.commit()
    return render(
        request,
        "statistics.html",
        {
            "s": view,
            "charts": charts(view),
            "hit_total": sum(h.count for h in view.hits),
            "published": sum(n.count for n in view.notices if n.status == "published"),
            "filters": {
                "requesting_country": requesting_country,
                "requested_country": requested_country,
                "since_year": since_year,
                "until_year": until_year,
            },
        },
        actor=actor,
    )
