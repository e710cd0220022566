"""The Spark runner returns the same pairs and scores as the local runner, and names the
line of a file that holds no person."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - environment without a JVM
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from collections.abc import Iterator

from pyspark.sql import SparkSession

from concord.batch.screening import BadPersonLine, cross_check_files
from concord.batch.spark_screening import local_session, spark_cross_check_files
from concord.matching import MatchIndex, PersonRecord
from factories.screening import generate_set

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = local_session(cores=2, app="concord-test")
    yield session
    session.stop()


def test_spark_and_local_runners_agree(tmp_path: Path, spark: SparkSession) -> None:
    generate_set(tmp_path, 250, 100, seed=11)
    records, queries = tmp_path / "records.jsonl", tmp_path / "queries.jsonl"
    n_spark = spark_cross_check_files(records, queries, tmp_path / "spark.jsonl", spark=spark)
    n_duck = cross_check_files(records, queries, tmp_path / "duck.jsonl")
    read = lambda name: [json.loads(x) for x in (tmp_path / name).read_text().splitlines()]  # noqa: E731
    assert n_spark == n_duck > 0
    assert read("spark.jsonl") == read("duck.jsonl")


def test_both_runners_count_the_namesakes_a_querys_date_cannot_rule_out(
    tmp_path: Path, spark: SparkSession
) -> None:
    people = [
        {"id": "u1", "names": ["Nadiia Kravchenko"]},
        {"id": "u2", "names": ["Надія Кравченко"]},
    ]
    for n, born in enumerate(("1954-06-25", "1962-07-25", "1988-11-02", "2000-06-01")):
        people.append({"id": f"d{n}", "names": ["Nadiia Kravchenko"], "birth_date": born})
    query = {"id": "q", "names": ["НАДІЯ КРАВЧЕНКО"], "birth_date": "1976-09-10"}
    records, queries = tmp_path / "records.jsonl", tmp_path / "queries.jsonl"
    records.write_text("".join(json.dumps(p) + "\n" for p in people), encoding="utf-8")
    queries.write_text(json.dumps(query) + "\n", encoding="utf-8")
    spark_cross_check_files(records, queries, tmp_path / "spark.jsonl", spark=spark)
    cross_check_files(records, queries, tmp_path / "duck.jsonl")
    index = MatchIndex()
    index.add_many(PersonRecord.from_json(p) for p in people)
    online = index.search(PersonRecord.from_json(query))
    read = lambda name: [json.loads(x) for x in (tmp_path / name).read_text().splitlines()]  # noqa: E731
    # the two undated records, each paying for the other only (not for the four born
    # on other dates), as a search of the index scores them
    assert {m.record_id for m in online} == {"u1", "u2"}
    expected = [{"query_id": "q", "record_id": m.record_id, "score": m.score} for m in online]
    assert read("spark.jsonl") == read("duck.jsonl") == expected


def test_a_bad_line_is_named_and_no_matches_file_is_left(
    tmp_path: Path, spark: SparkSession
) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"id": "r1", "names": ["Anna Berg"]}) + "\n", encoding="utf-8")
    queries = tmp_path / "queries.jsonl"
    # a blank line counts: the bad one is the file's third
    queries.write_text(
        json.dumps({"id": "q1", "names": ["Anna Berg"]}) + "\n\n" + '{"id": "q2", "names": \n',
        encoding="utf-8",
    )
    out = tmp_path / "matches.jsonl"
    with pytest.raises(BadPersonLine, match=r"queries\.jsonl, line 3: not a person"):
        spark_cross_check_files(records, queries, out, spark=spark)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
