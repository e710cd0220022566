"""Web logins, good and bad, land in the audit log."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from concord.services import directory
from concord.services.runtime import Runtime
from conftest import World, auth


def _login(client: TestClient, username: str, password: str) -> int:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "the login form carries a CSRF token"
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    return response.status_code


def test_logins_are_audited(client: TestClient, world: World, rt: Runtime) -> None:
    with rt.uow() as uow:
        directory.create_user(
            uow, None, "kz.analyst", world.agencies["kz"], "viewer", password="correct-horse"
        )
        uow.commit()
    assert _login(client, "kz.analyst", "wrong-password") == 401
    assert _login(client, "kz.analyst", "correct-horse") in (302, 303)
    client.cookies.clear()
    log = client.get(
        "/api/v1/audit", headers=auth(world, "gs.auditor"), params={"limit": 20}
    ).json()
    actions = [(e["action"], e["username"]) for e in log]
    assert ("auth.login", "kz.analyst") in actions
    failed = [e for e in log if e["action"] == "auth.login_failed"]
    assert failed and failed[0]["details"]["username"] == "kz.analyst"
