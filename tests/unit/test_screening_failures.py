"""The screening benchmark's error report (bench/screening/failures.py): where a query's
true record was lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from concord.matching import MatchIndex, PersonRecord
from factories.bench_scripts import load_bench_script

RECORDS = [
    {"id": "r1", "names": ["Ivan Petrov"], "birth_date": "1970-01-01", "nationality": ["ru"]},
    {"id": "r2", "names": ["Ivan Petrov"], "birth_date": "1970-01-01", "nationality": ["ru"]},
    {"id": "r3", "names": ["Anna Schmidt"], "birth_date": "1985-04-02", "nationality": ["de"]},
    {"id": "r4", "names": ["Maria Lopez"], "birth_date": "1990-06-07", "nationality": ["es"]},
]
QUERIES = [
    # r1 and r2 are twins: r1 comes first by its id, so r2 is found but not first
    {"id": "q1", "names": ["Ivan Petrov"], "birth_date": "1970-01-01", "nationality": ["ru"]},
    # neither name nor birth date is shared: no key leads to r3
    {"id": "q2", "names": ["Zbigniew Kowalczyk"], "birth_date": "1961-11-30"},
    # the name leads to r4, the birth date ten years off keeps it under the threshold
    {"id": "q3", "names": ["Maria Lopez"], "birth_date": "1980-06-07", "nationality": ["es"]},
    {"id": "q4", "names": ["Anna Schmidt"], "birth_date": "1985-04-02", "nationality": ["de"]},
]
TRUTH = [("q1", "r2"), ("q2", "r3"), ("q3", "r4"), ("q4", "r3")]


@pytest.fixture
def run(tmp_path: Path) -> Path:
    for name, rows in (("records", RECORDS), ("queries", QUERIES)):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
        )
    (tmp_path / "truth.csv").write_text(
        "query_id,record_id\r\n" + "".join(f"{q},{r}\r\n" for q, r in TRUTH), encoding="utf-8"
    )
    index = MatchIndex()
    index.add_many(PersonRecord.from_json(r) for r in RECORDS)
    with (tmp_path / "matches.jsonl").open("w", encoding="utf-8") as fh:
        for q in QUERIES:
            for m in index.search(PersonRecord.from_json(q)):
                row = {"query_id": q["id"], "record_id": m.record_id, "score": m.score}
                fh.write(json.dumps(row) + "\n")
    return tmp_path


def _report(run: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    failures = load_bench_script("screening_failures", "screening/failures.py")
    args = ["--data", str(run), "--matches", str(run / "matches.jsonl"), *extra]
    assert failures.main(args) == 0
    return capsys.readouterr().out


def test_each_miss_is_put_at_the_stage_where_it_was_lost(
    run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _report(run, capsys, "--stages")
    assert "queries whose first match is not a true one: 3" in out
    assert "[found, not first] q1" in out
    assert "[no shared key] q2" in out
    assert "[under the threshold] q3" in out
    assert "q4" not in out.split("queries whose first match")[1]  # found first


def test_only_the_first_queries_count_when_asked(
    run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _report(run, capsys, "--queries", "2", "--stages")
    assert "queries answered: 1 of 2" in out  # q1 is answered (by r1), q2 is not
    assert "queries whose first match is not a true one: 2" in out
    assert "q3" not in out
