"""The outbox: webhooks written in the same transaction as their cause, delivered later by the
jobs worker with retries, so that nothing is lost when a process or a receiver dies.

A worker claims due rows (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite serialises
writers, so the same statement without the lock clause is enough there) and takes a lease on
them. It posts each message outside any transaction, then records the result. A worker that dies
after claiming simply lets the lease run out and the row becomes claimable again: delivery is
at least once, and receivers de-duplicate on the X-Concord-Delivery header.

Every message is signed with its agency's webhook secret: X-Concord-Signature is
`sha256=` + HMAC-SHA256(secret, X-Concord-Timestamp + "." + body), so a receiver can refuse
a forged message, and a replayed one by its age (`verify_signature`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from concord.domain.access import Action, require
from concord.domain.directory import Actor
from concord.storage.base import utcnow
from concord.storage.tables import Agency, OutboxMessage

if TYPE_CHECKING:
    from concord.services.runtime import Runtime
    from concord.storage.db import UnitOfWork

log = logging.getLogger("concord.outbox")

LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 10
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
SIGNATURE_TOLERANCE = timedelta(minutes=5)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failures: 30 s, 1 min, 2 min, ... at most 1 h."""
    if attempts < 1:
        return timedelta(0)
    return min(BACKOFF_BASE * (2 ** (attempts - 1)), BACKOFF_CAP)


def enqueue_webhook(
    session: Session, agency: Agency, topic: str, payload: dict[str, Any]
) -> str | None:
    """Queue a webhook to `agency` if it has a webhook URL; same transaction as the caller."""
    if not agency.webhook_url:
        return None
    row = OutboxMessage(
        topic=topic,
        agency_id=agency.id,
        url=agency.webhook_url,
        payload={"event": topic, "agency": agency.name, "data": payload},
        status="pending",
        attempts=0,
        available_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class Delivery:
    id: str
    topic: str
    url: str
    payload: dict[str, Any]
    attempt: int
    secret: str = field(repr=False)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify_signature(
    secret: str,
    timestamp: str,
    body: bytes,
    header: str,
    *,
    now: datetime | None = None,
    tolerance: timedelta = SIGNATURE_TOLERANCE,
) -> bool:
    """What a receiver checks: the signature over the exact body, and a timestamp recent
    enough that an old message cannot be replayed."""
    try:
        sent = datetime.fromtimestamp(int(timestamp), UTC)
    except (ValueError, OverflowError, OSError):  # not a number, or out of range
        return False
    if abs((now or utcnow()) - sent) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header)


@dataclass(frozen=True)
class Outcome:
    id: str
    ok: bool
    status_code: int | None
    error: str | None


def claim(
    session: Session, *, now: datetime | None = None, limit: int = 20, lease: timedelta = LEASE
) -> list[Delivery]:
    """Take up to `limit` due messages for this worker until `now + lease`."""
    now = now or utcnow()
    rows = (
        session.execute(
            select(OutboxMessage)
            .where(
                OutboxMessage.status == "pending",
                OutboxMessage.available_at <= now,
                or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until < now),
            )
            .order_by(OutboxMessage.available_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        .scalars()
        .all()
    )
    agency_secrets = _secrets(session, {row.agency_id for row in rows})
    out = []
    for row in rows:
        row.lease_until = now + lease
        row.attempts += 1  # counted at claim, so a message that kills workers still runs out
        # Read now rather than when queued, so a rotated secret signs the retries too.
        secret = agency_secrets[row.agency_id] if row.agency_id is not None else ""
        out.append(Delivery(row.id, row.topic, row.url, dict(row.payload), row.attempts, secret))
    session.flush()
    return out


def _secrets(session: Session, agency_ids: set[int | None]) -> dict[int, str]:
    wanted = [a for a in agency_ids if a is not None]
    if not wanted:
        return {}
    rows = session.execute(select(Agency.id, Agency.webhook_secret).where(Agency.id.in_(wanted)))
    return {agency_id: secret for agency_id, secret in rows}


def post(delivery: Delivery, timeout: float, *, now: datetime | None = None) -> Outcome:
    """Send one webhook, signed; any 2xx answer is success."""
    # Serialised here, not by httpx, because the signature covers these exact bytes.
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = str(int((now or utcnow()).timestamp()))
    try:
        response = httpx.post(
            delivery.url,
            content=body,
            timeout=timeout,
            headers={
                "Content-Type": "application/json",
                "X-Concord-Event": delivery.topic,
                "X-Concord-Delivery": delivery.id,
                "X-Concord-Attempt": str(delivery.attempt),
                "X-Concord-Timestamp": timestamp,
                "X-Concord-Signature": signature(delivery.secret, timestamp, body),
            },
        )
    except httpx.HTTPError as exc:
        return Outcome(delivery.id, False, None, f"{type(exc).__name__}: {exc}"[:2000])
    if 200 <= response.status_code < 300:
        return Outcome(delivery.id, True, response.status_code, None)
    return Outcome(
        delivery.id,
        False,
        response.status_code,
        f"HTTP {response.status_code}: {response.text[:500]}",
    )


def settle(session: Session, outcome: Outcome, *, now: datetime | None = None) -> str:
    """Record a delivery attempt's result; returns the message's new status."""
    now = now or utcnow()
    row = session.get(OutboxMessage, outcome.id)
    if row is None:
        return "missing"
    row.lease_until = None
    row.last_status_code = outcome.status_code
    if outcome.ok:
        row.status, row.delivered_at, row.last_error = "delivered", now, None
    else:
        row.last_error = outcome.error
        if row.attempts >= MAX_ATTEMPTS:
            row.status = "failed"
        else:
            row.available_at = now + backoff(row.attempts)
    session.flush()
    return row.status


class DeliveryReport(BaseModel):
    claimed: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(rt: Runtime, *, now: datetime | None = None, limit: int = 20) -> DeliveryReport:
    """Claim, post and settle one batch of due webhooks."""
    with rt.uow() as uow:
        batch = claim(uow.session, now=now, limit=limit)
        uow.commit()
    report = DeliveryReport(claimed=len(batch))
    for delivery in batch:
        outcome = post(delivery, rt.settings.webhook_timeout_s)
        with rt.uow() as uow:
            status = settle(uow.session, outcome, now=now)
            uow.commit()
        if status == "delivered":
            report.delivered += 1
        elif status == "failed":
            report.failed += 1
            log.warning("webhook %s failed for good: %s", delivery.id, outcome.error)
        else:
            report.retrying += 1
    return report


class OutboxView(BaseModel):
    id: str
    topic: str
    url: str
    status: str
    attempts: int
    available_at: datetime
    last_error: str | None
    last_status_code: int | None
    created_at: datetime
    delivered_at: datetime | None


def list_outbox(uow: UnitOfWork, actor: Actor, *, limit: int = 50) -> list[OutboxView]:
    """The webhooks sent to the actor's agency and their delivery state."""
    require(actor, Action.READ, "see webhook deliveries")
    rows = uow.session.execute(
        select(OutboxMessage)
        .where(OutboxMessage.agency_id == actor.agency_id)
        .order_by(OutboxMessage.created_at.desc())
        .limit(min(max(limit, 1), 500))
    ).scalars()
    return [
        OutboxView(
            id=r.id,
            topic=r.topic,
            url=r.url,
            status=r.status,
            attempts=r.attempts,
            available_at=r.available_at,
            last_error=r.last_error,
            last_status_code=r.last_status_code,
            created_at=r.created_at,
            delivered_at=r.delivered_at,
        )
        for r in rows
    ]


# --- the worker's duties ---------------------------------------------------------------------


class WorkReport(BaseModel):
    webhooks: DeliveryReport
    alerts_raised: int
    review_reminders: int
    archived: int
    jobs_run: int = 0


def work_once(rt: Runtime, *, now: datetime | None = None, jobs: bool = True) -> WorkReport:
    """One round of the jobs worker: webhooks, overdue alerts, review reminders, archiving,
    and (unless a separate lane runs them) the queued jobs officers started."""
    from concord.services import subject_requests
    from concord.services.jobs import run_pending
    from concord.services.requests import raise_overdue_alerts
    from concord.services.retention import archive_expired, send_review_reminders

    webhooks = deliver_due(rt, now=now)
    with rt.uow() as uow:
        alerts = raise_overdue_alerts(uow, now=now)
        alerts += subject_requests.raise_overdue_alerts(uow, now=now)
        uow.commit()
    today = (now or utcnow()).date()
    with rt.uow() as uow:
        reminders = send_review_reminders(uow, today=today)
        uow.commit()
    with rt.uow() as uow:
        archived = archive_expired(uow, rt.index, today=today)
        uow.commit()
    return WorkReport(
        webhooks=webhooks,
        alerts_raised=alerts,
        review_reminders=reminders,
        archived=archived.total,
        jobs_run=run_pending(rt) if jobs else 0,
    )


@dataclass
class Worker:
    """Runs `work_once` every `interval` seconds until stopped (signal handlers call stop).

    Run without a round limit, it also starts a lane for officers' jobs (a CDR analysis may
    take minutes): webhooks and alerts keep their pace meanwhile, and a queued job starts
    within `job_poll` seconds rather than at the next round.
    """

    rt: Runtime
    interval: float = 5.0
    job_poll: float = 1.0
    stop_event: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        self.stop_event.set()

    def run(self, rounds: int | None = None) -> int:
        lane: threading.Thread | None = None
        if rounds is None and not self.stop_event.is_set():
            lane = threading.Thread(target=self.run_jobs, name="concord-jobs", daemon=True)
            lane.start()
        done = 0
        while not self.stop_event.is_set() and (rounds is None or done < rounds):
            started = time.monotonic()
            try:
                report = work_once(self.rt, jobs=lane is None)
                if (
                    report.webhooks.claimed
                    or report.alerts_raised
                    or report.archived
                    or report.jobs_run
                ):
                    log.info("worker round: %s", report.model_dump())
            except Exception:  # one bad round must not stop the worker; the next one retries
                log.exception("worker round failed")
            done += 1
            if rounds is not None and done >= rounds:
                break
            self.stop_event.wait(max(0.0, self.interval - (time.monotonic() - started)))
        # The lane is not waited for: a job cut short by the process ending is claimed again
        # once its lease runs out.
        return done

    def run_jobs(self) -> None:
        """The jobs lane: run queued jobs one at a time until stopped."""
        from concord.services.jobs import run_next

        while not self.stop_event.is_set():
            try:
                ran = run_next(self.rt)
            except Exception:  # e.g. the database is away: wait and try again
                log.exception("jobs lane round failed")
                ran = None
            if ran is None:
                self.stop_event.wait(self.job_poll)
