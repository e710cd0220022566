"""Operation factories for tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from concord.domain.directory import Actor
from concord.services import operations
from concord.services.operations import OperationIn, OperationView, ResultsIn, SeizureIn
from concord.services.runtime import Runtime


def operation_in(**kw: Any) -> OperationIn:
    base: dict[str, Any] = {
        "name": "Operation Thunderstorm",
        "crime_area": "wildlife",
        "participants": ["kz", "ru", "tr"],
        "start_date": date(2018, 5, 1),
        "end_date": date(2018, 5, 31),
    }
    base.update(kw)
    return OperationIn(**base)


def make_operation(rt: Runtime, actor: Actor, **kw: Any) -> OperationView:
    with rt.uow() as uow:
        view = operations.create_operation(uow, actor, operation_in(**kw))
        uow.commit()
    return view


def results_in(
    arrests: int = 0,
    victims_rescued: int = 0,
    new_notices: int = 0,
    seizures: list[tuple[str, str, str]] | None = None,
    version: int | None = None,
) -> ResultsIn:
    return ResultsIn(
        arrests=arrests,
        victims_rescued=victims_rescued,
        new_notices=new_notices,
        seizures=[SeizureIn(kind=k, quantity=q, unit=u) for k, q, u in seizures or []],  # type: ignore[arg-type]
        version=version,
    )


def report(rt: Runtime, actor: Actor, op_id: str, results: ResultsIn) -> OperationView:
    with rt.uow() as uow:
        view = operations.report_results(uow, actor, op_id, results)
        uow.commit()
    return view
