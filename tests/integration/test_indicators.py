"""Indicator registry use cases on SQLite and PostgreSQL: access, lookup, sightings, CDR flags,
exports and the audit trail."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from concord.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concord.domain.restrictions import Restrictions
from concord.services import indicators
from concord.services.indicators import IndicatorPatch, IndicatorView, LookupItem, SightingIn
from concord.services.runtime import Runtime
from concord.services.views import HitOnlyView
from concord.storage.tables import AuditLog, Indicator
from conftest import World, build_world
from factories.indicators import IBAN_DE, IMEI, PHONE_KZ, make_indicator


def _audit_actions(rt: Runtime, action: str) -> int:
    with rt.uow() as uow:
        return uow.session.execute(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == action)
        ).scalar_one()


def test_create_normalises_and_refuses_a_second_copy(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    view = make_indicator(rt, kz, "phone", "87011234567", country="kz", confidence="high")
    assert (view.value, view.raw, view.country) == ("+77011234567", "87011234567", "kz")
    assert view.confidence == 0.9 and view.confidence_label == "high"
    assert view.first_seen is not None and view.first_seen == view.last_seen
    with pytest.raises(Conflict) as err:
        make_indicator(rt, kz, "phone", PHONE_KZ)
    assert view.id in err.value.detail
    # Another agency files the same number on its own account.
    other = make_indicator(rt, world.actors["ru.officer"], "phone", PHONE_KZ)
    assert other.id != view.id


def test_listed_countries_restriction_hides_the_indicator(rt: Runtime, world: World) -> None:
    view = make_indicator(
        rt,
        world.actors["kz.officer"],
        "imei",
        IMEI,
        restrictions={"visibility": "listed_countries", "countries": ["tr"]},
    )
    with rt.uow() as uow:
        seen = indicators.get_indicator(uow, world.actors["tr.officer"], view.id)
        assert isinstance(seen, IndicatorView) and seen.value == IMEI
        with pytest.raises(NotFound):
            indicators.get_indicator(uow, world.actors["ru.officer"], view.id)
        assert indicators.lookup(uow, world.actors["ru.officer"], "imei", IMEI).matches == []
        assert indicators.list_indicators(uow, world.actors["ru.officer"]) == []


def test_hit_only_gives_existence_and_owner(rt: Runtime, world: World) -> None:
    view = make_indicator(
        rt, world.actors["kz.officer"], "iban", IBAN_DE, restrictions={"visibility": "hit_no_hit"}
    )
    ru = world.actors["ru.officer"]
    with rt.uow() as uow:
        found = indicators.lookup(uow, ru, "iban", "de89370400440532013000")
        assert len(found.matches) == 1
        hit = found.matches[0]
        assert isinstance(hit, HitOnlyView)
        assert hit.id == view.id and hit.owner.country == "kz"
        assert "value" not in hit.model_dump()
        # Browsing does not reveal hit-only indicators; only a lookup of the value does.
        assert indicators.list_indicators(uow, ru) == []


def test_lookup_equivalent_forms_meet(rt: Runtime, world: World) -> None:
    phone = make_indicator(rt, world.actors["kz.officer"], "phone", "+7 (701) 123-45-67")
    imei = make_indicator(rt, world.actors["kz.officer"], "imei", "49 015420 323751")
    tr = world.actors["tr.officer"]
    with rt.uow() as uow:
        assert [m.id for m in indicators.lookup(uow, tr, "phone", "87011234567", "kz").matches] == [
            phone.id
        ]
        assert [m.id for m in indicators.lookup(uow, tr, "imei", "490154203237518").matches] == [
            imei.id
        ]
        assert [m.id for m in indicators.lookup(uow, tr, "imei", "49-015420-323751").matches] == [
            imei.id
        ]
        assert indicators.lookup(uow, tr, "imei", "490154203237519").matches == []
        with pytest.raises(ValidationFailed):
            indicators.lookup(uow, tr, "passport", "N123")
        uow.commit()
    assert _audit_actions(rt, "indicator.lookup") == 4


def test_bulk_lookup_answers_each_item_in_order(rt: Runtime, world: World) -> None:
    phone = make_indicator(rt, world.actors["kz.officer"], "phone", PHONE_KZ)
    iban = make_indicator(rt, world.actors["ru.officer"], "iban", IBAN_DE)
    items = [
        LookupItem(kind="phone", value="8 701 123 45 67", country="kz"),
        LookupItem(kind="phone", value="+7 701 765 4321"),
        LookupItem(kind="iban", value="DE89370400440532013000"),
        LookupItem(kind="vin", value="WVWZZZ1JZXW000001"),
    ]
    with rt.uow() as uow:
        out = indicators.bulk_lookup(uow, world.actors["tr.officer"], items)
        uow.commit()
    assert [[m.id for m in r.matches] for r in out] == [[phone.id], [], [iban.id], []]
    assert out[3].error is not None and "not an indicator kind" in out[3].error
    with rt.uow() as uow:
        entry = uow.session.execute(
            select(AuditLog).where(AuditLog.action == "indicator.bulk_lookup")
        ).scalar_one()
    assert entry.details["count"] == 4 and entry.details["matched"] == 2


def test_withdrawn_indicator_stops_matching(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    view = make_indicator(rt, kz, "domain", "fraud-shop.example")
    with rt.uow() as uow, pytest.raises(PermissionDenied):
        indicators.withdraw_indicator(uow, world.actors["tr.officer"], view.id, view.version)
    with rt.uow() as uow:
        withdrawn = indicators.withdraw_indicator(uow, kz, view.id, view.version, "false positive")
        uow.commit()
    assert withdrawn.status == "withdrawn"
    with rt.uow() as uow:
        assert indicators.lookup(uow, kz, "domain", "FRAUD-SHOP.example.").matches == []
        with pytest.raises(NotFound):
            indicators.get_indicator(uow, world.actors["tr.officer"], view.id)


def test_update_uses_optimistic_locking(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    view = make_indicator(rt, kz, "email", "Boss@Fraud.example")
    with rt.uow() as uow:
        changed = indicators.update_indicator(
            uow,
            kz,
            view.id,
            IndicatorPatch(version=view.version, confidence=0.95, tags=["phishing"]),
        )
        uow.commit()
    assert changed.version == view.version + 1 and changed.tags == ["phishing"]
    with rt.uow() as uow, pytest.raises(Conflict):
        indicators.update_indicator(
            uow, kz, view.id, IndicatorPatch(version=view.version, description="x")
        )


def test_sightings_are_seen_by_owner_and_reporter_only(rt: Runtime, world: World) -> None:
    view = make_indicator(
        rt, world.actors["kz.officer"], "phone", PHONE_KZ, restrictions={"visibility": "hit_no_hit"}
    )
    with rt.uow() as uow:
        ru_sighting = indicators.report_sighting(
            uow,
            world.actors["ru.officer"],
            view.id,
            SightingIn(place="Moscow call centre", note="number used in a bank-fraud call"),
        )
        indicators.report_sighting(
            uow, world.actors["tr.officer"], view.id, SightingIn(country="tr")
        )
        uow.commit()
    assert ru_sighting.country == "ru" and ru_sighting.reporter.country == "ru"
    with rt.uow() as uow:
        assert len(indicators.list_sightings(uow, world.actors["kz.officer"], view.id)) == 2
        mine = indicators.list_sightings(uow, world.actors["ru.officer"], view.id)
        assert [s.id for s in mine] == [ru_sighting.id]
        # A viewer may read but not report.
        with pytest.raises(PermissionDenied):
            indicators.report_sighting(uow, world.actors["ru.viewer"], view.id, SightingIn())


def test_sighting_on_an_invisible_indicator_is_not_found(rt: Runtime, world: World) -> None:
    view = make_indicator(
        rt, world.actors["kz.officer"], "phone", PHONE_KZ, restrictions={"visibility": "gs_only"}
    )
    with rt.uow() as uow, pytest.raises(NotFound):
        indicators.report_sighting(uow, world.actors["ru.officer"], view.id, SightingIn())


FLAGS = [
    {
        "kind": "imsi",
        "value": "401011234567890",
        "confidence": 0.81,
        "reasons": ["behaves like a SIM-bank SIM"],
    },
    {
        "kind": "phone",
        "value": "77011234567",
        "confidence": 0.81,
        "reasons": ["number of SIM 401011234567890"],
    },
    {
        "kind": "imei",
        "value": IMEI,
        "confidence": 0.93,
        "reasons": ["behaves like a SIM-bank device"],
    },
    {"kind": "imei", "value": "490154203237519", "confidence": 0.5, "reasons": []},
]


def test_publish_flags_is_idempotent(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    with rt.uow() as uow:
        first = indicators.publish_flags(uow, kz, FLAGS, "OP-SIMBOX-2026")
        uow.commit()
    assert len(first.created) == 3 and first.updated == []
    assert len(first.skipped) == 1 and "Luhn" in first.skipped[0]["reason"]
    again = [dict(f, confidence=0.97) if f["kind"] == "imsi" else f for f in FLAGS]
    with rt.uow() as uow:
        second = indicators.publish_flags(uow, kz, again, "OP-SIMBOX-2026")
        uow.commit()
    assert second.created == [] and sorted(second.updated) == sorted(first.created)
    with rt.uow() as uow:
        rows = (
            uow.session.execute(select(Indicator).where(Indicator.owner_agency_id == kz.agency_id))
            .scalars()
            .all()
        )
        assert len(rows) == 3
        by_kind = {r.kind: r for r in rows}
        assert by_kind["imsi"].confidence == 0.97
        assert by_kind["phone"].value == "+77011234567"
        assert by_kind["imsi"].last_seen >= by_kind["imsi"].first_seen
        assert by_kind["imei"].source == "cdr" and by_kind["imei"].reference == "OP-SIMBOX-2026"


def test_exports_contain_only_what_the_actor_fully_sees(rt: Runtime, world: World) -> None:
    kz, ru = world.actors["kz.officer"], world.actors["ru.officer"]
    shared = make_indicator(rt, kz, "phone", PHONE_KZ, confidence="high")
    make_indicator(rt, kz, "iban", IBAN_DE, restrictions={"visibility": "hit_no_hit"})
    make_indicator(
        rt, kz, "imei", IMEI, restrictions={"visibility": "listed_countries", "countries": ["tr"]}
    )
    with rt.uow() as uow:
        event = indicators.export_misp(uow, ru)["Event"]
        entities = indicators.export_ftm(uow, ru)
        uow.commit()
    assert [a["value"] for a in event["Attribute"]] == [shared.value]
    attribute = event["Attribute"][0]
    assert attribute["type"] == "phone-number" and attribute["to_ids"] is True
    assert [e["id"] for e in entities] == [f"concord-indicator-{shared.id}"]
    assert entities[0]["schema"] == "UserAccount"
    assert _audit_actions(rt, "indicator.export") == 2
    with rt.uow() as uow:
        own = indicators.export_misp(uow, kz)["Event"]
    assert {a["value"] for a in own["Attribute"]} == {shared.value, "DE89370400440532013000", IMEI}


def test_viewer_cannot_export(rt: Runtime, world: World) -> None:
    with rt.uow() as uow, pytest.raises(PermissionDenied):
        indicators.export_misp(uow, world.actors["kz.viewer"])


def test_publish_keeps_the_given_restrictions(rt: Runtime, world: World) -> None:
    kz = world.actors["kz.officer"]
    with rt.uow() as uow:
        result = indicators.publish_flags(
            uow, kz, FLAGS[:1], "CASE-1", restrictions=Restrictions.build("gs_only")
        )
        uow.commit()
    with rt.uow() as uow:
        with pytest.raises(NotFound):
            indicators.get_indicator(uow, world.actors["ru.officer"], result.created[0])
        assert isinstance(
            indicators.get_indicator(uow, world.actors["gs.reviewer"], result.created[0]),
            IndicatorView,
        )


def test_cli_publishes_cdr_flags_then_screens_a_list(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from concord.cli.main import app
    from concord.services.runtime import start
    from concord.settings import Settings

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    runtime = start(Settings(database_url=url))
    build_world(runtime)
    runtime.engine.dispose()
    report = tmp_path / "flagged.json"
    report.write_text(json.dumps({"source": "calls.parquet", "indicators": FLAGS}))
    runner = CliRunner()
    publish = [
        "indicators",
        "publish-cdr",
        str(report),
        "--as",
        "kz.officer",
        "--reference",
        "OP-SIMBOX",
        "--database-url",
        url,
    ]
    first = runner.invoke(app, publish)
    assert first.exit_code == 0, first.output
    assert "3 indicators created" in first.output and "1 skipped" in first.output
    again = runner.invoke(app, publish)
    assert "0 indicators created" in again.output and "3 refreshed" in again.output

    national = tmp_path / "list.csv"
    national.write_text(
        "kind,value,country\n"
        "phone,8 701 123 45 67,kz\n"
        "imei,49-015420-323751,\n"
        "phone,+7 701 765 4321,\n"
        "passport,N123,\n"
    )
    screened = runner.invoke(
        app, ["indicators", "screen", str(national), "--as", "ru.officer", "--database-url", url]
    )
    assert screened.exit_code == 0, screened.output
    assert "4 screened" in screened.output and "2 matched" in screened.output
    with (tmp_path / "list.matches.csv").open() as handle:
        matches = list(csv.DictReader(handle))
    assert [(m["line"], m["key"], m["owner_country"]) for m in matches] == [
        ("2", "+77011234567", "kz"),
        ("3", IMEI, "kz"),
    ]
