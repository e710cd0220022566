from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.domain.assets import (
    Amount,
    CaseParties,
    RequestStatus,
    Stage,
    amount_of,
    check_step,
    check_step_date,
    currency_code,
    is_overdue,
    ownership_depth,
    sum_by_currency,
)
from concord.domain.errors import InvalidTransition, ValidationFailed


def test_currency_codes_are_iso_4217() -> None:
    assert currency_code(" kzt ") == "KZT"
    assert currency_code("EUR") == "EUR"
    for bad in ("XYZ", "EURO", "", "kz"):
        with pytest.raises(ValidationFailed, match="ISO 4217"):
            currency_code(bad)


def test_amounts() -> None:
    assert amount_of("1000.50") == Decimal("1000.50")
    for bad in ("-1", "NaN", "a lot", "Infinity"):
        with pytest.raises(ValidationFailed):
            amount_of(bad)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Stage.IDENTIFIED, Stage.FROZEN),
        (Stage.FROZEN, Stage.SEIZED),
        (Stage.SEIZED, Stage.CONFISCATED),
        (Stage.CONFISCATED, Stage.RETURNED),
        (Stage.IDENTIFIED, Stage.SEIZED),  # seizure without a freeze first
    ],
)
def test_forward_steps(current: Stage, target: Stage) -> None:
    check_step(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Stage.FROZEN, Stage.IDENTIFIED),
        (Stage.IDENTIFIED, Stage.CONFISCATED),
        (Stage.IDENTIFIED, Stage.RETURNED),
        (Stage.SEIZED, Stage.RETURNED),
        (Stage.RETURNED, Stage.RETURNED),
        (Stage.FROZEN, Stage.FROZEN),
    ],
)
def test_refused_steps(current: Stage, target: Stage) -> None:
    with pytest.raises(InvalidTransition, match="next is"):
        check_step(current, target)


def test_step_dates() -> None:
    check_step_date(date(2024, 1, 2), date(2024, 1, 1), date(2024, 1, 3))
    with pytest.raises(ValidationFailed, match="future"):
        check_step_date(date(2024, 1, 4), None, date(2024, 1, 3))
    with pytest.raises(ValidationFailed, match="before the previous"):
        check_step_date(date(2023, 12, 31), date(2024, 1, 1), date(2024, 1, 3))


def test_overdue_only_while_unanswered() -> None:
    today = date(2024, 6, 1)
    assert is_overdue(date(2024, 5, 31), RequestStatus.SENT, today)
    assert not is_overdue(date(2024, 6, 1), RequestStatus.SENT, today)
    assert not is_overdue(date(2024, 5, 31), RequestStatus.EXECUTED, today)
    assert not is_overdue(None, RequestStatus.SENT, today)


def test_parties() -> None:
    p = CaseParties(1, 2)
    assert p.includes(1) and p.includes(2) and not p.includes(3)
    assert p.other(1) == 2 and p.other(2) == 1


def test_ownership_layers() -> None:
    depth = ownership_depth(
        ["p", "holding", "shell", "acc", "flat", "wallet"],
        [
            ("p", "holding"),
            ("holding", "shell"),
            ("shell", "acc"),
            ("shell", "flat"),
            ("p", "wallet"),
        ],
    )
    assert depth == {"p": 0, "holding": 1, "shell": 2, "acc": 3, "flat": 3, "wallet": 1}


def test_deepest_owner_sets_the_layer() -> None:
    # The account is owned directly by the person AND through a company: drawn below both.
    depth = ownership_depth(["p", "c", "acc"], [("p", "c"), ("p", "acc"), ("c", "acc")])
    assert depth["acc"] == 2


def test_cycles_terminate() -> None:
    depth = ownership_depth(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "b")])
    assert depth["a"] == 0 and depth["b"] >= 1 and depth["c"] >= 1
    only_cycle = ownership_depth(["x", "y"], [("x", "y"), ("y", "x")])
    assert set(only_cycle) == {"x", "y"}


@given(st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15)), max_size=40))
def test_every_node_gets_a_bounded_layer(edges: list[tuple[int, int]]) -> None:
    nodes = [str(n) for n in range(16)]
    depth = ownership_depth(nodes, [(str(a), str(b)) for a, b in edges])
    assert set(depth) == set(nodes)
    assert all(0 <= d < len(nodes) for d in depth.values())


def test_sum_by_currency() -> None:
    out = sum_by_currency(
        [Amount("USD", Decimal("1.10")), Amount("EUR", Decimal(2)), Amount("USD", Decimal("0.90"))]
    )
    assert out == {"EUR": Decimal(2), "USD": Decimal("2.00")}
