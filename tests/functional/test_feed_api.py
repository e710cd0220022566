"""The person feed: a national system pulls changes page by page from a cursor and ends with
what it may see, no more: restricted records never show, narrowed or archived ones are
removed, hit/no-hit ones come as existence only."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from conftest import World, auth
from factories.persons import red_notice_in


def _create(client: TestClient, world: World, user: str, **body: Any) -> dict[str, Any]:
    r = client.post("/api/v1/persons", json=body, headers=auth(world, user))
    assert r.status_code == 201, r.text
    return dict(r.json())


def _sync(
    client: TestClient, world: World, user: str, after: int, limit: int = 2
) -> tuple[dict[str, dict[str, Any] | None], int, int]:
    """Apply every page to a local copy, as a national system would; returns the copy, the
    cursor, and how many pages it took."""
    copy: dict[str, dict[str, Any] | None] = {}
    pages = 0
    while True:
        r = client.get(
            "/api/v1/feed/persons",
            params={"after": after, "limit": limit},
            headers=auth(world, user),
        )
        assert r.status_code == 200, r.text
        page = r.json()
        pages += 1
        for item in page["items"]:
            if item["op"] == "upsert":
                copy[item["id"]] = item["record"]
            else:
                copy[item["id"]] = None
        assert page["next"] >= after
        after = page["next"]
        if not page["more"]:
            return copy, after, pages


def test_a_national_copy_follows_the_feed(client: TestClient, world: World) -> None:
    start = client.get("/api/v1/feed/persons", headers=auth(world, "ru.officer")).json()["next"]
    shared = _create(client, world, "kz.officer", names=["Ерлан Ахметов"], birth_date="1980-01-02")
    hidden = _create(
        client,
        world,
        "kz.officer",
        names=["Айгүл Сейткали"],
        restrictions={"visibility": "gs_only"},
    )
    existence = _create(
        client,
        world,
        "kz.officer",
        names=["Болат Жаксылыков"],
        restrictions={"visibility": "hit_no_hit"},
    )
    narrowed = _create(client, world, "kz.officer", names=["Данияр Ержанов"])
    archived = _create(client, world, "kz.officer", names=["Марат Оспанов"])
    changed = client.patch(
        f"/api/v1/persons/{narrowed['id']}",
        json={
            "restrictions": {"visibility": "listed_countries", "countries": ["tr"]},
            "version": narrowed["version"],
        },
        headers=auth(world, "kz.officer"),
    )
    assert changed.status_code == 200, changed.text
    gone = client.post(
        f"/api/v1/persons/{archived['id']}/archive",
        json={"version": archived["version"]},
        headers=auth(world, "kz.officer"),
    )
    assert gone.status_code == 200, gone.text

    copy, cursor, pages = _sync(client, world, "ru.officer", start)
    assert pages >= 3  # seven changes in pages of two
    assert copy[shared["id"]] is not None and copy[shared["id"]]["birth_date"] == "1980-01-02"
    assert hidden["id"] not in copy  # never seen, not even as a removal
    only_exists = copy[existence["id"]]
    assert only_exists is not None and only_exists["hit_only"] is True
    assert set(only_exists) == {"object_type", "id", "owner", "hit_only", "message"}
    assert only_exists["owner"]["name"] == "NCB Astana"
    assert copy[narrowed["id"]] is None and copy[archived["id"]] is None
    live = {k for k, v in copy.items() if v is not None}
    assert live == {shared["id"], existence["id"]}

    # Nothing new: the cursor stays; the next change comes alone.
    again = client.get(
        "/api/v1/feed/persons", params={"after": cursor}, headers=auth(world, "ru.officer")
    ).json()
    assert again == {"items": [], "next": cursor, "more": False}
    later = _create(client, world, "kz.officer", names=["Нурлан Абенов"])
    (item,) = client.get(
        "/api/v1/feed/persons", params={"after": cursor}, headers=auth(world, "ru.officer")
    ).json()["items"]
    assert item["op"] == "upsert" and item["id"] == later["id"]
    # Reading the feed is audited like any read.
    log = client.get(
        "/api/v1/audit", headers=auth(world, "gs.auditor"), params={"limit": 20}
    ).json()
    assert any(e["action"] == "feed.read" and e["username"] == "ru.officer" for e in log)


def test_the_feed_is_for_readers_only(client: TestClient, world: World) -> None:
    assert client.get("/api/v1/feed/persons").status_code == 401
    assert client.get("/api/v1/feed/persons", headers=auth(world, "gs.auditor")).status_code == 403
    bad = client.get(
        "/api/v1/feed/persons", params={"after": -1}, headers=auth(world, "ru.officer")
    )
    assert bad.status_code == 422


def _notice(client: TestClient, world: World, person_id: str) -> dict[str, Any]:
    body = red_notice_in(person_id).model_dump(mode="json", exclude_none=True)
    r = client.post("/api/v1/notices", json=body, headers=auth(world, "kz.officer"))
    assert r.status_code == 201, r.text
    return dict(r.json())


def _publish(client: TestClient, world: World, notice: dict[str, Any]) -> dict[str, Any]:
    sent = client.post(
        f"/api/v1/notices/{notice['id']}/submit",
        json={"version": notice["version"]},
        headers=auth(world, "kz.supervisor"),
    )
    assert sent.status_code == 200, sent.text
    published = client.post(
        f"/api/v1/notices/{notice['id']}/review",
        json={"version": sent.json()["version"], "decision": "publish"},
        headers=auth(world, "gs.reviewer"),
    )
    assert published.status_code == 200, published.text
    return dict(published.json())


def test_notices_come_once_published_and_go_when_cancelled(
    client: TestClient, world: World
) -> None:
    start = client.get("/api/v1/feed/notices", headers=auth(world, "ru.officer")).json()["next"]
    person = _create(client, world, "kz.officer", names=["Ерлан Ахметов"], birth_date="1980-01-02")
    draft = _notice(client, world, person["id"])
    red = _publish(client, world, _notice(client, world, person["id"]))

    page = client.get(
        "/api/v1/feed/notices", params={"after": start}, headers=auth(world, "ru.officer")
    ).json()
    assert [(i["op"], i["id"]) for i in page["items"]] == [("upsert", red["id"])]
    assert page["items"][0]["record"]["status"] == "published"
    assert draft["id"] not in str(page)  # a draft is nobody else's business

    cancelled = client.post(
        f"/api/v1/notices/{red['id']}/cancel",
        json={"version": red["version"], "reason": "Arrested and extradited."},
        headers=auth(world, "kz.supervisor"),
    )
    assert cancelled.status_code == 200, cancelled.text
    (item,) = client.get(
        "/api/v1/feed/notices", params={"after": page["next"]}, headers=auth(world, "ru.officer")
    ).json()["items"]
    assert (item["op"], item["id"], item["record"]) == ("remove", red["id"], None)
