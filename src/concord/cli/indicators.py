"""``concord indicators``: screen a national list against the registry, publish CDR flags."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from concord.domain.directory import Actor
from concord.domain.errors import DomainError
from concord.services.runtime import Runtime
from concord.settings import Settings

indicators_app = typer.Typer(help="Cyber-fraud indicators.", no_args_is_help=True)
console = Console()

DbOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar="CONCORD_DATABASE_URL",
        help="SQLAlchemy URL (default: SQLite under ./var)",
    ),
]
AsOption = Annotated[str, typer.Option("--as", help="Username the work is done as")]

MATCH_COLUMNS = (
    "line",
    "kind",
    "value",
    "key",
    "indicator_id",
    "owner",
    "owner_country",
    "hit_only",
    "confidence",
    "description",
)


def _fail(message: str) -> typer.Exit:
    console.print(f"[bold red]Error:[/] {message}")
    return typer.Exit(code=2)


def _start(database_url: str | None, username: str) -> tuple[Runtime, Actor]:
    from sqlalchemy import select

    from concord.services.auth import actor_of
    from concord.services.runtime import start
    from concord.storage.tables import User

    runtime = start(Settings(database_url=database_url) if database_url else Settings())
    with runtime.uow() as uow:
        user = uow.session.execute(
            select(User).where(User.username == username)
        ).scalar_one_or_none()
        if user is None:
            raise _fail(f"No user '{username}'.")
        return runtime, actor_of(user)


@indicators_app.command("screen")
def screen(
    file: Annotated[
        Path, typer.Argument(help="CSV: kind,value[,country], with or without a header")
    ],
    as_user: AsOption,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Matches CSV (default: FILE.matches.csv)")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="Kind for rows or files without one")] = None,
    country: Annotated[
        str | None, typer.Option(help="Default country for national phone numbers")
    ] = None,
    batch: Annotated[int, typer.Option(min=1, max=5000, help="Items per lookup")] = 1000,
    database_url: DbOption = None,
) -> None:
    """Screen a list of phones, SIMs, devices, accounts, wallets or addresses against the
    registry (the same normalised lookup as the API) and write the matches."""
    from concord.services import indicators
    from concord.services.indicator_lists import read_csv
    from concord.services.indicators import IndicatorView, LookupItem

    if not file.exists():
        raise _fail(f"{file} does not exist.")
    try:
        listed = read_csv(file.read_bytes(), kind, country, max_bytes=None)
    except DomainError as exc:
        raise _fail(f"{file}: {exc.detail}") from exc
    unreadable = [item for item in listed if item.error]
    rows = [item for item in listed if not item.error]
    runtime, actor = _start(database_url, as_user)
    target = out or file.with_suffix(".matches.csv")
    screened, matched, errors = len(unreadable), 0, len(unreadable)
    for item in unreadable:
        console.print(f"[yellow]{item.where}:[/] {item.error}")
    with (
        target.open("w", newline="", encoding="utf-8") as handle,
        Progress(
            TextColumn("[bold]Screening"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as progress,
    ):
        writer = csv.writer(handle)
        writer.writerow(MATCH_COLUMNS)
        task = progress.add_task("screen", total=len(rows))
        for start_at in range(0, len(rows), batch):
            chunk = rows[start_at : start_at + batch]
            items = [LookupItem(kind=r.kind, value=r.value, country=r.country) for r in chunk]
            try:
                with runtime.uow() as uow:
                    results = indicators.bulk_lookup(uow, actor, items)
                    uow.commit()
            except DomainError as exc:
                raise _fail(f"{chunk[0].where} to {chunk[-1].number}: {exc.detail}") from exc
            for row, result in zip(chunk, results, strict=True):
                screened += 1
                if result.error:
                    errors += 1
                    console.print(f"[yellow]{row.where}:[/] {result.error}")
                matched += bool(result.matches)
                for match in result.matches:
                    full = isinstance(match, IndicatorView)
                    writer.writerow(
                        [
                            row.number,
                            result.kind,
                            result.value,
                            result.key,
                            match.id,
                            match.owner.name,
                            match.owner.country,
                            "no" if full else "yes",
                            match.confidence_label if isinstance(match, IndicatorView) else "",
                            match.description if isinstance(match, IndicatorView) else "",
                        ]
                    )
            progress.update(task, advance=len(chunk))
    console.print(
        f"[green]{screened} screened[/], {matched} matched, {errors} not readable; "
        f"matches written to {target}"
    )


def _flags_from(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("indicators"), list):
        data = data["indicators"]
    if not isinstance(data, list) or not all(isinstance(f, dict) for f in data):
        raise _fail(
            "Expected the JSON of `concord cdr analyse --out` (with an 'indicators' list) "
            "or a list of {kind, value, confidence, reasons}."
        )
    return data


@indicators_app.command("publish-cdr")
def publish_cdr(
    flagged: Annotated[Path, typer.Argument(help="JSON written by `concord cdr analyse --out`")],
    as_user: AsOption,
    reference: Annotated[str, typer.Option(help="Case or operation reference")],
    visibility: str = "all_members",
    countries: Annotated[
        str, typer.Option(help="Comma-separated, with --visibility listed_countries")
    ] = "",
    handling: str = "H0",
    country: Annotated[
        str | None, typer.Option(help="Country of the phone numbers (default: your agency's)")
    ] = None,
    database_url: DbOption = None,
) -> None:
    """Publish the SIMs, numbers and devices a CDR analysis flagged as indicators; publishing
    the same analysis again refreshes them instead of adding copies."""
    from concord.domain.restrictions import Restrictions
    from concord.services import indicators

    if not flagged.exists():
        raise _fail(f"{flagged} does not exist.")
    try:
        flags = _flags_from(json.loads(flagged.read_text(encoding="utf-8")))
    except json.JSONDecodeError as exc:
        raise _fail(f"{flagged} is not JSON ({exc.msg}, line {exc.lineno}).") from exc
    runtime, actor = _start(database_url, as_user)
    try:
        restrictions = Restrictions.build(
            visibility, [c for c in countries.split(",") if c.strip()], handling
        )
        with runtime.uow() as uow:
            result = indicators.publish_flags(
                uow, actor, flags, reference, restrictions=restrictions, country=country
            )
            uow.commit()
    except DomainError as exc:
        raise _fail(exc.detail) from exc
    console.print(
        f"[green]{len(result.created)} indicators created[/], {len(result.updated)} refreshed, "
        f"{len(result.skipped)} skipped (reference {result.reference})."
    )
    if result.skipped:
        table = Table(title="Skipped flags")
        for name in ("kind", "value", "reason"):
            table.add_column(name, overflow="fold")
        for s in result.skipped:
            table.add_row(s["kind"], s["value"], s["reason"])
        console.print(table)
