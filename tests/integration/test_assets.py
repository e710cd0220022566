"""Asset recovery cases against the real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from followthemoney import model

from concord.domain.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from concord.services import assets
from concord.services.assets import AnswerIn, AssetIn, OwnerIn, RequestIn, StepIn
from concord.services.runtime import Runtime
from conftest import World
from factories.assets import make_case, shell_structure
from factories.persons import make_notice, make_person


def _step(stage: str, amount: str, on: date, version: int, currency: str = "USD") -> StepIn:
    return StepIn(stage=stage, amount=Decimal(amount), currency=currency, on=on, version=version)


def test_case_follows_the_stages_with_amounts(rt: Runtime, world: World) -> None:
    kz, ru = world.actors["kz.officer"], world.actors["ru.officer"]
    case = make_case(rt, kz, world.agencies["ru"])
    assert case.stage == "identified" and case.steps[0].amount == Decimal(2500000)
    with rt.uow() as uow:
        v = assets.record_step(
            uow, ru, case.id, _step("frozen", "2400000", date(2024, 3, 10), case.version)
        )
        v = assets.record_step(
            uow, ru, case.id, _step("seized", "2400000", date(2024, 4, 1), v.version)
        )
        v = assets.record_step(
            uow, ru, case.id, _step("confiscated", "2100000", date(2024, 9, 1), v.version)
        )
        v = assets.record_step(
            uow, kz, case.id, _step("returned", "2100000", date(2025, 1, 15), v.version)
        )
        uow.commit()
    assert [s.stage for s in v.steps] == [
        "identified",
        "frozen",
        "seized",
        "confiscated",
        "returned",
    ]
    assert v.steps[-1].agency.id == world.agencies["kz"]
    with rt.uow() as uow, pytest.raises(InvalidTransition):
        assets.record_step(uow, kz, case.id, _step("returned", "1", date(2025, 1, 16), v.version))


def test_steps_are_validated(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    case = make_case(rt, kz, world.agencies["ru"])
    with rt.uow() as uow:
        with pytest.raises(InvalidTransition):
            assets.record_step(
                uow, kz, case.id, _step("confiscated", "1", date(2024, 3, 2), case.version)
            )
        with pytest.raises(ValidationFailed, match="ISO 4217"):
            assets.record_step(
                uow, kz, case.id, _step("frozen", "1", date(2024, 3, 2), case.version, "XXQ")
            )
        with pytest.raises(ValidationFailed, match="before the previous"):
            assets.record_step(
                uow, kz, case.id, _step("frozen", "1", date(2024, 2, 1), case.version)
            )
        with pytest.raises(ValidationFailed, match="future"):
            assets.record_step(
                uow,
                kz,
                case.id,
                _step("frozen", "1", date.today() + timedelta(days=2), case.version),
            )
        with pytest.raises(Conflict):
            assets.record_step(
                uow, kz, case.id, _step("frozen", "1", date(2024, 3, 2), case.version + 5)
            )


def test_only_parties_see_or_move_a_case(rt: Runtime, world: World) -> None:
    case = make_case(rt, world.actors["kz.officer"], world.agencies["ru"])
    with rt.uow() as uow:
        for outsider in ("tr.officer", "gs.reviewer"):
            with pytest.raises(NotFound):
                assets.get_case(uow, world.actors[outsider], case.id)
            with pytest.raises(NotFound):
                assets.record_step(
                    uow,
                    world.actors[outsider],
                    case.id,
                    _step("frozen", "1", date(2024, 3, 2), case.version),
                )
            with pytest.raises(NotFound):
                assets.graph(uow, world.actors[outsider], case.id)
        assert case.id not in [c.id for c in assets.list_cases(uow, world.actors["tr.officer"])]
        assert case.id in [c.id for c in assets.list_cases(uow, world.actors["ru.viewer"])]
        with pytest.raises(PermissionDenied):  # a party's viewer reads but does not move it
            assets.record_step(
                uow,
                world.actors["ru.viewer"],
                case.id,
                _step("frozen", "1", date(2024, 3, 2), case.version),
            )


def test_requests_move_the_case_when_executed(rt: Runtime, world: World) -> None:
    kz, ru = world.actors["kz.officer"], world.actors["ru.officer"]
    case = make_case(rt, kz, world.agencies["ru"])
    deadline = date.today() + timedelta(days=30)
    with rt.uow() as uow:
        v = assets.send_request(
            uow, kz, case.id, RequestIn(kind="freeze", note="Account CH93...", deadline=deadline)
        )
        uow.commit()
    req = v.requests[0]
    assert (req.from_agency.id, req.to_agency.id, req.status, req.overdue) == (
        world.agencies["kz"],
        world.agencies["ru"],
        "sent",
        False,
    )
    with rt.uow() as uow:
        with pytest.raises(PermissionDenied, match="sent to"):
            assets.answer_request(
                uow, kz, case.id, req.id, AnswerIn(outcome="executed", version=req.version)
            )
        with pytest.raises(ValidationFailed, match="amount"):
            assets.answer_request(
                uow, ru, case.id, req.id, AnswerIn(outcome="executed", version=req.version)
            )
        v = assets.answer_request(
            uow,
            ru,
            case.id,
            req.id,
            AnswerIn(
                outcome="executed",
                amount=Decimal("1800000"),
                currency="CHF",
                on=date(2024, 3, 5),
                version=req.version,
            ),
        )
        uow.commit()
    assert v.stage == "frozen" and v.requests[0].status == "executed"
    assert v.steps[-1].request_id == req.id and v.steps[-1].currency == "CHF"
    with rt.uow() as uow:
        with pytest.raises(InvalidTransition, match="already"):
            assets.answer_request(
                uow, ru, case.id, req.id, AnswerIn(outcome="refused", version=v.requests[0].version)
            )
        with pytest.raises(InvalidTransition):  # cannot ask for a return before confiscation
            assets.send_request(uow, kz, case.id, RequestIn(kind="return"))
        with pytest.raises(ValidationFailed, match="deadline"):
            assets.send_request(
                uow, kz, case.id, RequestIn(kind="trace", deadline=date(2020, 1, 1))
            )
        traced = assets.send_request(uow, ru, case.id, RequestIn(kind="trace"))
        assert traced.requests[-1].to_agency.id == world.agencies["kz"]
        answered = assets.answer_request(
            uow,
            kz,
            case.id,
            traced.requests[-1].id,
            AnswerIn(outcome="refused", note="Not in our records", version=1),
        )
    assert answered.stage == "frozen" and answered.requests[-1].status == "refused"


def test_ftm_import_round_trips_and_builds_the_graph(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    case = make_case(rt, kz, world.agencies["ru"])
    source = shell_structure()
    with rt.uow() as uow:
        result = assets.import_ftm(uow, kz, case.id, source, rt.index)
        uow.commit()
    assert result.imported == 11 and result.skipped == {"Document": 1}
    with rt.uow() as uow:
        exported = assets.export_ftm(uow, kz, case.id)
        graph = assets.graph(uow, world.actors["ru.viewer"], case.id)
        view = assets.get_case(uow, kz, case.id)
    # What comes out is what went in, as FtM itself cleans it.
    cleaned = {
        e["id"]: model.get_proxy(e, cleaned=False).to_dict()["properties"]
        for e in source
        if e["schema"] != "Document"
    }
    assert {e["id"]: e["properties"] for e in exported} == cleaned
    assert {e["schema"] for e in exported} == {
        "Person",
        "Company",
        "BankAccount",
        "RealEstate",
        "CryptoWallet",
        "Ownership",
    }
    depth = {n.id: n.depth for n in graph.nodes}
    assert depth == {"p-1": 0, "c-holding": 1, "c-shell": 2, "acc-1": 3, "re-1": 3, "w-1": 1}
    assert {(e.source, e.target, e.label) for e in graph.edges} >= {
        ("p-1", "c-holding", "100%"),
        ("c-holding", "c-shell", "75%"),
    }
    countries = {n.id: n.country for n in graph.nodes}
    assert (countries["c-holding"], countries["c-shell"], countries["acc-1"]) == ("cy", "vg", "ch")
    assert {a.entity_id for a in view.assets} == {"c-holding", "c-shell", "acc-1", "re-1", "w-1"}
    assert [o.entity_id for o in view.owners] == ["p-1"]


def test_import_is_all_or_nothing(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    case = make_case(rt, kz, world.agencies["ru"])
    broken = [
        *shell_structure(),
        {
            "id": "own-x",
            "schema": "Ownership",
            "properties": {"owner": ["p-1"], "asset": ["nowhere"]},
        },
    ]
    with rt.uow() as uow, pytest.raises(ValidationFailed, match="nowhere"):
        assets.import_ftm(uow, kz, case.id, broken, rt.index)
    with rt.uow() as uow, pytest.raises(ValidationFailed, match="Entity 2"):
        assets.import_ftm(uow, kz, case.id, [shell_structure()[0], {"schema": "Person"}], rt.index)
    with rt.uow() as uow, pytest.raises(ValidationFailed):
        assets.import_ftm(
            uow, kz, case.id, [{"id": "x", "schema": "NoSuchSchema", "properties": {}}], rt.index
        )
    with rt.uow() as uow, pytest.raises(ValidationFailed, match="200 characters"):
        assets.import_ftm(
            uow, kz, case.id, [{"id": "x" * 201, "schema": "Person", "properties": {}}], rt.index
        )
    with rt.uow() as uow:
        assert assets.export_ftm(uow, kz, case.id) == []


def test_imported_owners_are_screened_against_persons_and_notices(
    rt: Runtime, world: World
) -> None:
    kz = world.actors["kz.officer"]
    wanted = make_person(rt, kz, ["Ерлан Ахметов"], birth_date="1975-04-12", nationalities=["kz"])
    notice = make_notice(rt, kz, wanted.id)
    case = make_case(rt, kz, world.agencies["ru"])
    with rt.uow() as uow:
        result = assets.import_ftm(uow, kz, case.id, shell_structure(), rt.index)
        uow.commit()
    assert result.screened == 1
    best = result.screening[0]
    assert best.entity_id == "p-1" and best.person_id == wanted.id and best.score >= 0.9
    assert [n["id"] for n in best.notices] == [notice.id]
    with rt.uow() as uow:
        view = assets.get_case(uow, kz, case.id)
        graph = assets.graph(uow, kz, case.id)
    assert view.screening[0].person_id == wanted.id
    assert next(n for n in graph.nodes if n.id == "p-1").best_match == best.score


def test_typed_owners_and_assets_are_ftm_entities(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    case = make_case(rt, kz, world.agencies["ru"])
    with rt.uow() as uow:
        owner = assets.add_owner(
            uow, kz, case.id, OwnerIn(schema="Person", name="Иван Петров", country="ru")
        )
        car = assets.add_asset(
            uow,
            kz,
            case.id,
            AssetIn(
                kind="vehicle",
                name="Toyota Land Cruiser",
                country="ae",
                identifier="JTMHV05J604123456",
                owner_ids=[owner],
            ),
        )
        with pytest.raises(ValidationFailed, match="not part of this case"):
            assets.add_asset(
                uow, kz, case.id, AssetIn(kind="real_estate", name="Villa", owner_ids=["ghost"])
            )
        exported = {e["id"]: e for e in assets.export_ftm(uow, kz, case.id)}
    assert exported[car]["schema"] == "Vehicle"
    assert exported[car]["properties"]["country"] == ["ae"]
    links = [e for e in exported.values() if e["schema"] == "Ownership"]
    assert links[0]["properties"] == {"owner": [owner], "asset": [car]}


def test_statistics_by_country_pair_year_and_currency(rt: Runtime, world: World) -> None:
    kz, ru, tr = (world.actors[f"{c}.officer"] for c in ("kz", "ru", "tr"))
    a = make_case(rt, kz, world.agencies["ru"])
    b = make_case(rt, kz, world.agencies["ru"], currency="EUR", amount=Decimal(10))
    c = make_case(rt, tr, world.agencies["kz"])
    with rt.uow() as uow:
        v = assets.record_step(
            uow, ru, a.id, _step("frozen", "1000.50", date(2024, 3, 2), a.version)
        )
        v = assets.record_step(
            uow, ru, a.id, _step("seized", "1000.50", date(2024, 5, 2), v.version)
        )
        v = assets.record_step(
            uow, ru, a.id, _step("confiscated", "900", date(2025, 2, 2), v.version)
        )
        assets.record_step(uow, ru, a.id, _step("returned", "900", date(2025, 6, 2), v.version))
        assets.record_step(
            uow, ru, b.id, _step("frozen", "250", date(2024, 4, 2), b.version, "EUR")
        )
        w = assets.record_step(
            uow, kz, c.id, _step("frozen", "499.50", date(2024, 7, 1), c.version)
        )
        uow.commit()
        rows = assets.statistics(uow, world.actors["gs.reviewer"])
        only_2025 = assets.statistics(uow, tr, year=2025)
    got = {
        (r.year, r.requesting_country, r.requested_country, r.stage, r.currency): (
            r.amount,
            r.cases,
        )
        for r in rows
    }
    assert got == {
        (2024, "kz", "ru", "frozen", "USD"): (Decimal("1000.50"), 1),
        (2024, "kz", "ru", "frozen", "EUR"): (Decimal(250), 1),
        (2024, "tr", "kz", "frozen", "USD"): (Decimal("499.50"), 1),
        (2025, "kz", "ru", "confiscated", "USD"): (Decimal(900), 1),
        (2025, "kz", "ru", "returned", "USD"): (Decimal(900), 1),
    }
    assert {r.year for r in only_2025} == {2025}
    assert w.stage == "frozen"


def test_requests_past_their_deadline_are_listed_for_both_parties(
    rt: Runtime, world: World
) -> None:
    kz, ru = world.actors["kz.officer"], world.actors["ru.officer"]
    case = make_case(rt, kz, world.agencies["ru"])
    with rt.uow() as uow:
        v = assets.send_request(uow, kz, case.id, RequestIn(kind="freeze", deadline=date.today()))
        assets.send_request(uow, kz, case.id, RequestIn(kind="trace"))  # no deadline
        uow.commit()
    req = v.requests[0]
    tomorrow = date.today() + timedelta(days=1)
    with rt.uow() as uow:
        assert assets.overdue_requests(uow, ru) == []  # due today: not late yet
        late = assets.overdue_requests(uow, ru, today=tomorrow)
        assert [(o.case_id, o.request.id, o.request.overdue) for o in late] == [
            (case.id, req.id, True)
        ]
        assert [o.request.id for o in assets.overdue_requests(uow, kz, today=tomorrow)] == [req.id]
        assert assets.overdue_requests(uow, world.actors["tr.officer"], today=tomorrow) == []
        assets.answer_request(
            uow,
            ru,
            case.id,
            req.id,
            AnswerIn(outcome="refused", note="No such account", version=req.version),
        )
        assert assets.overdue_requests(uow, ru, today=tomorrow) == []
