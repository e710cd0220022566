"""Browser tests: a real uvicorn server on a free local port, over a temporary SQLite database
seeded with the demo data, driven by Debian's Chromium through Playwright (no browser
downloads). Screenshots of each page land in SCREENSHOTS (docs/screenshots/ with CONCORD_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from concord.api.app import create_app
from concord.services import demo
from concord.services.outbox import Worker
from concord.services.runtime import Runtime, start
from concord.settings import Settings

CHROMIUM = os.environ.get("CONCORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
# The committed screenshots are refreshed on purpose (CONCORD_SCREENSHOTS=1 make test); ordinary
# runs still take them, into a scratch folder, so a test run never dirties the work tree.
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("CONCORD_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "concord-screenshots"
)
VIEWPORT = {"width": 1280, "height": 800}


@dataclass
class Server:
    url: str
    runtime: Runtime
    data: demo.DemoData


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("e2e") / "concord.sqlite3"
    runtime = start(
        Settings(
            database_url=f"sqlite:///{path}",
            secret_key="e2e-secret",
            data_dir=path.parent / "data",
        )
    )
    data = demo.seed(runtime, people=12)
    # The worker's job lane runs the analyses officers upload. Its periodic rounds stay off:
    # they would raise alerts and archive demo items under the other tests' feet.
    worker = Worker(runtime, job_poll=0.2)
    threading.Thread(target=worker.run_jobs, name="e2e-jobs", daemon=True).start()
    port = _free_port()
    config = uvicorn.Config(
        create_app(runtime=runtime), host="127.0.0.1", port=port, log_level="warning"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", runtime, data)
    uv.should_exit = True
    thread.join(timeout=10)
    worker.stop()
    runtime.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message + " (CI=true: the browser tests must run)", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def save_screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.fixture
def screenshot() -> Any:
    """`screenshot(page, "name")` writes SCREENSHOTS/name.png."""
    return save_screenshot


class Officer:
    """One logged-in browser session (its own cookie jar) and a screenshot helper."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.server = server
        self.context = browser.new_context(viewport=VIEWPORT, base_url=server.url, locale="en-GB")
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()

    def login(self, username: str) -> Officer:
        page = self.page
        page.goto("/login")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.get_by_text(f"Logged in as {username}").wait_for()
        return self

    def shot(self, name: str) -> None:
        save_screenshot(self.page, name)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def officer(browser: Any, server: Server) -> Iterator[Any]:
    """`officer("astana.officer")` opens a fresh logged-in session; all close at the end."""
    opened: list[Officer] = []

    def open_as(username: str) -> Officer:
        session = Officer(browser, server).login(username)
        opened.append(session)
        return session

    yield open_as
    for session in opened:
        session.close()
