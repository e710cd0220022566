"""List and count the errors of a screening run, to see what the engine gets wrong.

    python bench/screening/failures.py --data DIR --matches DIR/matches_online.jsonl \
        [--queries N] [--answerable] [--stages] [--show 20]

Missed true pairs (false negatives) are re-scored with score_pair and shown with the
explanation; wrong pairs (false positives) are counted by a rough cause: the two records
carry the same name (a namesake the birth date must separate), one side has no birth date,
or the names differ.

`--queries N` counts only the first N queries as asked, as `run.py online --queries N`
screens only those. `--answerable` leaves out the queries listed in ambiguous.txt.

`--stages` indexes the records (as `run.py online` does: about 100 s at a million) and
tells, for every query whose first match is not a true one, where its true record was
lost: it shares no blocking key with the query, it ranks outside the candidates that are
scored, its score is under the threshold, the ranking step (exclusivity, namesakes)
pushed it under, or it is found but not first.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from concord.matching import MatchIndex, PersonRecord, prepare, score_pair
from concord.matching.index import MAX_SCORED
from concord.matching.scoring import DEFAULT_THRESHOLD, evaluate


def _load(path: Path, limit: int | None = None) -> dict[str, dict[str, Any]]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            obj = json.loads(line)
            out[obj["id"]] = obj
    return out


def _brief(obj: dict[str, Any]) -> str:
    return f"{obj.get('names')} {obj.get('birth_date')} {obj.get('nationality')}"


def _first_matches(matches: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each query's first match as the shared scorer picks it: the highest score, and of
    equal scores the first returned."""
    best: dict[str, tuple[float, str]] = {}
    for m in matches:
        q, r, s = m["query_id"], m["record_id"], m["score"]
        if q not in best or s > best[q][0]:
            best[q] = (s, r)
    return {q: r for q, (_, r) in best.items()}


STAGES = (
    "no shared key",
    f"outside the {MAX_SCORED} scored candidates",
    "under the threshold",
    "ranked under the threshold (exclusivity, namesakes)",
    "found, not first",
)


def _stage(index: MatchIndex, query: PersonRecord, true_ids: set[str]) -> tuple[str, str]:
    """Where the best placed of the query's true records was lost, and a detail."""
    q = prepare(query)
    ordinals = index.candidates(q)
    positions = [
        i for i, o in enumerate(ordinals) if (rec := index._records[o]) and rec.id in true_ids
    ]
    if not positions:
        return STAGES[0], ""
    if positions[0] >= MAX_SCORED:
        return STAGES[1], f"candidate {positions[0] + 1} of {len(ordinals)}"
    freq = index.part_frequency
    best = max(
        evaluate(q, rec, freq)
        for i in positions
        if (rec := index._records[ordinals[i]]) is not None
    )
    if best < DEFAULT_THRESHOLD:
        return STAGES[2], f"{best:.3f}"
    found = index.search(query, limit=MAX_SCORED)
    place = next((i for i, m in enumerate(found) if m.record_id in true_ids), None)
    if place is None:
        return STAGES[3], f"{best:.3f} before ranking"
    first = found[0]
    return STAGES[4], f"place {place + 1}; first {first.record_id} at {first.score:.3f}"


def _stages(
    data: Path,
    queries: dict[str, dict[str, Any]],
    truth: set[tuple[str, str]],
    first: dict[str, str],
    show: int,
) -> None:
    true_ids: dict[str, set[str]] = {}
    for q, r in truth:
        true_ids.setdefault(q, set()).add(r)
    missed = sorted(q for q, ids in true_ids.items() if first.get(q) not in ids)
    print(f"queries whose first match is not a true one: {len(missed)}; indexing records ...")
    index = MatchIndex()
    with (data / "records.jsonl").open(encoding="utf-8") as fh:
        index.add_many(PersonRecord.from_json(json.loads(line)) for line in fh)
    counts: Counter[str] = Counter()
    for q in missed:
        stage, detail = _stage(index, PersonRecord.from_json(queries[q]), true_ids[q])
        counts[stage] += 1
        if counts[stage] <= show:
            print(f"  [{stage}] {q} {_brief(queries[q])}: {detail}")
    for stage in STAGES:
        print(f"  {counts[stage]:6d}  {stage}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--matches", type=Path, required=True)
    ap.add_argument("--queries", type=int, default=None, help="only the first N queries")
    ap.add_argument("--answerable", action="store_true", help="leave out ambiguous.txt")
    ap.add_argument("--stages", action="store_true", help="where each recall@1 miss was lost")
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args(argv)
    queries = _load(args.data / "queries.jsonl", args.queries)
    if args.answerable:
        ambiguous = set((args.data / "ambiguous.txt").read_text(encoding="utf-8").split())
        queries = {q: obj for q, obj in queries.items() if q not in ambiguous}
    matches = [
        m
        for line in args.matches.open(encoding="utf-8")
        if (m := json.loads(line))["query_id"] in queries
    ]
    asked = {m["query_id"] for m in matches}
    with (args.data / "truth.csv").open(newline="", encoding="utf-8") as fh:
        truth = {
            (r["query_id"], r["record_id"]) for r in csv.DictReader(fh) if r["query_id"] in queries
        }
    got = {(m["query_id"], m["record_id"]): m["score"] for m in matches}
    wanted_records = {r for _, r in truth} | {r for _, r in got}
    records: dict[str, dict[str, Any]] = {}
    with (args.data / "records.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj["id"] in wanted_records:
                records[obj["id"]] = obj
    true_queries = {q for q, _ in truth}
    fn = [(q, r) for q, r in sorted(truth) if (q, r) not in got]
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
    print(f"queries answered: {len(asked)} of {len(queries)}")
    if args.stages:
        _stages(args.data, queries, truth, _first_matches(matches), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
