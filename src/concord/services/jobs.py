"""Long work an officer starts and watches: a database-backed queue of jobs.

A job is a row. The jobs worker claims the oldest queued one with a lease (SELECT ... FOR
UPDATE SKIP LOCKED on PostgreSQL; SQLite lets one writer in at a time) and a random token, runs
it outside any transaction, and writes progress, the result or the failure in short
transactions of their own, each only while its token still holds the lease. A heartbeat renews
the lease while the work runs; a worker that dies stops renewing it, and once it runs out the
job is claimed again from the start (the work is repeatable). After MAX_ATTEMPTS claims the job
fails for good, so a file that kills workers cannot loop forever.

Only the owner agency sees its jobs: a job is treated as a draft by the access policy.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel
from sqlalchemy import CursorResult, and_, or_, select, update

from concord.domain.access import Action, ItemAccess, Stage, require
from concord.domain.directory import Actor
from concord.domain.errors import NotFound
from concord.domain.restrictions import Restrictions, Visibility
from concord.services import audit
from concord.services.common import require_read
from concord.storage.base import new_id, utcnow
from concord.storage.tables import Job, User

if TYPE_CHECKING:
    from concord.services.runtime import Runtime
    from concord.storage.db import UnitOfWork

log = logging.getLogger("concord.jobs")

LEASE = timedelta(minutes=3)
HEARTBEAT = LEASE / 3
MAX_ATTEMPTS = 3
JOB_FOLDER = "jobs"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


ACTIVE = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)


class JobFailed(Exception):
    """The work cannot be done, for a reason the officer can act on (shown as it is)."""


class LeaseLost(Exception):
    """Another worker owns the job now (this one was too slow to renew its lease)."""


class JobView(BaseModel):
    id: str
    kind: str
    status: str
    stage: str
    step: int
    steps: int
    percent: int
    input_name: str
    input_bytes: int
    error: str | None
    attempts: int
    created_by: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    # Only in a single job's view, never in lists.
    result: dict[str, Any] | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


@dataclass(frozen=True)
class Claim:
    job_id: str
    kind: str
    token: str
    attempt: int
    input_path: str | None
    params: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    result: dict[str, Any]
    summary: str  # the last stage shown, e.g. "3 SIMs and 1 device flagged"


Progress = Callable[[str], None]
# Does the work of one claimed job, reporting its stages; raises JobFailed with a reason.
Runner = Callable[["Runtime", Claim, Progress], Outcome]


# --- files -----------------------------------------------------------------------------------


def input_location(data_dir: Path, job_id: str, filename: str, suffix: str) -> tuple[str, Path]:
    """Where a job's uploaded file lives: relative (stored in the row) and absolute. It keeps
    the officer's file name, made safe, so that stages and errors name the file they know."""
    stem = filename[: len(filename) - len(suffix)] if filename.lower().endswith(suffix) else ""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._")[:100] or "input"
    relative = f"{JOB_FOLDER}/{job_id}/{safe}{suffix}"
    return relative, data_dir / relative


def remove_input(data_dir: Path, relative: str | None) -> None:
    """Delete a job's uploaded file and its folder once nothing will read it again."""
    if not relative:
        return
    path = data_dir / relative
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty or already gone: leave it
        path.parent.rmdir()


# --- views and reads -------------------------------------------------------------------------


def _percent(row: Job) -> int:
    if row.status == JobStatus.DONE.value:
        return 100
    if row.steps <= 0:
        return 0
    return max(0, min(99, round(100 * row.step / row.steps)))


def job_view(row: Job, created_by: str | None, *, with_result: bool = False) -> JobView:
    return JobView(
        id=row.id,
        kind=row.kind,
        status=row.status,
        stage=row.stage,
        step=row.step,
        steps=row.steps,
        percent=_percent(row),
        input_name=row.input_name,
        input_bytes=row.input_bytes,
        error=row.error,
        attempts=row.attempts,
        created_by=created_by,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        result=row.result if with_result else None,
    )


def _access(row: Job) -> ItemAccess:
    # A job is the owner agency's working material, like a draft: nobody else sees it.
    return ItemAccess(row.owner_agency_id, Restrictions(Visibility.GS_ONLY), Stage.DRAFT)


def _username(uow: UnitOfWork, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    user = uow.session.get(User, user_id)
    return user.username if user else None


def load_job(uow: UnitOfWork, actor: Actor, job_id: str, kind: str | None = None) -> Job:
    """The job if the actor may see it; NotFound otherwise (as for one that does not exist)."""
    row = uow.session.get(Job, job_id)
    if row is None or (kind is not None and row.kind != kind):
        require(actor, Action.READ, "see background jobs")
        raise NotFound(f"No job {job_id} is visible to you.")
    require_read(actor, _access(row), "job")
    return row


def get_job(uow: UnitOfWork, actor: Actor, job_id: str, kind: str | None = None) -> JobView:
    """One job with its result once it ended; reading an ended job is audited (the result
    names subscribers and devices), polling a running one is not (see ``job_progress``)."""
    row = load_job(uow, actor, job_id, kind)
    if row.status in ACTIVE:
        return job_view(row, _username(uow, row.created_by))
    audit.record(
        uow.session, actor, "job.view", "job", row.id, {"kind": row.kind, "status": row.status}
    )
    return job_view(row, _username(uow, row.created_by), with_result=True)


def job_progress(uow: UnitOfWork, actor: Actor, job_id: str, kind: str | None = None) -> JobView:
    """Status and progress only, for a page that polls every second.

    Not audited: it carries stage names and counts, nothing about people, and one entry per
    poll would drown the log; the result itself is read (and audited) through ``get_job``.
    """
    row = load_job(uow, actor, job_id, kind)
    return job_view(row, None)


def list_jobs(
    uow: UnitOfWork, actor: Actor, *, kind: str | None = None, limit: int = 50
) -> list[JobView]:
    """The actor's agency's latest jobs, newest first."""
    require(actor, Action.READ, "see background jobs")
    q = (
        select(Job, User.username)
        .outerjoin(User, User.id == Job.created_by)
        .where(Job.owner_agency_id == actor.agency_id)
        .order_by(Job.created_at.desc(), Job.id)
        .limit(min(max(limit, 1), 500))
    )
    if kind:
        q = q.where(Job.kind == kind)
    out = [job_view(row, name) for row, name in uow.session.execute(q).all()]
    audit.record(uow.session, actor, "job.list", "job", None, {"kind": kind, "returned": len(out)})
    return out


# --- queueing and claiming -------------------------------------------------------------------


def enqueue(
    uow: UnitOfWork,
    actor: Actor,
    kind: str,
    *,
    job_id: str | None = None,
    steps: int = 0,
    input_name: str = "",
    input_bytes: int = 0,
    input_path: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> Job:
    """A queued job owned by the actor's agency; the caller authorises and audits."""
    row = Job(
        id=job_id or new_id(),
        kind=kind,
        owner_agency_id=actor.agency_id,
        created_by=actor.user_id,
        status=JobStatus.QUEUED.value,
        stage="waiting for the worker",
        step=0,
        steps=steps,
        input_name=input_name[:255],
        input_bytes=input_bytes,
        input_path=input_path,
        params=dict(params or {}),
        attempts=0,
        created_at=utcnow(),
    )
    uow.session.add(row)
    uow.session.flush()
    return row


def claim(
    uow: UnitOfWork,
    kinds: Iterable[str],
    data_dir: Path,
    *,
    now: datetime | None = None,
    lease: timedelta = LEASE,
) -> Claim | None:
    """Take the oldest queued job of `kinds` (or one whose worker's lease ran out)."""
    now = now or utcnow()
    wanted = list(kinds)
    while True:
        row = uow.session.execute(
            select(Job)
            .where(
                Job.kind.in_(wanted),
                or_(
                    Job.status == JobStatus.QUEUED.value,
                    and_(Job.status == JobStatus.RUNNING.value, Job.lease_until < now),
                ),
            )
            .order_by(Job.created_at, Job.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).scalar_one_or_none()
        if row is None:
            return None
        if row.attempts >= MAX_ATTEMPTS:
            _end(row, now, JobStatus.FAILED)
            row.stage = "failed"
            row.error = (
                f"The work stopped {row.attempts} times without finishing (the worker was "
                "stopped or ran out of memory). Try a smaller file, or ask an administrator "
                "to give the worker more memory."
            )
            uow.on_commit(functools.partial(remove_input, data_dir, row.input_path))
            row.input_path = None
            uow.session.flush()
            continue
        token = new_id()
        again = row.attempts > 0
        row.status = JobStatus.RUNNING.value
        row.lease_owner = token
        row.lease_until = now + lease
        row.attempts += 1  # counted at claim, so a job that kills workers still runs out
        row.started_at = row.started_at or now
        row.step = 0
        row.stage = "started again after an interruption" if again else "started"
        uow.session.flush()
        return Claim(row.id, row.kind, token, row.attempts, row.input_path, dict(row.params))


def _end(row: Job, now: datetime, status: JobStatus) -> None:
    row.status = status.value
    row.finished_at = now
    row.lease_owner = None
    row.lease_until = None


def _guarded(c: Claim) -> Any:
    return update(Job).where(
        Job.id == c.job_id, Job.lease_owner == c.token, Job.status == JobStatus.RUNNING.value
    )


def _changed(uow: UnitOfWork, statement: Any) -> bool:
    result = cast(CursorResult[Any], uow.session.execute(statement))
    return result.rowcount == 1


def report_progress(
    uow: UnitOfWork,
    c: Claim,
    stage: str,
    *,
    step: int | None = None,
    now: datetime | None = None,
    lease: timedelta = LEASE,
) -> bool:
    """Record a stage (and renew the lease); False if this worker no longer holds the job."""
    values: dict[str, Any] = {
        "stage": stage[:200],
        "lease_until": (now or utcnow()) + lease,
    }
    if step is not None:
        values["step"] = step
    return _changed(uow, _guarded(c).values(**values))


def renew_lease(
    uow: UnitOfWork, c: Claim, *, now: datetime | None = None, lease: timedelta = LEASE
) -> bool:
    return _changed(uow, _guarded(c).values(lease_until=(now or utcnow()) + lease))


def _close(uow: UnitOfWork, c: Claim, data_dir: Path, **values: Any) -> bool:
    """End the job this worker holds; its uploaded file is deleted once that is committed."""
    closed = _changed(
        uow,
        _guarded(c).values(
            finished_at=utcnow(), lease_owner=None, lease_until=None, input_path=None, **values
        ),
    )
    if closed:
        uow.on_commit(lambda: remove_input(data_dir, c.input_path))
    return closed


def finish(uow: UnitOfWork, c: Claim, result: dict[str, Any], data_dir: Path, stage: str) -> bool:
    """The job is done with `result`."""
    return _close(
        uow,
        c,
        data_dir,
        status=JobStatus.DONE.value,
        result=result,
        stage=stage[:200],
        step=Job.steps,
        error=None,
    )


def fail(uow: UnitOfWork, c: Claim, message: str, data_dir: Path) -> bool:
    """The job failed for good with `message` shown to the officer."""
    return _close(
        uow, c, data_dir, status=JobStatus.FAILED.value, error=message[:4000], stage="failed"
    )


# --- running ---------------------------------------------------------------------------------


def runners() -> dict[str, Runner]:
    """Every kind of job the worker runs, and what runs it."""
    from concord.services import cdr_jobs

    return {cdr_jobs.KIND: cdr_jobs.run_analysis}


class _Heartbeat:
    """Renews the lease in its own transactions while a long step runs without reporting."""

    def __init__(self, rt: Runtime, c: Claim, every: timedelta) -> None:
        self.rt, self.claim, self.every = rt, c, every.total_seconds()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"job-{c.job_id[:8]}", daemon=True)

    def _beat(self) -> None:
        while not self.stopped.wait(self.every):
            try:
                with self.rt.uow() as uow:
                    held = renew_lease(uow, self.claim)
                    uow.commit()
            except Exception:  # a database hiccup: the next beat tries again
                log.exception("could not renew the lease of job %s", self.claim.job_id)
                continue
            if not held:  # taken over: the next progress report stops the work
                return

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stopped.set()
        self.thread.join()


def run_next(
    rt: Runtime,
    *,
    registry: Mapping[str, Runner] | None = None,
    heartbeat: timedelta = HEARTBEAT,
) -> str | None:
    """Claim and run one job; its id, or None when nothing was waiting."""
    registry = registry if registry is not None else runners()
    data_dir = rt.settings.data_dir
    with rt.uow() as uow:
        c = claim(uow, registry, data_dir)
        uow.commit()
    if c is None:
        return None
    steps = 0

    def progress(stage: str) -> None:
        nonlocal steps
        steps += 1
        with rt.uow() as uow:
            held = report_progress(uow, c, stage, step=steps)
            uow.commit()
        if not held:
            raise LeaseLost(c.job_id)

    try:
        with _Heartbeat(rt, c, heartbeat):
            outcome = registry[c.kind](rt, c, progress)
    except LeaseLost:
        log.warning("job %s: another worker took it over; this run's result is dropped", c.job_id)
        return c.job_id
    except JobFailed as exc:
        reason = str(exc)
        _settle(rt, lambda uow: fail(uow, c, reason, data_dir))
        return c.job_id
    except Exception as exc:
        log.exception("job %s (%s) failed", c.job_id, c.kind)
        message = (
            f"The work stopped on an unexpected error ({type(exc).__name__}); it was logged "
            "for the administrators. Try again, or with a smaller file."
        )
        _settle(rt, lambda uow: fail(uow, c, message, data_dir))
        return c.job_id
    _settle(rt, lambda uow: finish(uow, c, outcome.result, data_dir, outcome.summary))
    return c.job_id


def _settle(rt: Runtime, write: Callable[[UnitOfWork], bool]) -> None:
    with rt.uow() as uow:
        held = write(uow)
        uow.commit()
    if not held:
        log.warning("a job's outcome was dropped: another worker owns it now")


def run_pending(rt: Runtime, *, limit: int = 100) -> int:
    """Run queued jobs one after another until none is left (or `limit`); how many ran."""
    ran = 0
    while ran < limit and run_next(rt) is not None:
        ran += 1
    return ran
