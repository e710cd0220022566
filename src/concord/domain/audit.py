"""The audit trail's hash chain: each entry carries the hash of the one before it, so an
edited, inserted or deleted row breaks the chain where it happened."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str  # ISO 8601 UTC, stored as text so the hashed form never depends on a driver
    user_id: int | None
    username: str
    agency_id: int | None
    action: str
    object_type: str
    object_id: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str = ""


def entry_hash(e: AuditEntry) -> str:
    body = json.dumps(
        [
            e.seq,
            e.at,
            e.user_id,
            e.username,
            e.agency_id,
            e.action,
            e.object_type,
            e.object_id,
            e.details,
            e.prev_hash,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(
    entries: Iterable[AuditEntry], head_seq: int | None, head_hash: str | None
) -> list[ChainProblem]:
    """Check every link; `head_*` is the separately kept last link, so that a deleted tail shows."""
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    expected_seq = 1
    last_seq = 0
    for e in entries:
        if e.seq != expected_seq:
            problems.append(ChainProblem(e.seq, f"entries {expected_seq}..{e.seq - 1} are missing"))
        if e.prev_hash != prev_hash:
            problems.append(
                ChainProblem(e.seq, "does not point to the hash of the entry before it")
            )
        if entry_hash(e) != e.hash:
            problems.append(ChainProblem(e.seq, "its content was changed after it was written"))
        prev_hash = e.hash
        expected_seq = e.seq + 1
        last_seq = e.seq
    if head_seq is not None and head_seq != last_seq:
        problems.append(
            ChainProblem(last_seq, f"the log ends at {last_seq} but the head says {head_seq}")
        )
    if (
        head_hash is not None
        and head_seq is not None
        and head_hash != prev_hash
        and head_seq == last_seq
    ):
        problems.append(ChainProblem(last_seq, "the last entry differs from the recorded head"))
    return problems
