"""Requests between agencies after a hit: kinds, states, who may make which step, deadlines.

The flows are the domain doc's table. Every request is drafted inside the requesting agency and
leaves it only when a supervisor approves; from then on the requested side answers and the
requesting side may only withdraw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from concord.domain.errors import InvalidTransition, ValidationFailed


class RequestKind(StrEnum):
    LOCATE = "locate"  # locate / confirm identity
    PROVISIONAL_ARREST = "provisional_arrest"
    EXTRADITION = "extradition"
    INFORMATION = "information"  # information / mutual legal assistance


class RequestState(StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    CANCELLED = "cancelled"  # a draft that never left the agency
    WITHDRAWN = "withdrawn"  # the requesting side called it back after sending
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    LOCATED = "located"
    NOT_FOUND = "not_found"
    ARRESTED = "arrested"
    REFUSED = "refused"
    REQUESTED = "requested"  # an extradition request as sent
    UNDER_JUDICIAL_REVIEW = "under_judicial_review"
    GRANTED = "granted"
    SURRENDERED = "surrendered"
    ANSWERED = "answered"


class Urgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"


class Side(StrEnum):
    REQUESTING = "requesting"
    REQUESTED = "requested"


S = RequestState

# The state a request enters when its supervisor approves it.
FIRST_STATE: dict[RequestKind, RequestState] = {
    RequestKind.LOCATE: S.SENT,
    RequestKind.PROVISIONAL_ARREST: S.SENT,
    RequestKind.EXTRADITION: S.REQUESTED,
    RequestKind.INFORMATION: S.SENT,
}

# The answering steps of each flow, all made by the requested side.
FLOWS: dict[RequestKind, dict[RequestState, frozenset[RequestState]]] = {
    RequestKind.LOCATE: {
        S.SENT: frozenset({S.ACKNOWLEDGED}),
        S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS}),
        S.IN_PROGRESS: frozenset({S.LOCATED, S.NOT_FOUND}),
    },
    RequestKind.PROVISIONAL_ARREST: {
        S.SENT: frozenset({S.ARRESTED, S.REFUSED}),
    },
    RequestKind.EXTRADITION: {
        S.REQUESTED: frozenset({S.UNDER_JUDICIAL_REVIEW}),
        S.UNDER_JUDICIAL_REVIEW: frozenset({S.GRANTED, S.REFUSED}),
        S.GRANTED: frozenset({S.SURRENDERED}),
    },
    RequestKind.INFORMATION: {
        S.SENT: frozenset({S.ANSWERED, S.REFUSED}),
    },
}

INTERNAL_STATES = frozenset({S.DRAFT, S.AWAITING_APPROVAL})
FINAL_STATES = frozenset(
    {
        S.CANCELLED,
        S.WITHDRAWN,
        S.LOCATED,
        S.NOT_FOUND,
        S.ARRESTED,
        S.REFUSED,
        S.SURRENDERED,
        S.ANSWERED,
    }
)
# The outcomes the statistics count (persons located, arrested, extradited).
OUTCOMES: dict[RequestKind, RequestState] = {
    RequestKind.LOCATE: S.LOCATED,
    RequestKind.PROVISIONAL_ARREST: S.ARRESTED,
    RequestKind.EXTRADITION: S.SURRENDERED,
}

# Answer times: the EU rule for police information (Framework Decision 2006/960/JHA, art. 4):
# 8 hours when urgent, one week otherwise.
ANSWER_TIME = {Urgency.URGENT: timedelta(hours=8), Urgency.NORMAL: timedelta(days=7)}
WORK_TIME = timedelta(days=30)
# European Convention on Extradition (1957), art. 16(4): provisional arrest ends if the
# extradition request has not arrived within 40 days of the arrest.
EXTRADITION_REQUEST_DUE = timedelta(days=40)
# Same convention, art. 18(4): the person is surrendered within 30 days at most.
SURRENDER_DUE = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Step:
    target: RequestState
    side: Side
    needs_supervisor: bool = False


def parse_kind(raw: str) -> RequestKind:
    try:
        return RequestKind(raw)
    except ValueError as exc:
        allowed = ", ".join(k.value for k in RequestKind)
        raise ValidationFailed(
            f"Unknown request kind '{raw}': use one of {allowed}.", field="kind"
        ) from exc


def parse_state(raw: str) -> RequestState:
    try:
        return RequestState(raw)
    except ValueError as exc:
        allowed = ", ".join(s.value for s in RequestState)
        raise ValidationFailed(
            f"Unknown state '{raw}': use one of {allowed}.", field="state"
        ) from exc


def parse_urgency(raw: str) -> Urgency:
    try:
        return Urgency(raw)
    except ValueError as exc:
        raise ValidationFailed("Urgency is 'normal' or 'urgent'.", field="urgency") from exc


def steps(kind: RequestKind, current: RequestState) -> list[Step]:
    """Every step possible from `current`, with the side that may take it."""
    out: list[Step] = []
    if current is S.DRAFT:
        out += [
            Step(S.AWAITING_APPROVAL, Side.REQUESTING),
            Step(FIRST_STATE[kind], Side.REQUESTING, needs_supervisor=True),
            Step(S.CANCELLED, Side.REQUESTING),
        ]
    elif current is S.AWAITING_APPROVAL:
        out += [
            Step(FIRST_STATE[kind], Side.REQUESTING, needs_supervisor=True),
            Step(S.DRAFT, Side.REQUESTING, needs_supervisor=True),  # returned for changes
            Step(S.CANCELLED, Side.REQUESTING),
        ]
    else:
        out += [Step(t, Side.REQUESTED) for t in sorted(FLOWS[kind].get(current, ()))]
        if current not in FINAL_STATES:
            out.append(Step(S.WITHDRAWN, Side.REQUESTING))
    return out


def check_step(kind: RequestKind, current: RequestState, target: RequestState, side: Side) -> Step:
    """The step from `current` to `target` if `side` may take it; InvalidTransition otherwise."""
    possible = steps(kind, current)
    for step in possible:
        if step.target is target:
            if step.side is not side:
                raise InvalidTransition(
                    f"Only the {step.side.value} agency may move a {kind.value} request "
                    f"from {current.value} to {target.value}."
                )
            return step
    mine = [s.target.value for s in possible if s.side is side]
    hint = f" From here your agency may: {', '.join(mine)}." if mine else ""
    raise InvalidTransition(
        f"A {kind.value} request that is {current.value} cannot become {target.value}.{hint}"
    )


def deadline_after(
    kind: RequestKind, state: RequestState, at: datetime, urgency: Urgency
) -> datetime | None:
    """When the next step is due after entering `state` at `at` (None: nothing is due)."""
    if state in (S.SENT, S.REQUESTED):
        return at + ANSWER_TIME[urgency]
    if state in (S.ACKNOWLEDGED, S.IN_PROGRESS):
        return at + WORK_TIME
    if kind is RequestKind.PROVISIONAL_ARREST and state is S.ARRESTED:
        # Now the requesting side owes the extradition request.
        return at + EXTRADITION_REQUEST_DUE
    if state is S.GRANTED:
        return at + SURRENDER_DUE
    return None


def side_due(kind: RequestKind, state: RequestState) -> Side:
    """Which side the running deadline binds."""
    if kind is RequestKind.PROVISIONAL_ARREST and state is S.ARRESTED:
        return Side.REQUESTING
    return Side.REQUESTED


def is_answer(current: RequestState) -> bool:
    """A step from these states by the requested side is its first answer."""
    return current in (S.SENT, S.REQUESTED)
