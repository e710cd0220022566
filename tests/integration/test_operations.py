"""Operations against the real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from concord.domain.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from concord.services import operations
from concord.services.operations import OperationPatch
from concord.services.runtime import Runtime
from concord.storage.tables import AuditLog, OperationReport
from conftest import World
from factories.operations import make_operation, operation_in, report, results_in
from factories.persons import make_notice, make_person


def test_gs_coordinates_and_participants_report(rt: Runtime, world: World) -> None:
    gs = world.actors["gs.reviewer"]
    op = make_operation(rt, gs, participants=["kz", "ru"])
    assert op.coordinator.id == world.agencies["gs"] and op.your_role == "coordinator"
    assert op.totals.countries_pending == ["kz", "ru"]

    report(rt, world.actors["kz.officer"], op.id, results_in(12, 3, 2, [("ivory", "1.2", "t")]))
    view = report(
        rt,
        world.actors["ru.officer"],
        op.id,
        results_in(7, 0, 1, [("ivory", "300", "kg"), ("pangolin scales", "45.5", "kg")]),
    )
    assert view.your_role == "participant"
    assert view.totals.arrests == 19 and view.totals.victims_rescued == 3
    assert view.totals.new_notices == 3
    seized = {(s.kind, s.unit): s.quantity for s in view.totals.seizures}
    assert seized == {("ivory", "kg"): Decimal(1500), ("pangolin scales", "kg"): Decimal("45.5")}
    # Participants see the per-country table as well (the documented default).
    assert view.results is not None and [r.country for r in view.results] == ["kz", "ru"]


def test_totals_equal_the_sum_of_the_stored_reports(rt: Runtime, world: World) -> None:
    op = make_operation(rt, world.actors["kz.officer"], participants=["kz", "ru", "tr"])
    figures = {"kz": (5, 1, 0), "ru": (11, 4, 2), "tr": (3, 0, 1)}
    for country, (a, v, n) in figures.items():
        report(
            rt,
            world.actors[f"{country}.officer"],
            op.id,
            results_in(a, v, n, [("timber", "2", "m3")]),
        )
    with rt.uow() as uow:
        stored = (
            uow.session.execute(
                select(OperationReport).where(OperationReport.operation_id == op.id)
            )
            .scalars()
            .all()
        )
        view = operations.get_operation(uow, world.actors["kz.officer"], op.id)
    assert view.totals.arrests == sum(r.arrests for r in stored) == 19
    assert view.totals.victims_rescued == sum(r.victims_rescued for r in stored) == 5
    assert view.totals.new_notices == sum(r.new_notices for r in stored) == 3
    assert view.totals.seizures[0].quantity == Decimal(6)


def test_a_new_report_replaces_the_old_one_with_its_version(rt: Runtime, world: World) -> None:
    op = make_operation(rt, world.actors["kz.officer"], participants=["kz", "ru"])
    first = report(rt, world.actors["ru.officer"], op.id, results_in(4))
    with rt.uow() as uow, pytest.raises(ValidationFailed, match="already reported"):
        operations.report_results(uow, world.actors["ru.officer"], op.id, results_in(9))
    assert first.results is not None
    version = first.results[0].version
    second = report(rt, world.actors["ru.supervisor"], op.id, results_in(9, version=version))
    assert second.totals.arrests == 9
    with rt.uow() as uow, pytest.raises(Conflict):
        operations.report_results(
            uow, world.actors["ru.officer"], op.id, results_in(1, version=version)
        )


def test_who_may_report(rt: Runtime, world: World) -> None:
    op = make_operation(rt, world.actors["gs.reviewer"], participants=["kz", "ru"])
    with rt.uow() as uow:
        with pytest.raises(NotFound):  # Turkey does not take part: the operation is not there
            operations.report_results(uow, world.actors["tr.officer"], op.id, results_in(1))
        with pytest.raises(PermissionDenied):  # the coordinator does not report for a country
            operations.report_results(uow, world.actors["gs.reviewer"], op.id, results_in(1))
        with pytest.raises(PermissionDenied):  # a viewer reads, does not report
            operations.report_results(uow, world.actors["kz.viewer"], op.id, results_in(1))


def test_visibility(rt: Runtime, world: World) -> None:
    op = make_operation(rt, world.actors["kz.officer"], participants=["kz", "ru"])
    with rt.uow() as uow:
        assert operations.get_operation(uow, world.actors["ru.viewer"], op.id).results == []
        assert (
            operations.get_operation(uow, world.actors["gs.reviewer"], op.id).your_role
            == "coordinator"
        )
        with pytest.raises(NotFound):
            operations.get_operation(uow, world.actors["tr.officer"], op.id)
        with pytest.raises(PermissionDenied):
            operations.get_operation(uow, world.actors["gs.auditor"], op.id)
        listed = operations.list_operations(uow, world.actors["tr.officer"])
        assert op.id not in [o.id for o in listed]
        assert op.id in [o.id for o in operations.list_operations(uow, world.actors["ru.viewer"])]


def test_only_the_coordinator_manages(rt: Runtime, world: World) -> None:
    op = make_operation(rt, world.actors["kz.officer"], participants=["kz", "ru"])
    with rt.uow() as uow:
        with pytest.raises(PermissionDenied, match="coordinator"):
            operations.update_operation(
                uow,
                world.actors["ru.supervisor"],
                op.id,
                OperationPatch(version=op.version, participants=["ru"]),
            )
        updated = operations.update_operation(
            uow,
            world.actors["kz.officer"],
            op.id,
            OperationPatch(
                version=op.version,
                participants=["kz", "ru", "tr"],
                target_indicators=["imei:356938035643809"],
            ),
        )
        uow.commit()
    assert updated.participants == ["kz", "ru", "tr"]
    assert updated.target_indicators == ["imei:356938035643809"]
    report(rt, world.actors["tr.officer"], op.id, results_in(2))
    with rt.uow() as uow:
        closed = operations.close_operation(
            uow, world.actors["gs.reviewer"], op.id, updated.version
        )
        uow.commit()
    assert closed.status == "closed"
    with rt.uow() as uow, pytest.raises(InvalidTransition, match="closed"):
        operations.report_results(uow, world.actors["kz.officer"], op.id, results_in(1))


def test_a_country_removed_from_the_operation_no_longer_counts(rt: Runtime, world: World) -> None:
    op = make_operation(rt, world.actors["kz.officer"], participants=["kz", "ru"])
    report(rt, world.actors["ru.officer"], op.id, results_in(8))
    report(rt, world.actors["kz.officer"], op.id, results_in(2))
    with rt.uow() as uow:
        current = operations.get_operation(uow, world.actors["kz.officer"], op.id)
        view = operations.update_operation(
            uow,
            world.actors["kz.officer"],
            op.id,
            OperationPatch(version=current.version, participants=["kz"]),
        )
    assert view.totals.arrests == 2


def test_targets_must_be_visible_notices(rt: Runtime, world: World) -> None:
    person = make_person(rt, world.actors["kz.officer"])
    notice = make_notice(rt, world.actors["kz.officer"], person.id)  # a draft: Kazakhstan's only
    op = make_operation(rt, world.actors["kz.officer"], target_notices=[notice.id])
    assert op.target_notices == [notice.id]
    with rt.uow() as uow, pytest.raises(ValidationFailed, match="not visible"):
        operations.create_operation(
            uow, world.actors["ru.officer"], operation_in(target_notices=[notice.id])
        )


def test_validation(rt: Runtime, world: World) -> None:
    officer = world.actors["kz.officer"]
    with rt.uow() as uow:
        with pytest.raises(ValidationFailed, match="crime area"):
            operations.create_operation(uow, officer, operation_in(crime_area="piracy"))
        with pytest.raises(ValidationFailed, match="Not member"):
            operations.create_operation(uow, officer, operation_in(participants=["kz", "de"]))
        with pytest.raises(ValidationFailed, match="before it starts"):
            operations.create_operation(
                uow, officer, operation_in(start_date=date(2021, 2, 1), end_date=date(2021, 1, 1))
            )
        with pytest.raises(PermissionDenied):
            operations.create_operation(uow, world.actors["kz.viewer"], operation_in())


def test_reports_are_audited(rt: Runtime, world: World) -> None:
    op = make_operation(rt, world.actors["kz.officer"], participants=["kz"])
    report(rt, world.actors["kz.officer"], op.id, results_in(3, seizures=[("cocaine", "500", "g")]))
    with rt.uow() as uow:
        entry = uow.session.execute(
            select(AuditLog).where(
                AuditLog.action == "operation.report", AuditLog.object_id == op.id
            )
        ).scalar_one()
    assert entry.username == "kz.officer"
    assert entry.details["seizures"] == [{"kind": "cocaine", "quantity": "0.5", "unit": "kg"}]
