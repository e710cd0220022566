"""The audit log is append-only and its hash chain exposes any edit or deletion."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from concord.services import audit
from concord.services.runtime import Runtime
from conftest import World
from factories.persons import make_person


def _entries(rt: Runtime, world: World, n: int = 3) -> None:
    for i in range(n):
        make_person(rt, world.actors["kz.officer"], [f"Ерлан Ахметов {i}"])


def _verify(rt: Runtime) -> audit.VerifyResult:
    with rt.uow() as uow:
        return audit.verify(uow.session)


def _drop_guard(rt: Runtime, conn_sql: list[str]) -> None:
    """What an attacker with database access would do first: remove the append-only triggers."""
    with rt.uow() as uow:
        for sql in conn_sql:
            uow.session.execute(text(sql))
        uow.commit()


def _guard_sql(rt: Runtime) -> list[str]:
    if rt.engine.dialect.name == "postgresql":
        return ["DROP TRIGGER audit_log_append_only ON audit_log"]
    return ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"]


def test_fresh_chain_verifies(rt: Runtime, world: World) -> None:
    _entries(rt, world)
    result = _verify(rt)
    assert result.ok, result.problems
    assert result.entries >= 3


def test_every_write_lands_in_the_log(rt: Runtime, world: World) -> None:
    person = make_person(rt, world.actors["kz.officer"], ["Динара Касымова"])
    with rt.uow() as uow:
        rows = audit.list_entries(uow, world.actors["gs.auditor"], action="person.create")
    assert any(r.object_id == person.id and r.username == "kz.officer" for r in rows)


@pytest.mark.parametrize(
    "verb",
    ["UPDATE audit_log SET username = 'x' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 2"],
)
def test_database_refuses_to_rewrite_history(rt: Runtime, world: World, verb: str) -> None:
    _entries(rt, world)
    with rt.uow() as uow, pytest.raises(DatabaseError, match="append-only"):
        uow.session.execute(text(verb))
        uow.session.flush()


def test_edited_entry_is_detected(rt: Runtime, world: World) -> None:
    _entries(rt, world)
    _drop_guard(rt, _guard_sql(rt))
    with rt.uow() as uow:
        uow.session.execute(text("UPDATE audit_log SET username = 'someone.else' WHERE seq = 2"))
        uow.commit()
    result = _verify(rt)
    assert not result.ok
    assert [p.seq for p in result.problems] == [2]
    assert "changed" in result.problems[0].problem


def test_deleted_entry_is_detected(rt: Runtime, world: World) -> None:
    _entries(rt, world)
    _drop_guard(rt, _guard_sql(rt))
    with rt.uow() as uow:
        uow.session.execute(text("DELETE FROM audit_log WHERE seq = 3"))
        uow.commit()
    result = _verify(rt)
    assert not result.ok
    assert any("missing" in p.problem for p in result.problems)


def test_deleted_tail_is_detected(rt: Runtime, world: World) -> None:
    _entries(rt, world)
    _drop_guard(rt, _guard_sql(rt))
    with rt.uow() as uow:
        last = uow.session.execute(text("SELECT max(seq) FROM audit_log")).scalar_one()
        uow.session.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": last})
        uow.commit()
    result = _verify(rt)
    assert not result.ok
    assert any("head" in p.problem for p in result.problems)


def test_failed_use_case_leaves_no_audit_entry(rt: Runtime, world: World) -> None:
    from concord.domain.errors import ValidationFailed
    from concord.services import persons
    from factories.persons import person_in

    with rt.uow() as uow:
        before = uow.session.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    with pytest.raises(ValidationFailed), rt.uow() as uow:
        persons.create_person(
            uow, world.actors["kz.officer"], person_in(birth_date="1961-13-01"), rt.index
        )
        uow.commit()
    with rt.uow() as uow:
        assert uow.session.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == before
