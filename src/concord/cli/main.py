"""The `concord` command: serve, demo, import, audit verify, screen, cdr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from concord.domain.errors import DomainError
from concord.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from concord.storage.tables import User

app = typer.Typer(help="Concord: international police cooperation.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
users_app = typer.Typer(help="Users and API keys.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(users_app, name="users")
console = Console()

DbOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar="CONCORD_DATABASE_URL",
        help="SQLAlchemy URL (default: SQLite under ./var)",
    ),
]


def _settings(database_url: str | None) -> Settings:
    return Settings(database_url=database_url) if database_url else Settings()


def _run_server(runtime: Any, host: str, port: int, worker: bool) -> None:
    """Serve; with `worker`, also poll the database-backed job tables from a thread, so the
    one-process setup (demo, a small bureau) delivers webhooks and raises alerts too."""
    import os
    import threading

    import uvicorn

    from concord.api.app import create_app
    from concord.services.outbox import Worker
    from concord.services.runtime import spool_uploads_on_the_data_disk

    spool_uploads_on_the_data_disk(runtime.settings, os.environ)
    background = Worker(runtime, interval=10.0) if worker else None
    if background is not None:
        threading.Thread(target=background.run, name="concord-worker", daemon=True).start()
    try:
        uvicorn.run(create_app(runtime=runtime), host=host, port=port, log_level="info")
    finally:
        if background is not None:
            background.stop()


WorkerOption = Annotated[
    bool, typer.Option("--worker/--no-worker", help="Run the job worker in this process too")
]


def _fail(message: str) -> typer.Exit:
    console.print(f"[bold red]Error:[/] {message}")
    return typer.Exit(code=2)


def _user(session: Session, username: str) -> User:
    """The user of that name, or a clear exit."""
    from sqlalchemy import select

    from concord.storage.tables import User

    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise _fail(f"No user '{username}'.")
    return user


@app.command()
def serve(
    database_url: DbOption = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    worker: WorkerOption = True,
) -> None:
    """Serve the API (/api/v1, /docs) and the web UI."""
    from concord.services.runtime import start

    settings = _settings(database_url)
    runtime = start(settings)
    console.print(
        f"[green]Concord[/] on http://{host}:{port}  (API docs: /docs) — {len(runtime.index)} persons indexed"
    )
    _run_server(runtime, host, port, worker)


@app.command()
def demo(
    path: Annotated[Path, typer.Option(help="SQLite file for the demo")] = Path("var/demo.sqlite3"),
    host: str = "127.0.0.1",
    port: int = 8000,
    people: int = 300,
    reset: Annotated[bool, typer.Option(help="Start from an empty demo database")] = True,
    serve_after: Annotated[bool, typer.Option("--serve/--no-serve")] = True,
    worker: WorkerOption = True,
) -> None:
    """Create a SQLite database with demo data, then serve it."""
    from concord.services import demo as demo_data
    from concord.services.runtime import start

    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    settings = Settings(database_url=f"sqlite:///{path}")
    runtime = start(settings)
    with runtime.uow() as uow:
        from sqlalchemy import func, select

        from concord.storage.tables import Agency

        empty = uow.session.execute(select(func.count()).select_from(Agency)).scalar_one() == 0
    if empty:
        with console.status("Creating demo data...") as status:
            demo_data.seed(
                runtime, people=people, progress=lambda m: status.update(f"Creating demo data: {m}")
            )
    table = Table(title="Demo users (password: concord-demo)")
    table.add_column("user")
    table.add_column("agency")
    for username, agency in [
        ("astana.officer", "NCB Astana"),
        ("astana.supervisor", "NCB Astana"),
        ("moscow.officer", "NCB Moscow"),
        ("gs.reviewer", "General Secretariat"),
        ("gs.auditor", "General Secretariat"),
        ("gs.admin", "General Secretariat"),
        ("ccf.member", "Commission for the Control of Files"),
    ]:
        table.add_row(username, agency)
    console.print(table)
    if serve_after:
        console.print(
            f"[green]Concord demo[/] on http://{host}:{port}  (API docs: http://{host}:{port}/docs)"
        )
        _run_server(runtime, host, port, worker)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="JSON Lines: FtM entities or bench-format persons")],
    as_user: Annotated[str, typer.Option("--as", help="Username the records are filed under")],
    database_url: DbOption = None,
    visibility: str = "all_members",
    batch: int = 500,
) -> None:
    """Import persons from a file. Each batch is one transaction: a bad line stops the import
    and names the line; batches before it stay, nothing half-written does."""

    from concord.services import persons
    from concord.services.auth import actor_of
    from concord.services.common import IdentifierIn, RestrictionsIn
    from concord.services.runtime import start

    if not file.exists():
        raise _fail(f"{file} does not exist.")
    runtime = start(_settings(database_url))
    with runtime.uow() as uow:
        user = _user(uow.session, as_user)
        actor = actor_of(user)
    restrictions = RestrictionsIn(visibility=visibility)
    lines = file.read_text(encoding="utf-8").splitlines()
    imported = 0

    def parse(n: int, line: str) -> persons.PersonIn:
        try:
            obj: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DomainError(f"line {n}: not JSON ({exc.msg})") from exc
        if "schema" in obj:
            return persons.from_ftm(obj, restrictions)
        return persons.PersonIn(
            names=obj.get("names") or [],
            birth_date=obj.get("birth_date"),
            nationalities=obj.get("nationality") or obj.get("nationalities") or [],
            gender=obj.get("gender"),
            identifiers=[IdentifierIn(**i) for i in obj.get("identifiers") or []],
            restrictions=restrictions,
        )

    with Progress(
        TextColumn("[bold]Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("import", total=len(lines))
        for start_at in range(0, len(lines), batch):
            chunk = [
                (n, line)
                for n, line in enumerate(lines[start_at : start_at + batch], start=start_at + 1)
                if line.strip()
            ]
            try:
                with runtime.uow() as uow:
                    items = []
                    for n, line in chunk:
                        try:
                            items.append((f"line {n}", parse(n, line)))
                        except DomainError as exc:
                            raise DomainError(
                                exc.detail
                                if exc.detail.startswith("line")
                                else f"line {n}: {exc.detail}"
                            ) from exc
                        except ValueError as exc:
                            raise DomainError(f"line {n}: {exc}") from exc
                    persons.import_people(uow, actor, items, runtime.index, source=file.name)
                    uow.commit()
            except DomainError as exc:
                raise _fail(
                    f"{exc.detail} — {imported} persons imported before it; this batch was rolled back."
                ) from exc
            imported += len(chunk)
            progress.update(task, advance=len(chunk))
    console.print(f"[green]Imported {imported} persons[/] as {as_user}.")


@audit_app.command("verify")
def audit_verify(database_url: DbOption = None) -> None:
    """Recompute the hash chain; exit 1 and show where it breaks if any row was changed or removed."""
    from concord.services import audit
    from concord.services.runtime import start

    runtime = start(_settings(database_url))
    with runtime.uow() as uow, console.status("Verifying the audit chain..."):
        result = audit.verify(uow.session)
    if result.ok:
        console.print(f"[green]Audit log intact:[/] {result.entries} entries, chain verified.")
        return
    table = Table(title="Audit log problems")
    table.add_column("entry")
    table.add_column("problem")
    for p in result.problems:
        table.add_row(str(p.seq), p.problem)
    console.print(table)
    console.print(
        f"[bold red]Audit log tampered:[/] {len(result.problems)} problem(s) in {result.entries} entries."
    )
    raise typer.Exit(code=1)


@users_app.command("api-key")
def users_api_key(username: str, database_url: DbOption = None, label: str = "cli") -> None:
    """Issue an API key for a user (printed once)."""
    from concord.services import directory
    from concord.services.runtime import start

    runtime = start(_settings(database_url))
    with runtime.uow() as uow:
        user = _user(uow.session, username)
        secret = directory.create_api_key(uow, None, user.id, label)
        uow.commit()
    console.print(secret)


@users_app.command("unlock")
def users_unlock(username: str, database_url: DbOption = None) -> None:
    """Lift the lock that failed logins put on a user (the administrators' own way back in)."""
    from concord.services import directory
    from concord.services.runtime import start

    runtime = start(_settings(database_url))
    with runtime.uow() as uow:
        user = _user(uow.session, username)
        was_locked = user.locked_until is not None
        directory.unlock_user(uow, None, user.id)
        uow.commit()
    console.print(f"{username}: {'unlocked' if was_locked else 'was not locked'}.")


@app.command()
def version() -> None:
    """Print the version."""
    from concord import __version__

    console.print(__version__)


def _optional_commands() -> None:
    """Commands whose modules live in their own feature files."""
    jobs_app = typer.Typer(help="The background worker.", no_args_is_help=True)
    app.add_typer(jobs_app, name="jobs")

    @jobs_app.command("work")
    def jobs_work(database_url: DbOption = None, interval: float = 5.0, once: bool = False) -> None:
        """Deliver webhooks, raise overdue alerts and review reminders, archive expired items,
        and run queued jobs (call-record analyses)."""
        from concord.services.outbox import Worker
        from concord.services.runtime import start

        worker = Worker(start(_settings(database_url)), interval=interval)
        rounds = worker.run(rounds=1 if once else None)
        console.print(f"[green]{rounds} round(s) done[/]")

    try:
        from concord.cli.screen import screen_command
    except ImportError:
        pass
    else:
        app.command("screen")(screen_command)
    try:
        from concord.cli.cdr import cdr_app
    except ImportError:
        pass
    else:
        app.add_typer(cdr_app, name="cdr")
    try:
        from concord.cli.indicators import indicators_app
    except ImportError:
        pass
    else:
        app.add_typer(indicators_app, name="indicators")


_optional_commands()
