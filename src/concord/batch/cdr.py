"""SIM-bank detection over call detail records (CDRs) with DuckDB in process.

CDR schema (one row per event, CSV with a header row or Parquet; extra columns are ignored):

==============  ===========  ==============================================================
column          type         meaning
==============  ===========  ==============================================================
event_id        text         optional, unique id of the record
start_time      timestamp    when the event started (ISO 8601 in CSV)
event_type      text         ``voice``, ``sms`` or ``data`` (lower case)
direction       text         ``mo`` (originating) or ``mt`` (terminating), from the
                             subscriber's point of view; data sessions are ``mo``
imsi            text         SIM identity of the subscriber the record belongs to
imei            text         device identity the SIM was in
msisdn          text         the subscriber's own number, E.164 (``+7...``)
other_party     text         the number called / calling, E.164; empty for data
cell_id         text         serving cell (any stable id: CGI, LAC-CI, ...)
duration_s      number       seconds (0 for SMS)
==============  ===========  ==============================================================

A call between two subscribers of the same network appears twice: ``mo`` for the caller and
``mt`` for the callee. Rows with another ``event_type`` or ``direction`` are counted but
not used.

The analysis aggregates once per SIM (group by IMSI) and once per device (group by IMEI) in
SQL, then scores each SIM and device with the pure rules in
:mod:`concord.domain.cdr_rules`. :func:`to_indicators` turns the flags into indicator dicts
for the indicator registry.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from concord.domain.cdr_rules import (
    CdrThresholds,
    SimFeatures,
    flagged_by_association,
    score_device,
    score_sim,
)

REQUIRED_COLUMNS = (
    "start_time",
    "event_type",
    "direction",
    "imsi",
    "imei",
    "msisdn",
    "other_party",
    "cell_id",
    "duration_s",
)
# IMEIs listed per flagged SIM; a rotating bank SIM may have seen dozens.
MAX_IMEIS_LISTED = 20
# Calls among SIMs that share a device are not traffic: a bank can make them to fake incoming
# calls and callbacks. Past this many SIMs a device is a bank anyway and pairing them all
# would cost quadratic time.
MAX_PEERS_PER_DEVICE = 1_000
# SIMs just below the flag threshold are listed for an analyst to review, at most this many.
BORDERLINE_BAND = 0.15
MAX_BORDERLINE = 100


class CdrFormatError(ValueError):
    """The CDR file cannot be read as the documented schema."""


@dataclass(frozen=True, slots=True)
class FlaggedSim:
    imsi: str
    msisdn: str
    imeis: list[str]
    score: float
    features: dict[str, float | int | None]
    reasons: list[str]


@dataclass(frozen=True, slots=True)
class FlaggedDevice:
    imei: str
    imsi_count: int
    flagged_imsis: int
    score: float
    reasons: list[str]


@dataclass(slots=True)
class CdrReport:
    source: str
    rows_read: int
    rows_unused: int
    subscribers: int
    days: int
    devices: int
    elapsed_s: float
    thresholds: CdrThresholds
    flagged_sims: list[FlaggedSim] = field(default_factory=list)
    flagged_devices: list[FlaggedDevice] = field(default_factory=list)
    # Not flagged, but within BORDERLINE_BAND of the threshold: worth a look by an analyst.
    borderline_sims: list[FlaggedSim] = field(default_factory=list)
    # Scored SIMs per score decile ("0.5" counts 0.5 <= score < 0.6); SIMs too quiet to be
    # scored (fewer outgoing calls than the gate, alone on their devices) are not counted.
    score_histogram: dict[str, int] = field(default_factory=dict)


Progress = Callable[[str], None]


def analyse_cdrs(
    path: Path,
    *,
    thresholds: CdrThresholds | None = None,
    progress: Progress | None = None,
    threads: int | None = None,
    memory_limit: str | None = None,
) -> CdrReport:
    """Flag SIMs and devices in ``path`` (CSV or Parquet) that behave like a SIM bank.

    ``threads`` and ``memory_limit`` (e.g. ``"6GB"``) bound DuckDB; by default it uses all
    cores and 80% of memory, and spills to a temporary directory when aggregation outgrows it.
    """
    t = thresholds or CdrThresholds()
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    con = duckdb.connect(":memory:")
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            con.execute("SET memory_limit = ?", [memory_limit])
        con.execute("SET preserve_insertion_order = false")
        say(f"reading {path.name}")
        _register_source(con, path)
        say("aggregating per device")
        _aggregate_devices(con)
        say("aggregating per SIM")
        _aggregate_sims(con)
        say("scoring SIMs and devices")
        report = _score(con, path, t)
    finally:
        con.close()
    report.elapsed_s = round(time.perf_counter() - started, 3)
    say(
        f"done: {len(report.flagged_sims)} SIMs and {len(report.flagged_devices)} devices "
        f"flagged in {report.elapsed_s:.1f} s"
    )
    return report


def _register_source(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Expose the file as view ``cdr`` with the documented column types."""
    suffix = path.suffix.lower()
    literal = str(path).replace("'", "''")
    if suffix in {".parquet", ".pq"}:
        reader = f"read_parquet('{literal}')"
    elif suffix in {".csv", ".txt"} or path.name.lower().endswith((".csv.gz", ".csv.zst")):
        # Identifiers stay text: auto-detection would turn IMSIs into integers.
        reader = f"read_csv('{literal}', header = true, all_varchar = true)"
    else:
        raise CdrFormatError(f"{path.name}: expected a .csv or .parquet file")
    try:
        columns = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()]
    except duckdb.Error as exc:
        raise CdrFormatError(f"{path.name}: cannot read as CDRs: {exc}") from exc
    present = {c.lower(): c for c in columns}
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if missing:
        raise CdrFormatError(f"{path.name}: missing column(s): {', '.join(missing)}")

    def col(name: str) -> str:
        return '"' + present[name].replace('"', '""') + '"'

    select = f"""
        SELECT
            CAST({col("start_time")} AS TIMESTAMP) AS start_time,
            CAST({col("event_type")} AS VARCHAR) AS event_type,
            CAST({col("direction")} AS VARCHAR) AS direction,
            CAST({col("imsi")} AS VARCHAR) AS imsi,
            CAST({col("imei")} AS VARCHAR) AS imei,
            CAST({col("msisdn")} AS VARCHAR) AS msisdn,
            NULLIF(CAST({col("other_party")} AS VARCHAR), '') AS other_party,
            CAST({col("cell_id")} AS VARCHAR) AS cell_id,
            CAST({col("duration_s")} AS DOUBLE) AS duration_s
        FROM {reader}
    """
    if reader.startswith("read_csv"):
        # A CSV is parsed once into a table rather than once per aggregation below.
        try:
            con.execute(f"CREATE TEMP TABLE cdr AS {select}")
        except duckdb.ConversionException as exc:
            raise CdrFormatError(f"{path.name}: bad value: {exc}") from exc
    else:
        con.execute(f"CREATE VIEW cdr AS {select}")


# Outgoing voice calls drive most features; SMS and calls back from a callee count as contact.
_SIM_SQL = """
WITH base AS (
    SELECT
        imsi,
        min(msisdn) AS msisdn,
        count(*) AS events,
        min(start_time) AS first_seen,
        max(start_time) AS last_seen,
        count(*) FILTER (WHERE event_type = 'voice' AND direction = 'mo') AS mo_calls,
        count(*) FILTER (WHERE event_type = 'voice' AND direction = 'mt') AS mt_calls,
        count(*) FILTER (WHERE event_type = 'sms') AS sms_count,
        count(*) FILTER (WHERE event_type = 'data') AS data_count,
        count(*) FILTER (
            WHERE event_type NOT IN ('voice', 'sms', 'data') OR direction NOT IN ('mo', 'mt')
        ) AS unused,
        count(DISTINCT cell_id) AS distinct_cells,
        count(DISTINCT imei) AS imei_count,
        avg(duration_s) FILTER (WHERE event_type = 'voice' AND direction = 'mo') AS dur_mean,
        stddev_pop(duration_s) FILTER (WHERE event_type = 'voice' AND direction = 'mo')
            AS dur_sd,
        count(*) FILTER (
            WHERE event_type = 'voice' AND direction = 'mo' AND hour(start_time) < 6
        ) AS night_calls
    FROM cdr
    GROUP BY imsi
),
pairs AS (
    SELECT
        imsi,
        other_party,
        count(*) FILTER (WHERE event_type = 'voice' AND direction = 'mo') AS calls_out,
        count(*) FILTER (WHERE event_type = 'voice' AND direction = 'mt') AS calls_in,
        count(*) FILTER (WHERE direction = 'mt') AS contacts_in
    FROM cdr
    WHERE event_type IN ('voice', 'sms') AND other_party IS NOT NULL
    GROUP BY imsi, other_party
),
parties AS (
    SELECT
        p.imsi,
        count(*) FILTER (WHERE calls_out > 0 AND pe.peer IS NULL) AS distinct_callees,
        count(*) FILTER (WHERE calls_out > 0 AND contacts_in = 0 AND pe.peer IS NULL)
            AS never_call_back,
        coalesce(sum(calls_out) FILTER (WHERE pe.peer IS NOT NULL), 0) AS peer_calls_out,
        coalesce(sum(calls_in) FILTER (WHERE pe.peer IS NOT NULL), 0) AS peer_calls_in
    FROM pairs p
    LEFT JOIN peer pe ON pe.imsi = p.imsi AND pe.peer = p.other_party
    GROUP BY p.imsi
),
gaps AS (
    SELECT
        imsi,
        epoch(start_time) - lag(epoch(start_time)) OVER (
            PARTITION BY imsi ORDER BY start_time
        ) AS gap
    FROM cdr
    WHERE event_type = 'voice' AND direction = 'mo'
),
gap_stats AS (
    SELECT imsi, count(gap) AS gap_count, avg(gap) AS gap_mean, stddev_pop(gap) AS gap_sd
    FROM gaps
    GROUP BY imsi
)
SELECT
    b.imsi, b.msisdn, b.events, b.first_seen, b.last_seen, b.sms_count, b.data_count, b.unused,
    b.mo_calls - coalesce(p.peer_calls_out, 0) AS mo_calls,
    b.mt_calls - coalesce(p.peer_calls_in, 0) AS mt_calls,
    coalesce(p.peer_calls_out + p.peer_calls_in, 0) AS peer_calls,
    b.distinct_cells, b.imei_count, b.dur_mean,
    CASE WHEN b.dur_mean > 0 THEN b.dur_sd / b.dur_mean END AS dur_cv,
    coalesce(p.distinct_callees, 0) AS distinct_callees,
    coalesce(p.never_call_back, 0) AS never_call_back,
    coalesce(g.gap_count, 0) AS gap_count,
    CASE WHEN g.gap_mean > 0 THEN g.gap_sd / g.gap_mean END AS gap_cv,
    b.night_calls
FROM base b
LEFT JOIN parties p USING (imsi)
LEFT JOIN gap_stats g USING (imsi)
"""

_DEVICE_SQL = f"""
CREATE TEMP TABLE sim_device AS SELECT DISTINCT imsi, imei, msisdn FROM cdr;
CREATE TEMP TABLE device AS
    SELECT imei, count(DISTINCT imsi) AS imsi_count FROM sim_device GROUP BY imei;
CREATE TEMP TABLE peer AS
    SELECT DISTINCT a.imsi, b.msisdn AS peer
    FROM sim_device a
    JOIN device d ON d.imei = a.imei AND d.imsi_count BETWEEN 2 AND {MAX_PEERS_PER_DEVICE}
    JOIN sim_device b ON b.imei = a.imei AND b.imsi <> a.imsi;
"""


def _aggregate_sims(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE TEMP TABLE sim AS {_SIM_SQL}")


def _aggregate_devices(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_DEVICE_SQL)
    con.execute(
        """
        CREATE TEMP TABLE sim_device_max AS
        SELECT sd.imsi, max(d.imsi_count) AS max_imsis_on_device
        FROM sim_device sd JOIN device d USING (imei)
        GROUP BY sd.imsi
        """
    )


def _score(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    t: CdrThresholds,
) -> CdrReport:
    totals = con.execute(
        """
        SELECT coalesce(sum(events), 0), coalesce(sum(unused), 0), count(*),
            epoch(max(last_seen)) - epoch(min(first_seen))
        FROM sim
        """
    ).fetchone()
    assert totals is not None
    # A day of CDRs spans a little under 86,400 s; a week a little under 7 days.
    days = max(1, math.ceil((totals[3] or 0) / 86_400))
    device_count = con.execute("SELECT count(*) FROM device").fetchone()
    report = CdrReport(
        source=str(path),
        rows_read=int(totals[0]),
        rows_unused=int(totals[1]),
        subscribers=int(totals[2]),
        devices=int(device_count[0]) if device_count else 0,
        elapsed_s=0.0,
        thresholds=t,
        days=days,
    )
    # Only SIMs that can pass the volume gate, or sit on a multi-SIM device, need scoring
    # in Python; the rest (ordinary subscribers, the vast majority) stay in DuckDB.
    rows = con.execute(
        """
        SELECT s.*, m.max_imsis_on_device
        FROM sim s JOIN sim_device_max m USING (imsi)
        WHERE s.mo_calls >= ? OR m.max_imsis_on_device >= ?
        """,
        [t.min_outgoing_calls, t.min_imsis_per_device],
    ).fetchall()
    names = [d[0] for d in con.description or []]
    sim_scores: list[tuple[str, float, bool]] = []
    candidates: dict[str, tuple[FlaggedSim, bool, int]] = {}
    histogram = dict.fromkeys((f"{d / 10:.1f}" for d in range(10)), 0)
    keep_from = min(t.flag_score - BORDERLINE_BAND, t.association_score)
    for row in rows:
        r = dict(zip(names, row, strict=True))
        features = _features(r, days)
        verdict = score_sim(features, t)
        sim_scores.append((r["imsi"], verdict.score, verdict.flagged))
        histogram[f"{min(int(verdict.score * 10), 9) / 10:.1f}"] += 1
        if verdict.score >= keep_from:
            sim = FlaggedSim(
                imsi=r["imsi"],
                msisdn=r["msisdn"],
                imeis=[],
                score=verdict.score,
                features=features.as_dict(),
                reasons=verdict.reasons,
            )
            candidates[sim.imsi] = (sim, verdict.flagged, features.mo_calls)
    devices, device_imsis = _score_devices(con, sim_scores, t)
    flagged: list[FlaggedSim] = []
    borderline: list[FlaggedSim] = []
    for sim, is_flagged, mo_calls in candidates.values():
        if is_flagged:
            flagged.append(sim)
            continue
        bank_devices = [imei for imei in device_imsis.get(sim.imsi, []) if imei]
        if flagged_by_association(sim.score, mo_calls, bool(bank_devices), t):
            reason = f"on device {bank_devices[0]} flagged as a SIM bank"
            flagged.append(dataclasses.replace(sim, reasons=[*sim.reasons, reason]))
        elif sim.score >= t.flag_score - BORDERLINE_BAND:
            borderline.append(sim)
    flagged.sort(key=lambda s: (-s.score, s.imsi))
    borderline.sort(key=lambda s: (-s.score, s.imsi))
    report.borderline_sims = _with_imeis(con, borderline[:MAX_BORDERLINE])
    report.score_histogram = histogram
    report.flagged_sims = _with_imeis(con, flagged)
    report.flagged_devices = devices
    return report


def _features(r: dict[str, Any], days: int) -> SimFeatures:
    return SimFeatures(
        mo_calls=int(r["mo_calls"]),
        mt_calls=int(r["mt_calls"]),
        sms_count=int(r["sms_count"]),
        data_count=int(r["data_count"]),
        distinct_callees=int(r["distinct_callees"]),
        never_call_back=int(r["never_call_back"]),
        distinct_cells=int(r["distinct_cells"]),
        imei_count=int(r["imei_count"]),
        max_imsis_on_device=int(r["max_imsis_on_device"]),
        duration_mean=_opt_float(r["dur_mean"]),
        duration_cv=_opt_float(r["dur_cv"]),
        gap_cv=_opt_float(r["gap_cv"]),
        gap_count=int(r["gap_count"]),
        night_calls=int(r["night_calls"]),
        peer_calls=int(r["peer_calls"]),
        days=days,
    )


def _with_imeis(con: duckdb.DuckDBPyConnection, sims: list[FlaggedSim]) -> list[FlaggedSim]:
    if not sims:
        return sims
    wanted = pa.table({"imsi": pa.array([s.imsi for s in sims], pa.string())})
    con.register("flagged_imsi", wanted)
    imeis: dict[str, list[str]] = {
        imsi: list(devices)
        for imsi, devices in con.execute(
            f"""
            SELECT imsi, list(imei ORDER BY imei)[1:{MAX_IMEIS_LISTED}]
            FROM sim_device JOIN flagged_imsi USING (imsi)
            GROUP BY imsi
            """
        ).fetchall()
    }
    con.unregister("flagged_imsi")
    return [
        FlaggedSim(
            imsi=s.imsi,
            msisdn=s.msisdn,
            imeis=imeis.get(s.imsi, []),
            score=s.score,
            features=s.features,
            reasons=s.reasons,
        )
        for s in sims
    ]


def _score_devices(
    con: duckdb.DuckDBPyConnection,
    sim_scores: list[tuple[str, float, bool]],
    t: CdrThresholds,
) -> tuple[list[FlaggedDevice], dict[str, list[str]]]:
    """Flagged devices, and for each SIM the flagged devices it was seen on."""
    by_imsi = {imsi: (score, flagged) for imsi, score, flagged in sim_scores}
    rows = con.execute(
        """
        SELECT d.imei, d.imsi_count, list(sd.imsi)
        FROM device d JOIN sim_device sd USING (imei)
        WHERE d.imsi_count >= ?
        GROUP BY d.imei, d.imsi_count
        """,
        [t.min_imsis_per_device],
    ).fetchall()
    devices: list[FlaggedDevice] = []
    on_flagged: dict[str, list[str]] = {}
    for imei, imsi_count, imsis in rows:
        # SIMs not scored above had too little activity to look like a bank: score 0.
        scores = [by_imsi.get(imsi, (0.0, False)) for imsi in imsis]
        verdict = score_device(
            int(imsi_count),
            [s for s, _ in scores],
            sum(1 for _, f in scores if f),
            t,
        )
        if verdict.flagged:
            devices.append(
                FlaggedDevice(
                    imei=imei,
                    imsi_count=int(imsi_count),
                    flagged_imsis=sum(1 for _, f in scores if f),
                    score=verdict.score,
                    reasons=verdict.reasons,
                )
            )
            for imsi in imsis:
                on_flagged.setdefault(imsi, []).append(imei)
    devices.sort(key=lambda d: (-d.score, d.imei))
    return devices, on_flagged


def to_indicators(report: CdrReport) -> list[dict[str, Any]]:
    """Flags as indicator dicts ``{kind, value, confidence, reasons}`` for the registry.

    A flagged SIM gives an ``imsi`` and a ``phone`` indicator (its MSISDN); a flagged device
    an ``imei`` indicator. Each value appears once, with the highest confidence seen.
    """
    best: dict[tuple[str, str], dict[str, Any]] = {}

    def add(kind: str, value: str, confidence: float, reasons: list[str]) -> None:
        if not value:
            return
        key = (kind, value)
        if key not in best or best[key]["confidence"] < confidence:
            best[key] = {
                "kind": kind,
                "value": value,
                "confidence": round(confidence, 4),
                "reasons": list(reasons),
            }

    for sim in report.flagged_sims:
        reasons = ["behaves like a SIM-bank SIM", *sim.reasons]
        add("imsi", sim.imsi, sim.score, reasons)
        add("phone", sim.msisdn, sim.score, [f"number of SIM {sim.imsi}", *reasons])
    for device in report.flagged_devices:
        add("imei", device.imei, device.score, ["behaves like a SIM-bank device", *device.reasons])
    return list(best.values())


def report_as_dict(report: CdrReport) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    return {
        "source": report.source,
        "rows_read": report.rows_read,
        "rows_unused": report.rows_unused,
        "subscribers": report.subscribers,
        "days": report.days,
        "devices": report.devices,
        "elapsed_s": report.elapsed_s,
        "flagged_sims": [_sim_dict(s) for s in report.flagged_sims],
        "flagged_devices": [
            {
                "imei": d.imei,
                "imsi_count": d.imsi_count,
                "flagged_imsis": d.flagged_imsis,
                "score": d.score,
                "reasons": d.reasons,
            }
            for d in report.flagged_devices
        ],
        "borderline_sims": [_sim_dict(s) for s in report.borderline_sims],
        "score_histogram": report.score_histogram,
        "indicators": to_indicators(report),
    }


def _sim_dict(s: FlaggedSim) -> dict[str, Any]:
    return {
        "imsi": s.imsi,
        "msisdn": s.msisdn,
        "imeis": s.imeis,
        "score": s.score,
        "features": s.features,
        "reasons": s.reasons,
    }


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)
