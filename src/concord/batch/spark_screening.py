"""Batch cross-check on Apache Spark: a blocked join with the candidate rule of MatchIndex.

For data that outgrows one machine. The local runner (`concord.batch.screening`) asks a
MatchIndex held in memory; this one expresses the same rule as joins (stop keys, weighted
key votes, the best MAX_SCORED candidates per query) and scores and ranks them as the
index does, so both runners return the same pairs and scores. It spreads the work over a
Spark cluster, or over local cores with `master="local[2]"`.

pyspark is an optional dependency (`pip install concord[spark]`) and needs a Java runtime.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from concord.batch.screening import (
    BadPersonLine,
    Line,
    Progress,
    ScreeningHit,
    finalise,
    parse_person,
    write_hits,
)
from concord.matching import DEFAULT_THRESHOLD, blocking_keys, prepare
from concord.matching.bulk import QueryScorer
from concord.matching.index import (
    DATE_KEYS,
    KEY_VOTES,
    MAX_SCORED,
    MID_KEY_SIZE,
    RARE_KEY_SIZE,
    STOP_KEY_SIZE,
)
from concord.matching.keys import NAMESAKE_KEYS, UNDATED_KEYS, key_groups, query_keys, undated_key

# How a worker's BadPersonLine reads in the Spark error the driver gets.
_BAD_LINE = re.compile(r"BadPersonLine: (.+)")

_PREPARED = StructType(
    [
        StructField("idx", LongType(), False),
        StructField("id", StringType(), False),
        StructField("blob", BinaryType(), False),
        StructField("keys", ArrayType(StringType()), False),
        # a query's key groups, one for each key (keys.key_groups); a record's: none
        StructField("groups", ArrayType(StringType()), False),
    ]
)
_HITS = StructType(
    [
        StructField("qidx", LongType(), False),
        StructField("query_id", StringType(), False),
        StructField("record_id", StringType(), False),
        StructField("score", DoubleType(), False),
    ]
)


def local_session(cores: int = 2, app: str = "concord-screen") -> SparkSession:
    """A local Spark session using this interpreter for Python workers."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app)
        .config("spark.sql.shuffle.partitions", str(max(4, cores * 4)))
        .config("spark.driver.memory", "4g")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _prepare_partition(
    rows: Iterable[tuple[str, int]], is_query: bool, source: str
) -> Iterator[tuple[int, str, bytes, list[str], list[str]]]:
    keyfn = query_keys if is_query else blocking_keys
    for line, idx in rows:
        if not line.strip():
            continue
        # idx counts every line of the file from 0, blank ones included
        prepared = prepare(parse_person(Line(source, idx + 1, line)))
        keys = sorted(keyfn(prepared))
        groups = list(key_groups(prepared, keys).values()) if is_query else []
        yield (
            idx,
            prepared.id,
            pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL),
            keys,
            groups,
        )


def _prepared_frame(spark: SparkSession, path: Path, is_query: bool) -> DataFrame:
    lines = spark.sparkContext.textFile(str(path)).zipWithIndex()
    source = str(path)
    rdd = lines.mapPartitions(lambda rows: _prepare_partition(rows, is_query, source))
    return spark.createDataFrame(rdd, _PREPARED)


def _votes_column() -> Any:
    kind = F.lit(1)
    for k, votes in KEY_VOTES.items():
        kind = F.when(F.substring("key", 1, 1) == k, F.lit(votes)).otherwise(kind)
    rarity = (
        F.when(F.col("size") <= RARE_KEY_SIZE, 3)
        .when(F.col("size") <= MID_KEY_SIZE, 2)
        .otherwise(1)
    )
    return kind * rarity


def _candidate_pairs(rec_keys: DataFrame, qry_keys: DataFrame, key_size: DataFrame) -> DataFrame:
    """(qidx, ridx) pairs by the rule of MatchIndex.candidates."""
    from pyspark.sql.window import Window

    key_order = Window.partitionBy("qidx").orderBy("size", "key")
    qk = (
        qry_keys.join(key_size, "key")
        .withColumn("votes", _votes_column())
        .withColumn("key_rank", F.row_number().over(key_order))
    )
    # one reading group counts once, with its most votes (its narrowest key's)
    voted = (
        qk.where(F.col("size") <= STOP_KEY_SIZE)
        .join(rec_keys, "key")
        .withColumn("named", (~F.substring("key", 1, 1).isin(*DATE_KEYS)).cast("int"))
        .groupBy("qidx", "ridx", "group")
        .agg(
            F.max("votes").alias("votes"),
            F.min("key_rank").alias("first"),
            F.max("named").alias("named"),
        )
        .groupBy("qidx", "ridx")
        .agg(
            F.sum("votes").alias("v"),
            F.min("first").alias("first"),
            F.max("named").alias("named"),
        )
    )

    narrowest = (
        qk.join(voted.select("qidx").distinct(), "qidx", "left_anti")
        .withColumn("k", F.row_number().over(Window.partitionBy("qidx").orderBy("size", "key")))
        .where(F.col("k") == 1)
        .select("qidx", "key")
    )
    fallback = narrowest.join(rec_keys, "key").select(
        "qidx",
        "ridx",
        F.lit(1).cast("long").alias("v"),
        F.lit(0).cast("long").alias("first"),
        F.lit(1).alias("named"),
    )
    ranked = voted.select(
        "qidx",
        "ridx",
        F.col("v").cast("long").alias("v"),
        F.col("first").cast("long").alias("first"),
        F.col("named").cast("int").alias("named"),
    ).unionByName(fallback)
    # found by a date alone last; ties in votes keep the order the index first meets
    # candidates in: narrowest key first
    order = (F.desc("named"), F.desc("v"), "first", "ridx")
    rank = F.row_number().over(Window.partitionBy("qidx").orderBy(*order))
    return ranked.withColumn("rank", rank).where(F.col("rank") <= MAX_SCORED).select("qidx", "ridx")


def _score_partition(
    rows: Iterable[Any], counts: dict[str, int], total: int, threshold: float
) -> Iterator[tuple[int, str, str, float]]:
    """Score one partition; rows arrive grouped by query (see the sort in spark_cross_check)."""

    def freq(part_skeleton: str) -> float | None:
        if not total or len(part_skeleton) < 2:
            return None
        return counts.get("n:" + part_skeleton, 0) / total

    def key_size(key: str) -> int:
        return counts.get(key, 0)

    def undated_size(key: str) -> int:
        return counts.get(undated_key(key), 0)

    records: dict[int, Any] = {}
    current: int | None = None
    query: Any = None
    scorer: QueryScorer | None = None
    scored: list[tuple[float, Any]] = []

    def flush() -> Iterator[tuple[int, str, str, float]]:
        if current is not None and scored:
            memo = scorer.parts if scorer is not None else None
            for qid, rid, score in finalise(
                query, scored, threshold, key_size, undated_size, True, memo
            ):
                yield current, qid, rid, score

    for row in rows:
        if row.qidx != current:
            yield from flush()
            current, query, scored = row.qidx, pickle.loads(row.qblob), []
            scorer = QueryScorer(query, freq, threshold)
        r = records.get(row.ridx)
        if r is None:
            r = records[row.ridx] = pickle.loads(row.rblob)
        assert scorer is not None
        score = scorer.score_at_cut(r)
        if score is not None:
            scored.append((score, r))
    yield from flush()


def spark_cross_check(
    spark: SparkSession,
    records: Path,
    queries: Path,
    threshold: float | None = None,
    progress: Progress | None = None,
) -> Iterator[ScreeningHit]:
    """Screen queries.jsonl against records.jsonl; yield hits grouped by query, best first."""
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    rec = _prepared_frame(spark, records, False).cache()
    qry = _prepared_frame(spark, queries, True).cache()
    n_queries = qry.count()
    if progress:
        progress(0, n_queries)
    rec_keys = rec.select(F.col("idx").alias("ridx"), F.explode("keys").alias("key"))
    qry_keys = qry.select(
        F.col("idx").alias("qidx"), F.explode(F.arrays_zip("keys", "groups")).alias("kg")
    ).select("qidx", F.col("kg.keys").alias("key"), F.col("kg.groups").alias("group"))
    key_size = rec_keys.groupBy("key").agg(F.count("*").alias("size")).cache()
    n_records = rec.count()
    # part skeletons (rarity) and the keys namesakes are counted by: pair, whole-name and
    # exact-name keys, and their undated records' (a count of one changes nothing there;
    # namesakes of two nearly agreeing dates are counted among a query's own candidates,
    # see ranking.namesake_count)
    namesake_key = F.lit(False)
    for kind in (*NAMESAKE_KEYS, *UNDATED_KEYS):
        namesake_key = namesake_key | F.col("key").startswith(kind)
    wanted = F.col("key").startswith("n:") | (namesake_key & (F.col("size") > 1))
    name_counts = {row.key: int(row.size) for row in key_size.where(wanted).collect()}
    counts = spark.sparkContext.broadcast(name_counts)
    pairs = _candidate_pairs(rec_keys, qry_keys, key_size)
    joined = pairs.join(
        qry.select(F.col("idx").alias("qidx"), F.col("blob").alias("qblob")), "qidx"
    ).join(rec.select(F.col("idx").alias("ridx"), F.col("blob").alias("rblob")), "ridx")
    grouped = joined.repartition("qidx").sortWithinPartitions("qidx")
    scored = grouped.rdd.mapPartitions(
        lambda rows: _score_partition(rows, counts.value, n_records, limit)
    )
    hits = spark.createDataFrame(scored, _HITS).orderBy("qidx", F.desc("score"), "record_id")
    for row in hits.toLocalIterator():
        yield ScreeningHit(row.query_id, row.record_id, row.score)
    if progress:
        progress(n_queries, n_queries)
    rec.unpersist()
    qry.unpersist()
    key_size.unpersist()


def spark_cross_check_files(
    records: Path,
    queries: Path,
    out: Path,
    threshold: float | None = None,
    progress: Progress | None = None,
    spark: SparkSession | None = None,
) -> int:
    """Like `cross_check_files`, on Spark (a local session on this machine's cores if None);
    a line that is no person raises BadPersonLine as there and leaves no matches file."""
    session = spark or local_session(cores=os.cpu_count() or 2)
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("w", encoding="utf-8") as fh:
            n = write_hits(spark_cross_check(session, records, queries, threshold, progress), fh)
        partial.replace(out)
        return n
    except Exception as exc:
        # The worker's BadPersonLine reaches the driver as the text of a Spark error.
        bad = _BAD_LINE.search(str(exc))
        if bad is not None:
            raise BadPersonLine(bad.group(1)) from None
        raise
    finally:
        partial.unlink(missing_ok=True)
        if spark is None:
            session.stop()
