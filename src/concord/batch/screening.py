"""Batch cross-check: screen a whole set of persons against another as a blocked join.

Shape of the run (DuckDB in process, spilling to a temporary database file):

1. prepare both sides once (normalise, transliterate) and compute blocking keys; the
   prepared records are pickled into DuckDB next to their keys, in chunks, so memory stays
   flat however many records there are;
2. join query keys with record keys in SQL; keys carried by very many records (a common
   surname on its own) are dropped as stop keys, the way MatchIndex does at query time, and
   each query keeps the candidates that share the most keys with it;
3. score every candidate pair with the scorer the online search uses (name parts weighted by
   their frequency among the records, as MatchIndex does), in a pool
   of worker processes that each read their share of queries from the database file;
   keep pairs at or above the threshold, best first per query.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple, TextIO

import duckdb
import pyarrow as pa

from concord.matching import DEFAULT_THRESHOLD, PersonRecord, blocking_keys, prepare
from concord.matching.index import (
    KEY_VOTES,
    MAX_SCORED,
    MID_KEY_SIZE,
    RARE_KEY_SIZE,
    STOP_KEY_SIZE,
)
from concord.matching.prepare import PreparedRecord, query_keys
from concord.matching.ranking import rank_candidates
from concord.matching.scoring import evaluate

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class ScreeningHit(NamedTuple):
    query_id: str
    record_id: str
    score: float


@dataclass(frozen=True)
class BatchSettings:
    """Tuning of the blocked join. The defaults suit 10^6 x 10^6 on a 2-core machine."""

    workers: int = max(1, min(2, os.cpu_count() or 1))
    chunk_size: int = 5_000  # persons prepared per task
    query_chunk: int = 0  # queries scored per task; 0 = about 8 tasks per worker
    # Candidate selection mirrors MatchIndex so that a batch run and one search per query
    # return the same pairs: stop keys, key votes and the number of candidates scored.
    max_key_records: int = STOP_KEY_SIZE
    max_candidates: int = MAX_SCORED
    query_partition: int = 50_000  # queries joined at once: bounds the join's memory
    memory_limit: str = "4GB"


# ---------------------------------------------------------------------------- phase 1


def _prepare_chunk(
    args: tuple[list[PersonRecord], bool],
) -> tuple[list[str], list[bytes], list[int], list[str]]:
    """Worker: prepare persons; return ids, pickled prepared records, and (row, key) lists."""
    persons, is_query = args
    ids: list[str] = []
    blobs: list[bytes] = []
    key_rows: list[int] = []
    keys: list[str] = []
    keyfn = query_keys if is_query else blocking_keys
    for i, person in enumerate(persons):
        prepared = prepare(person)
        ids.append(person.id)
        blobs.append(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
        for key in keyfn(prepared):
            key_rows.append(i)
            keys.append(key)
    return ids, blobs, key_rows, keys


def _chunks(items: Iterable[PersonRecord], size: int) -> Iterator[list[PersonRecord]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _load_side(
    con: duckdb.DuckDBPyConnection,
    table: str,
    persons: Iterable[PersonRecord],
    is_query: bool,
    settings: BatchSettings,
    pool: Any,
) -> int:
    con.execute(f"CREATE TABLE {table} (idx INTEGER, id VARCHAR, blob BLOB)")
    con.execute(f"CREATE TABLE {table}_keys (idx INTEGER, key VARCHAR)")
    tasks = ((chunk, is_query) for chunk in _chunks(persons, settings.chunk_size))
    results = pool.imap(_prepare_chunk, tasks) if pool else map(_prepare_chunk, tasks)
    offset = 0
    for ids, blobs, key_rows, keys in results:
        n = len(ids)
        rows = pa.table(  # noqa: F841 - read by DuckDB through its name
            {
                "idx": pa.array(range(offset, offset + n), pa.int32()),
                "id": pa.array(ids, pa.string()),
                "blob": pa.array(blobs, pa.binary()),
            }
        )
        key_table = pa.table(  # noqa: F841
            {
                "idx": pa.array([offset + r for r in key_rows], pa.int32()),
                "key": pa.array(keys, pa.string()),
            }
        )
        con.execute(f"INSERT INTO {table} SELECT * FROM rows")
        con.execute(f"INSERT INTO {table}_keys SELECT * FROM key_table")
        offset += n
    return offset


# ---------------------------------------------------------------------------- phase 2


def _votes_sql() -> str:
    # as MatchIndex.candidates: votes by key kind times a rarity tier of the key
    cases = " ".join(f"WHEN '{kind}' THEN {votes}" for kind, votes in KEY_VOTES.items())
    rarity = f"CASE WHEN s.size <= {RARE_KEY_SIZE} THEN 3 WHEN s.size <= {MID_KEY_SIZE} THEN 2 ELSE 1 END"
    return f"(CASE left(q.key, 1) {cases} ELSE 1 END) * {rarity}"


def _candidate_pairs(
    con: duckdb.DuckDBPyConnection, n_queries: int, settings: BatchSettings
) -> int:
    """Materialise the candidate pairs (qidx, ridx) of the blocked join; return their count.

    Same rule as MatchIndex.candidates: keys with more than max_key_records records vote
    only when no other key finds anything (then the narrowest of them alone); candidates are
    ranked by weighted votes and the best max_candidates are kept.
    """
    con.execute("CREATE TABLE key_size AS SELECT key, count(*) AS size FROM rec_keys GROUP BY key")
    con.execute("CREATE TABLE pairs (qidx INTEGER, ridx INTEGER)")
    step = max(1, settings.query_partition)
    for lo in range(0, n_queries, step):
        con.execute(
            f"""
            INSERT INTO pairs
            WITH qk AS (
                SELECT q.idx AS qidx, q.key, s.size, {_votes_sql()} AS votes,
                       -- the index visits keys narrowest first; ties in votes keep that order
                       row_number() OVER (PARTITION BY q.idx ORDER BY s.size, q.key) AS key_rank
                FROM qry_keys q JOIN key_size s USING (key)
                WHERE q.idx >= $lo AND q.idx < $hi
            ), voted AS (
                SELECT qk.qidx, r.idx AS ridx, sum(qk.votes) AS v, min(qk.key_rank) AS first
                FROM qk JOIN rec_keys r USING (key)
                WHERE qk.size <= $stop
                GROUP BY ALL
            ), narrowest AS (
                SELECT qidx, key FROM (
                    SELECT qk.qidx, qk.key,
                           row_number() OVER (PARTITION BY qk.qidx ORDER BY qk.size, qk.key) AS k
                    FROM qk ANTI JOIN (SELECT DISTINCT qidx FROM voted) v USING (qidx)
                ) WHERE k = 1
            ), fallback AS (
                SELECT n.qidx, r.idx AS ridx, 1 AS v, 0 AS first
                FROM narrowest n JOIN rec_keys r USING (key)
            ), ranked AS (
                SELECT qidx, ridx,
                       row_number() OVER (PARTITION BY qidx ORDER BY v DESC, first, ridx) AS rank
                FROM (SELECT * FROM voted UNION ALL SELECT * FROM fallback)
            )
            SELECT qidx, ridx FROM ranked WHERE rank <= $top ORDER BY qidx
            """,
            {
                "lo": lo,
                "hi": lo + step,
                "stop": settings.max_key_records,
                "top": settings.max_candidates,
            },
        )
    row = con.execute("SELECT count(*) FROM pairs").fetchone()
    return int(row[0]) if row else 0


# ---------------------------------------------------------------------------- phase 3


_FREQ_CACHE: dict[str, tuple[dict[str, int], int]] = {}


def _part_frequencies(con: duckdb.DuckDBPyConnection, db_path: str) -> tuple[dict[str, int], int]:
    """Records carrying each name-part skeleton, and the record count (read once a process)."""
    cached = _FREQ_CACHE.get(db_path)
    if cached is None:
        # part skeletons ('n:', name-part rarity) and the keys namesakes are counted by
        rows = con.execute("SELECT key, size FROM key_size").fetchall()
        total = con.execute("SELECT count(*) FROM rec").fetchone()
        cached = _FREQ_CACHE[db_path] = (dict(rows), int(total[0]) if total else 0)
    return cached


def _score_range(args: tuple[str, int, int, float]) -> tuple[int, list[tuple[str, str, float]]]:
    """Worker: score the candidate pairs of queries lo <= qidx < hi from the database file."""
    db_path, lo, hi, threshold = args
    con = duckdb.connect(db_path, read_only=True, config={"threads": 1})
    try:
        counts, total = _part_frequencies(con, db_path)
        queries = {
            idx: pickle.loads(blob)
            for idx, blob in con.execute(
                "SELECT idx, blob FROM qry WHERE idx >= ? AND idx < ?", [lo, hi]
            ).fetchall()
        }
        # one scan of the record table per task: keep tasks large (see _query_chunk)
        rows = con.execute(
            """
            SELECT p.qidx, p.ridx, r.blob
            FROM pairs p JOIN rec r ON r.idx = p.ridx
            WHERE p.qidx >= ? AND p.qidx < ?
            """,
            [lo, hi],
        ).fetchall()
    finally:
        con.close()
    records: dict[int, Any] = {}

    def freq(part_skeleton: str) -> float | None:
        # as MatchIndex.part_frequency: rare parts weigh more in the name score
        if not total or len(part_skeleton) < 2:
            return None
        return counts.get("n:" + part_skeleton, 0) / total

    by_query: dict[int, list[tuple[float, PreparedRecord]]] = {}
    for qidx, ridx, blob in rows:
        rec = records.get(ridx)
        if rec is None:
            rec = records[ridx] = pickle.loads(blob)
        score = evaluate(queries[qidx], rec, freq)
        if score >= threshold:
            by_query.setdefault(qidx, []).append((score, rec))
    out: list[tuple[str, str, float]] = []
    for qidx in sorted(by_query):
        out.extend(finalise(queries[qidx], by_query[qidx], threshold, counts))
    return hi - lo, out


def finalise(
    query: PreparedRecord,
    scored: list[tuple[float, PreparedRecord]],
    cut: float,
    key_sizes: dict[str, int],
) -> list[tuple[str, str, float]]:
    """The engine's last step of a search (exclusivity, namesakes), best first."""
    ranked = rank_candidates(query, scored, cut, lambda key: key_sizes.get(key, 0))
    # rounded scores, then record id: an order any runner can reproduce exactly
    rows = [(round(max(0.0, r.score), 4), r.record.id) for r in ranked]
    rows.sort(key=lambda sr: (-sr[0], sr[1]))
    return [(query.id, rid, s) for s, rid in rows]


def _ranges(total: int, step: int) -> Iterator[tuple[int, int]]:
    for lo in range(0, total, step):
        yield lo, min(total, lo + step)


# ---------------------------------------------------------------------------- public API


def cross_check(
    records: Iterable[PersonRecord],
    queries: Iterable[PersonRecord],
    threshold: float | None = None,
    progress: Progress | None = None,
    settings: BatchSettings | None = None,
    workdir: Path | None = None,
) -> Iterator[ScreeningHit]:
    """Screen every query against every record; yield pairs scoring >= threshold.

    Pairs come grouped by query, best first within a query. `progress(done, total)` is
    called as queries are scored. Temporary data lives in `workdir` (default: a new
    temporary directory) and is removed at the end.
    """
    settings = settings or BatchSettings()
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    # The pool is forked before DuckDB starts its threads in this process, which keeps
    # forking safe and spares callers the `if __name__ == "__main__"` guard spawn needs.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ctx.Pool(settings.workers) if settings.workers > 1 else None
    tmp = Path(tempfile.mkdtemp(prefix="concord-screen-", dir=workdir))
    db_path = str(tmp / "screen.duckdb")
    try:
        con = duckdb.connect(db_path)
        con.execute(f"SET memory_limit = '{settings.memory_limit}'")
        con.execute(f"SET temp_directory = '{tmp / 'spill'}'")
        con.execute("SET preserve_insertion_order = false")
        started = time.perf_counter()
        n_records = _load_side(con, "rec", records, False, settings, pool)
        log.info("records prepared: %d in %.1fs", n_records, time.perf_counter() - started)
        n_queries = _load_side(con, "qry", queries, True, settings, pool)
        log.info("queries prepared: %d at %.1fs", n_queries, time.perf_counter() - started)
        n_pairs = _candidate_pairs(con, n_queries, settings)
        log.info("candidate pairs: %d at %.1fs", n_pairs, time.perf_counter() - started)
        con.execute("DROP TABLE rec_keys")
        con.execute("DROP TABLE qry_keys")
        # kept: part skeletons, and the pair / whole-name keys that count namesakes (only
        # those two or more records carry: a count of one costs nothing)
        con.execute(
            "DELETE FROM key_size WHERE NOT (key LIKE 'n:%'"
            " OR ((key LIKE 'p:%' OR key LIKE 'f:%') AND size > 1))"
        )
        con.execute("CHECKPOINT")
        con.close()
        if progress:
            progress(0, n_queries)
        step = settings.query_chunk or max(500, -(-n_queries // (8 * settings.workers)))
        tasks = [(db_path, lo, hi, limit) for lo, hi in _ranges(n_queries, step)]
        results = pool.imap(_score_range, tasks) if pool else map(_score_range, tasks)
        done = 0
        for n, hits in results:
            for hit in hits:
                yield ScreeningHit(*hit)
            done += n
            if progress:
                progress(done, n_queries)
    finally:
        if pool:
            pool.terminate()
            pool.join()
        shutil.rmtree(tmp, ignore_errors=True)


def read_persons(path: Path) -> Iterator[PersonRecord]:
    """Stream persons from a JSON Lines file in the screening interchange format."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield PersonRecord.from_json(json.loads(line))


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def write_hits(hits: Iterable[ScreeningHit], out: TextIO) -> int:
    """Write hits as matches.jsonl lines; return how many were written."""
    n = 0
    for hit in hits:
        out.write(
            json.dumps(
                {"query_id": hit.query_id, "record_id": hit.record_id, "score": round(hit.score, 4)}
            )
            + "\n"
        )
        n += 1
    return n


def cross_check_files(
    records: Path,
    queries: Path,
    out: Path,
    threshold: float | None = None,
    progress: Progress | None = None,
    settings: BatchSettings | None = None,
) -> int:
    """Read records.jsonl and queries.jsonl, write matches.jsonl; return the number of hits."""
    hits = cross_check(read_persons(records), read_persons(queries), threshold, progress, settings)
    with out.open("w", encoding="utf-8") as fh:
        return write_hits(hits, fh)


__all__: Sequence[str] = (
    "BatchSettings",
    "ScreeningHit",
    "count_lines",
    "cross_check",
    "cross_check_files",
    "read_persons",
    "write_hits",
)
