"""Every role x restriction x endpoint answers as the domain doc says.

The expected sight of each user is written out by hand from domain.md (not computed by the policy
under test): F = full record, H = existence and owner only, N = nothing, X = the role may not
read police data at all (auditor, administrator)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import World, auth

USERS = [
    "ru.officer",
    "ru.viewer",
    "kz.officer",
    "kz.viewer",
    "tr.officer",
    "gs.reviewer",
    "gs.auditor",
    "gs.admin",
]

# Records are owned by NCB Moscow; "listed_countries" lists Kazakhstan only.
EXPECTED = {
    "all_members": "F F F F F F X X",
    "listed_countries": "F F F F N F X X",
    "gs_only": "F F N N N F X X",
    "hit_no_hit": "F F H H H F X X",
}
CASES = [
    (vis, user, sight)
    for vis, row in EXPECTED.items()
    for user, sight in zip(USERS, row.split(), strict=True)
]

READ_STATUS = {"F": 200, "H": 200, "N": 404, "X": 403}


def _create(client: TestClient, world: World, visibility: str) -> dict:
    restrictions: dict = {"visibility": visibility}
    if visibility == "listed_countries":
        restrictions["countries"] = ["kz"]
    response = client.post(
        "/api/v1/persons",
        headers=auth(world, "ru.officer"),
        json={
            "names": ["Гульнара Омарова"],
            "birth_date": "1985-04-12",
            "nationalities": ["ru"],
            "restrictions": restrictions,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize(("visibility", "user", "expected"), CASES)
def test_read_one(
    client: TestClient, world: World, visibility: str, user: str, expected: str
) -> None:
    person = _create(client, world, visibility)
    response = client.get(f"/api/v1/persons/{person['id']}", headers=auth(world, user))
    assert response.status_code == READ_STATUS[expected], response.text
    if expected == "F":
        assert response.json()["names"][0]["full"] == "Гульнара Омарова"
    if expected == "H":
        body = response.json()
        assert body["hit_only"] is True
        assert body["owner"]["name"] == "NCB Moscow"
        assert "names" not in body and "birth_date" not in body


@pytest.mark.parametrize(("visibility", "user", "expected"), CASES)
def test_list(client: TestClient, world: World, visibility: str, user: str, expected: str) -> None:
    person = _create(client, world, visibility)
    response = client.get("/api/v1/persons", headers=auth(world, user))
    if expected == "X":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    found = [p for p in response.json() if p["id"] == person["id"]]
    if expected == "N":
        assert found == []
    else:
        assert len(found) == 1
        assert ("names" in found[0]) is (expected == "F")


@pytest.mark.parametrize(("visibility", "user", "expected"), CASES)
def test_match(client: TestClient, world: World, visibility: str, user: str, expected: str) -> None:
    person = _create(client, world, visibility)
    response = client.post(
        "/api/v1/match",
        headers=auth(world, user),
        json={"names": ["Gulnara Omarova"], "birth_date": "1985-04-12"},
    )
    if expected == "X":
        assert response.status_code == 403
        return
    assert response.status_code == 200, response.text
    found = [r for r in response.json() if r["record"]["id"] == person["id"]]
    if expected == "N":
        assert found == []
    else:
        assert len(found) == 1
        assert (found[0]["record"].get("hit_only") is True) is (expected == "H")
        assert bool(found[0]["explanation"]) is (expected == "F")


# Only the owner (officer or supervisor) or the General Secretariat on review may change a record;
# those who cannot see it get 404 so that restricted records do not leak through errors.
CHANGE_STATUS = {
    "ru.officer": {"F": 200},
    "ru.viewer": {"F": 403},
    "gs.reviewer": {"F": 200},
}


@pytest.mark.parametrize(("visibility", "user", "expected"), CASES)
def test_change(
    client: TestClient, world: World, visibility: str, user: str, expected: str
) -> None:
    person = _create(client, world, visibility)
    response = client.patch(
        f"/api/v1/persons/{person['id']}",
        headers=auth(world, user),
        json={"version": person["version"], "note": "seen in Almaty"},
    )
    default = {"F": 403, "H": 403, "N": 404, "X": 403}[expected]
    assert response.status_code == CHANGE_STATUS.get(user, {}).get(expected, default), response.text


@pytest.mark.parametrize("user", USERS)
def test_audit_log_is_for_auditors_only(client: TestClient, world: World, user: str) -> None:
    response = client.get("/api/v1/audit", headers=auth(world, user))
    assert response.status_code == (200 if user == "gs.auditor" else 403)
