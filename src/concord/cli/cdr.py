"""``concord cdr analyse CALLS``: flag SIM-bank SIMs and devices in call detail records."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from concord.batch.cdr import CdrFormatError, CdrReport, analyse_cdrs, report_as_dict

cdr_app = typer.Typer(help="Call detail record (CDR) analysis.", no_args_is_help=True)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


@cdr_app.command("analyse")
def analyse(
    calls: Path = typer.Argument(
        ..., help="CDR file: CSV with header, Parquet, or a directory of Parquet files."
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write flags, features and indicators as JSON here."
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.table, "--format", "-f", help="Show results as a table or as JSON."
    ),
    limit: int = typer.Option(50, help="Rows per table (the JSON output has them all)."),
    threads: int | None = typer.Option(None, help="Threads (default: all cores)."),
    memory_limit: str | None = typer.Option(None, help="Memory limit, e.g. 6GB."),
    engine: Engine = typer.Option(
        Engine.duckdb, help="duckdb in process, or spark (needs pyspark and Java)."
    ),
) -> None:
    """Flag SIM cards and devices that behave like a SIM bank."""
    console = Console(stderr=output_format is OutputFormat.json)
    try:
        with console.status("analysing CDRs") as status:
            report = analyse_cdrs(
                calls,
                progress=lambda msg: status.update(msg),
                threads=threads,
                memory_limit=memory_limit,
                engine=engine.value,
            )
    except FileNotFoundError as exc:
        console.print(f"[red]no such file:[/red] {exc}")
        raise typer.Exit(2) from exc
    except CdrFormatError as exc:
        console.print(f"[red]bad CDR file:[/red] {exc}")
        raise typer.Exit(2) from exc
    data = report_as_dict(report)
    if out:
        out.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    _print_tables(console, report, limit)
    if out:
        console.print(f"written to {out}")


def _print_tables(console: Console, report: CdrReport, limit: int) -> None:
    console.print(
        f"{report.rows_read:,} records over {report.days} day(s), {report.subscribers:,} SIMs, "
        f"{report.devices:,} devices, read in {report.elapsed_s:.1f} s"
    )
    sims = Table(title=f"Flagged SIMs ({len(report.flagged_sims)})")
    for name in ("IMSI", "number", "IMEIs", "score", "why"):
        sims.add_column(name, overflow="fold")
    for s in report.flagged_sims[:limit]:
        imeis = ", ".join(s.imeis[:3]) + (f" +{len(s.imeis) - 3}" if len(s.imeis) > 3 else "")
        sims.add_row(s.imsi, s.msisdn, imeis, f"{s.score:.2f}", "; ".join(s.reasons))
    console.print(sims)
    devices = Table(title=f"Flagged devices ({len(report.flagged_devices)})")
    for name in ("IMEI", "SIMs", "flagged SIMs", "score", "why"):
        devices.add_column(name, overflow="fold")
    for d in report.flagged_devices[:limit]:
        devices.add_row(
            d.imei, str(d.imsi_count), str(d.flagged_imsis), f"{d.score:.2f}", "; ".join(d.reasons)
        )
    console.print(devices)
    hidden = max(0, len(report.flagged_sims) - limit) + max(0, len(report.flagged_devices) - limit)
    if hidden:
        console.print(f"{hidden} more rows not shown; use --out or --format json for all")
