"""The migrations are the schema: they match the models, and go down and up again cleanly."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from concord.settings import Settings
from concord.storage import tables  # noqa: F401
from concord.storage.base import Base
from concord.storage.db import alembic_config, make_engine, upgrade


def _fresh(tmp_path: Path):  # type: ignore[no-untyped-def]
    engine = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'm.sqlite3'}"))
    upgrade(engine)
    return engine


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    engine = _fresh(tmp_path)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata
        )
    assert diff == [], f"tables differ from migrations: {diff}"


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    engine = _fresh(tmp_path)
    cfg = alembic_config(engine)
    command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert {"persons", "notices", "audit_log"} <= set(inspect(engine).get_table_names())


def test_agencies_that_existed_before_signing_each_get_a_secret(tmp_path: Path) -> None:
    engine = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'm.sqlite3'}"))
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO countries (code, name, member) VALUES ('kz', 'Kazakhstan', 1)")
        )
        for name in ("NCB Astana", "Ministry of Internal Affairs"):
            conn.execute(
                text(
                    "INSERT INTO agencies (name, country_code, kind, created_at) "
                    "VALUES (:name, 'kz', 'ncb', CURRENT_TIMESTAMP)"
                ),
                {"name": name},
            )
    upgrade(engine)
    with engine.connect() as conn:
        secrets = [row[0] for row in conn.execute(text("SELECT webhook_secret FROM agencies"))]
    assert len(secrets) == 2 and len(set(secrets)) == 2
    assert all(len(s) == 64 for s in secrets)
