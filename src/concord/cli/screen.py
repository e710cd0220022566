"""`concord screen`: batch cross-check of two JSON Lines person files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from concord.batch.screening import BadPersonLine, count_lines, cross_check_files


class Engine(StrEnum):
    local = "local"
    # the former name of the local runner (it joined in DuckDB), kept for scripts
    duckdb = "duckdb"
    spark = "spark"


def screen_command(
    queries: Annotated[
        Path,
        typer.Option(
            "--queries", help="queries.jsonl, one person a line", exists=True, dir_okay=False
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="where to write matches.jsonl", dir_okay=False)
    ],
    records: Annotated[
        Path | None,
        typer.Option(
            "--records",
            help="records.jsonl to screen against (default: the database, with --as)",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine", help="local: an in-memory index shared by worker processes; or spark"
        ),
    ] = Engine.local,
    threshold: Annotated[
        float | None, typer.Option("--threshold", min=0.0, max=1.0, help="default: the engine's")
    ] = None,
    as_user: Annotated[
        str | None,
        typer.Option("--as", help="screen against the database's persons this user may see"),
    ] = None,
    database_url: Annotated[
        str | None, typer.Option("--database-url", envvar="CONCORD_DATABASE_URL")
    ] = None,
) -> None:
    """Screen every query against every record; write the matches as JSON Lines."""
    console = Console(stderr=True)
    if records is None:
        if as_user is None:
            raise typer.BadParameter("give --records FILE, or --as USER to screen the database")
        records = _database_records(as_user, database_url, out)
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

        try:
            if engine is Engine.spark:
                # imported here: pyspark is an optional dependency
                from concord.batch.spark_screening import spark_cross_check_files

                hits = spark_cross_check_files(records, queries, out, threshold, progress)
            else:
                hits = cross_check_files(records, queries, out, threshold, progress)
        except BadPersonLine as exc:
            bar.stop()
            console.print(f"[red]error:[/] {exc}\nnothing was written to {out}", soft_wrap=True)
            raise typer.Exit(code=2) from None
    console.print(f"{hits} matches for {total} queries written to {out}")


def _database_records(username: str, database_url: str | None, out: Path) -> Path:
    """Write the persons `username` may see to a JSON Lines file beside `out`."""
    import json

    from sqlalchemy import select

    from concord.services.auth import actor_of
    from concord.services.runtime import start
    from concord.services.screening import records_for_batch
    from concord.settings import Settings
    from concord.storage.tables import User

    settings = Settings(database_url=database_url) if database_url else Settings()
    runtime = start(settings)
    with runtime.uow() as uow:
        user = uow.session.execute(
            select(User).where(User.username == username)
        ).scalar_one_or_none()
        if user is None:
            raise typer.BadParameter(f"no user '{username}'", param_hint="--as")
        rows = records_for_batch(uow, actor_of(user))
        uow.commit()
    path = out.with_name(out.stem + ".records.jsonl")
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
