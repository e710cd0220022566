"""Benchmark the SIM-bank detector: precision, recall, throughput, wall time, peak RSS.

Generates the network first (in a child process, so its memory does not count) unless the
data directory already holds ``cdrs.parquet`` and ``truth.json``, then runs
``concord.batch.cdr.analyse_cdrs`` in this process and compares against the ground truth.

    python bench/cdr/run.py --rows 30000000 --banks 200 --evasion all \
        --data bench/data/cdr/30m-all --threads 2 --memory-limit 6GB
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from concord.batch.cdr import analyse_cdrs


class TreeRss(threading.Thread):
    """Peak resident memory of this process and its children (Spark's JVM is a child).

    getrusage only sees children that have exited, so /proc is sampled instead (Linux)."""

    def __init__(self, every_s: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.every_s = every_s
        self.peak_kb = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(os.getpid()))
            self._halt.wait(self.every_s)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak_kb


def _tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def precision_recall(flagged: set[str], truth: set[str]) -> dict[str, Any]:
    tp = len(flagged & truth)
    return {
        "flagged": len(flagged),
        "true": len(truth),
        "true_positives": tp,
        "precision": round(tp / len(flagged), 4) if flagged else 1.0,
        "recall": round(tp / len(truth), 4) if truth else 1.0,
    }


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, required=True, help="directory for cdrs.* + truth.json")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--banks", type=int, default=20)
    p.add_argument("--evasion", default="none")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--memory-limit", default="6GB")
    p.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args()

    truth_path = args.data / "truth.json"
    if not truth_path.exists():
        subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("generate.py")),
                "--rows",
                str(args.rows),
                "--banks",
                str(args.banks),
                "--evasion",
                args.evasion,
                "--seed",
                str(args.seed),
                "--out",
                str(args.data),
            ],
            check=True,
        )
    truth = json.loads(truth_path.read_text())
    data = args.data / truth["file"]

    sampler = TreeRss()
    sampler.start()
    cpu_before = _cpu_s()
    started = time.perf_counter()
    report = analyse_cdrs(
        data,
        engine=args.engine,
        threads=args.threads,
        memory_limit=args.memory_limit,
        progress=lambda msg: print(f"[{time.perf_counter() - started:7.1f} s] {msg}", flush=True),
    )
    wall = time.perf_counter() - started
    cpu = _cpu_s() - cpu_before
    peak_mb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, sampler.stop()) / 1024

    sims = precision_recall({s.imsi for s in report.flagged_sims}, set(truth["bank_imsis"]))
    devices = precision_recall({d.imei for d in report.flagged_devices}, set(truth["bank_imeis"]))
    flagged = {s.imsi for s in report.flagged_sims}
    hard_negatives = {
        kind: f"{len(flagged & set(imsis))}/{len(imsis)}" for kind, imsis in truth["kinds"].items()
    }
    per_bank = [
        {
            "bank": b["bank"],
            "sims": b["sims"],
            "tricks": ",".join(b["tricks"]) or "none",
            "recall": round(len(flagged & set(b["imsis"])) / b["sims"], 3),
        }
        for b in truth["banks"]
    ]
    # Separation: the weakest bank SIM against the strongest ordinary subscriber. Ordinary
    # subscribers below the borderline band are not listed by the report, hence "below".
    scored = {s.imsi: s.score for s in [*report.flagged_sims, *report.borderline_sims]}
    bank_scores = [scored[imsi] for imsi in truth["bank_imsis"] if imsi in scored]
    bank_set = set(truth["bank_imsis"])
    kind_of = {imsi: kind for kind, imsis in truth["kinds"].items() for imsi in imsis}
    others = sorted(
        (
            (score, kind_of.get(imsi, "regular"))
            for imsi, score in scored.items()
            if imsi not in bank_set
        ),
        reverse=True,
    )
    floor = report.thresholds.flag_score - 0.15
    all_banks_scored = len(bank_scores) == len(truth["bank_imsis"])
    margin = {
        "lowest_bank_sim_score": min(bank_scores) if all_banks_scored else f"< {floor:.2f}",
        "highest_other_sim_score": others[0][0] if others else f"< {floor:.2f}",
        "highest_other_sim_kind": others[0][1] if others else None,
        "flag_score": report.thresholds.flag_score,
        "score_histogram": report.score_histogram,
    }
    figures = {
        "rows": report.rows_read,
        "subscribers": report.subscribers,
        "evasion": truth["evasion"],
        "bank_sims": len(truth["bank_imsis"]),
        "bank_devices": len(truth["bank_imeis"]),
        "wall_s": round(wall, 1),
        "rows_per_s": round(report.rows_read / wall),
        "cpu_s": round(cpu, 1) if args.engine == "duckdb" else None,
        "peak_rss_mb": round(peak_mb),
        "engine": args.engine,
        "threads": args.threads,
        "memory_limit": args.memory_limit,
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "sims": sims,
        "devices": devices,
        "hard_negatives_flagged": hard_negatives,
        "margin": margin,
        "worst_banks": sorted(per_bank, key=lambda b: b["recall"])[:5],
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
