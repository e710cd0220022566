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
