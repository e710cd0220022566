"""Web logins, good and bad, land in the audit log; repeated failures lock the account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from concord.domain.errors import NotAuthenticated, TooManyAttempts
from concord.services import auth as auth_service
from concord.services import directory
from concord.services.runtime import Runtime
from concord.storage.base import utcnow
from conftest import World, auth, web_login


def test_logins_are_audited(client: TestClient, world: World, rt: Runtime) -> None:
    with rt.uow() as uow:
        directory.create_user(
            uow, None, "kz.analyst", world.agencies["kz"], "viewer", password="correct-horse"
        )
        uow.commit()
    assert web_login(client, "kz.analyst", "wrong-password") == 401
    assert web_login(client, "kz.analyst", "correct-horse") in (302, 303)
    client.cookies.clear()
    log = client.get(
        "/api/v1/audit", headers=auth(world, "gs.auditor"), params={"limit": 20}
    ).json()
    actions = [(e["action"], e["username"]) for e in log]
    assert ("auth.login", "kz.analyst") in actions
    failed = [e for e in log if e["action"] == "auth.login_failed"]
    assert failed and failed[0]["details"]["username"] == "kz.analyst"


def _analyst(rt: Runtime, world: World) -> int:
    with rt.uow() as uow:
        user = directory.create_user(
            uow, None, "kz.analyst", world.agencies["kz"], "viewer", password="correct-horse"
        )
        uow.commit()
        return user.id


def _actions(client: TestClient, world: World) -> list[str]:
    log = client.get(
        "/api/v1/audit", headers=auth(world, "gs.auditor"), params={"limit": 50}
    ).json()
    return [e["action"] for e in log]


def test_repeated_failures_lock_the_account_even_against_the_right_password(
    client: TestClient, world: World, rt: Runtime
) -> None:
    user_id = _analyst(rt, world)
    for _ in range(auth_service.MAX_FAILED_LOGINS - 1):
        assert web_login(client, "kz.analyst", "guess") == 401
    # A success resets the count: the failures that lock must come in a row.
    assert web_login(client, "kz.analyst", "correct-horse") in (302, 303)
    client.cookies.clear()
    for _ in range(auth_service.MAX_FAILED_LOGINS):
        assert web_login(client, "kz.analyst", "guess") == 401
    assert web_login(client, "kz.analyst", "correct-horse") == 429
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")
    actions = _actions(client, world)
    assert "auth.account_locked" in actions and "auth.login_locked" in actions
    # The lock is lifted by an administrator (or runs out, below).
    assert (
        client.post(
            f"/api/v1/users/{user_id}/unlock", headers=auth(world, "kz.supervisor")
        ).status_code
        == 403
    )
    unlocked = client.post(f"/api/v1/users/{user_id}/unlock", headers=auth(world, "gs.admin"))
    assert unlocked.status_code == 200 and unlocked.json()["locked_until"] is None
    assert web_login(client, "kz.analyst", "correct-horse") in (302, 303)
    assert "user.unlock" in _actions(client, world)


def test_a_lock_runs_out(world: World, rt: Runtime) -> None:
    _analyst(rt, world)
    now = utcnow()
    with rt.uow() as uow:
        for _ in range(auth_service.MAX_FAILED_LOGINS):
            with pytest.raises(NotAuthenticated):
                auth_service.login(uow.session, "kz.analyst", "guess", now=now)
        with pytest.raises(TooManyAttempts, match="locked until"):
            auth_service.login(uow.session, "kz.analyst", "correct-horse", now=now)
        later = now + auth_service.LOCKOUT + timedelta(seconds=1)
        actor = auth_service.login(uow.session, "kz.analyst", "correct-horse", now=later)
        assert actor.username == "kz.analyst"
        uow.rollback()


def test_unknown_usernames_lock_nothing(client: TestClient, world: World, rt: Runtime) -> None:
    for _ in range(auth_service.MAX_FAILED_LOGINS + 1):
        assert web_login(client, "nobody.here", "guess") == 401
