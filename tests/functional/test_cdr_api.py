"""The CDR analysis API and upload limits: a multipart upload queues a job, polling shows it
done with the flags; a wrong type, an empty file and a too large one get a 4xx a person can
act on (the upload has its own limit, above the API's general one)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from concord.api.app import create_app
from concord.services import directory, jobs
from concord.services.runtime import Runtime
from conftest import World, auth
from factories.cdr import network_csv

PROBLEM = "application/problem+json"


@pytest.fixture
def small_limits(rt: Runtime, tmp_path: Path) -> Iterator[TestClient]:
    """A client whose general body limit is 4 KB and CDR upload limit 1 MB."""
    rt.settings.data_dir = tmp_path / "data"
    rt.settings.max_body_bytes = 4_000
    rt.settings.cdr_max_upload_bytes = 1024 * 1024
    with TestClient(create_app(runtime=rt), raise_server_exceptions=False) as c:
        yield c


def test_upload_poll_and_read_the_flags(
    small_limits: TestClient, rt: Runtime, world: World, tmp_path: Path
) -> None:
    calls, truth = network_csv(tmp_path / "net")
    assert 4_000 < calls.stat().st_size < 1024 * 1024  # over the general limit, under its own
    r = small_limits.post(
        "/api/v1/cdr/jobs",
        files={"file": ("day-1.csv", calls.read_bytes(), "text/csv")},
        headers=auth(world, "kz.officer"),
    )
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == f"/api/v1/cdr/jobs/{job['id']}"
    assert (job["status"], job["input_name"], job["result"]) == ("queued", "day-1.csv", None)

    polled = small_limits.get(r.headers["location"], headers=auth(world, "kz.viewer")).json()
    assert polled["status"] == "queued" and polled["percent"] == 0
    assert jobs.run_next(rt) == job["id"]
    done = small_limits.get(r.headers["location"], headers=auth(world, "kz.viewer")).json()
    assert (done["status"], done["percent"]) == ("done", 100)
    assert {s["imsi"] for s in done["result"]["flagged_sims"]} == set(truth["bank_imsis"])
    assert {i["kind"] for i in done["result"]["indicators"]} == {"imsi", "phone", "imei"}

    listed = small_limits.get("/api/v1/cdr/jobs", headers=auth(world, "kz.officer")).json()
    assert [j["id"] for j in listed] == [job["id"]]
    other = small_limits.get(r.headers["location"], headers=auth(world, "ru.officer"))
    assert other.status_code == 404 and other.headers["content-type"].startswith(PROBLEM)


def test_wrong_type_empty_file_and_viewer_are_refused(
    small_limits: TestClient, world: World
) -> None:
    cases = [
        ("kz.officer", ("report.pdf", b"%PDF-1.7", "application/pdf"), 422, "not a call record"),
        ("kz.officer", ("calls.csv", b"", "text/csv"), 422, "is empty"),
        ("kz.viewer", ("calls.csv", b"start_time\n", "text/csv"), 403, "may not create"),
    ]
    for user, upload, status, message in cases:
        r = small_limits.post("/api/v1/cdr/jobs", files={"file": upload}, headers=auth(world, user))
        assert r.status_code == status, r.text
        assert r.headers["content-type"].startswith(PROBLEM)
        assert message in r.json()["detail"]
    missing = small_limits.post(
        "/api/v1/cdr/jobs", data={"x": "1"}, headers=auth(world, "kz.officer")
    )
    assert missing.status_code == 422 and "file" in missing.json()["detail"]


def test_a_file_over_the_upload_limit_gets_413(small_limits: TestClient, world: World) -> None:
    big = b"x" * (1024 * 1024 + 1)
    r = small_limits.post(
        "/api/v1/cdr/jobs",
        files={"file": ("calls.csv", big, "text/csv")},
        headers=auth(world, "kz.officer"),
    )
    assert r.status_code == 413 and r.headers["content-type"].startswith(PROBLEM)
    assert "larger than 1 MB" in r.json()["detail"]
    # Elsewhere the general limit still holds.
    other = small_limits.post(
        "/api/v1/indicators/lookup",
        content=b"[" + b" " * 5_000 + b"]",
        headers={**auth(world, "kz.officer"), "Content-Type": "application/json"},
    )
    assert other.status_code == 413 and "smaller batches" in other.json()["detail"]


def _streamed(*parts: bytes) -> Iterator[bytes]:
    # A generator body goes out chunked, with no Content-Length to refuse it by up front.
    yield from parts


def test_a_streamed_body_over_the_limit_gets_413_too(
    small_limits: TestClient, world: World, rt: Runtime
) -> None:
    head = (
        b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="calls.csv"'
        b"\r\nContent-Type: text/csv\r\n\r\n"
    )
    upload = small_limits.post(
        "/api/v1/cdr/jobs",
        content=_streamed(head, *[b"x" * 65_536] * 20, b"\r\n--b0undary--\r\n"),
        headers={
            **auth(world, "kz.officer"),
            "Content-Type": "multipart/form-data; boundary=b0undary",
        },
    )
    assert upload.status_code == 413 and upload.headers["content-type"].startswith(PROBLEM)
    assert "larger than 1 MB" in upload.json()["detail"]
    with rt.uow() as uow:
        assert jobs.list_jobs(uow, world.actors["kz.officer"]) == []
    lookup = small_limits.post(
        "/api/v1/indicators/lookup",
        content=_streamed(b"[", b" " * 8_000, b"]"),
        headers={**auth(world, "kz.officer"), "Content-Type": "application/json"},
    )
    assert lookup.status_code == 413 and "smaller batches" in lookup.json()["detail"]


def test_a_browser_upload_over_the_limit_gets_a_page(small_limits: TestClient) -> None:
    r = small_limits.post(
        "/cdr",
        files={"file": ("calls.csv", b"x" * (1024 * 1024 + 1), "text/csv")},
        headers={"Accept": "text/html", "Referer": "http://testserver/cdr"},
    )
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert "File too large" in r.text and "larger than 1 MB" in r.text
    assert 'href="http://testserver/cdr"' in r.text


class Officer:
    """A logged-in web session with the CSRF token of the last page it read."""

    def __init__(self, client: TestClient, rt: Runtime, world: World, username: str) -> None:
        short, role = username.split(".")
        with rt.uow() as uow:
            directory.create_user(
                uow, None, f"{username}.web", world.agencies[short], role, password="password-123"
            )
            uow.commit()
        self.http = TestClient(client.app, raise_server_exceptions=False)
        self.token = ""
        self.get("/login")
        login = self.post("/login", {"username": f"{username}.web", "password": "password-123"})
        assert login.status_code == 303, login.text

    def get(self, path: str, **headers: str) -> Any:
        response = self.http.get(path, headers=headers, follow_redirects=False)
        if found := re.search(r'name="csrf_token" value="([^"]+)"', response.text):
            self.token = found[1]
        return response

    def post(self, path: str, data: dict[str, str], files: Any = None) -> Any:
        return self.http.post(
            path, data={**data, "csrf_token": self.token}, files=files, follow_redirects=False
        )


def test_the_pages_upload_follow_and_publish(
    small_limits: TestClient, rt: Runtime, world: World, tmp_path: Path
) -> None:
    calls, _ = network_csv(tmp_path / "net")
    astana = Officer(small_limits, rt, world, "kz.officer")
    assert astana.get("/cdr").status_code == 200

    wrong = astana.post("/cdr", {}, files={"file": ("notes.txt", b"hello", "text/plain")})
    assert wrong.status_code == 422 and 'id="upload-error"' in wrong.text
    assert "is not a call record file" in wrong.text
    missing = astana.post("/cdr", {}, files={"file": ("", b"", "application/octet-stream")})
    assert missing.status_code == 422 and "Choose a call record file" in missing.text
    forged = astana.http.post(
        "/cdr", files={"file": ("day.csv", calls.read_bytes(), "text/csv")}, follow_redirects=False
    )
    assert forged.status_code == 403  # no CSRF token: refused before anything is stored

    sent = astana.post("/cdr", {}, files={"file": ("day.csv", calls.read_bytes(), "text/csv")})
    assert sent.status_code == 303
    page_url = sent.headers["location"]
    running = astana.get(page_url)
    assert 'id="job-progress"' in running.text and "Waiting for the worker" in running.text
    poll = astana.get(f"{page_url}/progress", **{"HX-Request": "true"})
    assert poll.status_code == 200 and "HX-Refresh" not in poll.headers

    jobs.run_next(rt)
    poll = astana.get(f"{page_url}/progress", **{"HX-Request": "true"})
    assert poll.headers["HX-Refresh"] == "true"  # the page reloads to show the result
    done = astana.get(page_url)
    assert "Flagged SIMs (6)" in done.text and "Publish as indicators" in done.text
    published = astana.post(f"{page_url}/publish", {"reference": "Op Dial Tone"})
    assert published.status_code == 303
    after = astana.get(page_url)
    assert "Published as indicators: 14 new, 0 already known" in after.text
    assert "14 new, 0 already known" in after.text and "Op Dial Tone" in after.text

    moscow = Officer(small_limits, rt, world, "ru.officer")
    assert moscow.get(page_url).status_code == 404
    assert moscow.get(f"{page_url}/progress").status_code == 404
    assert "day.csv" not in moscow.get("/jobs").text
    assert "day.csv" in astana.get("/jobs").text
