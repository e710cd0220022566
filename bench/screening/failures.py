"""List and count the errors of a screening run, to see what the engine gets wrong.

    python bench/screening/failures.py --data DIR --matches DIR/matches_online.jsonl [--show 20]

Missed true pairs (false negatives) are re-scored with score_pair and shown with the
explanation; wrong pairs (false positives) are counted by a rough cause: the two records
carry the same name (a namesake the birth date must separate), one side has no birth date,
or the names differ.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from concord.matching import PersonRecord, prepare, score_pair


def _load(path: Path) -> dict[str, dict[str, Any]]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            out[obj["id"]] = obj
    return out


def _brief(obj: dict[str, Any]) -> str:
    return f"{obj.get('names')} {obj.get('birth_date')} {obj.get('nationality')}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--matches", type=Path, required=True)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args(argv)
    queries = _load(args.data / "queries.jsonl")
    matches = [json.loads(line) for line in args.matches.open(encoding="utf-8")]
    asked = {m["query_id"] for m in matches}
    with (args.data / "truth.csv").open(newline="", encoding="utf-8") as fh:
        truth = {(r["query_id"], r["record_id"]) for r in csv.DictReader(fh)}
    got = {(m["query_id"], m["record_id"]): m["score"] for m in matches}
    wanted_records = {r for _, r in truth} | {r for _, r in got}
    records: dict[str, dict[str, Any]] = {}
    with (args.data / "records.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj["id"] in wanted_records:
                records[obj["id"]] = obj
    true_queries = {q for q, _ in truth}
    fn = [(q, r) for q, r in sorted(truth) if q in queries and (q, r) not in got]
    print(f"false negatives: {len(fn)}")
    for q, r in fn[: args.show]:
        m = score_pair(
            prepare(PersonRecord.from_json(queries[q])), prepare(PersonRecord.from_json(records[r]))
        )
        why = ", ".join(f"{f.feature} {f.weight:+.2f}" for f in m.explanation)
        print(f"  {m.score:.3f} {_brief(queries[q])}  vs  {_brief(records[r])}  [{why}]")
    causes: Counter[str] = Counter()
    shown = 0
    print("false positives:")
    for (q, r), score in sorted(got.items(), key=lambda kv: -kv[1]):
        if (q, r) in truth:
            continue
        qo, ro = queries[q], records[r]
        qp, rp = prepare(PersonRecord.from_json(qo)), prepare(PersonRecord.from_json(ro))
        same_name = bool(set(qp.names) & set(rp.names))
        if not qp.birth or not rp.birth:
            cause = (
                "namesake, a birth date missing"
                if same_name
                else "names differ, a birth date missing"
            )
        else:
            cause = "namesake, other birth date" if same_name else "names differ"
        kind = "positive query" if q in true_queries else "negative query"
        causes[f"{cause} ({kind})"] += 1
        if shown < args.show:
            shown += 1
            print(f"  {score:.3f} {_brief(qo)}  vs  {_brief(ro)}  [{cause}, {kind}]")
    for cause, n in causes.most_common():
        print(f"  {n:6d}  {cause}")
    print(f"queries answered: {len(asked)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
