"""The hash chain, pure."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from concord.domain.audit import GENESIS, AuditEntry, entry_hash, verify_chain


def chain(n: int) -> list[AuditEntry]:
    out: list[AuditEntry] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        e = AuditEntry(
            seq,
            f"2026-11-23T10:00:{seq:02d}",
            7,
            "kz.officer",
            2,
            "person.view",
            "person",
            f"p{seq}",
            {"q": ["Ким", seq]},
            prev,
        )
        e = replace(e, hash=entry_hash(e))
        out.append(e)
        prev = e.hash
    return out


def test_intact_chain() -> None:
    entries = chain(5)
    assert verify_chain(entries, 5, entries[-1].hash) == []


@given(
    st.integers(min_value=0, max_value=9),
    st.sampled_from(["username", "action", "object_id", "details"]),
)
def test_any_edit_is_found_where_it_happened(index: int, field: str) -> None:
    entries = chain(10)
    value = {"details": {"q": "other"}}.get(field, "tampered")
    entries[index] = replace(entries[index], **{field: value})
    problems = verify_chain(entries, 10, entries[-1].hash)
    assert [p.seq for p in problems] == [index + 1]


def test_reordered_or_missing_entries() -> None:
    entries = chain(4)
    problems = verify_chain([entries[0], entries[2], entries[3]], 4, entries[-1].hash)
    assert any("missing" in p.problem for p in problems)
    problems = verify_chain(entries[:3], 4, entries[-1].hash)
    assert any("head says 4" in p.problem for p in problems)
