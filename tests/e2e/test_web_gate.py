"""Every page goes through the login gate, and every form post needs the session's token.
(No browser: the application is called in-process.)"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from concord.services import directory
from concord.services.runtime import Runtime
from concord.web.app import PAGES
from concord.web.ui import WebRoute
from conftest import World

PUBLIC = {"/login"}


def _page_routes() -> list[tuple[str, str]]:
    return [
        (method, re.sub(r"\{[^}]+\}", "1", route.path))
        for page in PAGES
        for route in page.router.routes
        if isinstance(route, WebRoute) and route.path not in PUBLIC
        for method in sorted(route.methods or ())
    ]


def test_pages_send_anonymous_visitors_to_login(client: TestClient) -> None:
    routes = _page_routes()
    assert len(routes) > 15
    for method, path in routes:
        response = client.request(method, path, follow_redirects=False)
        if method == "GET":
            assert response.status_code == 303, f"{method} {path}: {response.status_code}"
            assert response.headers["location"].startswith("/login?next=")
        else:  # no session, so no token: refused before anything runs
            assert response.status_code == 403, f"{method} {path}: {response.status_code}"
            assert "did not come from this site" in response.text


def test_login_then_forms_need_the_token(client: TestClient, rt: Runtime, world: World) -> None:
    with rt.uow() as uow:
        directory.create_user(
            uow, None, "kz.web", world.agencies["kz"], "officer", password="password-123"
        )
        uow.commit()
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    wrong = client.post(
        "/login",
        data={"username": "kz.web", "password": "nope-nope", "csrf_token": token[1]},
    )
    assert wrong.status_code == 401
    assert "Wrong username or password" in wrong.text
    ok = client.post(
        "/login",
        data={"username": "kz.web", "password": "password-123", "csrf_token": token[1]},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    assert client.get("/notices").status_code == 200
    # The session token changed at login: the one from before is refused.
    forged = client.post("/notices/new", data={"csrf_token": token[1], "title": "x"})
    assert forged.status_code == 403
    fresh = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/notices/new").text)
    assert fresh is not None
    draft = client.post(
        "/notices/new",
        data={"csrf_token": fresh[1], "kind": "purple", "title": "Concealment in car doors"},
    )
    assert draft.status_code == 200
    assert "Concealment in car doors" in draft.text
    # An officer may not review: a friendly 403 page, not a JSON problem.
    denied = client.get("/review")
    assert denied.status_code == 403
    assert denied.headers["content-type"].startswith("text/html")
