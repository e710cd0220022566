"""Batch cross-check: screen a whole set of persons against another.

Shape of the run:

1. the records are prepared (normalised, transliterated) by a pool of worker processes and
   indexed here in a MatchIndex, the online search's own index;
2. once the index is complete a second pool is forked: its workers share the index with
   this process copy-on-write, take the queries chunk by chunk, and answer each the way
   `MatchIndex.search` does (the same candidates, scores and ranking step), so a batch
   run and one search per query return the same pairs and scores. Pairs are scored with
   `QueryScorer`, which skips, exactly, those that cannot reach the threshold.

The index holds every record in memory, about 2 GB a million; data that outgrows one
machine goes to the Spark runner (`concord.batch.spark_screening`).
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from concord.batch.huge_pages import collapse_to_huge_pages
from concord.matching import DEFAULT_THRESHOLD, MatchIndex, PersonRecord, prepare, symbols
from concord.matching.bulk import QueryScorer
from concord.matching.index import collector_paused
from concord.matching.keys import blocking_keys
from concord.matching.prepare import PreparedRecord
from concord.matching.ranking import rank_candidates
from concord.matching.scoring import PartMemo

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class ScreeningHit(NamedTuple):
    query_id: str
    record_id: str
    score: float


@dataclass(frozen=True)
class BatchSettings:
    """Tuning of a run. The defaults suit 10^6 x 10^6 on a 2-core machine."""

    workers: int = max(1, min(2, os.cpu_count() or 1))
    chunk_size: int = 5_000  # records prepared per task
    # queries screened per task (the last tasks of the two workers end about together)
    query_chunk: int = 500


# ---------------------------------------------------------------------------- phase 1


class Line(NamedTuple):
    """One line of a JSON Lines persons file, with where it comes from for error messages."""

    file: str
    number: int
    text: str


# A person as the runner takes it: a PersonRecord, or one line of JSON in the interchange
# format, parsed by the worker that prepares or screens it. From files the parent only
# reads lines: parsing and building a million PersonRecords, then pickling them to the
# workers, kept it busier than either worker (it shares the two cores with them).
PersonSource = PersonRecord | Line


class BadPersonLine(ValueError):
    """A line of a persons file that is not a person in the screening format."""


def parse_person(item: PersonSource) -> PersonRecord:
    if isinstance(item, PersonRecord):
        return item
    try:
        return PersonRecord.from_json(json.loads(item.text))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadPersonLine(
            f"{item.file}, line {item.number}: not a person in the screening format "
            f"(a JSON object with at least 'id' and 'names'): {type(exc).__name__}: {exc}"
        ) from None


def _prepare_chunk(items: list[PersonSource]) -> list[tuple[PreparedRecord, tuple[str, ...]]]:
    # The blocking keys too: computing them took the parent longer than unpickling them.
    # As a tuple: the parent unpickles a frozenset of 27 keys in 9 us, a tuple in 2, and
    # the parent is what a build waits for.
    out = []
    for item in items:
        prepared = prepare(parse_person(item))
        out.append((prepared, tuple(blocking_keys(prepared))))
    return out


def _chunks(items: Iterable[PersonSource], size: int) -> Iterator[list[PersonSource]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _build_index(records: Iterable[PersonSource], settings: BatchSettings, ctx: Any) -> MatchIndex:
    index = MatchIndex()
    chunks = _chunks(records, settings.chunk_size)
    with collector_paused():
        if ctx is not None and settings.workers > 1:
            with ctx.Pool(settings.workers) as pool:
                for prepared in pool.imap(_prepare_chunk, chunks):
                    for p, keys in prepared:
                        index.add_prepared(p, keys)
        else:
            for chunk in chunks:
                for p, keys in _prepare_chunk(chunk):
                    index.add_prepared(p, keys)
    # (No copy of the finished index: it used to be pickled and unpickled in one go so that
    # each posting list's int objects lay side by side, 1.3 ms a query instead of 2.2 at
    # 10^6 records. Posting lists are arrays now, compact from the start, and the copy cost
    # the parent about 45 s at 10^6 records for no measurable gain.)
    return index


# ---------------------------------------------------------------------------- phase 2


def screen_prepared(
    index: MatchIndex,
    query: PreparedRecord,
    cut: float,
    freq: Callable[[str], float | None],
) -> list[tuple[str, str, float]]:
    """Every match `index.search` returns for `query` (no limit), as (query id, record id,
    score) rows, best first. `freq` must give `index.part_frequency`."""
    scorer = QueryScorer(query, freq, cut)
    scored = index.scored_candidates(scorer)
    if not scored:
        return []
    return finalise(
        query, scored, cut, index.key_size, index.undated_size, index.exclusive, scorer.parts
    )


def finalise(
    query: PreparedRecord,
    scored: list[tuple[float, PreparedRecord]],
    cut: float,
    key_size: Callable[[str], int],
    undated_size: Callable[[str], int],
    exclusive: bool = True,
    memo: PartMemo | None = None,
) -> list[tuple[str, str, float]]:
    """The engine's last step of a search (exclusivity, namesakes), best first; `memo`
    the one that scored the candidates (rank_candidates)."""
    # In the ranking's order, as a search returns them: rounding keeps it sorted by score,
    # and equal scores stay in the order the ranking gives them (date evidence, the
    # evidence behind scores clipped at 1.0, name, record id).
    return [
        (query.id, r.record.id, round(max(0.0, r.score), 4))
        for r in rank_candidates(query, scored, cut, key_size, undated_size, exclusive, memo)
    ]


# What the scoring workers inherit when the pool forks (set just before, in the parent): the
# index, and the part frequencies met so far. The index does not change during a run, so
# frequencies are remembered across queries (MatchIndex.search remembers them for one).
_SHARED: tuple[MatchIndex, dict[str, float | None]] | None = None

# While screening, the collector runs once this many more container objects were made than
# freed (the default is 700): the short-lived tuples of scoring then die before it looks.
_SCREENING_GC_THRESHOLD = 100_000


# Each worker moves its memory to huge pages itself (concord.batch.huge_pages), after its
# first chunk and then every so many queries, for what it allocated since. Not the parent
# before forking: a worker's first writes to a shared huge page (reference counts, mostly)
# split it into small pages for that worker, nearly all 2.2 GB of the index within its
# first thousand queries (sixteenth session, AnonHugePages of the workers); the worker's
# own collapse copies the index into huge pages of its own, which its writes do not split.
_COLLAPSE_EVERY = 10_000
_screened_here = 0  # queries this process has screened (each worker counts its own)


def _screen_chunk(
    args: tuple[list[PersonSource], float],
) -> tuple[int, list[tuple[str, str, float]]]:
    persons, cut = args
    assert _SHARED is not None, "the scoring pool must be forked after the index is built"
    index, memo = _SHARED
    freq = index.memoised_frequency(memo)
    queries = [prepare(parse_person(person)) for person in persons]
    # Screened in the order of their names, so that queries sharing a name part follow
    # one another and find its posting lists and records still in the processor's caches
    # (the same 30,000 b1m queries took 3 to 8 % less CPU, side by side); the rows go back
    # in the queries' order.
    rows: list[list[tuple[str, str, float]]] = [[] for _ in queries]
    for i in sorted(range(len(queries)), key=lambda i: _name_order(queries[i])):
        rows[i] = screen_prepared(index, queries[i], cut, freq)
    _count_screened(len(persons))
    return len(persons), [row for query_rows in rows for row in query_rows]


def _name_order(query: PreparedRecord) -> list[str]:
    return sorted(part[0] for part in query.names[0]) if query.names else []


def _count_screened(n: int) -> None:
    global _screened_here
    before, _screened_here = _screened_here, _screened_here + n
    if before == 0 or before // _COLLAPSE_EVERY != _screened_here // _COLLAPSE_EVERY:
        collapse_to_huge_pages()


# ---------------------------------------------------------------------------- public API


def _children_cpu() -> float:
    """CPU seconds of the worker processes that have ended so far (none on Windows)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cross_check(
    records: Iterable[PersonSource],
    queries: Iterable[PersonSource],
    threshold: float | None = None,
    progress: Progress | None = None,
    settings: BatchSettings | None = None,
    query_count: int | None = None,
) -> Iterator[ScreeningHit]:
    """Screen every query against every record; yield pairs scoring >= threshold.

    Records and queries are PersonRecords or JSON lines of the interchange format.

    Pairs come grouped by query, in the order of the queries, best first within a query.
    `progress(done, total)` is called as queries are screened; `total` is `query_count`
    when the caller knows it (the queries are a stream), else the count so far.
    """
    global _SHARED
    settings = settings or BatchSettings()
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    # Workers share the index by forking; without fork (Windows) this process does it all.
    methods = multiprocessing.get_all_start_methods()
    workers = settings.workers if "fork" in methods else 1
    ctx = multiprocessing.get_context("fork") if workers > 1 else None
    started = time.perf_counter()
    cpu = time.process_time()
    # The name lists the scorer reads (seconds to load), once, shared by the workers of
    # both pools: loaded while the first pool's workers prepare records, rather than
    # with one core idle between the two pools.
    symbols.load()
    index = _build_index(records, settings, ctx)
    log.info(
        "records indexed: %d in %.1fs (cpu of this process %.1fs, of workers %.1fs)",
        len(index),
        time.perf_counter() - started,
        time.process_time() - cpu,
        _children_cpu(),
    )
    tasks = ((chunk, cut) for chunk in _chunks(queries, settings.query_chunk))
    _SHARED = (index, {})
    # Frozen, the index's objects are left out of every collection in the workers, which
    # would otherwise traverse all of it again and again (and write to every page).
    gc.freeze()
    # Scoring allocates many short-lived tuples and lists; at the default threshold (700)
    # the collector ran every few candidates and took an eighth of a query's time. It is
    # set before the pool forks, so the workers inherit it, and restored at the end.
    thresholds = gc.get_threshold()
    gc.set_threshold(_SCREENING_GC_THRESHOLD, *thresholds[1:])
    pool = ctx.Pool(workers) if ctx is not None else None
    done = 0
    try:
        results = pool.imap(_screen_chunk, tasks) if pool else map(_screen_chunk, tasks)
        if progress:
            progress(0, query_count or 0)
        for n, hits in results:
            for hit in hits:
                yield ScreeningHit(*hit)
            done += n
            if progress:
                progress(done, max(done, query_count or 0))
    finally:
        if pool:
            pool.terminate()
            pool.join()
        _SHARED = None
        # Everything frozen goes back to the collector (objects frozen for good are never
        # finalised at exit: extension modules then report leaks).
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    log.info(
        "queries screened: %d at %.1fs (cpu so far: this process %.1fs, workers %.1fs)",
        done,
        time.perf_counter() - started,
        time.process_time() - cpu,
        _children_cpu(),
    )


def read_persons(path: Path) -> Iterator[PersonRecord]:
    """Stream persons from a JSON Lines file in the screening interchange format."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield PersonRecord.from_json(json.loads(line))


def read_lines(path: Path) -> Iterator[Line]:
    """The non-blank lines of a JSON Lines file, unparsed (see PersonSource)."""
    name = str(path)
    with path.open(encoding="utf-8") as fh:
        for number, text in enumerate(fh, 1):
            if not text.isspace():
                yield Line(name, number, text)


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
    """Read records.jsonl and queries.jsonl, write matches.jsonl; return the number of hits.

    A line that is no person raises BadPersonLine (file and line number in its message) and
    leaves no matches file behind: the matches are written beside it and moved into place
    once complete."""
    hits = cross_check(
        read_lines(records),
        read_lines(queries),
        threshold,
        progress,
        settings,
        query_count=count_lines(queries) if progress else None,
    )
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("w", encoding="utf-8") as fh:
            n = write_hits(hits, fh)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(out)
    return n


__all__: Sequence[str] = (
    "BadPersonLine",
    "BatchSettings",
    "Line",
    "PersonSource",
    "ScreeningHit",
    "count_lines",
    "cross_check",
    "cross_check_files",
    "parse_person",
    "read_lines",
    "read_persons",
    "write_hits",
)
