"""Agencies over the API: the webhook signing secret is shown once, at creation or rotation,
to administrators only."""

from __future__ import annotations

from fastapi.testclient import TestClient

from conftest import World, auth


def _create(client: TestClient, world: World) -> dict:
    response = client.post(
        "/api/v1/agencies",
        headers=auth(world, "gs.admin"),
        json={
            "name": "Prosecutor General's Office",
            "country": "kz",
            "kind": "prosecutor",
            "webhook_url": "https://pgo.example.kz/concord",
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_a_new_agency_gets_its_webhook_secret_once(client: TestClient, world: World) -> None:
    created = _create(client, world)
    secret = created["webhook_secret"]
    assert len(secret) == 64 and int(secret, 16) >= 0
    assert "X-Concord-Signature" in created["note"]
    listed = client.get("/api/v1/agencies", headers=auth(world, "gs.admin")).json()
    (row,) = [a for a in listed if a["id"] == created["id"]]
    assert "webhook_secret" not in row


def test_only_an_administrator_rotates_a_secret(client: TestClient, world: World) -> None:
    created = _create(client, world)
    path = f"/api/v1/agencies/{created['id']}/webhook-secret"
    denied = client.post(path, headers=auth(world, "kz.supervisor"))
    assert denied.status_code == 403
    assert denied.headers["content-type"].startswith("application/problem+json")
    rotated = client.post(path, headers=auth(world, "gs.admin"))
    assert rotated.status_code == 201
    assert rotated.json()["webhook_secret"] not in ("", created["webhook_secret"])
    missing = client.post("/api/v1/agencies/99999/webhook-secret", headers=auth(world, "gs.admin"))
    assert missing.status_code == 404 and "99999" in missing.json()["detail"]
