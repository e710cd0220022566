"""Review dates through the API: the owner sees what is due and extends it with a reason."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from conftest import World, auth


def test_due_items_and_extension(client: TestClient, world: World) -> None:
    h = auth(world, "kz.officer")
    soon = (date.today() + timedelta(days=30)).isoformat()
    person = client.post(
        "/api/v1/persons", headers=h, json={"names": ["Асель Омарова"], "review_date": soon}
    ).json()
    due = client.get("/api/v1/review/due", headers=h)
    assert due.status_code == 200
    assert [i["id"] for i in due.json()] == [person["id"]]
    assert client.get("/api/v1/review/due", headers=auth(world, "ru.officer")).json() == []

    later = (date.today() + timedelta(days=700)).isoformat()
    stranger = client.post(
        f"/api/v1/review/person/{person['id']}/extend",
        headers=auth(world, "ru.officer"),
        json={"review_date": later, "reason": "ongoing case", "version": person["version"]},
    )
    assert stranger.status_code == 404
    no_reason = client.post(
        f"/api/v1/review/person/{person['id']}/extend",
        headers=h,
        json={"review_date": later, "reason": "", "version": person["version"]},
    )
    assert no_reason.status_code == 422
    extended = client.post(
        f"/api/v1/review/person/{person['id']}/extend",
        headers=h,
        json={"review_date": later, "reason": "ongoing case", "version": person["version"]},
    )
    assert extended.status_code == 200, extended.text
    assert extended.json()["review_date"] == later
    assert client.get("/api/v1/review/due", headers=h).json() == []
    log = client.get(
        "/api/v1/audit", params={"action": "retention.extend"}, headers=auth(world, "gs.auditor")
    ).json()
    assert log[0]["details"]["reason"] == "ongoing case"
