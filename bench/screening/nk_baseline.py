"""Baseline: OpenSanctions' nomenklatura matcher "logic-v2" on the screening benchmark.

nomenklatura pins other versions of duckdb and followthemoney than Concord, so it runs in
its own virtualenv, with nothing from Concord imported:

    python3.11 -m venv /tmp/nk && /tmp/nk/bin/pip install nomenklatura
    /tmp/nk/bin/python bench/screening/nk_baseline.py --data DIR [--queries 2000]

logic-v2 compares two entities; it has no candidate search of its own here, so it scores
the candidate lists that `run.py online --candidates N` wrote (candidates.jsonl, the
engine's blocking, best N by key votes). Writes matches_nk.jsonl (pairs with score > 0,
best 10 per query); score it with `run.py score --thresholds 0.7`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig


def entity(obj: dict[str, Any]) -> Any:
    e = model.make_entity("Person")
    e.id = obj["id"]
    for name in obj.get("names", []):
        e.add("name", name)
    if obj.get("birth_date"):
        e.add("birthDate", obj["birth_date"])
    for nat in obj.get("nationality", []) or []:
        e.add("nationality", nat)
    if obj.get("gender"):
        e.add("gender", obj["gender"])
    for ident in obj.get("identifiers", []) or []:
        e.add("passportNumber" if ident.get("type") == "passport" else "idNumber", ident["value"])
    return e


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--queries", type=int, default=None)
    ap.add_argument("--limit", type=int, default=10)
    args = ap.parse_args()
    algo = get_algorithm("logic-v2")
    if algo is None:
        sys.exit("logic-v2 not available in this nomenklatura")
    config = ScoringConfig.defaults()
    candidates: dict[str, list[str]] = {}
    for line in (args.data / "candidates.jsonl").open(encoding="utf-8"):
        obj = json.loads(line)
        candidates[obj["query_id"]] = obj["candidates"]
    wanted = {rid for ids in candidates.values() for rid in ids}
    records: dict[str, Any] = {}
    for line in (args.data / "records.jsonl").open(encoding="utf-8"):
        obj = json.loads(line)
        if obj["id"] in wanted:
            records[obj["id"]] = entity(obj)
    out = (args.data / "matches_nk.jsonl").open("w", encoding="utf-8")
    t0 = time.perf_counter()
    n_pairs = n_q = 0
    for i, line in enumerate((args.data / "queries.jsonl").open(encoding="utf-8")):
        if args.queries is not None and i >= args.queries:
            break
        obj = json.loads(line)
        if obj["id"] not in candidates:
            continue
        query = entity(obj)
        n_q += 1
        scored = []
        for rid in candidates[obj["id"]]:
            result = algo.compare(query, records[rid], config)
            n_pairs += 1
            if result.score > 0:
                scored.append((result.score, rid))
        scored.sort(key=lambda sr: (-sr[0], sr[1]))
        for score, rid in scored[: args.limit]:
            out.write(
                json.dumps({"query_id": obj["id"], "record_id": rid, "score": round(score, 4)})
                + "\n"
            )
    out.close()
    wall = time.perf_counter() - t0
    print(
        f"logic-v2: {n_q} queries, {n_pairs} pairs in {wall:.1f}s ({wall / max(1, n_pairs) * 1000:.2f} ms/pair)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
