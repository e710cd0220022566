"""Operations through the HTTP API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from conftest import World, auth


def _create(client: TestClient, world: World, who: str = "gs.reviewer") -> dict:  # type: ignore[type-arg]
    r = client.post(
        "/api/v1/operations",
        headers=auth(world, who),
        json={
            "name": "Operation Usalama",
            "crime_area": "wildlife",
            "participants": ["kz", "ru"],
            "start_date": "2021-06-01",
            "end_date": "2021-06-30",
            "target_indicators": ["phone:+77011234567"],
        },
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_report_as_two_countries_and_read_the_totals(client: TestClient, world: World) -> None:
    op = _create(client, world)
    for who, body in (
        (
            "kz.officer",
            {"arrests": 10, "seizures": [{"kind": "ivory", "quantity": "1.5", "unit": "t"}]},
        ),
        (
            "ru.officer",
            {
                "arrests": 5,
                "victims_rescued": 2,
                "seizures": [{"kind": "ivory", "quantity": 250, "unit": "kg"}],
            },
        ),
    ):
        r = client.put(
            f"/api/v1/operations/{op['id']}/results", headers=auth(world, who), json=body
        )
        assert r.status_code == 200, r.text
    got = client.get(f"/api/v1/operations/{op['id']}", headers=auth(world, "gs.reviewer")).json()
    assert got["totals"]["arrests"] == 15 and got["totals"]["victims_rescued"] == 2
    assert got["totals"]["seizures"] == [{"kind": "ivory", "quantity": "1750", "unit": "kg"}]
    assert got["totals"]["countries_pending"] == []
    assert [r["country"] for r in got["results"]] == ["kz", "ru"]


def test_status_codes(client: TestClient, world: World) -> None:
    op = _create(client, world)
    url = f"/api/v1/operations/{op['id']}"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=auth(world, "tr.officer")).status_code == 404
    assert (
        client.put(
            f"{url}/results", headers=auth(world, "tr.officer"), json={"arrests": 1}
        ).status_code
        == 404
    )
    assert (
        client.put(
            f"{url}/results", headers=auth(world, "kz.viewer"), json={"arrests": 1}
        ).status_code
        == 403
    )
    bad = client.put(f"{url}/results", headers=auth(world, "kz.officer"), json={"arrests": -1})
    assert bad.status_code == 422
    unit = client.put(
        f"{url}/results",
        headers=auth(world, "kz.officer"),
        json={"seizures": [{"kind": "ivory", "quantity": 1, "unit": "bushel"}]},
    )
    assert unit.status_code == 422 and "bushel" in unit.json()["detail"]
    r = client.post(
        f"{url}/close", headers=auth(world, "gs.reviewer"), json={"version": op["version"]}
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert (
        client.put(
            f"{url}/results", headers=auth(world, "kz.officer"), json={"arrests": 1}
        ).status_code
        == 409
    )


def test_list_shows_only_my_operations(client: TestClient, world: World) -> None:
    op = _create(client, world)
    mine = client.get("/api/v1/operations", headers=auth(world, "ru.viewer")).json()
    assert op["id"] in [o["id"] for o in mine]
    theirs = client.get("/api/v1/operations", headers=auth(world, "tr.officer")).json()
    assert op["id"] not in [o["id"] for o in theirs]
