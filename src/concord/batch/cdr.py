"""SIM-bank detection over call detail records (CDRs): DuckDB in process, or Spark.

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
``mt`` for the callee. Rows with another ``event_type`` or ``direction`` are counted
(``rows_unused``) and left out of the call and SMS features. Times are taken as written
(no time zone conversion): "night" is 00:00 to 06:00 on the file's clock.

The analysis runs in SQL: SIM-device pairs and SIMs per device (group by IMEI), then per SIM
one group by IMSI, one by (IMSI, other party) and a window over outgoing calls. Calls with
SIMs that share a device are left out of the traffic features. Only SIMs with enough
outgoing calls or on a multi-SIM device come back to Python, where the pure rules in
:mod:`concord.domain.cdr_rules` score them and their devices; a SIM with some evidence of
its own on a flagged device is flagged too. :func:`to_indicators` turns the flags into
indicator dicts for the indicator registry. The same SQL runs on Spark
(:mod:`concord.batch.cdr_spark`) for inputs beyond one machine.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

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


class CdrEngine(Protocol):
    """Where the SQL runs: DuckDB in process (default) or Spark (``cdr_spark``)."""

    # SQL function turning a timestamp into seconds since the epoch.
    epoch: str

    def columns(self, path: Path) -> list[str]:
        """Column names of the file; CdrFormatError when it cannot be read."""
        ...

    def ident(self, name: str) -> str:
        """``name`` quoted as an SQL identifier."""
        ...

    def create_source(self, path: Path, select: str) -> None:
        """Expose the file as view ``cdr`` through ``select`` (reads FROM ``{source}``)."""
        ...

    def materialise(self, name: str, sql: str) -> None:
        """Compute ``sql`` once and keep it as table ``name``."""
        ...

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a (small) result."""
        ...

    def register_strings(self, name: str, column: str, values: list[str]) -> None:
        """Make ``values`` queryable as table ``name`` with one text column."""
        ...

    def close(self) -> None: ...


class DuckDbEngine:
    """DuckDB in process; spills to a temporary directory when memory runs short."""

    epoch = "epoch"

    def __init__(self, threads: int | None = None, memory_limit: str | None = None) -> None:
        self.con = duckdb.connect(":memory:")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.execute("SET memory_limit = ?", [memory_limit])
        self.con.execute("SET preserve_insertion_order = false")
        self._reader = ""

    def columns(self, path: Path) -> list[str]:
        literal = str(path / "**" / "*.parquet" if path.is_dir() else path).replace("'", "''")
        if _is_parquet(path):
            self._reader = f"read_parquet('{literal}')"
        else:
            # Identifiers stay text: auto-detection would turn IMSIs into integers.
            self._reader = f"read_csv('{literal}', header = true, all_varchar = true)"
        try:
            described = self.con.execute(f"DESCRIBE SELECT * FROM {self._reader}").fetchall()
        except duckdb.Error as exc:
            raise CdrFormatError(f"{path.name}: cannot read as CDRs: {exc}") from exc
        return [row[0] for row in described]

    def ident(self, name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def create_source(self, path: Path, select: str) -> None:
        sql = select.replace("{source}", self._reader)
        if _is_parquet(path):
            self.con.execute(f"CREATE VIEW cdr AS {sql}")
            return
        # A CSV is parsed once into a table rather than once per aggregation.
        try:
            self.con.execute(f"CREATE TEMP TABLE cdr AS {sql}")
        except duckdb.ConversionException as exc:
            raise CdrFormatError(f"{path.name}: bad value: {exc}") from exc

    def materialise(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        rows = self.con.execute(sql).fetchall()
        return [d[0] for d in self.con.description or []], rows

    def register_strings(self, name: str, column: str, values: list[str]) -> None:
        self.con.register(name, pa.table({column: pa.array(values, pa.string())}))

    def close(self) -> None:
        self.con.close()


def analyse_cdrs(
    path: Path,
    *,
    thresholds: CdrThresholds | None = None,
    progress: Progress | None = None,
    threads: int | None = None,
    memory_limit: str | None = None,
    engine: str = "duckdb",
) -> CdrReport:
    """Flag SIMs and devices in ``path`` (CSV, Parquet or a directory of Parquet files)
    that behave like a SIM bank.

    ``threads`` and ``memory_limit`` (e.g. ``"6GB"``) bound the engine; by default DuckDB
    uses all cores and 80% of memory. ``engine="spark"`` runs the same SQL on a local
    Spark session (needs pyspark and Java) for inputs larger than one machine's disk/memory
    comfortably handles.
    """
    t = thresholds or CdrThresholds()
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    if not (_is_parquet(path) or _is_csv(path)):
        raise CdrFormatError(f"{path.name}: expected a .csv or .parquet file")
    db = _engine(engine, threads, memory_limit)
    try:
        say(f"reading {path.name}")
        _register_source(db, path)
        say("aggregating per device")
        _aggregate_devices(db)
        say("aggregating per SIM")
        db.materialise("sim", _SIM_SQL.replace("EPOCH(", f"{db.epoch}("))
        say("scoring SIMs and devices")
        report = _score(db, path, t)
    finally:
        db.close()
    report.elapsed_s = round(time.perf_counter() - started, 3)
    say(
        f"done: {len(report.flagged_sims)} SIMs and {len(report.flagged_devices)} devices "
        f"flagged in {report.elapsed_s:.1f} s"
    )
    return report


def _engine(name: str, threads: int | None, memory_limit: str | None) -> CdrEngine:
    if name == "duckdb":
        return DuckDbEngine(threads, memory_limit)
    if name == "spark":
        from concord.batch.cdr_spark import SparkEngine  # pyspark is an optional extra

        return SparkEngine(threads, memory_limit)
    raise ValueError(f"unknown engine {name!r}: use 'duckdb' or 'spark'")


def _is_parquet(path: Path) -> bool:
    """A Parquet file, or a directory of them (as Spark and partitioned exports write)."""
    return path.is_dir() or path.suffix.lower() in {".parquet", ".pq"}


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() in {".csv", ".txt"} or path.name.lower().endswith(
        (".csv.gz", ".csv.zst")
    )


def _register_source(db: CdrEngine, path: Path) -> None:
    """Expose the file as view ``cdr`` with the documented column types."""
    present = {c.lower(): c for c in db.columns(path)}
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if missing:
        raise CdrFormatError(f"{path.name}: missing column(s): {', '.join(missing)}")

    def col(name: str) -> str:
        return db.ident(present[name])

    select = f"""
        SELECT
            CAST({col("start_time")} AS TIMESTAMP) AS start_time,
            CAST({col("event_type")} AS STRING) AS event_type,
            CAST({col("direction")} AS STRING) AS direction,
            CAST({col("imsi")} AS STRING) AS imsi,
            CAST({col("imei")} AS STRING) AS imei,
            CAST({col("msisdn")} AS STRING) AS msisdn,
            NULLIF(CAST({col("other_party")} AS STRING), '') AS other_party,
            CAST({col("cell_id")} AS STRING) AS cell_id,
            CAST({col("duration_s")} AS DOUBLE) AS duration_s
        FROM {{source}}
    """
    db.create_source(path, select)


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
        EPOCH(start_time) - lag(EPOCH(start_time)) OVER (
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


def _aggregate_devices(db: CdrEngine) -> None:
    db.materialise(
        "sim_device",
        "SELECT imsi, imei, min(msisdn) AS msisdn FROM cdr GROUP BY imsi, imei",
    )
    db.materialise("device", "SELECT imei, count(*) AS imsi_count FROM sim_device GROUP BY imei")
    db.materialise(
        "peer",
        f"""
        SELECT DISTINCT a.imsi, b.msisdn AS peer
        FROM sim_device a
        JOIN device d ON d.imei = a.imei AND d.imsi_count BETWEEN 2 AND {MAX_PEERS_PER_DEVICE}
        JOIN sim_device b ON b.imei = a.imei AND b.imsi <> a.imsi
        """,
    )
    db.materialise(
        "sim_device_max",
        """
        SELECT sd.imsi, max(d.imsi_count) AS max_imsis_on_device
        FROM sim_device sd JOIN device d ON d.imei = sd.imei
        GROUP BY sd.imsi
        """,
    )


def _score(db: CdrEngine, path: Path, t: CdrThresholds) -> CdrReport:
    _, (totals,) = db.query(
        f"""
        SELECT coalesce(sum(events), 0), coalesce(sum(unused), 0), count(*),
            {db.epoch}(max(last_seen)) - {db.epoch}(min(first_seen))
        FROM sim
        """
    )
    # A day of CDRs spans a little under 86,400 s; a week a little under 7 days.
    days = max(1, math.ceil((totals[3] or 0) / 86_400))
    _, (device_count,) = db.query("SELECT count(*) FROM device")
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
    names, rows = db.query(
        f"""
        SELECT s.*, m.max_imsis_on_device
        FROM sim s JOIN sim_device_max m ON m.imsi = s.imsi
        WHERE s.mo_calls >= {int(t.min_outgoing_calls)}
            OR m.max_imsis_on_device >= {int(t.min_imsis_per_device)}
        """
    )
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
    devices, device_imsis = _score_devices(db, sim_scores, t)
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
    report.borderline_sims = _with_imeis(db, borderline[:MAX_BORDERLINE])
    report.score_histogram = histogram
    report.flagged_sims = _with_imeis(db, flagged)
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


def _with_imeis(db: CdrEngine, sims: list[FlaggedSim]) -> list[FlaggedSim]:
    if not sims:
        return sims
    db.register_strings("wanted_imsi", "imsi", [s.imsi for s in sims])
    _, rows = db.query(
        """
        SELECT sd.imsi, array_agg(sd.imei)
        FROM sim_device sd JOIN wanted_imsi w ON w.imsi = sd.imsi
        GROUP BY sd.imsi
        """
    )
    imeis = {imsi: sorted(devices)[:MAX_IMEIS_LISTED] for imsi, devices in rows}
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
    db: CdrEngine,
    sim_scores: list[tuple[str, float, bool]],
    t: CdrThresholds,
) -> tuple[list[FlaggedDevice], dict[str, list[str]]]:
    """Flagged devices, and for each SIM the flagged devices it was seen on."""
    by_imsi = {imsi: (score, flagged) for imsi, score, flagged in sim_scores}
    _, rows = db.query(
        f"""
        SELECT d.imei, d.imsi_count, array_agg(sd.imsi)
        FROM device d JOIN sim_device sd ON sd.imei = d.imei
        WHERE d.imsi_count >= {int(t.min_imsis_per_device)}
        GROUP BY d.imei, d.imsi_count
        """
    )
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
