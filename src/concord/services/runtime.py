"""What a running Concord holds: settings, database, the screening index. One per process."""

from __future__ import annotations

from dataclasses import dataclass

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
