"""The request state machines: every flow of the domain table, who takes each step, deadlines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.domain.errors import InvalidTransition
from concord.domain.requests import (
    FINAL_STATES,
    FIRST_STATE,
    RequestKind,
    RequestState,
    Side,
    Urgency,
    check_step,
    deadline_after,
    side_due,
    steps,
)

K, S = RequestKind, RequestState
AT = datetime(2026, 1, 1, 12, tzinfo=UTC)


def _walk(kind: RequestKind, path: list[RequestState]) -> None:
    current = S.DRAFT
    for target in [S.AWAITING_APPROVAL, FIRST_STATE[kind], *path]:
        side = Side.REQUESTING if current in (S.DRAFT, S.AWAITING_APPROVAL) else Side.REQUESTED
        check_step(kind, current, target, side)
        current = target


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        (K.LOCATE, [S.ACKNOWLEDGED, S.IN_PROGRESS, S.LOCATED]),
        (K.LOCATE, [S.ACKNOWLEDGED, S.IN_PROGRESS, S.NOT_FOUND]),
        (K.PROVISIONAL_ARREST, [S.ARRESTED]),
        (K.PROVISIONAL_ARREST, [S.REFUSED]),
        (K.EXTRADITION, [S.UNDER_JUDICIAL_REVIEW, S.GRANTED, S.SURRENDERED]),
        (K.EXTRADITION, [S.UNDER_JUDICIAL_REVIEW, S.REFUSED]),
        (K.INFORMATION, [S.ANSWERED]),
        (K.INFORMATION, [S.REFUSED]),
    ],
)
def test_the_flows_of_the_domain_table(kind: RequestKind, path: list[RequestState]) -> None:
    _walk(kind, path)
    assert path[-1] in FINAL_STATES


@pytest.mark.parametrize(
    ("kind", "current", "target"),
    [
        (K.LOCATE, S.SENT, S.LOCATED),  # skipping steps
        (K.LOCATE, S.ACKNOWLEDGED, S.NOT_FOUND),
        (K.EXTRADITION, S.REQUESTED, S.GRANTED),
        (K.EXTRADITION, S.REFUSED, S.SURRENDERED),
        (K.INFORMATION, S.ANSWERED, S.REFUSED),
        (K.LOCATE, S.DRAFT, S.ACKNOWLEDGED),
        (K.PROVISIONAL_ARREST, S.ARRESTED, S.WITHDRAWN),  # an arrest cannot be withdrawn
    ],
)
def test_steps_outside_the_flow_are_refused(
    kind: RequestKind, current: RequestState, target: RequestState
) -> None:
    for side in Side:
        with pytest.raises(InvalidTransition):
            check_step(kind, current, target, side)


def test_the_requesting_side_withdraws_and_the_requested_side_answers() -> None:
    with pytest.raises(InvalidTransition, match="Only the requested agency"):
        check_step(K.LOCATE, S.SENT, S.ACKNOWLEDGED, Side.REQUESTING)
    with pytest.raises(InvalidTransition, match="Only the requesting agency"):
        check_step(K.LOCATE, S.IN_PROGRESS, S.WITHDRAWN, Side.REQUESTED)
    assert check_step(K.LOCATE, S.IN_PROGRESS, S.WITHDRAWN, Side.REQUESTING).target is S.WITHDRAWN


def test_sending_needs_a_supervisor() -> None:
    step = check_step(K.EXTRADITION, S.AWAITING_APPROVAL, S.REQUESTED, Side.REQUESTING)
    assert step.needs_supervisor
    assert not check_step(K.LOCATE, S.DRAFT, S.AWAITING_APPROVAL, Side.REQUESTING).needs_supervisor


@given(st.sampled_from(list(RequestKind)), st.sampled_from(list(RequestState)))
def test_final_states_offer_no_step(kind: RequestKind, state: RequestState) -> None:
    if state in FINAL_STATES:
        assert steps(kind, state) == []
    for step in steps(kind, state):
        assert step.target is not state


def test_deadlines() -> None:
    assert deadline_after(K.LOCATE, S.SENT, AT, Urgency.URGENT) == AT + timedelta(hours=8)
    assert deadline_after(K.INFORMATION, S.SENT, AT, Urgency.NORMAL) == AT + timedelta(days=7)
    assert deadline_after(K.PROVISIONAL_ARREST, S.ARRESTED, AT, Urgency.URGENT) == AT + timedelta(
        days=40
    )
    assert side_due(K.PROVISIONAL_ARREST, S.ARRESTED) is Side.REQUESTING
    assert side_due(K.LOCATE, S.IN_PROGRESS) is Side.REQUESTED
    assert deadline_after(K.EXTRADITION, S.UNDER_JUDICIAL_REVIEW, AT, Urgency.NORMAL) is None
    assert deadline_after(K.LOCATE, S.LOCATED, AT, Urgency.NORMAL) is None
