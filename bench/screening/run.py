"""Screening benchmark: accuracy, latency, index build, batch throughput, baselines.

Data comes from generate.py. Subcommands (each prints figures and writes a JSON summary):

    online    build a MatchIndex over records.jsonl, search every query: precision /
              recall / F1 (shared/bench/score_matches.py), recall@1, latency p50/p95/p99,
              build time, peak RSS; also writes candidates.jsonl for the nomenklatura baseline
    batch     the local batch runner (concord.batch.screening) over the whole files:
              wall time, throughput, peak RSS of the process tree, accuracy
    rapidfuzz baseline: brute force token_sort_ratio over ICU-Latin names, best threshold
    score     score an existing matches.jsonl (e.g. from nk_baseline.py) at several thresholds

    python bench/screening/run.py online --data /tmp/cb/s1m
    python bench/screening/run.py batch --data /tmp/cb/b1m --workers 2
    python bench/screening/run.py rapidfuzz --data /tmp/cb/s100k --queries 2000
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import json
import os
import resource
import statistics
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import psutil

from concord.batch.screening import BatchSettings, cross_check_files, read_persons
from concord.matching import MatchIndex, PersonRecord, prepare
from concord.matching.compiled import COMPILED_MODULES, compiled, stale


def _find_scorer() -> Path:
    """shared/ sits beside the repository (../shared/bench, see its README); a checkout
    elsewhere (a git worktree under /tmp) names it with CONCORD_SHARED."""
    if os.environ.get("CONCORD_SHARED"):
        return Path(os.environ["CONCORD_SHARED"]) / "bench" / "score_matches.py"
    return Path(__file__).resolve().parents[3] / "shared" / "bench" / "score_matches.py"


SCORER = _find_scorer()


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_matches", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def accuracy(
    truth_path: Path, matches: list[tuple[str, str, float]], threshold: float | None = None
) -> dict[str, float]:
    """precision / recall / F1 of the returned pairs (at `threshold` if given) and recall@1,
    computed with the shared scorer's own functions."""
    sm = _scorer()
    truth = sm.load_truth(str(truth_path))
    if threshold is not None:
        matches = [m for m in matches if m[2] >= threshold]
    pairs = {(q, r) for q, r, _ in matches}
    tp, fp, fn = len(pairs & truth), len(pairs - truth), len(truth - pairs)
    p, r, f = sm.prf(tp, fp, fn)
    # each query's first match as the shared scorer picks it: the highest score, and of
    # equal scores the first returned (a search returns its matches best first)
    best: dict[str, tuple[float, str]] = {}
    for q, rec, s in matches:
        if q not in best or s > best[q][0]:
            best[q] = (s, rec)
    true_queries = {q for q, _ in truth}
    hit1 = sum(1 for q in true_queries if q in best and (q, best[q][1]) in truth)
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "recall_at_1": round(hit1 / len(true_queries), 4) if true_queries else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def answerable_accuracy(
    data: Path, query_ids: set[str], matches: list[tuple[str, str, float]]
) -> dict[str, float] | None:
    """Accuracy over the queries generate.py did not list in ambiguous.txt (queries whose
    label what they show cannot support: a positive one that another person's record fits
    at least as well as its own, a negative one that a record fits), or None for data
    without that list."""
    listed = data / "ambiguous.txt"
    if not listed.exists():
        return None
    ambiguous = set(listed.read_text(encoding="utf-8").split())
    kept = query_ids - ambiguous
    truth = _truth_subset(data / "truth.csv", kept, data / "truth_answerable.csv")
    acc = accuracy(truth, [m for m in matches if m[0] in kept])
    return {**acc, "queries": len(kept), "ambiguous": len(query_ids & ambiguous)}


def best_threshold(truth_path: Path, matches: list[tuple[str, str, float]]) -> dict[str, Any]:
    scores = sorted({round(s, 3) for _, _, s in matches})
    best: dict[str, Any] = {"f1": -1.0}
    for t in scores:
        acc = accuracy(truth_path, matches, t)
        if acc["f1"] > best["f1"]:
            best = {**acc, "threshold": t}
    return best


def run_scorer(truth: Path, matches: Path) -> str:
    import subprocess

    out = subprocess.run(
        [sys.executable, str(SCORER), str(truth), str(matches)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _write_matches(path: Path, matches: list[tuple[str, str, float]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for q, r, s in matches:
            fh.write(json.dumps({"query_id": q, "record_id": r, "score": s}) + "\n")


def _first(path: Path, n: int | None) -> Iterator[PersonRecord]:
    for i, p in enumerate(read_persons(path)):
        if n is not None and i >= n:
            return
        yield p


def cmd_online(args: argparse.Namespace) -> dict[str, Any]:
    data: Path = args.data
    rss0 = _rss_mb()
    index = MatchIndex()
    t0 = time.perf_counter()
    c0 = time.process_time()
    index.add_many(read_persons(data / "records.jsonl"))
    build_s = time.perf_counter() - t0
    build_cpu_s = time.process_time() - c0
    rss_index = _rss_mb()
    peak_build = _peak_rss_mb()
    print(
        f"index: {len(index)} records in {build_s:.1f}s (cpu {build_cpu_s:.1f}s), rss {rss_index:.0f} MB (+{rss_index - rss0:.0f}), peak {peak_build:.0f} MB"
    )

    latencies: list[float] = []
    # CPU time of this thread per query: what the latency would be without other load on
    # the machine (the shared benchmark machine is often busy with other jobs)
    cpu_latencies: list[float] = []
    matches: list[tuple[str, str, float]] = []
    cand_out = (data / "candidates.jsonl").open("w", encoding="utf-8") if args.candidates else None
    queries = list(_first(data / "queries.jsonl", args.queries))
    for q in queries[: min(200, len(queries))]:  # warm caches the way a running service has them
        index.search(q, limit=args.limit)
    for q in queries:
        t, c = time.perf_counter(), time.thread_time()
        found = index.search(q, limit=args.limit)
        latencies.append((time.perf_counter() - t) * 1000)
        cpu_latencies.append((time.thread_time() - c) * 1000)
        matches.extend((q.id, m.record_id, m.score) for m in found)
        if cand_out is not None:
            ordinals = index.candidates(prepare(q))[: args.candidates]
            ids = [rec.id for o in ordinals if (rec := index._records[o]) is not None]
            cand_out.write(json.dumps({"query_id": q.id, "candidates": ids}) + "\n")
    if cand_out is not None:
        cand_out.close()
    out = data / "matches_online.jsonl"
    _write_matches(out, matches)
    lat = {
        "p50_ms": round(_percentile(latencies, 50), 2),
        "p95_ms": round(_percentile(latencies, 95), 2),
        "p99_ms": round(_percentile(latencies, 99), 2),
        "mean_ms": round(statistics.fmean(latencies), 2),
        "max_ms": round(max(latencies), 2),
        "cpu_p50_ms": round(_percentile(cpu_latencies, 50), 2),
        "cpu_p95_ms": round(_percentile(cpu_latencies, 95), 2),
        "cpu_p99_ms": round(_percentile(cpu_latencies, 99), 2),
    }
    truth = _truth_subset(data / "truth.csv", {q.id for q in queries}, data / "truth_used.csv")
    acc = accuracy(truth, matches)
    print(f"latency over {len(latencies)} queries: {lat}")
    print(f"accuracy: {acc}")
    answerable = answerable_accuracy(data, {q.id for q in queries}, matches)
    if answerable:
        print(f"accuracy without the ambiguous queries: {answerable}")
    print(run_scorer(truth, out))
    return {
        **({"answerable": answerable} if answerable else {}),
        "records": len(index),
        "queries": len(queries),
        "build_s": round(build_s, 1),
        "build_cpu_s": round(build_cpu_s, 1),
        "index_rss_mb": round(rss_index - rss0),
        "peak_rss_mb": round(peak_build),
        **lat,
        **acc,
    }


def _truth_subset(truth: Path, query_ids: set[str], out: Path) -> Path:
    with (
        truth.open(newline="", encoding="utf-8") as fh,
        out.open("w", newline="", encoding="utf-8") as oh,
    ):
        w = csv.writer(oh)
        w.writerow(["query_id", "record_id"])
        for row in csv.DictReader(fh):
            if row["query_id"] in query_ids:
                w.writerow([row["query_id"], row["record_id"]])
    return out


def _pss(pid: int) -> int:
    """Proportional set size in bytes from /proc/PID/smaps_rollup (0 where there is none).
    Read directly: psutil parses the full smaps, which costs more still."""
    with (
        contextlib.suppress(OSError, ValueError),
        open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh,
    ):
        for line in fh:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


class _TreeRss:
    """Samples the memory of this process and its children (the worker pools).

    `peak` sums resident sets, which counts every page the forked workers share with this
    process once per process; `peak_pss` shares each page among the processes mapping it
    (proportional set size, Linux), which is what the tree really holds."""

    def __init__(self) -> None:
        self.peak = 0.0
        self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        tick = 0
        while not self._stop.wait(0.5):
            # PSS every 30 s only: the kernel walks every page of the process to give it
            # (~0.15 s of CPU a sample for the 1M-record tree, sampled every 0.5 s it took
            # a third of a core; every 10 s, half of what the parent used while screening)
            with_pss = tick % 60 == 0
            tick += 1
            rss = pss = 0
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    rss += p.memory_info().rss
                if with_pss:
                    pss += _pss(p.pid)
            self.peak = max(self.peak, rss / 2**20)
            self.peak_pss = max(self.peak_pss, pss / 2**20)

    def __enter__(self) -> _TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cmd_batch(args: argparse.Namespace) -> dict[str, Any]:
    import logging

    logging.basicConfig(level=logging.INFO, format="  %(message)s")
    data: Path = args.data
    out = data / "matches_batch.jsonl"
    n_rec = sum(1 for _ in (data / "records.jsonl").open("rb"))
    n_q = sum(1 for _ in (data / "queries.jsonl").open("rb"))
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 30 or done == total:
            last[0] = now
            print(f"  scored {done}/{total} queries at {now - t0:.0f}s", file=sys.stderr)

    r0s = resource.getrusage(resource.RUSAGE_SELF)
    r0c = resource.getrusage(resource.RUSAGE_CHILDREN)
    with _TreeRss() as mem:
        t0 = time.perf_counter()
        hits = cross_check_files(
            data / "records.jsonl",
            data / "queries.jsonl",
            out,
            progress=progress,
            settings=BatchSettings(workers=args.workers),
        )
        wall = time.perf_counter() - t0
    r1s = resource.getrusage(resource.RUSAGE_SELF)
    r1c = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of this process and of the reaped worker pools
    cpu = sum(
        getattr(r1, f) - getattr(r0, f)
        for r0, r1 in ((r0s, r1s), (r0c, r1c))
        for f in ("ru_utime", "ru_stime")
    )
    print(
        f"cpu time {cpu:.0f}s: {cpu / max(1, args.workers):.0f}s wall on {args.workers} idle cores"
    )
    print(
        f"batch {n_rec} records x {n_q} queries: {wall:.1f}s, {n_q / wall:.0f} queries/s, "
        f"{hits} hits, peak rss (tree) {mem.peak:.0f} MB, peak pss (tree) {mem.peak_pss:.0f} MB"
    )
    matches = [
        (o["query_id"], o["record_id"], o["score"])
        for o in map(json.loads, out.open(encoding="utf-8"))
    ]
    acc = accuracy(data / "truth.csv", matches)
    print(f"accuracy: {acc}")
    with (data / "queries.jsonl").open(encoding="utf-8") as fh:
        query_ids = {json.loads(line)["id"] for line in fh if line.strip()}
    answerable = answerable_accuracy(data, query_ids, matches)
    if answerable:
        print(f"accuracy without the ambiguous queries: {answerable}")
    return {
        **({"answerable": answerable} if answerable else {}),
        "records": n_rec,
        "queries": n_q,
        "wall_s": round(wall, 1),
        "queries_per_s": round(n_q / wall),
        "hits": hits,
        "peak_rss_mb": round(mem.peak),
        "peak_pss_mb": round(mem.peak_pss),
        "workers": args.workers,
        **acc,
    }


def _latin(names: tuple[str, ...]) -> list[str]:
    import icu

    tr = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")
    return [" ".join(tr.transliterate(n).replace("-", " ").split()) for n in names]


def cmd_rapidfuzz(args: argparse.Namespace) -> dict[str, Any]:
    """Brute force: every query name against every record name, token_sort_ratio."""
    import numpy as np
    from rapidfuzz import fuzz, process

    data: Path = args.data
    rec_names: list[str] = []
    owner: list[str] = []
    for rec in read_persons(data / "records.jsonl"):
        for name in _latin(rec.names):
            rec_names.append(name)
            owner.append(rec.id)
    queries = list(_first(data / "queries.jsonl", args.queries))
    owner_arr = np.array(owner)
    t0 = time.perf_counter()
    matches: list[tuple[str, str, float]] = []
    for q in queries:
        best: dict[str, float] = defaultdict(float)
        for name in _latin(q.names):
            scores = process.cdist(
                [name], rec_names, scorer=fuzz.token_sort_ratio, workers=-1, score_cutoff=60
            )[0]
            hit = np.nonzero(scores)[0]
            for i in hit:
                rid = owner_arr[i]
                best[rid] = max(best[rid], float(scores[i]) / 100)
        top = sorted(best.items(), key=lambda kv: -kv[1])[: args.limit]
        matches.extend((q.id, rid, round(s, 4)) for rid, s in top)
    wall = time.perf_counter() - t0
    truth = _truth_subset(data / "truth.csv", {q.id for q in queries}, data / "truth_rf.csv")
    _write_matches(data / "matches_rapidfuzz.jsonl", matches)
    best_t = best_threshold(truth, matches)
    print(
        f"rapidfuzz brute force: {len(queries)} queries x {len(rec_names)} names in {wall:.1f}s "
        f"({wall / len(queries) * 1000:.0f} ms/query)"
    )
    print(f"best threshold: {best_t}")
    return {
        "queries": len(queries),
        "names": len(rec_names),
        "ms_per_query": round(wall / len(queries) * 1000),
        **best_t,
    }


def cmd_score(args: argparse.Namespace) -> dict[str, Any]:
    matches = [
        (o["query_id"], o["record_id"], float(o["score"]))
        for o in map(json.loads, args.matches.open(encoding="utf-8"))
    ]
    res: dict[str, Any] = {}
    for t in args.thresholds:
        res[f"at_{t}"] = accuracy(args.truth, matches, t)
        print(f"threshold {t}: {res[f'at_{t}']}")
    res["best"] = best_threshold(args.truth, matches)
    print(f"best threshold: {res['best']}")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    on = sub.add_parser("online")
    on.add_argument("--data", type=Path, required=True)
    on.add_argument("--queries", type=int, default=None)
    on.add_argument("--limit", type=int, default=10)
    on.add_argument(
        "--candidates", type=int, default=0, help="also write top-N candidates per query"
    )
    ba = sub.add_parser("batch")
    ba.add_argument("--data", type=Path, required=True)
    ba.add_argument("--workers", type=int, default=2)
    rf = sub.add_parser("rapidfuzz")
    rf.add_argument("--data", type=Path, required=True)
    rf.add_argument("--queries", type=int, default=2000)
    rf.add_argument("--limit", type=int, default=10)
    sc = sub.add_parser("score")
    sc.add_argument("--truth", type=Path, required=True)
    sc.add_argument("--matches", type=Path, required=True)
    sc.add_argument("--thresholds", type=float, nargs="*", default=[0.7])
    ap.add_argument(
        "--json", type=Path, default=None, help="append the summary to this JSON Lines file"
    )
    args = ap.parse_args(argv)
    # figures differ by about a fifth between a compiled and a plain-Python install
    compiled_modules = compiled()
    print(f"compiled matching modules: {len(compiled_modules)} of {len(COMPILED_MODULES)}")
    if old := stale():
        # an edited source runs only once built again: figures from the old build would be
        # credited to the new code
        sys.exit(f"compiled modules older than their source: {', '.join(old)}; run make")
    summary = {
        "online": cmd_online,
        "batch": cmd_batch,
        "rapidfuzz": cmd_rapidfuzz,
        "score": cmd_score,
    }[args.cmd](args)
    if args.json:
        with args.json.open("a", encoding="utf-8") as fh:
            fh.write(
                json.dumps(
                    {
                        "cmd": args.cmd,
                        "data": str(getattr(args, "data", "")),
                        "compiled": len(compiled_modules),
                        **summary,
                    }
                )
                + "\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
