"""Apache Spark engine for the CDR analysis: the same SQL as DuckDB, on a Spark session.

For inputs beyond one machine: point ``analyse_cdrs(..., engine="spark")`` at a file (or a
directory of Parquet files) that Spark can read. The session is local (``local[threads]``)
unless the environment configures a cluster (``spark.master`` in ``spark-defaults.conf`` or
``PYSPARK_SUBMIT_ARGS``), in which case ``getOrCreate`` picks that up. Only the SIMs worth
scoring (tens of thousands a day) come back to the driver.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from pyspark.errors import PySparkException
from pyspark.sql import DataFrame, SparkSession

from concord.batch.cdr import CdrFormatError


class SparkEngine:
    epoch = "unix_timestamp"

    def __init__(self, threads: int | None = None, memory_limit: str | None = None) -> None:
        cores = threads or os.cpu_count() or 2
        # Spark's Python workers must run the interpreter that has Concord installed; the first
        # session in a process fixes it for every later one.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = (
            SparkSession.builder.appName("concord-cdr")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", str(4 * cores))
        )
        if not os.environ.get("PYSPARK_SUBMIT_ARGS"):
            builder = builder.master(f"local[{cores}]")
        if memory_limit:
            # Spark wants "6g" where DuckDB takes "6GB".
            builder = builder.config("spark.driver.memory", memory_limit.lower().rstrip("b"))
        self.spark = builder.getOrCreate()
        self._views: list[str] = []
        self._cached: list[DataFrame] = []
        self._path = ""

    def columns(self, path: Path) -> list[str]:
        self._path = path.name
        reader = self.spark.read
        try:
            if path.is_dir() or path.suffix.lower() in {".parquet", ".pq"}:
                frame = reader.parquet(str(path))
            else:
                # Every column as text: identifiers must not become numbers.
                frame = reader.option("header", True).option("inferSchema", False).csv(str(path))
        except PySparkException as exc:
            raise CdrFormatError(f"{path.name}: cannot read as CDRs: {exc}") from exc
        self._view("cdr_raw", frame)
        return list(frame.columns)

    def ident(self, name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    def create_source(self, path: Path, select: str) -> None:
        self._view("cdr", self.spark.sql(select.replace("{source}", "cdr_raw")))

    def materialise(self, name: str, sql: str) -> None:
        frame = self.spark.sql(sql).cache()
        self._cached.append(frame)
        # Compute now (caching is lazy) so that progress reports match the work being done.
        self._run(frame.count)
        self._view(name, frame)

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        frame = self.spark.sql(sql)
        rows = self._run(frame.collect)
        return list(frame.columns), [tuple(row) for row in rows]

    def register_strings(self, name: str, column: str, values: list[str]) -> None:
        frame = self.spark.createDataFrame([(v,) for v in values], f"{column} string")
        self._view(name, frame)

    def close(self) -> None:
        # The session stays up for the next analysis in this process; our views and caches go.
        for frame in self._cached:
            frame.unpersist()
        for name in self._views:
            self.spark.catalog.dropTempView(name)

    def _view(self, name: str, frame: DataFrame) -> None:
        frame.createOrReplaceTempView(name)
        self._views.append(name)

    def _run(self, action: Any) -> Any:
        try:
            return action()
        except PySparkException as exc:
            # Casts fail lazily in Spark: a bad timestamp or duration shows up here.
            if "CAST_INVALID_INPUT" in str(exc) or "CAST_OVERFLOW" in str(exc):
                raise CdrFormatError(f"{self._path}: bad value: {exc}") from exc
            raise
