"""Writing and checking the audit trail. Every use case writes its entry in its own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from concord.domain.access import Action, require
from concord.domain.audit import GENESIS, AuditEntry, ChainProblem, entry_hash, verify_chain
from concord.domain.directory import Actor
from concord.storage.db import UnitOfWork
from concord.storage.tables import AuditHead, AuditLog


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> int:
    """Append one entry; the head row is locked so concurrent writers form one chain."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        session.add(head)
    entry = AuditEntry(
        seq=head.seq + 1,
        at=datetime.now(UTC).isoformat(timespec="microseconds"),
        user_id=actor.user_id if actor else None,
        username=actor.username if actor else "system",
        agency_id=actor.agency_id if actor else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=_jsonable(details or {}),
        prev_hash=head.hash,
    )
    digest = entry_hash(entry)
    session.add(
        AuditLog(
            seq=entry.seq,
            at=entry.at,
            user_id=entry.user_id,
            username=entry.username,
            agency_id=entry.agency_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            details=entry.details,
            prev_hash=entry.prev_hash,
            hash=digest,
        )
    )
    head.seq, head.hash = entry.seq, digest
    session.flush()
    return entry.seq


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


@dataclass(frozen=True)
class VerifyResult:
    entries: int
    problems: list[ChainProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _rows_to_entries(session: Session, batch: int = 5000) -> Any:
    last = 0
    while True:
        rows = (
            session.execute(
                select(AuditLog).where(AuditLog.seq > last).order_by(AuditLog.seq).limit(batch)
            )
            .scalars()
            .all()
        )
        if not rows:
            return
        for r in rows:
            yield AuditEntry(
                seq=r.seq,
                at=r.at,
                user_id=r.user_id,
                username=r.username,
                agency_id=r.agency_id,
                action=r.action,
                object_type=r.object_type,
                object_id=r.object_id,
                details=r.details,
                prev_hash=r.prev_hash,
                hash=r.hash,
            )
        last = rows[-1].seq
        session.expunge_all()


def verify(session: Session) -> VerifyResult:
    head = session.get(AuditHead, 1)
    count = 0

    def counted() -> Any:
        nonlocal count
        for e in _rows_to_entries(session):
            count += 1
            yield e

    problems = verify_chain(counted(), head.seq if head else None, head.hash if head else None)
    return VerifyResult(count, problems)


def verify_as(uow: UnitOfWork, actor: Actor) -> VerifyResult:
    require(actor, Action.READ_AUDIT, "verify the audit log")
    result = verify(uow.session)
    record(
        uow.session,
        actor,
        "audit.verify",
        "audit_log",
        None,
        {"entries": result.entries, "problems": len(result.problems)},
    )
    return result


def list_entries(
    uow: UnitOfWork,
    actor: Actor,
    *,
    limit: int = 100,
    before: int | None = None,
    username: str | None = None,
    action: str | None = None,
) -> list[AuditLog]:
    require(actor, Action.READ_AUDIT, "read the audit log")
    q = select(AuditLog).order_by(AuditLog.seq.desc()).limit(min(max(limit, 1), 1000))
    if before is not None:
        q = q.where(AuditLog.seq < before)
    if username:
        q = q.where(AuditLog.username == username)
    if action:
        q = q.where(AuditLog.action == action)
    rows = list(uow.session.execute(q).scalars())
    record(
        uow.session,
        actor,
        "audit.read",
        "audit_log",
        None,
        {
            "limit": limit,
            "before": before,
            "username": username,
            "action": action,
            "returned": len(rows),
        },
    )
    return rows


def record_refusal(
    uow: UnitOfWork, actor: Actor | None, method: str, path: str, reason: str
) -> None:
    """Audit a refused request in its own unit of work (the request's own was rolled back)."""
    with uow:
        record(
            uow.session,
            actor,
            "access.denied",
            "endpoint",
            None,
            {"method": method, "path": path, "reason": reason},
        )
        uow.commit()
