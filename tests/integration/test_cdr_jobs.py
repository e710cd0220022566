"""CDR analysis as a background job, on SQLite and PostgreSQL: submit a file, let the worker
run it with progress, read and publish the flags; a file the analysis cannot read ends the job
`failed` with the reason; a worker that dies leaves its job to the next one after the lease."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import sessionmaker

from concord.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concord.services import cdr_jobs, jobs, outbox
from concord.services.runtime import Runtime, start
from concord.settings import Settings
from concord.storage.base import utcnow
from concord.storage.db import UnitOfWork
from concord.storage.tables import Agency, AuditLog, Country, Indicator, Job
from conftest import World, build_world
from factories.cdr import network_csv, unreadable_csv


@pytest.fixture
def data_dir(rt: Runtime, tmp_path: Path) -> Path:
    rt.settings.data_dir = tmp_path / "data"
    return rt.settings.data_dir


def _submit(rt: Runtime, world: World, path: Path, user: str = "kz.officer") -> jobs.JobView:
    with rt.uow() as uow, path.open("rb") as f:
        view = cdr_jobs.submit_analysis(uow, world.actors[user], rt.settings.data_dir, path.name, f)
        uow.commit()
    return view


def _row(rt: Runtime, job_id: str) -> Job:
    with rt.uow() as uow:
        row = uow.session.get(Job, job_id)
        assert row is not None
        return row


def _files(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.is_file()] if data_dir.exists() else []


def test_an_analysis_runs_with_progress_and_shows_the_bank(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, truth = network_csv(tmp_path / "net")
    queued = _submit(rt, world, calls)
    assert (queued.status, queued.step, queued.steps) == ("queued", 0, cdr_jobs.STEPS)
    assert queued.input_name == "cdrs.csv" and queued.input_bytes == calls.stat().st_size
    # The upload is the job's own copy under the data directory until the job ends.
    (stored,) = _files(data_dir)
    assert stored.read_bytes() == calls.read_bytes()

    stages: list[tuple[str, int]] = []
    run = cdr_jobs.run_analysis

    def watched(rt_: Runtime, c: jobs.Claim, progress: jobs.Progress) -> jobs.Outcome:
        def spy(stage: str) -> None:
            progress(stage)
            row = _row(rt, c.job_id)  # written and committed at once, for the page to poll
            stages.append((row.stage, row.step))

        return run(rt_, c, spy)

    assert jobs.run_next(rt, registry={cdr_jobs.KIND: watched}) == queued.id
    assert [step for _, step in stages] == [1, 2, 3, 4, 5]
    assert stages[0][0] == "reading cdrs.csv" and stages[-1][0].startswith("done")

    with rt.uow() as uow:
        done = cdr_jobs.get_analysis(uow, world.actors["kz.viewer"], queued.id)
        uow.commit()
    assert (done.status, done.percent, done.step, done.attempts) == ("done", 100, 5, 1)
    assert done.stage == f"6 SIMs and 2 devices flagged in {truth['rows']:,} records"
    assert done.result is not None
    flagged = {s["imsi"] for s in done.result["flagged_sims"]}
    assert flagged == set(truth["bank_imsis"])
    assert {d["imei"] for d in done.result["flagged_devices"]} == set(truth["bank_imeis"])
    sim = done.result["flagged_sims"][0]
    assert sim["reasons"] and sim["features"]["outgoing_calls"] > 0
    assert done.result["source"] == "cdrs.csv"  # no server path in the result
    assert _files(data_dir) == []  # the uploaded records are gone, the flags stay

    with rt.uow() as uow:
        actions = uow.session.execute(
            select(AuditLog.action).where(AuditLog.object_id == queued.id)
        ).scalars()
        assert set(actions) >= {"cdr.submit", "job.view"}


def test_only_the_owner_agency_sees_its_analyses(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, _ = network_csv(tmp_path / "net")
    view = _submit(rt, world, calls)
    with rt.uow() as uow:
        with pytest.raises(NotFound):
            cdr_jobs.get_analysis(uow, world.actors["ru.officer"], view.id)
        with pytest.raises(NotFound):
            cdr_jobs.analysis_progress(uow, world.actors["gs.reviewer"], view.id)
        assert cdr_jobs.list_analyses(uow, world.actors["ru.officer"]) == []
        mine = cdr_jobs.list_analyses(uow, world.actors["kz.viewer"])
        assert [j.id for j in mine] == [view.id] and mine[0].created_by == "kz.officer"
        assert mine[0].result is None  # lists never carry results
        with pytest.raises(PermissionDenied):
            cdr_jobs.get_analysis(uow, world.actors["gs.auditor"], view.id)


def test_submitting_needs_create_and_a_call_record_file(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, _ = network_csv(tmp_path / "net")
    with pytest.raises(PermissionDenied):
        _submit(rt, world, calls, user="kz.viewer")
    cases = {
        "calls.xlsx": (b"PK\x03\x04 a spreadsheet", "not a call record file"),
        "calls.csv": (b"", "is empty"),
        "calls.parquet": (b"start_time,imsi\n", "not a Parquet file"),
        "short.csv": (
            b"start_time,imsi,imei\n2026-11-01,1,2\n",
            r"lacks the column\(s\) event_type, direction",
        ),
    }
    for name, (content, message) in cases.items():
        with rt.uow() as uow, pytest.raises(ValidationFailed, match=message):
            cdr_jobs.submit_analysis(
                uow, world.actors["kz.officer"], data_dir, name, io.BytesIO(content)
            )
    assert _files(data_dir) == []
    with rt.uow() as uow:
        assert cdr_jobs.list_analyses(uow, world.actors["kz.officer"]) == []


def test_a_file_the_analysis_cannot_read_ends_failed_with_the_reason(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    view = _submit(rt, world, unreadable_csv(tmp_path))
    assert jobs.run_next(rt) == view.id
    with rt.uow() as uow:
        failed = cdr_jobs.get_analysis(uow, world.actors["kz.officer"], view.id)
    assert failed.status == "failed" and failed.result is None
    assert failed.error is not None
    assert failed.error.startswith("The file could not be read as call records: bad value")
    assert '"yesterday at noon"' in failed.error and "LINE" not in failed.error
    assert _files(data_dir) == []
    assert jobs.run_next(rt) is None  # a failed job is not retried


def test_an_unexpected_error_fails_the_job_with_a_message_not_a_traceback(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, _ = network_csv(tmp_path / "net")
    view = _submit(rt, world, calls)

    def broken(_rt: Runtime, _c: jobs.Claim, _progress: jobs.Progress) -> jobs.Outcome:
        raise MemoryError("out of memory in the hash join")

    assert jobs.run_next(rt, registry={cdr_jobs.KIND: broken}) == view.id
    row = _row(rt, view.id)
    assert row.status == "failed" and row.error is not None
    assert "unexpected error (MemoryError)" in row.error and "hash join" not in row.error


def test_a_job_is_claimed_again_once_its_dead_workers_lease_ran_out(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, truth = network_csv(tmp_path / "net")
    view = _submit(rt, world, calls)
    # A worker claims the job well in the past, then dies: no progress, no heartbeat.
    then = utcnow() - jobs.LEASE - timedelta(minutes=1)
    with rt.uow() as uow:
        dead = jobs.claim(uow, [cdr_jobs.KIND], data_dir, now=then)
        uow.commit()
    assert dead is not None and dead.attempt == 1
    # While the lease holds, nobody else takes it.
    with rt.uow() as uow:
        assert jobs.claim(uow, [cdr_jobs.KIND], data_dir, now=then + jobs.LEASE / 2) is None
        uow.rollback()

    assert jobs.run_next(rt) == view.id  # the lease ran out: a live worker takes over
    row = _row(rt, view.id)
    assert (row.status, row.attempts, row.lease_owner) == ("done", 2, None)
    assert row.result is not None
    assert {s["imsi"] for s in row.result["flagged_sims"]} == set(truth["bank_imsis"])
    # The dead worker, were it to wake, can no longer write to the job.
    with rt.uow() as uow:
        assert not jobs.report_progress(uow, dead, "reading")
        assert not jobs.fail(uow, dead, "too late", data_dir)
        uow.commit()
    assert _row(rt, view.id).status == "done"


def test_a_job_that_keeps_killing_workers_fails_for_good(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, _ = network_csv(tmp_path / "net")
    view = _submit(rt, world, calls)
    moment = utcnow()
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        with rt.uow() as uow:
            c = jobs.claim(uow, [cdr_jobs.KIND], data_dir, now=moment)
            uow.commit()
        assert c is not None and c.attempt == attempt
        moment += jobs.LEASE + timedelta(seconds=1)
    with rt.uow() as uow:
        assert jobs.claim(uow, [cdr_jobs.KIND], data_dir, now=moment) is None
        uow.commit()
    row = _row(rt, view.id)
    assert row.status == "failed" and row.error is not None
    assert f"stopped {jobs.MAX_ATTEMPTS} times" in row.error
    assert _files(data_dir) == []


def test_publishing_the_flags_files_indicators_once(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, truth = network_csv(tmp_path / "net")
    view = _submit(rt, world, calls)
    officer = world.actors["kz.officer"]
    with rt.uow() as uow, pytest.raises(Conflict, match="has not finished"):
        cdr_jobs.publish_analysis(uow, officer, view.id)
    jobs.run_next(rt)
    with rt.uow() as uow:
        first = cdr_jobs.publish_analysis(uow, officer, view.id)
        uow.commit()
    # Six SIMs give an IMSI and a number each; two devices an IMEI each.
    assert (len(first.created), len(first.updated), first.skipped) == (14, 0, [])
    assert first.reference == "CDR analysis cdrs.csv"
    with rt.uow() as uow:
        again = cdr_jobs.publish_analysis(uow, officer, view.id, "Operation Dial Tone")
        uow.commit()
    assert (len(again.created), len(again.updated)) == (0, 14)
    with rt.uow() as uow:
        rows = uow.session.execute(
            select(Indicator).where(Indicator.owner_agency_id == world.agencies["kz"])
        ).scalars()
        by_kind: dict[str, set[str]] = {}
        for r in rows:
            assert r.source == "cdr"
            by_kind.setdefault(r.kind, set()).add(r.value)
        assert by_kind["imsi"] == set(truth["bank_imsis"])
        assert by_kind["imei"] == set(truth["bank_imeis"])
        assert len(by_kind["phone"]) == 6
        job = cdr_jobs.get_analysis(uow, officer, view.id)
    assert job.result is not None
    assert (
        job.result["published"]["updated"] == 14 and job.result["published"]["by"] == "kz.officer"
    )
    with rt.uow() as uow:
        with pytest.raises(PermissionDenied):
            cdr_jobs.publish_analysis(uow, world.actors["kz.viewer"], view.id)
        with pytest.raises(NotFound):
            cdr_jobs.publish_analysis(uow, world.actors["ru.officer"], view.id)


def test_the_worker_round_runs_queued_analyses(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, _ = network_csv(tmp_path / "net")
    first, second = _submit(rt, world, calls), _submit(rt, world, calls)
    report = outbox.work_once(rt)
    assert report.jobs_run == 2
    assert {_row(rt, first.id).status, _row(rt, second.id).status} == {"done"}
    assert outbox.work_once(rt, jobs=False).jobs_run == 0


def test_two_workers_claim_different_jobs_on_postgres(engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite lets one writer in at a time")
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    name = f"Skip-locked test {tmp_path.name}"
    with factory() as setup:
        new_country = setup.get(Country, "zz") is None
        if new_country:
            setup.add(Country(code="zz", name="Test land"))
        agency = Agency(name=name, country_code="zz", kind="ncb")
        setup.add(agency)
        setup.flush()
        rows = [
            Job(kind=cdr_jobs.KIND, owner_agency_id=agency.id, steps=5, created_at=utcnow())
            for _ in range(2)
        ]
        setup.add_all(rows)
        setup.commit()
        ids, agency_id = {r.id for r in rows}, agency.id
    first, second = UnitOfWork(factory), UnitOfWork(factory)
    try:
        with first, second:
            mine = jobs.claim(first, [cdr_jobs.KIND], tmp_path)  # holds its row lock
            theirs = jobs.claim(second, [cdr_jobs.KIND], tmp_path)
            assert mine is not None and theirs is not None
            assert {mine.job_id, theirs.job_id} == ids
    finally:
        with factory() as cleanup:
            cleanup.execute(delete(Job).where(Job.id.in_(ids)))
            cleanup.execute(delete(Agency).where(Agency.id == agency_id))
            if new_country:
                cleanup.execute(delete(Country).where(Country.code == "zz"))
            cleanup.commit()


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Runtime]:
    """A real runtime on its own SQLite file: the worker's threads need real connections."""
    runtime = start(
        Settings(database_url=f"sqlite:///{tmp_path / 'live.sqlite3'}", data_dir=tmp_path / "d")
    )
    yield runtime
    runtime.engine.dispose()


def test_the_worker_runs_analyses_in_its_own_lane(live: Runtime, tmp_path: Path) -> None:
    world = build_world(live)
    calls, _ = network_csv(tmp_path / "net")
    worker = outbox.Worker(live, interval=3600.0, job_poll=0.05)
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    try:
        view = _submit(live, world, calls)
        deadline = time.monotonic() + 60
        while _row(live, view.id).status in jobs.ACTIVE and time.monotonic() < deadline:
            time.sleep(0.05)
        # Done long before the next round of webhooks (an hour away): the lane ran it.
        assert _row(live, view.id).status == "done"
    finally:
        worker.stop()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_the_stored_copy_stays_in_the_jobs_folder_whatever_the_name(
    rt: Runtime, world: World, data_dir: Path, tmp_path: Path
) -> None:
    calls, _ = network_csv(tmp_path / "net")
    with rt.uow() as uow, calls.open("rb") as f:
        view = cdr_jobs.submit_analysis(
            uow, world.actors["kz.officer"], data_dir, "../../звонки день 1.CSV", f
        )
        uow.commit()
    (stored,) = _files(data_dir)
    assert stored == data_dir / "jobs" / view.id / "1.csv"
    assert view.input_name == "звонки день 1.CSV"
