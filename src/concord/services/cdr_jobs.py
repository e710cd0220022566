"""SIM-bank detection as a background job: submit a CDR file, let the worker analyse it with
progress, read the flagged SIMs and devices, publish them as indicators in one step.

The upload is copied to the job's own file under the data directory in blocks (never whole in
memory) and deleted when the job ends; the flags and their features stay in the job's result.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from concord.batch.cdr import REQUIRED_COLUMNS, CdrFormatError, analyse_cdrs, report_as_dict
from concord.domain.access import Action, require
from concord.domain.directory import Actor
from concord.domain.errors import Conflict, ValidationFailed
from concord.services import audit, indicators, jobs
from concord.services.indicators import PublishResult
from concord.storage.base import new_id

if TYPE_CHECKING:
    from concord.services.runtime import Runtime
    from concord.storage.db import UnitOfWork

KIND = "cdr_analysis"
# What analyse_cdrs reports: reading, per device, per SIM, scoring, done.
STEPS = 5
SUFFIXES = {".csv": ".csv", ".csv.gz": ".csv.gz", ".parquet": ".parquet", ".pq": ".parquet"}
PARQUET_MAGIC = b"PAR1"
_BLOCK = 1024 * 1024
_HEADER_BYTES = 64 * 1024


def _suffix(filename: str) -> str:
    name = filename.lower().strip()
    for ending in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(ending):
            return SUFFIXES[ending]
    raise ValidationFailed(
        f"“{filename or 'the file'}” is not a call record file: upload a CSV (.csv, .csv.gz) "
        "with a header row, or a Parquet file (.parquet).",
        field="file",
    )


def _copy(source: BinaryIO, target: Path) -> tuple[int, bytes]:
    """Copy in blocks; the size and the first bytes (to check the format without re-reading)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    size, head = 0, b""
    with target.open("wb") as out:
        while block := source.read(_BLOCK):
            if len(head) < _HEADER_BYTES:
                head += block[: _HEADER_BYTES - len(head)]
            out.write(block)
            size += len(block)
    return size, head


def _check_head(filename: str, suffix: str, head: bytes) -> None:
    """Refuse at once what the analysis would refuse minutes later in the worker."""
    if suffix == ".parquet":
        if not head.startswith(PARQUET_MAGIC):
            raise ValidationFailed(
                f"“{filename}” is named .parquet but is not a Parquet file.", field="file"
            )
        return
    if suffix != ".csv":
        return  # compressed: the worker reads the header
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace").lower()
    missing = [c for c in REQUIRED_COLUMNS if c not in first]
    if missing:
        raise ValidationFailed(
            f"“{filename}” lacks the column(s) {', '.join(missing)} in its header row; "
            f"call records need: {', '.join(REQUIRED_COLUMNS)}.",
            field="file",
        )


def submit_analysis(
    uow: UnitOfWork, actor: Actor, data_dir: Path, filename: str, source: BinaryIO
) -> jobs.JobView:
    """Queue a SIM-bank analysis of the uploaded call records for the jobs worker."""
    require(actor, Action.CREATE, "start a call record analysis")
    filename = Path(filename or "").name[:255]
    suffix = _suffix(filename)
    job_id = new_id()
    relative, path = jobs.input_location(data_dir, job_id, filename, suffix)
    try:
        size, head = _copy(source, path)
        if size == 0:
            raise ValidationFailed(f"“{filename}” is empty: choose a file with call records.")
        _check_head(filename, suffix, head)
        row = jobs.enqueue(
            uow,
            actor,
            KIND,
            job_id=job_id,
            steps=STEPS,
            input_name=filename,
            input_bytes=size,
            input_path=relative,
        )
    except BaseException:
        jobs.remove_input(data_dir, relative)
        raise
    audit.record(
        uow.session,
        actor,
        "cdr.submit",
        "job",
        row.id,
        {"file": filename, "bytes": size},
    )
    return jobs.job_view(row, actor.username)


def run_analysis(rt: Runtime, claim: jobs.Claim, progress: jobs.Progress) -> jobs.Outcome:
    """The worker's part: analyse the job's file, reporting each stage."""
    if not claim.input_path:
        raise jobs.JobFailed("The uploaded file is no longer there: upload it again.")
    path = rt.settings.data_dir / claim.input_path
    if not path.is_file():
        raise jobs.JobFailed("The uploaded file is no longer there: upload it again.")
    try:
        report = analyse_cdrs(
            path,
            progress=progress,
            threads=rt.settings.cdr_threads,
            memory_limit=rt.settings.cdr_memory_limit,
        )
    except CdrFormatError as exc:
        raise jobs.JobFailed(
            f"The file could not be read as call records: {_plain(exc, path.name)}"
        ) from exc
    result = report_as_dict(report)
    result["source"] = path.name  # not the server's path
    sims, devices = len(report.flagged_sims), len(report.flagged_devices)
    summary = (
        f"{sims} SIM{'s' if sims != 1 else ''} and {devices} device{'s' if devices != 1 else ''}"
        f" flagged in {report.rows_read:,} records"
    )
    return jobs.Outcome(result, summary)


def _plain(exc: Exception, server_name: str) -> str:
    """The reader's message without the server's file name or the SQL it points into."""
    text = str(exc).strip().split("\n", 1)[0].strip()
    prefix = f"{server_name}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def get_analysis(uow: UnitOfWork, actor: Actor, job_id: str) -> jobs.JobView:
    return jobs.get_job(uow, actor, job_id, KIND)


def analysis_progress(uow: UnitOfWork, actor: Actor, job_id: str) -> jobs.JobView:
    return jobs.job_progress(uow, actor, job_id, KIND)


def list_analyses(uow: UnitOfWork, actor: Actor, *, limit: int = 50) -> list[jobs.JobView]:
    return jobs.list_jobs(uow, actor, kind=KIND, limit=limit)


def publish_analysis(
    uow: UnitOfWork, actor: Actor, job_id: str, reference: str = ""
) -> PublishResult:
    """Publish a finished analysis's flags as the agency's indicators (idempotent)."""
    require(actor, Action.CREATE, "publish indicators")
    row = jobs.load_job(uow, actor, job_id, KIND)
    if row.status != jobs.JobStatus.DONE.value or not row.result:
        raise Conflict("The analysis has not finished: publish its flags once it is done.")
    flags: list[dict[str, Any]] = list(row.result.get("indicators") or [])
    reference = reference.strip() or f"CDR analysis {row.input_name}"[:120]
    outcome = indicators.publish_flags(uow, actor, flags, reference)
    # A new dict, so the JSON column sees the change.
    row.result = {
        **row.result,
        "published": {
            "by": actor.username,
            "created": len(outcome.created),
            "updated": len(outcome.updated),
            "skipped": len(outcome.skipped),
            "reference": outcome.reference,
        },
    }
    uow.session.flush()
    return outcome
