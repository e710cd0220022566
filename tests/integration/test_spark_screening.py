"""The Spark runner returns the same pairs and scores as the local runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - environment without a JVM
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from concord.batch.screening import cross_check_files
from concord.batch.spark_screening import local_session, spark_cross_check_files
from factories.screening import generate_set

pytestmark = pytest.mark.spark


def test_spark_and_local_runners_agree(tmp_path: Path) -> None:
    generate_set(tmp_path, 250, 100, seed=11)
    records, queries = tmp_path / "records.jsonl", tmp_path / "queries.jsonl"
    spark = local_session(cores=2, app="concord-test")
    try:
        n_spark = spark_cross_check_files(records, queries, tmp_path / "spark.jsonl", spark=spark)
    finally:
        spark.stop()
    n_duck = cross_check_files(records, queries, tmp_path / "duck.jsonl")
    read = lambda name: [json.loads(x) for x in (tmp_path / name).read_text().splitlines()]  # noqa: E731
    assert n_spark == n_duck > 0
    assert read("spark.jsonl") == read("duck.jsonl")
