"""Hits and alerts through the HTTP API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from concord.services import directory
from concord.services.runtime import Runtime
from conftest import World, auth, web_login


def _hit(client: TestClient, world: World) -> dict[str, object]:
    created = client.post(
        "/api/v1/persons",
        json={"names": ["Ерлан Ахметов"], "birth_date": "1980-01-02"},
        headers=auth(world, "kz.officer"),
    )
    assert created.status_code == 201
    found = client.post(
        "/api/v1/match",
        json={"names": ["Erlan Akhmetov"], "birth_date": "1980-01-02"},
        headers=auth(world, "ru.officer"),
    )
    assert found.status_code == 200 and len(found.json()) == 1
    inbox = client.get("/api/v1/hits", headers=auth(world, "kz.officer"))
    assert inbox.status_code == 200
    (hit,) = inbox.json()
    return hit


def test_the_owner_sees_acknowledges_and_answers_a_hit(client: TestClient, world: World) -> None:
    hit = _hit(client, world)
    assert hit["searcher"]["country"] == "ru" and hit["state"] == "new"
    assert client.get("/api/v1/hits", headers=auth(world, "ru.officer")).json() == []
    sent = client.get("/api/v1/hits?box=sent", headers=auth(world, "ru.officer")).json()
    assert [h["id"] for h in sent] == [hit["id"]]
    ack = client.post(f"/api/v1/hits/{hit['id']}/acknowledge", headers=auth(world, "kz.officer"))
    assert ack.status_code == 200 and ack.json()["state"] == "acknowledged"
    answer = client.post(
        f"/api/v1/hits/{hit['id']}/answer",
        json={"answer": "Send a locate request."},
        headers=auth(world, "kz.officer"),
    )
    assert answer.status_code == 200 and answer.json()["state"] == "answered"
    seen = client.get(f"/api/v1/hits/{hit['id']}", headers=auth(world, "ru.officer")).json()
    assert seen["answer"] == "Send a locate request."


def test_other_agencies_get_404_and_anonymous_401(client: TestClient, world: World) -> None:
    hit = _hit(client, world)
    for path in (f"/api/v1/hits/{hit['id']}", f"/api/v1/hits/{hit['id']}/acknowledge"):
        method = client.get if path.endswith(hit["id"]) else client.post
        response = method(path, headers=auth(world, "tr.officer"))
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/hits").status_code == 401
    assert client.get("/api/v1/alerts").status_code == 401
    bad = client.get("/api/v1/hits?state=whatever", headers=auth(world, "kz.officer"))
    assert bad.status_code == 422


def test_alerts_list_and_read(client: TestClient, world: World) -> None:
    from datetime import timedelta

    from concord.services.requests import raise_overdue_alerts
    from concord.storage.base import utcnow

    _hit(client, world)
    rt = client.app.state.runtime  # type: ignore[attr-defined]
    with rt.uow() as uow:
        assert raise_overdue_alerts(uow, now=utcnow() + timedelta(hours=13)) == 1
        uow.commit()
    alerts = client.get("/api/v1/alerts?unread_only=true", headers=auth(world, "kz.viewer"))
    assert alerts.status_code == 200
    (alert,) = alerts.json()
    assert alert["kind"] == "hit_overdue"
    read = client.post(f"/api/v1/alerts/{alert['id']}/read", headers=auth(world, "kz.viewer"))
    assert read.status_code == 200 and read.json()["read_at"]
    assert (
        client.get("/api/v1/alerts?unread_only=true", headers=auth(world, "kz.viewer")).json() == []
    )
    other = client.post(f"/api/v1/alerts/{alert['id']}/read", headers=auth(world, "ru.officer"))
    assert other.status_code == 404


def _search_again(client: TestClient, world: World, user: str) -> None:
    found = client.post(
        "/api/v1/match",
        json={"names": ["Akhmetov Erlan"], "birth_date": "1980-01-02"},
        headers=auth(world, user),
    )
    assert found.status_code == 200 and len(found.json()) == 1


def test_a_repeated_search_counts_on_the_open_hit(client: TestClient, world: World) -> None:
    hit = _hit(client, world)
    assert hit["repeats"] == 0 and hit["last_searched_at"] is None
    _search_again(client, world, "ru.officer")
    _search_again(client, world, "ru.supervisor")  # the same agency: the same question
    (again,) = client.get("/api/v1/hits", headers=auth(world, "kz.officer")).json()
    assert again["id"] == hit["id"] and again["repeats"] == 2
    assert again["last_searched_at"] >= hit["searched_at"]
    assert again["answer_due_at"] == hit["answer_due_at"]  # no second deadline
    log = client.get(
        "/api/v1/audit", headers=auth(world, "gs.auditor"), params={"limit": 50}
    ).json()
    repeats = [e for e in log if e["action"] == "hit.repeat"]
    assert len(repeats) == 2 and {e["object_id"] for e in repeats} == {hit["id"]}
    # Another agency's search is its own hit.
    _search_again(client, world, "tr.officer")
    inbox = client.get("/api/v1/hits", headers=auth(world, "kz.officer")).json()
    assert sorted(h["searcher"]["country"] for h in inbox) == ["ru", "tr"]
    # Once answered, a new search is a new question.
    answered = client.post(
        f"/api/v1/hits/{hit['id']}/answer",
        json={"answer": "Known to us; send a locate request."},
        headers=auth(world, "kz.officer"),
    )
    assert answered.status_code == 200
    _search_again(client, world, "ru.officer")
    inbox = client.get("/api/v1/hits", headers=auth(world, "kz.officer")).json()
    assert len(inbox) == 3 and sum(h["searcher"]["country"] == "ru" for h in inbox) == 2


def test_the_hit_page_says_how_often_it_was_searched_again(
    client: TestClient, world: World, rt: Runtime
) -> None:
    hit = _hit(client, world)
    _search_again(client, world, "ru.officer")
    with rt.uow() as uow:
        directory.create_user(
            uow, None, "kz.web", world.agencies["kz"], "officer", password="password-123"
        )
        uow.commit()
    assert web_login(client, "kz.web", "password-123") in (302, 303)
    page = client.get(f"/hits/{hit['id']}")
    assert page.status_code == 200
    assert "searched again 1 time since" in page.text
