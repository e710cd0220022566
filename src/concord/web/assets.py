"""Asset recovery pages: the cases, one case with its ownership graph drawn as server-side SVG,
FtM import, steps, and the statistics section."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.domain.access import Action, allowed_actions
from concord.domain.assets import ORDER, RequestKind
from concord.domain.errors import ValidationFailed
from concord.services import assets
from concord.services.assets import AnswerIn, GraphView, RequestIn, StepIn
from concord.web.forms import Form
from concord.web.ui import WebRoute, flash, int_or_none, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

NODE_W, NODE_H, GAP_X, GAP_Y, PAD = 220, 56, 30, 70, 20
# Owners and assets told apart at a glance; a colour is never the only cue (the schema is
# written in each box).
FILL = {
    "Person": "#dbe9f8",
    "Company": "#fdf0d5",
    "Organization": "#fdf0d5",
    "LegalEntity": "#fdf0d5",
    "BankAccount": "#e3f4e6",
    "RealEstate": "#efe4f7",
    "Vehicle": "#f7e4e4",
    "CryptoWallet": "#e4f1f3",
}


@dataclass(frozen=True)
class Box:
    id: str
    x: int
    y: int
    label: str
    schema: str
    country: str | None
    fill: str
    matched: float | None


@dataclass(frozen=True)
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    label: str


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    boxes: list[Box]
    lines: list[Line]
    node_w: int = NODE_W
    node_h: int = NODE_H


def layout(graph: GraphView) -> Drawing:
    """Layered drawing: one row per ownership depth, rows centred, edges from the bottom of the
    owner to the top of what it owns. Hand-written because the page must not load a graph
    library into the browser, and the layers are already computed by the domain."""
    rows: dict[int, list[Any]] = {}
    for node in sorted(graph.nodes, key=lambda n: (n.schema_, n.label)):
        rows.setdefault(node.depth, []).append(node)
    widest = max((len(r) for r in rows.values()), default=1)
    width = PAD * 2 + widest * (NODE_W + GAP_X) - GAP_X
    boxes: dict[str, Box] = {}
    for depth, row in sorted(rows.items()):
        row_width = len(row) * (NODE_W + GAP_X) - GAP_X
        left = (width - row_width) // 2
        for i, node in enumerate(row):
            label = node.label if len(node.label) <= 24 else node.label[:23] + "…"
            boxes[node.id] = Box(
                node.id,
                left + i * (NODE_W + GAP_X),
                PAD + depth * (NODE_H + GAP_Y),
                label,
                node.schema_,
                node.country,
                FILL.get(node.schema_, "#eeeeee"),
                node.best_match,
            )
    lines = []
    for edge in graph.edges:
        a, b = boxes.get(edge.source), boxes.get(edge.target)
        if a is None or b is None:
            continue
        down = b.y > a.y
        lines.append(
            Line(
                a.x + NODE_W // 2,
                a.y + (NODE_H if down else NODE_H // 2),
                b.x + NODE_W // 2,
                b.y if down else b.y + NODE_H // 2,
                edge.label,
            )
        )
    depth = max(rows, default=0)
    height = PAD * 2 + (depth + 1) * (NODE_H + GAP_Y) - GAP_Y
    return Drawing(width, height, list(boxes.values()), lines)


def _can_act(actor: Any) -> bool:
    return Action.CREATE in allowed_actions(actor)


@router.get("/assets")
def case_list(request: Request, actor: CurrentActor, uow: UoW) -> Response:
    cases = assets.list_cases(uow, actor)
    late = assets.overdue_requests(uow, actor)
    uow.commit()
    return render(request, "assets/list.html", {"cases": cases, "overdue": late}, actor=actor)


@router.get("/assets/statistics")
def statistics_page(request: Request, actor: CurrentActor, uow: UoW, year: str = "") -> Response:
    rows = assets.statistics(uow, actor, year=int_or_none(year, "year"))
    uow.commit()
    return render(
        request, "assets/statistics.html", {"asset_statistics": rows, "year": year}, actor=actor
    )


@router.get("/assets/cases/{case_id}")
def case_page(request: Request, case_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = assets.get_case(uow, actor, case_id)
    graph = assets.graph(uow, actor, case_id)
    uow.commit()
    here = ORDER.index(next(s for s in ORDER if s.value == view.stage))
    return render(
        request,
        "assets/case.html",
        {
            "c": view,
            "drawing": layout(graph),
            "can_act": _can_act(actor),
            "next_stages": [s.value for s in ORDER[here + 1 :]],
            "request_kinds": [k.value for k in RequestKind],
        },
        actor=actor,
    )


@router.get("/assets/cases/{case_id}/graph")
def graph_page(request: Request, case_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = assets.get_case(uow, actor, case_id)
    graph = assets.graph(uow, actor, case_id)
    uow.commit()
    return render(request, "assets/graph.html", {"c": view, "drawing": layout(graph)}, actor=actor)


@router.post("/assets/cases/{case_id}/import")
def import_ftm(
    request: Request, case_id: str, actor: CurrentActor, uow: UoW, rt: RuntimeDep, form: Form
) -> Response:
    entities = []
    for n, line in enumerate(form.text("entities").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entities.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValidationFailed(f"Line {n} is not JSON: {exc.msg}.") from exc
    result = assets.import_ftm(uow, actor, case_id, entities, rt.index)
    uow.commit()
    matched = f", {len(result.screening)} screening matches" if result.screening else ""
    flash(request, f"{result.imported} entities imported{matched}.", "success")
    return redirect(f"/assets/cases/{case_id}")


def _amount(raw: str) -> Decimal:
    try:
        return Decimal(raw.replace(",", ".").replace(" ", ""))
    except InvalidOperation as exc:
        raise ValidationFailed(f"'{raw}' is not an amount.", field="amount") from exc


@router.post("/assets/cases/{case_id}/steps")
def record_step(
    request: Request, case_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    view = assets.record_step(
        uow,
        actor,
        case_id,
        StepIn(
            stage=form.text("stage"),
            amount=_amount(form.text("amount")),
            currency=form.text("currency"),
            on=form.text("on"),  # type: ignore[arg-type]  # pydantic parses the date
            note=form.text("note"),
            version=int_or_none(form.text("version"), "version") or 0,
        ),
    )
    uow.commit()
    flash(request, f"Case {view.reference} is now {view.stage}.", "success")
    return redirect(f"/assets/cases/{case_id}")


@router.post("/assets/cases/{case_id}/requests")
def send_request(
    request: Request, case_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    view = assets.send_request(
        uow,
        actor,
        case_id,
        RequestIn(
            kind=form.text("kind"),
            note=form.text("note"),
            deadline=form.optional("deadline"),  # type: ignore[arg-type]
        ),
    )
    uow.commit()
    flash(request, f"{form.text('kind').title()} request sent.", "success")
    return redirect(f"/assets/cases/{view.id}")


@router.post("/assets/cases/{case_id}/requests/{request_id}/answer")
def answer_request(
    request: Request, case_id: str, request_id: int, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    amount = form.optional("amount")
    assets.answer_request(
        uow,
        actor,
        case_id,
        request_id,
        AnswerIn(
            outcome=form.text("outcome"),
            note=form.text("note"),
            amount=_amount(amount) if amount else None,
            currency=form.optional("currency"),
            on=form.optional("on"),  # type: ignore[arg-type]
            version=int_or_none(form.text("version"), "version") or 0,
        ),
    )
    uow.commit()
    flash(request, "Answer recorded.", "success")
    return redirect(f"/assets/cases/{case_id}")
