"""Requests through the HTTP API: draft, approve, answer, messages, attachments; parties only."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient

from conftest import World, auth


def _sent(client: TestClient, world: World, kind: str = "locate") -> dict[str, object]:
    draft = client.post(
        "/api/v1/requests",
        json={
            "kind": kind,
            "title": "Locate Erlan Akhmetov",
            "requested_agency_id": world.agencies["ru"],
            "urgency": "urgent",
        },
        headers=auth(world, "kz.officer"),
    )
    assert draft.status_code == 201, draft.text
    rid = draft.json()["id"]
    assert (
        client.get(f"/api/v1/requests/{rid}", headers=auth(world, "ru.officer")).status_code == 404
    )
    submitted = client.post(
        f"/api/v1/requests/{rid}/submit", json={"note": "urgent"}, headers=auth(world, "kz.officer")
    )
    assert submitted.status_code == 200 and submitted.json()["state"] == "awaiting_approval"
    refused = client.post(
        f"/api/v1/requests/{rid}/approve", json={}, headers=auth(world, "kz.officer")
    )
    assert refused.status_code == 403
    approved = client.post(
        f"/api/v1/requests/{rid}/approve", json={"note": "ok"}, headers=auth(world, "kz.supervisor")
    )
    assert approved.status_code == 200, approved.text
    return approved.json()


def test_a_request_is_approved_then_answered_by_the_requested_side(
    client: TestClient, world: World
) -> None:
    req = _sent(client, world)
    assert req["state"] == "sent" and req["approved_by"] == "kz.supervisor"
    incoming = client.get("/api/v1/requests?box=incoming", headers=auth(world, "ru.officer")).json()
    assert [r["id"] for r in incoming] == [req["id"]] and incoming[0]["allowed_steps"] == [
        "acknowledged"
    ]
    wrong_side = client.post(
        f"/api/v1/requests/{req['id']}/transition",
        json={"to": "acknowledged"},
        headers=auth(world, "kz.officer"),
    )
    assert wrong_side.status_code == 409
    for step in ("acknowledged", "in_progress", "located"):
        moved = client.post(
            f"/api/v1/requests/{req['id']}/transition",
            json={"to": step, "note": step},
            headers=auth(world, "ru.officer"),
        )
        assert moved.status_code == 200, moved.text
    final = moved.json()
    assert final["state"] == "located" and [e["to_state"] for e in final["events"]][-1] == "located"
    stale = client.post(
        f"/api/v1/requests/{req['id']}/transition",
        json={"to": "withdrawn", "note": "x", "version": 1},
        headers=auth(world, "kz.supervisor"),
    )
    assert stale.status_code == 409


def test_a_third_agency_gets_404_everywhere(client: TestClient, world: World) -> None:
    req = _sent(client, world)
    h = auth(world, "tr.supervisor")
    base = f"/api/v1/requests/{req['id']}"
    assert client.get(base, headers=h).status_code == 404
    assert (
        client.post(f"{base}/transition", json={"to": "acknowledged"}, headers=h).status_code == 404
    )
    assert client.post(f"{base}/messages", json={"body": "hi"}, headers=h).status_code == 404
    assert (
        client.post(
            f"{base}/attachments", files={"file": ("a.txt", b"x", "text/plain")}, headers=h
        ).status_code
        == 404
    )
    assert client.get("/api/v1/requests", headers=h).json() == []


def test_messages_and_attachments_round_trip(client: TestClient, world: World) -> None:
    req = _sent(client, world, "information")
    base = f"/api/v1/requests/{req['id']}"
    msg = client.post(
        f"{base}/messages",
        json={"body": "Court decision attached."},
        headers=auth(world, "kz.officer"),
    )
    assert msg.status_code == 201 and msg.json()["agency"]["country"] == "kz"
    content = b"%PDF-1.4 decision"
    up = client.post(
        f"{base}/attachments",
        files={"file": ("decision.pdf", content, "application/pdf")},
        headers=auth(world, "kz.officer"),
    )
    assert up.status_code == 201, up.text
    meta = up.json()
    assert meta["sha256"] == hashlib.sha256(content).hexdigest()
    down = client.get(f"{base}/attachments/{meta['id']}", headers=auth(world, "ru.officer"))
    assert down.status_code == 200 and down.content == content
    assert down.headers["content-type"] == "application/pdf"
    assert down.headers["x-content-sha256"] == meta["sha256"]
    exe = client.post(
        f"{base}/attachments",
        files={"file": ("x.exe", b"MZ", "application/x-msdownload")},
        headers=auth(world, "kz.officer"),
    )
    assert exe.status_code == 422
    view = client.get(base, headers=auth(world, "ru.officer")).json()
    assert [a["filename"] for a in view["attachments"]] == ["decision.pdf"]
    assert [m["body"] for m in view["messages"]] == ["Court decision attached."]
