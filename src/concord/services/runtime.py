"""What a running Concord holds: settings, database, the screening index. One per process."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from concord.services.screening import ScreeningIndex
from concord.settings import Settings
from concord.storage.db import UnitOfWork, make_engine, session_factory, upgrade


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]
    index: ScreeningIndex

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.factory)


def start(settings: Settings, *, migrate: bool = True) -> Runtime:
    """Migrate the schema, then rebuild the in-memory index from the database."""
    engine = make_engine(settings)
    if migrate:
        upgrade(engine)
    runtime = Runtime(settings, engine, session_factory(engine), ScreeningIndex())
    with runtime.uow() as uow:
        runtime.index.load(uow.session)
    return runtime


def spool_uploads_on_the_data_disk(settings: Settings, environ: Mapping[str, str]) -> Path:
    """Starlette writes an upload over 1 MB to a temporary file before a handler sees it, and
    call records may be hundreds of MB: a server keeps those files under the data directory,
    sized for uploads, rather than in a /tmp that may be small or held in memory. An operator's
    own TMPDIR wins. Returns the directory now used."""
    if not environ.get("TMPDIR"):
        spool = settings.data_dir / "tmp"
        spool.mkdir(parents=True, exist_ok=True)
        tempfile.tempdir = str(spool)
    return Path(tempfile.gettempdir())
