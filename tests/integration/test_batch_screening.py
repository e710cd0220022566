"""Batch cross-check (the local runner) and the `screen` CLI command on generated data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from concord.batch.screening import BatchSettings, cross_check, cross_check_files, read_persons
from concord.cli.screen import screen_command
from concord.matching import DEFAULT_THRESHOLD, MatchIndex, PersonRecord
from factories.screening import generate_set


@pytest.fixture(scope="module")
def bench_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("screening")
    return generate_set(out, 300, 120, seed=7)


def _truth(path: Path) -> set[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {(row["query_id"], row["record_id"]) for row in csv.DictReader(fh)}


def test_generator_plants_positive_and_negative_queries(bench_set: Path) -> None:
    truth = _truth(bench_set / "truth.csv")
    queries = [json.loads(line) for line in (bench_set / "queries.jsonl").open(encoding="utf-8")]
    records = [json.loads(line) for line in (bench_set / "records.jsonl").open(encoding="utf-8")]
    assert len(records) == 300 and len(queries) == 120
    assert len(truth) == 84  # 70 % positive
    record_ids = {r["id"] for r in records}
    assert all(rid in record_ids for _, rid in truth)
    scripts = {any(not ch.isascii() for ch in n) for q in queries for n in q["names"]}
    assert scripts == {True, False}  # both native-script and Latin queries


def test_local_runner_finds_planted_pairs(bench_set: Path) -> None:
    truth = _truth(bench_set / "truth.csv")
    hits = list(
        cross_check(
            read_persons(bench_set / "records.jsonl"),
            read_persons(bench_set / "queries.jsonl"),
            settings=BatchSettings(workers=1),
        )
    )
    found = {(h.query_id, h.record_id) for h in hits}
    assert all(h.score >= DEFAULT_THRESHOLD for h in hits)
    recall = len(found & truth) / len(truth)
    precision = len(found & truth) / len(found)
    assert recall >= 0.85, recall
    assert precision >= 0.85, precision


def test_local_runner_agrees_with_online_search(bench_set: Path) -> None:
    index = MatchIndex()
    for record in read_persons(bench_set / "records.jsonl"):
        index.add(record)
    online = [
        (q.id, m.record_id, m.score)
        for q in read_persons(bench_set / "queries.jsonl")
        for m in index.search(q, limit=1000)
    ]
    batch = list(
        cross_check(
            read_persons(bench_set / "records.jsonl"),
            read_persons(bench_set / "queries.jsonl"),
            settings=BatchSettings(workers=2, query_chunk=50),
        )
    )
    # the same rows in the same order: the queries' (though each chunk is screened in the
    # order of its names), best first within a query, as each search returns them
    assert batch == online


def test_threshold_is_respected_and_hits_are_best_first(bench_set: Path) -> None:
    hits = list(
        cross_check(
            read_persons(bench_set / "records.jsonl"),
            read_persons(bench_set / "queries.jsonl"),
            threshold=0.5,
            settings=BatchSettings(workers=1),
        )
    )
    assert hits and min(h.score for h in hits) >= 0.5
    assert any(h.score < DEFAULT_THRESHOLD for h in hits)  # a lower threshold returns more
    last: dict[str, float] = {}
    seen_done: set[str] = set()
    previous = None
    for h in hits:
        if h.query_id != previous:
            assert h.query_id not in seen_done  # grouped by query
            if previous is not None:
                seen_done.add(previous)
            previous = h.query_id
        assert h.score <= last.get(h.query_id, 1.0)
        last[h.query_id] = h.score


def test_cross_check_files_on_empty_queries(tmp_path: Path, bench_set: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "m.jsonl"
    assert cross_check_files(bench_set / "records.jsonl", empty, out) == 0
    assert out.read_text(encoding="utf-8") == ""


def test_cli_writes_matches_jsonl(tmp_path: Path, bench_set: Path) -> None:
    app = typer.Typer()
    app.command("screen")(screen_command)
    app.command("noop")(lambda: None)  # two commands keep `screen` a named subcommand
    out = tmp_path / "matches.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "screen",
            "--records",
            str(bench_set / "records.jsonl"),
            "--queries",
            str(bench_set / "queries.jsonl"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines
    for obj in lines:
        assert set(obj) == {"query_id", "record_id", "score"}
        assert 0.0 <= obj["score"] <= 1.0
    truth = _truth(bench_set / "truth.csv")
    assert len({(o["query_id"], o["record_id"]) for o in lines} & truth) >= 0.85 * len(truth)


def test_files_screened_from_raw_lines_equal_persons(tmp_path: Path, bench_set: Path) -> None:
    # cross_check_files hands unparsed lines to the workers (blank lines skipped, as
    # read_persons does); the result is that of cross_check over PersonRecords
    queries = tmp_path / "queries.jsonl"
    text = (bench_set / "queries.jsonl").read_text(encoding="utf-8")
    queries.write_text("\n" + text.replace("\n", "\n  \n", 3), encoding="utf-8")
    out = tmp_path / "m.jsonl"
    n = cross_check_files(
        bench_set / "records.jsonl", queries, out, settings=BatchSettings(workers=2)
    )
    expected = list(
        cross_check(
            read_persons(bench_set / "records.jsonl"),
            read_persons(bench_set / "queries.jsonl"),
            settings=BatchSettings(workers=1),
        )
    )
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(expected) > 0
    assert [(o["query_id"], o["record_id"], o["score"]) for o in got] == [
        (h.query_id, h.record_id, round(h.score, 4)) for h in expected
    ]


def test_the_collector_is_tuned_while_screening_and_restored_after(
    tmp_path: Path, bench_set: Path
) -> None:
    import gc

    from concord.batch import screening

    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    cross_check_files(
        bench_set / "records.jsonl",
        bench_set / "queries.jsonl",
        tmp_path / "m.jsonl",
        progress=lambda done, total: during.append(gc.get_threshold()),
        settings=BatchSettings(workers=2),
    )
    assert during and {t[0] for t in during} == {screening._SCREENING_GC_THRESHOLD}
    assert gc.get_threshold() == before


def test_equal_scores_come_in_the_order_a_search_gives_them() -> None:
    records = [
        PersonRecord(id="a-digit", names=("Gagik Stepanyan",), birth_date="1953-02-19"),
        PersonRecord(id="b-swap", names=("Gagik Stepanyan",), birth_date="1953-10-02"),
    ]
    query = PersonRecord(id="q", names=("Gagik Stepanyan",), birth_date="1953-02-10")
    hits = list(cross_check(records, [query], settings=BatchSettings(workers=1)))
    index = MatchIndex()
    index.add_many(records)
    searched = index.search(query)
    assert [(h.record_id, h.score) for h in hits] == [(m.record_id, m.score) for m in searched]
    # the scores clip alike at 1.0; the day and month swapped is the nearer date
    assert [h.record_id for h in hits] == ["b-swap", "a-digit"]
