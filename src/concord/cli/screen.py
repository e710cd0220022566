"""`concord screen`: batch cross-check of two JSON Lines person files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from concord.batch.screening import count_lines, cross_check_files


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


def screen_command(
    records: Annotated[
        Path,
        typer.Option(
            "--records", help="records.jsonl to screen against", exists=True, dir_okay=False
        ),
    ],
    queries: Annotated[
        Path,
        typer.Option(
            "--queries", help="queries.jsonl, one person a line", exists=True, dir_okay=False
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="where to write matches.jsonl", dir_okay=False)
    ],
    engine: Annotated[
        Engine, typer.Option("--engine", help="duckdb in process, or spark")
    ] = Engine.duckdb,
    threshold: Annotated[
        float | None, typer.Option("--threshold", min=0.0, max=1.0, help="default: the engine's")
    ] = None,
) -> None:
    """Screen every query against every record; write the matches as JSON Lines."""
    console = Console(stderr=True)
    total = count_lines(queries)
    with Progress(
        TextColumn("[bold]screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        task = bar.add_task("queries", total=total)

        def progress(done: int, of: int) -> None:
            bar.update(task, completed=done, total=of)

        if engine is Engine.spark:
            # imported here: pyspark is an optional dependency
            from concord.batch.spark_screening import spark_cross_check_files

            hits = spark_cross_check_files(records, queries, out, threshold, progress)
        else:
            hits = cross_check_files(records, queries, out, threshold, progress)
    console.print(f"{hits} matches for {total} queries written to {out}")
