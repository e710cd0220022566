"""Persons through the HTTP API: create, read, change with optimistic locking, FtM round trip."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from concord.services.runtime import Runtime
from concord.storage.tables import Person
from conftest import World, auth


def test_create_and_read_keeps_original_script(client: TestClient, world: World) -> None:
    body = {
        "names": ["Ким Чен Ян", "Kim Jong Yang"],
        "birth_date": "1961-10",
        "nationalities": ["KR"],
        "gender": "male",
        "identifiers": [{"type": "phone", "value": "+7 701 123 4567"}],
    }
    created = client.post("/api/v1/persons", json=body, headers=auth(world, "ru.officer"))
    assert created.status_code == 201, created.text
    person = created.json()
    assert [n["script"] for n in person["names"]] == ["cyrillic", "latin"]
    assert person["nationalities"] == ["kr"]
    assert person["identifiers"][0]["value"] == "+77011234567"
    assert person["identifiers"][0]["raw"] == "+7 701 123 4567"
    read = client.get(f"/api/v1/persons/{person['id']}", headers=auth(world, "kz.viewer"))
    assert read.status_code == 200
    assert read.json()["names"][0]["full"] == "Ким Чен Ян"


def test_concurrent_edit_is_refused_with_409(client: TestClient, world: World) -> None:
    h = auth(world, "ru.officer")
    person = client.post("/api/v1/persons", json={"names": ["Иван Петров"]}, headers=h).json()
    first = client.patch(
        f"/api/v1/persons/{person['id']}", json={"version": 1, "birth_date": "1980"}, headers=h
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(
        f"/api/v1/persons/{person['id']}", json={"version": 1, "birth_date": "1981"}, headers=h
    )
    assert stale.status_code == 409
    assert "reload" in stale.json()["detail"]
    assert client.get(f"/api/v1/persons/{person['id']}", headers=h).json()["birth_date"] == "1980"


def test_only_the_owner_changes_a_record(client: TestClient, world: World) -> None:
    person = client.post(
        "/api/v1/persons", json={"names": ["Иван Петров"]}, headers=auth(world, "ru.officer")
    ).json()
    other = client.patch(
        f"/api/v1/persons/{person['id']}",
        json={"version": 1, "note": "x"},
        headers=auth(world, "kz.officer"),
    )
    assert other.status_code == 403
    assert other.headers["content-type"].startswith("application/problem+json")


def test_ftm_export_then_import_round_trip(client: TestClient, world: World, rt: Runtime) -> None:
    h = auth(world, "kz.officer")
    client.post(
        "/api/v1/persons",
        headers=h,
        json={
            "names": ["Нурлан Сейткали"],
            "birth_date": "1979-03-02",
            "nationalities": ["kz"],
            "identifiers": [{"type": "passport", "value": "N1234567", "country": "kz"}],
        },
    )
    exported = client.get("/api/v1/persons/export.ftm", headers=h)
    assert exported.status_code == 200
    entities = exported.json()
    assert entities[0]["schema"] == "Person"
    assert entities[0]["properties"]["birthDate"] == ["1979-03-02"]
    imported = client.post(
        "/api/v1/persons/import.ftm", json=entities, headers=auth(world, "tr.officer")
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["imported"] == 1
    copy = client.get(f"/api/v1/persons/{imported.json()['ids'][0]}", headers=h).json()
    assert copy["names"][0]["full"] == "Нурлан Сейткали"
    assert copy["identifiers"][0]["value"] == "N1234567"
    assert copy["owner"]["country"] == "tr"


def test_import_is_all_or_nothing(client: TestClient, world: World, rt: Runtime) -> None:
    good = {"id": "a", "schema": "Person", "properties": {"name": ["Ali Kaya"]}}
    bad = {
        "id": "b",
        "schema": "Person",
        "properties": {"name": ["Ayşe Demir"], "nationality": ["zz"]},
    }
    with rt.uow() as uow:
        before = uow.session.execute(select(func.count()).select_from(Person)).scalar_one()
    response = client.post(
        "/api/v1/persons/import.ftm", json=[good, bad], headers=auth(world, "tr.officer")
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Item 2:")
    with rt.uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(Person)).scalar_one() == before


def test_match_finds_cyrillic_record_from_latin_query(client: TestClient, world: World) -> None:
    client.post(
        "/api/v1/persons",
        headers=auth(world, "ru.officer"),
        json={"names": ["Ким Чен Ян"], "birth_date": "1961-10-30", "nationalities": ["kr"]},
    )
    client.post(
        "/api/v1/persons",
        headers=auth(world, "ru.officer"),
        json={"names": ["Иван Петров"], "birth_date": "1970-01-01"},
    )
    response = client.post(
        "/api/v1/match",
        json={"names": ["Kim Jong-young"], "birth_date": "1961"},
        headers=auth(world, "kz.officer"),
    )
    assert response.status_code == 200, response.text
    results = response.json()
    assert results, "the Cyrillic record should be found"
    assert results[0]["record"]["names"][0]["full"] == "Ким Чен Ян"
    assert 0 < results[0]["score"] <= 1
    assert {f["feature"] for f in results[0]["explanation"]} >= {"names"}
    assert all(r["record"]["names"][0]["full"] != "Иван Петров" for r in results)
