"""Statistics through the HTTP API: JSON shaped for charts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from concord.services.runtime import Runtime
from conftest import World, auth
from factories.requests import move, sent_request


def test_statistics_endpoints(client: TestClient, world: World, rt: Runtime) -> None:
    a = world.actors
    start = datetime(2024, 3, 1, 8, tzinfo=UTC)
    for n in range(2):
        req = sent_request(
            rt,
            a["kz.officer"],
            a["kz.supervisor"],
            requested_agency_id=world.agencies["ru"],
            at=start,
        )
        for step in ("acknowledged", "in_progress", "located"):
            move(rt, a["ru.officer"], req.id, step, at=start + timedelta(hours=4 + n * 2))
    h = auth(world, "tr.officer")
    outcomes = client.get(
        "/api/v1/statistics/outcomes?requesting_country=kz&since_year=2024", headers=h
    )
    assert outcomes.status_code == 200
    assert outcomes.json() == [
        {
            "year": 2024,
            "requesting_country": "kz",
            "requested_country": "ru",
            "located": 2,
            "arrested": 0,
            "extradited": 0,
        }
    ]
    times = client.get("/api/v1/statistics/response-times", headers=h).json()
    assert times == [
        {"requested_country": "ru", "kind": "locate", "answered": 2, "median_hours": 5.0}
    ]
    summary = client.get("/api/v1/statistics?since_year=2025", headers=h)
    assert summary.status_code == 200 and summary.json()["totals"]["located"] == 0
    assert client.get("/api/v1/statistics/notices", headers=h).status_code == 200
    assert client.get("/api/v1/statistics/hits", headers=h).json() == []
    assert client.get("/api/v1/statistics", headers=auth(world, "gs.auditor")).status_code == 403
    assert client.get("/api/v1/statistics").status_code == 401
