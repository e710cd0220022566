"""Shared fixtures: each database test runs on SQLite and on PostgreSQL, inside a transaction
that is rolled back at the end, against a schema built by the real Alembic migrations."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import sessionmaker

from concord.api.app import create_app
from concord.domain.directory import Actor
from concord.services import directory
from concord.services.auth import actor_of
from concord.services.runtime import Runtime
from concord.services.screening import ScreeningIndex
from concord.settings import Settings
from concord.storage.db import make_engine, upgrade
from concord.storage.tables import User

PG_URL = os.environ.get(
    "CONCORD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/concord_test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_sessionstart(session: pytest.Session) -> None:
    # An edited matching module is not what runs while its old compiled build sits beside it.
    from concord.matching.compiled import stale

    if outdated := stale():
        pytest.exit(
            "compiled modules older than their source: "
            + ", ".join(outdated)
            + ". Build them again with `make .venv/.installed` (or `pip install -e .`).",
            returncode=2,
        )


def _postgres_engine() -> Engine:
    # One database per test process, so parallel runs (several developers, CI) never share one.
    admin_url = PG_URL.rsplit("/", 1)[0] + "/postgres"
    dbname = f"{PG_URL.rsplit('/', 1)[1]}_{os.getpid()}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname=:n"), {"n": dbname}
            ).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{dbname}"'))
        admin.dispose()
    except Exception as exc:
        message = f"PostgreSQL is not reachable at {admin_url}: {exc}"
        if IN_CI:
            pytest.fail(message + " (CI=true: the PostgreSQL suite must run)", pytrace=False)
        pytest.skip(message)
    return make_engine(Settings(database_url=f"{PG_URL.rsplit('/', 1)[0]}/{dbname}"))


def _drop_postgres(engine: Engine) -> None:
    dbname = engine.url.database
    engine.dispose()
    admin = create_engine(PG_URL.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "concord.sqlite3"
        eng = make_engine(Settings(database_url=f"sqlite:///{path}"))
    else:
        eng = _postgres_engine()
    upgrade(eng)
    yield eng
    if request.param == "postgres":
        _drop_postgres(eng)
    else:
        eng.dispose()


@pytest.fixture
def rt(engine: Engine) -> Iterator[Runtime]:
    """A runtime whose every unit of work is a savepoint inside one rolled-back transaction."""
    connection = engine.connect()
    outer = connection.begin()
    factory = sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    settings = Settings(database_url=str(engine.url))
    runtime = Runtime(settings, engine, factory, ScreeningIndex())
    yield runtime
    outer.rollback()
    connection.close()


@dataclass
class World:
    """A small directory: the GS and three national bureaus, a user for every role."""

    actors: dict[str, Actor]
    keys: dict[str, str]
    agencies: dict[str, int]


def build_world(rt: Runtime) -> World:
    actors: dict[str, Actor] = {}
    keys: dict[str, str] = {}
    agencies: dict[str, int] = {}
    with rt.uow() as uow:
        for code in ("fr", "kz", "ru", "tr"):
            directory.join_country(uow, None, code)
        spec = {
            "gs": (
                "General Secretariat",
                "fr",
                "general_secretariat",
                {"reviewer": "gs_reviewer", "auditor": "auditor", "admin": "admin"},
            ),
            "kz": (
                "NCB Astana",
                "kz",
                "ncb",
                {"officer": "officer", "supervisor": "supervisor,officer", "viewer": "viewer"},
            ),
            "ru": (
                "NCB Moscow",
                "ru",
                "ncb",
                {"officer": "officer", "supervisor": "supervisor,officer", "viewer": "viewer"},
            ),
            "tr": (
                "NCB Ankara",
                "tr",
                "ncb",
                {"officer": "officer", "supervisor": "supervisor,officer"},
            ),
        }
        for short, (name, country, kind, users) in spec.items():
            agency = directory.create_agency(uow, None, name, country, kind)
            agencies[short] = agency.id
            for suffix, roles in users.items():
                username = f"{short}.{suffix}"
                user = directory.create_user(uow, None, username, agency.id, roles)
                keys[username] = directory.create_api_key(uow, None, user.id)
                loaded = uow.session.get(User, user.id)
                assert loaded is not None
                actors[username] = actor_of(loaded)
        uow.commit()
    return World(actors, keys, agencies)


@pytest.fixture
def world(rt: Runtime) -> World:
    return build_world(rt)


@pytest.fixture
def client(rt: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=rt), raise_server_exceptions=False) as c:
        yield c


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token a page's form carries."""
    found = _CSRF.search(html)
    assert found, "the page carries a CSRF token"
    return found.group(1)


def web_login(client: TestClient, username: str, password: str) -> int:
    """Log in through the login form (a session cookie on `client`); the status code."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    return response.status_code


def auth(world: World, username: str) -> dict[str, str]:
    return {"X-API-Key": world.keys[username]}


REPO = Path(__file__).resolve().parent.parent
