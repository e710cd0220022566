"""Bad input gets a structured 4xx a person can act on, and nothing half-written stays."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from concord.services.runtime import Runtime
from concord.storage.tables import Person, TravelDocument
from conftest import World, auth

PROBLEM = "application/problem+json"

# ICAO 9303 specimen passport (the published "UTOPIA" example).
SPECIMEN_MRZ = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


def _count(rt: Runtime, model: type) -> int:
    with rt.uow() as uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


def test_malformed_json(client: TestClient, world: World) -> None:
    r = client.post(
        "/api/v1/persons",
        content=b'{"names": ["x"',
        headers={**auth(world, "kz.officer"), "content-type": "application/json"},
    )
    assert r.status_code == 422
    assert r.headers["content-type"].startswith(PROBLEM)
    assert "not valid JSON" in r.json()["detail"]


def test_missing_field_names_the_field(client: TestClient, world: World) -> None:
    r = client.post(
        "/api/v1/persons", json={"birth_date": "1980"}, headers=auth(world, "kz.officer")
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "names"


def test_unknown_field_is_refused(client: TestClient, world: World) -> None:
    r = client.post(
        "/api/v1/persons", json={"names": ["a"], "nickname": "b"}, headers=auth(world, "kz.officer")
    )
    assert r.status_code == 422
    assert "nickname" in r.json()["detail"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"names": ["a"], "nationalities": ["zz"]}, "'zz' is not an ISO 3166-1"),
        ({"names": ["a"], "birth_date": "1961-02-30"}, "not a calendar date"),
        (
            {"names": ["a"], "identifiers": [{"type": "iban", "value": "GB82WEST12345698765433"}]},
            "IBAN",
        ),
        ({"names": ["a"], "identifiers": [{"type": "imei", "value": "490154203237519"}]}, "Luhn"),
        ({"names": ["a"], "identifiers": [{"type": "shoe_size", "value": "42"}]}, "shoe_size"),
        (
            {"names": ["a"], "restrictions": {"visibility": "listed_countries"}},
            "at least one country",
        ),
    ],
)
def test_invalid_values_explain_themselves(
    client: TestClient, world: World, rt: Runtime, body: dict, needle: str
) -> None:
    before = _count(rt, Person)
    r = client.post("/api/v1/persons", json=body, headers=auth(world, "kz.officer"))
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    assert needle in r.json()["detail"]
    assert _count(rt, Person) == before


def test_mrz_with_bad_check_digit_is_refused(client: TestClient, world: World, rt: Runtime) -> None:
    tampered = SPECIMEN_MRZ.replace("7408122", "7408123")
    r = client.post(
        "/api/v1/travel-documents", json={"mrz": tampered}, headers=auth(world, "kz.officer")
    )
    assert r.status_code == 422
    assert "check digit" in r.json()["detail"]
    assert _count(rt, TravelDocument) == 0


def test_valid_mrz_fills_the_document(client: TestClient, world: World) -> None:
    # UTO is the specimen's fictional state: refused with a reason, not a crash.
    r = client.post(
        "/api/v1/travel-documents", json={"mrz": SPECIMEN_MRZ}, headers=auth(world, "kz.officer")
    )
    assert r.status_code == 422
    assert "UTO" in r.json()["detail"]
    # Issuing state and nationality are outside the check digits, so a Kazakh variant stays valid.
    kazakh = SPECIMEN_MRZ.replace("UTO", "KAZ")
    r = client.post(
        "/api/v1/travel-documents", json={"mrz": kazakh}, headers=auth(world, "kz.officer")
    )
    assert r.status_code == 201, r.text
    doc = r.json()
    assert (doc["number"], doc["issuing_country"]) == ("L898902C3", "kz")
    assert doc["holder_name"] == "ERIKSSON ANNA MARIA"
    found = client.get(
        "/api/v1/travel-documents",
        params={"number": "l898902c3"},
        headers=auth(world, "tr.officer"),
    )
    assert found.status_code == 200
    assert [d["id"] for d in found.json()] == [doc["id"]]


def test_oversized_payload_is_refused(client: TestClient, world: World, rt: Runtime) -> None:
    huge = {"names": ["a"], "note": "x" * 7_000_000}
    r = client.post("/api/v1/persons", json=huge, headers=auth(world, "kz.officer"))
    assert r.status_code == 413
    assert r.headers["content-type"].startswith(PROBLEM)
    assert "larger than" in r.json()["detail"]
    assert _count(rt, Person) == 0


def test_unknown_endpoint_and_method(client: TestClient, world: World) -> None:
    r = client.get("/api/v1/nothing-here", headers=auth(world, "kz.officer"))
    assert r.status_code == 404 and "/docs" in r.json()["detail"]
    r = client.delete("/api/v1/persons", headers=auth(world, "kz.officer"))
    assert r.status_code == 405


def test_bad_api_key(client: TestClient, world: World) -> None:
    r = client.get("/api/v1/me", headers={"X-API-Key": "ck_nope_nope"})
    assert r.status_code == 401 and r.json()["detail"] == "The API key is not known."
    r = client.get("/api/v1/me", headers={"X-API-Key": "garbage"})
    assert r.status_code == 401 and "malformed" in r.json()["detail"]


def test_refusal_is_audited(client: TestClient, world: World) -> None:
    r = client.get("/api/v1/audit", headers=auth(world, "kz.officer"))
    assert r.status_code == 403
    log = client.get(
        "/api/v1/audit", params={"action": "access.denied"}, headers=auth(world, "gs.auditor")
    )
    assert log.status_code == 200
    assert any(
        e["username"] == "kz.officer" and e["details"]["path"] == "/api/v1/audit"
        for e in log.json()
    )
