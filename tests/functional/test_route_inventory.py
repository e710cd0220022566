"""No endpoint answers without authentication, except the few that must be public."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from concord.api.app import PUBLIC_PATHS, create_app
from concord.services.runtime import Runtime


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_api_route_requires_authentication(client: TestClient, rt: Runtime) -> None:
    # The OpenAPI document lists every API operation, however routers are nested.
    paths = create_app(runtime=rt).openapi()["paths"]
    operations = [
        (method.upper(), path)
        for path, item in paths.items()
        for method in item
        if path.startswith("/api/") and path not in PUBLIC_PATHS
    ]
    assert len(operations) > 20
    for method, path in operations:
        response = client.request(method, _concrete(path), json={})
        assert response.status_code == 401, f"{method} {path} answered {response.status_code}"
        assert response.headers["content-type"].startswith("application/problem+json")


def test_health_and_openapi_are_public(client: TestClient) -> None:
    assert client.get("/api/v1/health").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    assert "/api/v1/match" in spec["paths"]
    assert client.get("/docs").status_code == 200
