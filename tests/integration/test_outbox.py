"""Webhooks through the outbox, delivered to a real HTTP server on 127.0.0.1: success, retry with
backoff after a failure, a worker dying after its claim, giving up after the last attempt, and
the signature a receiver checks."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import sessionmaker

from concord.services import directory, outbox
from concord.services.runtime import Runtime
from concord.storage.base import utcnow
from concord.storage.tables import Agency, OutboxMessage
from conftest import World
from factories.persons import make_person
from factories.requests import search


@dataclass
class Receiver:
    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    # Status codes to answer with, in order; 204 once they run out.
    script: list[int] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            box.received.append(json.loads(body))
            box.bodies.append(body)
            box.headers.append(dict(self.headers))
            code = box.script.pop(0) if box.script else 204
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.url = f"http://127.0.0.1:{server.server_address[1]}/concord-hook"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield box
    server.shutdown()
    server.server_close()


def _hook(rt: Runtime, agency_id: int, url: str) -> None:
    with rt.uow() as uow:
        agency = uow.session.get(Agency, agency_id)
        assert agency is not None
        agency.webhook_url = url
        uow.commit()


def _hit(rt: Runtime, world: World) -> None:
    make_person(rt, world.actors["kz.officer"], ["Ерлан Ахметов"], birth_date="1980-01-02")
    search(rt, world.actors["ru.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")


def _messages(rt: Runtime) -> list[OutboxMessage]:
    with rt.uow() as uow:
        return list(uow.session.execute(select(OutboxMessage)).scalars())


def test_a_hit_is_posted_to_the_owners_webhook(
    rt: Runtime, world: World, receiver: Receiver
) -> None:
    _hook(rt, world.agencies["kz"], receiver.url)
    _hit(rt, world)
    (pending,) = _messages(rt)
    assert pending.status == "pending" and pending.topic == "hit.created"
    report = outbox.deliver_due(rt)
    assert report.delivered == 1
    (event,) = receiver.received
    assert event["event"] == "hit.created" and event["agency"] == "NCB Astana"
    assert event["data"]["searcher"] == {
        "agency": "NCB Moscow",
        "country": "ru",
        "user": "ru.officer",
    }
    assert receiver.headers[0]["X-Concord-Delivery"] == pending.id
    (done,) = _messages(rt)
    assert done.status == "delivered" and done.delivered_at is not None and done.attempts == 1
    assert outbox.deliver_due(rt).claimed == 0  # delivered once


def _secret(rt: Runtime, agency_id: int) -> str:
    with rt.uow() as uow:
        agency = uow.session.get(Agency, agency_id)
        assert agency is not None
        return agency.webhook_secret


def _verifies(secret: str, receiver: Receiver, n: int, **kw: Any) -> bool:
    headers = receiver.headers[n]
    return outbox.verify_signature(
        secret,
        headers["X-Concord-Timestamp"],
        receiver.bodies[n],
        headers["X-Concord-Signature"],
        **kw,
    )


def test_every_webhook_is_signed_with_the_agencys_secret(
    rt: Runtime, world: World, receiver: Receiver
) -> None:
    _hook(rt, world.agencies["kz"], receiver.url)
    _hit(rt, world)
    assert outbox.deliver_due(rt).delivered == 1
    secret = _secret(rt, world.agencies["kz"])
    assert len(secret) == 64 and secret != _secret(rt, world.agencies["ru"])
    assert receiver.headers[0]["X-Concord-Signature"].startswith("sha256=")
    assert _verifies(secret, receiver, 0)
    # What a receiver must refuse: another agency's secret, a changed body, an old message.
    assert not _verifies(_secret(rt, world.agencies["ru"]), receiver, 0)
    receiver.bodies[0] = receiver.bodies[0].replace(b"NCB Moscow", b"NCB Mosc0w")
    assert not _verifies(secret, receiver, 0)
    receiver.bodies[0] = receiver.bodies[0].replace(b"NCB Mosc0w", b"NCB Moscow")
    assert _verifies(secret, receiver, 0)
    assert not _verifies(secret, receiver, 0, now=utcnow() + timedelta(minutes=10))
    for stamp in ("not-a-time", "9" * 30, "-" + "9" * 15):
        assert not outbox.verify_signature(secret, stamp, receiver.bodies[0], "sha256=00")


def test_a_rotated_secret_signs_the_retries(rt: Runtime, world: World, receiver: Receiver) -> None:
    _hook(rt, world.agencies["kz"], receiver.url)
    _hit(rt, world)
    receiver.script = [503]
    now = utcnow()
    assert outbox.deliver_due(rt, now=now).retrying == 1
    old = _secret(rt, world.agencies["kz"])
    with rt.uow() as uow:
        new = directory.rotate_webhook_secret(uow, world.actors["gs.admin"], world.agencies["kz"])
        uow.commit()
    assert new != old and new == _secret(rt, world.agencies["kz"])
    assert outbox.deliver_due(rt, now=now + outbox.backoff(1) + timedelta(seconds=1)).delivered == 1
    assert _verifies(old, receiver, 0) and not _verifies(new, receiver, 0)
    assert _verifies(new, receiver, 1) and not _verifies(old, receiver, 1)


def test_a_repeated_search_is_not_posted_twice(
    rt: Runtime, world: World, receiver: Receiver
) -> None:
    _hook(rt, world.agencies["kz"], receiver.url)
    _hit(rt, world)
    search(rt, world.actors["ru.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    assert [m.topic for m in _messages(rt)] == ["hit.created"]
    search(rt, world.actors["tr.officer"], ["Erlan Akhmetov"], birth_date="1980-01-02")
    assert [m.topic for m in _messages(rt)] == ["hit.created", "hit.created"]


def test_no_webhook_without_a_url(rt: Runtime, world: World) -> None:
    _hit(rt, world)
    assert _messages(rt) == []


def test_a_failed_delivery_is_retried_after_backoff(
    rt: Runtime, world: World, receiver: Receiver
) -> None:
    _hook(rt, world.agencies["kz"], receiver.url)
    _hit(rt, world)
    receiver.script = [503]
    now = utcnow()
    first = outbox.deliver_due(rt, now=now)
    assert (first.claimed, first.retrying) == (1, 1)
    (row,) = _messages(rt)
    assert row.status == "pending" and row.attempts == 1
    assert row.last_status_code == 503 and row.last_error is not None and "503" in row.last_error
    assert row.available_at == now + outbox.backoff(1)
    assert outbox.deliver_due(rt, now=now + timedelta(seconds=10)).claimed == 0
    later = outbox.deliver_due(rt, now=now + outbox.backoff(1) + timedelta(seconds=1))
    assert later.delivered == 1 and len(receiver.received) == 2
    (row,) = _messages(rt)
    assert row.status == "delivered" and row.attempts == 2 and row.last_error is None


def test_a_worker_dying_after_its_claim_loses_nothing(
    rt: Runtime, world: World, receiver: Receiver
) -> None:
    _hook(rt, world.agencies["kz"], receiver.url)
    _hit(rt, world)
    now = utcnow()
    with rt.uow() as uow:
        (claimed,) = outbox.claim(uow.session, now=now)
        uow.commit()
    # ... and the worker dies here, before posting or marking anything.
    with rt.uow() as uow:
        assert outbox.claim(uow.session, now=now + timedelta(seconds=5)) == []
        uow.rollback()
    after_lease = now + outbox.LEASE + timedelta(seconds=1)
    report = outbox.deliver_due(rt, now=after_lease)
    assert report.delivered == 1
    assert receiver.received[0]["data"]["hit_id"] == claimed.payload["data"]["hit_id"]
    (row,) = _messages(rt)
    assert row.status == "delivered" and row.attempts == 2


def test_an_unreachable_receiver_is_recorded_and_given_up_after_the_last_attempt(
    rt: Runtime, world: World
) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    _hook(rt, world.agencies["kz"], f"http://127.0.0.1:{port}/hook")
    _hit(rt, world)
    now = utcnow()
    assert outbox.deliver_due(rt, now=now).retrying == 1
    (row,) = _messages(rt)
    assert row.last_error is not None and "ConnectError" in row.last_error
    with rt.uow() as uow:
        stored = uow.session.get(OutboxMessage, row.id)
        assert stored is not None
        stored.attempts = outbox.MAX_ATTEMPTS - 1
        uow.commit()
    final = outbox.deliver_due(rt, now=now + timedelta(days=1))
    assert final.failed == 1
    (row,) = _messages(rt)
    assert row.status == "failed" and row.attempts == outbox.MAX_ATTEMPTS
    assert outbox.deliver_due(rt, now=now + timedelta(days=2)).claimed == 0


def test_backoff_doubles_up_to_an_hour() -> None:
    waits = [outbox.backoff(n) for n in range(1, 10)]
    assert waits[:3] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert waits[-1] == timedelta(hours=1) and waits == sorted(waits)


def test_the_worker_round_delivers_and_raises_alerts(
    rt: Runtime, world: World, receiver: Receiver
) -> None:
    _hook(rt, world.agencies["kz"], receiver.url)
    _hit(rt, world)
    report = outbox.work_once(rt, now=utcnow() + timedelta(hours=13))
    assert report.webhooks.delivered == 1 and report.alerts_raised == 1
    # The alert itself goes out as a webhook on the next round.
    again = outbox.work_once(rt, now=utcnow() + timedelta(hours=13))
    assert again.webhooks.delivered == 1 and again.alerts_raised == 0
    assert [e["event"] for e in receiver.received] == ["hit.created", "alert.raised"]


def test_the_worker_loop_runs_rounds_until_stopped(
    rt: Runtime, world: World, receiver: Receiver
) -> None:
    _hook(rt, world.agencies["kz"], receiver.url)
    _hit(rt, world)
    worker = outbox.Worker(rt, interval=0.0)
    assert worker.run(rounds=2) == 2
    assert [e["event"] for e in receiver.received] == ["hit.created"]
    worker.stop()
    assert worker.run() == 0


def test_two_workers_claim_disjoint_rows_on_postgres(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite lets one writer in at a time")
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as setup:
        rows = [
            OutboxMessage(
                topic="t",
                url="http://127.0.0.1:9/",
                payload={},
                status="pending",
                attempts=0,
                available_at=utcnow() - timedelta(seconds=1),
            )
            for _ in range(6)
        ]
        setup.add_all(rows)
        setup.commit()
        ids = [r.id for r in rows]
    first, second = factory(), factory()
    try:
        mine = outbox.claim(first, limit=4)  # its transaction stays open, holding the row locks
        theirs = outbox.claim(second, limit=4)
        assert len(mine) == 4 and len(theirs) == 2
        assert not {d.id for d in mine} & {d.id for d in theirs}
    finally:
        first.rollback()
        second.rollback()
        first.close()
        second.close()
        with factory() as cleanup:
            cleanup.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))
            cleanup.commit()


def test_the_cli_runs_a_worker_round(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from concord.cli.main import app

    url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    result = CliRunner().invoke(app, ["jobs", "work", "--once", "--database-url", url])
    assert result.exit_code == 0, result.output
    assert "1 round(s) done" in result.output
