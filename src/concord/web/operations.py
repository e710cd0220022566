"""Joint operations: the list, starting one, a country's report, the totals."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, UoW
from concord.domain.access import Action, allowed_actions
from concord.domain.directory import Actor
from concord.domain.errors import ValidationFailed
from concord.domain.operations import UNITS, CrimeArea, may_coordinate
from concord.services import operations
from concord.services.operations import (
    OperationIn,
    OperationView,
    ResultsIn,
    SeizureIn,
)
from concord.web.forms import Form
from concord.web.ui import WebRoute, flash, form_list, int_or_none, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _seizures(raw: str) -> list[SeizureIn]:
    """One seizure a line: 'kind; quantity; unit' (e.g. 'ivory; 1.2; t')."""
    out = []
    for n, line in enumerate((raw or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) != 3:
            raise ValidationFailed(
                f"Seizure line {n}: write 'kind; quantity; unit', e.g. 'ivory; 1.2; t'.",
                field="seizures",
            )
        try:
            quantity = Decimal(parts[1].replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationFailed(
                f"Seizure line {n}: '{parts[1]}' is not a quantity.", field="seizures"
            ) from exc
        out.append(SeizureIn(kind=parts[0], quantity=quantity, unit=parts[2]))
    return out


def _can_report(actor: Actor, view: OperationView) -> bool:
    return (
        view.status == "open"
        and actor.country in view.participants
        and Action.CREATE in allowed_actions(actor)
    )


@router.get("/operations")
def operation_list(request: Request, actor: CurrentActor, uow: UoW) -> Response:
    found = operations.list_operations(uow, actor)
    uow.commit()
    return render(
        request,
        "operations/list.html",
        {"operations": found, "can_create": may_coordinate(actor)},
        actor=actor,
    )


@router.get("/operations/new")
def new_operation(request: Request, actor: CurrentActor) -> Response:
    return render(
        request,
        "operations/form.html",
        {"areas": [a.value for a in CrimeArea], "v": {}},
        actor=actor,
    )


@router.post("/operations/new")
def create_operation(request: Request, actor: CurrentActor, uow: UoW, form: Form) -> Response:
    view = operations.create_operation(
        uow,
        actor,
        OperationIn(
            name=form.text("name"),
            crime_area=form.text("crime_area"),
            description=form.text("description"),
            participants=[c.lower() for c in form_list(form.text("participants"))],
            start_date=form.text("start_date"),  # type: ignore[arg-type]  # pydantic parses
            end_date=form.text("end_date"),  # type: ignore[arg-type]
            target_notices=form_list(form.text("target_notices")),
            target_indicators=form_list(form.text("target_indicators")),
        ),
    )
    uow.commit()
    flash(request, f"{view.name} started.", "success")
    return redirect(f"/operations/{view.id}")


@router.get("/operations/{op_id}")
def operation_page(request: Request, op_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = operations.get_operation(uow, actor, op_id)
    uow.commit()
    mine = next((r for r in view.results or [] if r.country == actor.country), None)
    return render(
        request,
        "operations/detail.html",
        {
            "op": view,
            "can_report": _can_report(actor, view),
            "mine": mine,
            "can_close": view.your_role == "coordinator"
            and may_coordinate(actor)
            and view.status == "open",
            "units": ["g", "t", *UNITS],
        },
        actor=actor,
    )


@router.post("/operations/{op_id}/results")
def report_results(
    request: Request, op_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    view = operations.report_results(
        uow,
        actor,
        op_id,
        ResultsIn(
            arrests=int_or_none(form.text("arrests"), "arrests") or 0,
            victims_rescued=int_or_none(form.text("victims_rescued"), "victims_rescued") or 0,
            new_notices=int_or_none(form.text("new_notices"), "new_notices") or 0,
            seizures=_seizures(form.text("seizures")),
            note=form.text("note"),
            version=int_or_none(form.text("version"), "version"),
        ),
    )
    uow.commit()
    flash(request, f"Results of {actor.country.upper()} recorded.", "success")
    return redirect(f"/operations/{view.id}")


@router.post("/operations/{op_id}/close")
def close_operation(
    request: Request, op_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    version = int_or_none(form.text("version"), "version") or 0
    view = operations.close_operation(uow, actor, op_id, version)
    uow.commit()
    flash(request, f"{view.name} closed: its results are final.", "success")
    return redirect(f"/operations/{view.id}")
