"""Indicators through the HTTP API: validation reasons, access, lookups, sightings, exports."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from concord.services.runtime import Runtime
from conftest import World, auth
from factories.indicators import IBAN_DE, IMEI, PHONE_KZ

BASE = "/api/v1/indicators"


def _create(client: TestClient, world: World, user: str, **body: Any) -> dict[str, Any]:
    response = client.post(BASE, json=body, headers=auth(world, user))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_invalid_values_are_422_with_the_reason(client: TestClient, world: World) -> None:
    h = auth(world, "kz.officer")
    cases = [
        ({"kind": "imei", "value": "490154203237519"}, "Luhn check digit (expected 8, got 9)"),
        ({"kind": "iban", "value": "DE89 3704 0044 0532 0130 01"}, "mod-97"),
        ({"kind": "phone", "value": "+7 701 12"}, "impossible length"),
        ({"kind": "vin", "value": "WVWZZZ1JZXW000001"}, "not an indicator kind"),
        ({"kind": "phone", "value": PHONE_KZ, "confidence": "certain"}, "Confidence"),
    ]
    for body, reason in cases:
        response = client.post(BASE, json=body, headers=h)
        assert response.status_code == 422, body
        assert response.headers["content-type"].startswith("application/problem+json")
        assert reason in response.json()["detail"], response.json()


def test_restricted_indicator_is_not_visible_to_other_countries(
    client: TestClient, world: World
) -> None:
    created = _create(
        client,
        world,
        "kz.officer",
        kind="imei",
        value=IMEI,
        restrictions={"visibility": "listed_countries", "countries": ["tr"]},
    )
    url = f"{BASE}/{created['id']}"
    assert client.get(url, headers=auth(world, "tr.officer")).json()["value"] == IMEI
    assert client.get(url, headers=auth(world, "ru.officer")).status_code == 404
    lookup = client.get(
        f"{BASE}/lookup", params={"kind": "imei", "value": IMEI}, headers=auth(world, "ru.officer")
    )
    assert lookup.status_code == 200 and lookup.json()["matches"] == []


def test_hit_only_shows_existence_and_owner(client: TestClient, world: World) -> None:
    created = _create(
        client,
        world,
        "kz.officer",
        kind="iban",
        value=IBAN_DE,
        restrictions={"visibility": "hit_no_hit"},
    )
    body = client.get(f"{BASE}/{created['id']}", headers=auth(world, "ru.officer")).json()
    assert body["hit_only"] is True
    assert body["owner"]["country"] == "kz"
    assert "value" not in body and "description" not in body


def test_lookup_normalised_forms_meet(client: TestClient, world: World) -> None:
    phone = _create(client, world, "kz.officer", kind="phone", value="+7 (701) 123-45-67")
    imei = _create(client, world, "kz.officer", kind="imei", value=IMEI)
    h = auth(world, "ru.officer")
    by_national = client.get(
        f"{BASE}/lookup",
        headers=h,
        params={"kind": "phone", "value": "87011234567", "country": "kz"},
    ).json()
    assert [m["id"] for m in by_national["matches"]] == [phone["id"]]
    assert by_national["key"] == "+77011234567"
    without_check = client.get(
        f"{BASE}/lookup", headers=h, params={"kind": "imei", "value": "49 015420 323751"}
    ).json()
    assert [m["id"] for m in without_check["matches"]] == [imei["id"]]
    bulk = client.post(
        f"{BASE}/lookup",
        headers=h,
        json=[
            {"kind": "phone", "value": "+77011234567"},
            {"kind": "imei", "value": "35-209900-176148-1"},
            {"kind": "imei", "value": "490154203237518"},
            {"kind": "imei", "value": "490154203237519"},
        ],
    )
    assert bulk.status_code == 200, bulk.text
    answers = bulk.json()
    assert [len(r["matches"]) for r in answers] == [1, 0, 1, 0]
    # a mistyped value is still looked up, and the answer says why it cannot match
    assert [r["invalid"] is None for r in answers] == [True, True, True, False]
    assert "check digit" in answers[3]["invalid"].lower()


def test_patch_withdraw_and_list(client: TestClient, world: World) -> None:
    h = auth(world, "kz.officer")
    created = _create(
        client, world, "kz.officer", kind="url", value="HTTPS://Pay-Fraud.example/login"
    )
    assert created["value"] == "https://pay-fraud.example/login"
    url = f"{BASE}/{created['id']}"
    patched = client.patch(
        url, headers=h, json={"version": 1, "confidence": "high", "reference": "OP-FIRST-LIGHT"}
    )
    assert patched.status_code == 200 and patched.json()["version"] == 2
    assert client.patch(url, headers=h, json={"version": 1, "description": "x"}).status_code == 409
    assert (
        client.patch(url, headers=auth(world, "ru.officer"), json={"version": 2}).status_code == 403
    )
    listed = client.get(BASE, params={"kind": "url"}, headers=auth(world, "tr.officer")).json()
    assert [i["id"] for i in listed] == [created["id"]]
    withdrawn = client.post(
        f"{url}/withdraw", headers=h, json={"version": 2, "reason": "site taken down"}
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert client.get(BASE, params={"kind": "url"}, headers=auth(world, "tr.officer")).json() == []


def test_sightings_on_hit_only_indicator(client: TestClient, world: World) -> None:
    created = _create(
        client,
        world,
        "kz.officer",
        kind="phone",
        value=PHONE_KZ,
        restrictions={"visibility": "hit_no_hit"},
    )
    url = f"{BASE}/{created['id']}/sightings"
    reported = client.post(
        url,
        headers=auth(world, "ru.officer"),
        json={"place": "Kazan", "note": "caller posing as bank security"},
    )
    assert reported.status_code == 201, reported.text
    assert reported.json()["country"] == "ru"
    assert len(client.get(url, headers=auth(world, "kz.officer")).json()) == 1
    assert client.get(url, headers=auth(world, "tr.officer")).json() == []


def test_misp_export_shape_and_exclusions(client: TestClient, world: World, rt: Runtime) -> None:
    shared = _create(
        client,
        world,
        "kz.officer",
        kind="phone",
        value=PHONE_KZ,
        confidence=0.8,
        description="Calls posing as bank security",
    )
    listed = _create(
        client,
        world,
        "kz.officer",
        kind="btc_wallet",
        value="1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        restrictions={"visibility": "listed_countries", "countries": ["ru"]},
    )
    _create(
        client,
        world,
        "kz.officer",
        kind="iban",
        value=IBAN_DE,
        restrictions={"visibility": "gs_only"},
    )
    _create(
        client,
        world,
        "kz.officer",
        kind="imei",
        value=IMEI,
        restrictions={"visibility": "hit_no_hit"},
    )
    response = client.get(f"{BASE}/export.misp", headers=auth(world, "ru.officer"))
    assert response.status_code == 200
    event = response.json()["Event"]
    assert event["Orgc"]["name"] == "NCB Moscow"
    by_value = {a["value"]: a for a in event["Attribute"]}
    assert set(by_value) == {"+77011234567", listed["value"]}
    phone = by_value["+77011234567"]
    assert (phone["type"], phone["category"], phone["to_ids"]) == (
        "phone-number",
        "Financial fraud",
        True,
    )
    assert "bank security" in phone["comment"]
    assert phone["distribution"] == 2
    wallet = by_value[listed["value"]]
    assert (wallet["type"], wallet["distribution"]) == ("btc", 4)
    assert wallet["SharingGroup"]["name"] == "Concord: RU"
    assert event["distribution"] == 2
    ftm = client.get(f"{BASE}/export.ftm", headers=auth(world, "ru.officer")).json()
    assert {e["schema"] for e in ftm} == {"UserAccount", "CryptoWallet"}
    assert shared["id"] in {e["id"].removeprefix("concord-indicator-") for e in ftm}
    gs = client.get(f"{BASE}/export.misp", headers=auth(world, "gs.reviewer")).json()["Event"]
    gs_only = [a for a in gs["Attribute"] if a["type"] == "iban"]
    assert len(gs_only) == 1 and gs_only[0]["distribution"] == 0


def test_publish_flags_endpoint(client: TestClient, world: World) -> None:
    flags = [{"kind": "imei", "value": IMEI, "confidence": 0.9, "reasons": ["many SIMs"]}]
    h = auth(world, "kz.officer")
    first = client.post(
        f"{BASE}/publish-flags", headers=h, json={"reference": "CDR-7", "flags": flags}
    )
    assert first.status_code == 200, first.text
    again = client.post(
        f"{BASE}/publish-flags", headers=h, json={"reference": "CDR-7", "flags": flags}
    )
    assert again.json()["updated"] == first.json()["created"] and again.json()["created"] == []


def test_unauthenticated_is_refused(client: TestClient) -> None:
    assert client.get(f"{BASE}/lookup", params={"kind": "imei", "value": IMEI}).status_code == 401
