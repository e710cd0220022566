"""The indicator pages over HTTP (no browser): the owner edits and withdraws, another agency
is refused with a page, a bulk lookup answers line by line, and the downloads are the service's
audited exports."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from concord.services import directory
from concord.services.indicators import MAX_BULK
from concord.services.runtime import Runtime
from conftest import World, auth
from factories.indicators import IBAN_DE, IMEI, PHONE_KZ, make_indicator

PASSWORD = "password-123"
API = "/api/v1/indicators"


class Browser:
    """One web session (its own cookies) with the CSRF token of the last page it read."""

    def __init__(self, client: TestClient, rt: Runtime, world: World, username: str) -> None:
        short, role = username.split(".")
        role = {"reviewer": "gs_reviewer"}.get(role, role)
        with rt.uow() as uow:
            directory.create_user(
                uow, None, f"{username}.web", world.agencies[short], role, password=PASSWORD
            )
            uow.commit()
        self.http = TestClient(client.app, raise_server_exceptions=False)
        self.token = ""
        self.get("/login")
        response = self.post(
            "/login", {"username": f"{username}.web", "password": PASSWORD}, follow=False
        )
        assert response.status_code == 303, response.text

    def get(self, path: str, **params: Any) -> Any:
        response = self.http.get(path, params=params or None, follow_redirects=False)
        found = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        if found:
            self.token = found[1]
        return response

    def post(
        self, path: str, data: dict[str, str], *, follow: bool = True, files: Any = None
    ) -> Any:
        return self.http.post(
            path,
            data={**data, "csrf_token": self.token},
            files=files,
            follow_redirects=follow,
        )


@pytest.fixture
def web(client: TestClient, rt: Runtime, world: World) -> Any:
    def login(username: str) -> Browser:
        return Browser(client, rt, world, username)

    return login


def _audit(client: TestClient, world: World, action: str) -> list[dict[str, Any]]:
    response = client.get(
        "/api/v1/audit", params={"action": action, "limit": 50}, headers=auth(world, "gs.auditor")
    )
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()
    return entries


def test_the_owner_edits_then_withdraws_an_indicator(
    client: TestClient, rt: Runtime, world: World, web: Any
) -> None:
    filed = make_indicator(rt, world.actors["kz.officer"], "imei", IMEI, confidence=0.83)
    kz = web("kz.officer")
    page = kz.get(f"/indicators/{filed.id}")
    assert "Edit the indicator" in page.text and "Withdraw the indicator" in page.text
    form = kz.get(f"/indicators/{filed.id}/edit")
    assert form.status_code == 200
    assert "Keep high (0.83)" in form.text

    saved = kz.post(
        f"/indicators/{filed.id}/edit",
        {
            "version": str(filed.version),
            "confidence": "",  # kept: the exact score must survive the form
            "first_seen": "2026-01-05T10:00",
            "last_seen": "2026-03-01T08:30",
            "description": "Handset of a call-centre ring",
            "tags": "sim-bank, almaty",
            "reference": "OP-FIREWALL",
            "visibility": "listed_countries",
            "countries": "TR, ru",
            "handling": "H1",
        },
    )
    assert saved.status_code == 200
    assert "saved." in saved.text
    view = client.get(f"{API}/{filed.id}", headers=auth(world, "kz.officer")).json()
    assert view["confidence"] == 0.83
    assert view["first_seen"].startswith("2026-01-05T10:00")
    assert view["last_seen"].startswith("2026-03-01T08:30")
    assert (view["description"], view["tags"], view["reference"]) == (
        "Handset of a call-centre ring",
        ["sim-bank", "almaty"],
        "OP-FIREWALL",
    )
    assert view["restrictions"] == {
        "visibility": "listed_countries",
        "countries": ["ru", "tr"],
        "handling": "H1",
    }
    changed = _audit(client, world, "indicator.update")[0]["details"]["changed"]
    assert "confidence" not in changed
    assert {"first_seen", "last_seen", "restrictions", "tags"} <= set(changed)

    # A first sighting after the last: the form comes back as typed, with the reason.
    wrong = kz.post(
        f"/indicators/{filed.id}/edit",
        {
            "version": str(view["version"]),
            "first_seen": "2026-04-01T00:00",
            "first_seen_was": "2026-01-05T10:00",
            "description": "typed again",
            "visibility": "all_members",
        },
    )
    assert wrong.status_code == 422
    assert "first_seen is after last_seen" in wrong.text
    assert "typed again" in wrong.text
    unchanged = client.get(f"{API}/{filed.id}", headers=auth(world, "kz.officer")).json()
    assert unchanged["description"] == "Handset of a call-centre ring"
    assert unchanged["version"] == view["version"]

    kz.get(f"/indicators/{filed.id}")
    gone = kz.post(
        f"/indicators/{filed.id}/withdraw",
        {"version": str(view["version"]), "reason": "Handset returned to its lawful owner"},
    )
    assert gone.status_code == 200
    assert "withdrawn: lookups no longer find it" in gone.text
    assert "Withdraw the indicator" not in gone.text
    assert _audit(client, world, "indicator.withdraw")[0]["details"] == {
        "reason": "Handset returned to its lawful owner"
    }
    lookup = client.get(
        f"{API}/lookup", params={"kind": "imei", "value": IMEI}, headers=auth(world, "ru.officer")
    )
    assert lookup.json()["matches"] == []
    again = kz.post(f"/indicators/{filed.id}/withdraw", {"version": str(view["version"] + 1)})
    assert again.status_code == 409
    assert "already withdrawn" in again.text


def test_a_stale_form_is_a_conflict_page(
    client: TestClient, rt: Runtime, world: World, web: Any
) -> None:
    filed = make_indicator(rt, world.actors["kz.officer"], "iban", IBAN_DE)
    kz = web("kz.officer")
    form = kz.get(f"/indicators/{filed.id}/edit").text
    shown = re.search(r'name="first_seen_was" value="([^"]+)"', form)
    assert shown is not None
    untouched = {"first_seen": shown[1], "first_seen_was": shown[1]}
    first = kz.post(
        f"/indicators/{filed.id}/edit", {"version": "1", "description": "one", **untouched}
    )
    assert first.status_code == 200
    # The time shown to the minute was sent back untouched: the stored one keeps its seconds.
    changed = _audit(client, world, "indicator.update")[0]["details"]["changed"]
    assert "first_seen" not in changed and "description" in changed
    second = kz.post(f"/indicators/{filed.id}/edit", {"version": "1", "description": "two"})
    assert second.status_code == 409
    assert second.headers["content-type"].startswith("text/html")
    assert "changed by someone else" in second.text


def test_another_agency_may_not_edit_or_withdraw(
    client: TestClient, rt: Runtime, world: World, web: Any
) -> None:
    filed = make_indicator(rt, world.actors["kz.officer"], "phone", PHONE_KZ)
    ru = web("ru.officer")
    page = ru.get(f"/indicators/{filed.id}")
    assert page.status_code == 200
    assert "Edit the indicator" not in page.text and "Withdraw" not in page.text
    for response in (
        ru.get(f"/indicators/{filed.id}/edit"),
        ru.post(f"/indicators/{filed.id}/edit", {"version": "1", "description": "mine now"}),
        ru.post(f"/indicators/{filed.id}/withdraw", {"version": "1", "reason": "no"}),
    ):
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("text/html")
        assert "Only the agency that owns an indicator" in response.text
    view = client.get(f"{API}/{filed.id}", headers=auth(world, "kz.officer")).json()
    assert (view["status"], view["description"], view["version"]) == ("active", "", 1)
    refused = [e["details"]["path"] for e in _audit(client, world, "access.denied")]
    assert f"/indicators/{filed.id}/withdraw" in refused
    assert f"/indicators/{filed.id}/edit" in refused


def test_a_hidden_indicator_is_not_found_for_editing(rt: Runtime, world: World, web: Any) -> None:
    filed = make_indicator(
        rt,
        world.actors["kz.officer"],
        "imei",
        IMEI,
        restrictions={"visibility": "listed_countries", "countries": ["tr"]},
    )
    response = web("ru.officer").get(f"/indicators/{filed.id}/edit")
    assert response.status_code == 404
    assert "No indicator with this id is visible to you" in response.text


def test_bulk_lookup_answers_every_line(
    client: TestClient, rt: Runtime, world: World, web: Any
) -> None:
    known = make_indicator(rt, world.actors["kz.officer"], "imei", IMEI, description="Seized")
    hidden = make_indicator(
        rt,
        world.actors["kz.officer"],
        "iban",
        IBAN_DE,
        restrictions={"visibility": "hit_no_hit"},
    )
    ru = web("ru.officer")
    ru.get("/indicators/bulk")
    lines = "\n".join(
        [
            f"imei,{IMEI[:14]}",  # found: 14 digits meet the filed 15
            "phone,+7 701 999 0000",  # not found
            "imei,490154203237519",  # wrong check digit
            "vin,WVWZZZ1JZXW000001",  # not an indicator kind
            "87011234567",  # no kind
        ]
    )
    csv_file = ("list.csv", f"kind,value\niban,{IBAN_DE.lower()}\n".encode(), "text/csv")
    page = ru.post("/indicators/bulk", {"values": lines}, files={"file": csv_file})
    assert page.status_code == 200
    assert "6 values: 2 found, 1 not found, 3 not valid." in page.text
    rows = re.findall(r"<tr class=\"([a-z-]+)\">(.*?)</tr>", page.text, re.S)
    assert [cls for cls, _ in rows] == [
        "found",
        "not-found",
        "invalid",
        "invalid",
        "invalid",
        "found",
    ]
    cells = [body for _, body in rows]
    assert f"<code>{IMEI}</code>" in cells[0] and "Full record" in cells[0]
    assert f'href="/indicators/{known.id}"' in cells[0]
    assert "+77019990000" in cells[1]
    assert "fails its Luhn check digit (expected 8, got 9)" in cells[2]
    assert "not an indicator kind" in cells[3]
    assert "no kind: write it first" in cells[4]
    assert "file row 2" in cells[5] and "Hit only" in cells[5] and "NCB Astana" in cells[5]
    assert f'href="/indicators/{hidden.id}"' in cells[5]
    assert IBAN_DE.replace(" ", "") in cells[5]  # what was asked, normalised
    entry = _audit(client, world, "indicator.bulk_lookup")[0]
    assert entry["username"] == "ru.officer.web"
    assert entry["details"]["count"] == 5  # the line without a kind never reached the registry
    assert sorted(entry["details"]["returned"]) == sorted([known.id, hidden.id])


def test_bulk_lookup_caps_the_list_and_keeps_it(world: World, web: Any) -> None:
    ru = web("ru.officer")
    ru.get("/indicators/bulk")
    too_many = "\n".join(f"+7 701 {n:07d}" for n in range(MAX_BULK + 1))
    page = ru.post("/indicators/bulk", {"values": too_many, "kind": "phone"})
    assert page.status_code == 422
    assert f"The list has {MAX_BULK + 1:,} values; one lookup takes at most {MAX_BULK:,}" in (
        page.text
    )
    assert "+7 701 0005000" in page.text  # the list comes back to be split
    empty = ru.post("/indicators/bulk", {"values": "  \n"})
    assert empty.status_code == 422 and "Paste at least one value" in empty.text
    country = ru.post("/indicators/bulk", {"values": "87011234567", "country": "kzz"})
    assert country.status_code == 422 and "not an ISO 3166-1 alpha-2" in country.text


def test_downloads_are_the_audited_exports(
    client: TestClient, rt: Runtime, world: World, web: Any
) -> None:
    imei = make_indicator(rt, world.actors["kz.officer"], "imei", IMEI)
    phone = make_indicator(rt, world.actors["kz.officer"], "phone", PHONE_KZ)
    make_indicator(
        rt, world.actors["kz.officer"], "iban", IBAN_DE, restrictions={"visibility": "hit_no_hit"}
    )
    ru = web("ru.officer")
    listing = ru.get("/indicators", kind="imei")
    assert 'href="/indicators/export.ftm?kind=imei"' in listing.text
    assert 'href="/indicators/export.misp?kind=imei"' in listing.text

    ftm = ru.get("/indicators/export.ftm", kind="imei")
    assert ftm.status_code == 200
    assert ftm.headers["content-disposition"].startswith(
        'attachment; filename="concord-indicators-imei-'
    )
    entities = [json.loads(line) for line in ftm.text.splitlines()]
    assert [e["id"] for e in entities] == [f"concord-indicator-{imei.id}"]
    assert entities[0]["properties"]["name"] == [IMEI]

    misp = ru.get("/indicators/export.misp")
    assert misp.headers["content-type"].startswith("application/json")
    values = {a["value"] for a in misp.json()["Event"]["Attribute"]}
    assert values == {IMEI, phone.value}  # the hit-only IBAN never leaves
    exports = _audit(client, world, "indicator.export")
    assert [(e["details"]["format"], e["details"]["kind"]) for e in exports[:2]] == [
        ("misp", None),
        ("ftm", "imei"),
    ]
    bad = ru.get("/indicators/export.ftm", kind="vin")
    assert bad.status_code == 422 and "not an indicator kind" in bad.text


def test_the_access_policy_decides_who_is_offered_the_change(
    rt: Runtime, world: World, web: Any
) -> None:
    filed = make_indicator(rt, world.actors["kz.officer"], "imei", IMEI)
    # The General Secretariat may change shared data on review; a viewer of the owner may not.
    gs = web("gs.reviewer").get(f"/indicators/{filed.id}")
    assert "Edit the indicator" in gs.text and "Withdraw the indicator" in gs.text
    viewer = web("kz.viewer")
    page = viewer.get(f"/indicators/{filed.id}")
    assert page.status_code == 200
    assert "Edit the indicator" not in page.text and "Withdraw" not in page.text
    assert viewer.get(f"/indicators/{filed.id}/edit").status_code == 403


def test_a_viewer_sees_no_export_and_is_refused_one(world: World, web: Any) -> None:
    viewer = web("kz.viewer")
    listing = viewer.get("/indicators")
    assert listing.status_code == 200
    assert "export.ftm" not in listing.text
    refused = viewer.get("/indicators/export.misp")
    assert refused.status_code == 403
    assert "may not export" in refused.text
