"""Data subjects' requests, examined by an independent files commission (INTERPOL's
Commission for the Control of Files, CCF): does data about me exist, correct it, delete it.

The commission looks at every record that may be the applicant's, whoever owns it and
whatever its restrictions (the CCF's statute gives it full access to the files, art. 3), and
decides for each record: keep it, have the owner correct it, or delete it. Its decisions bind
the owners and are enforced by the system, not left to them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from concord.domain.errors import InvalidTransition, ValidationFailed


class SubjectRequestKind(StrEnum):
    ACCESS = "access"
    CORRECTION = "correction"
    DELETION = "deletion"


class SubjectRequestStatus(StrEnum):
    EXAMINING = "examining"
    CLOSED = "closed"


class FindingDecision(StrEnum):
    KEEP = "keep"
    CORRECT = "correct"  # the owner corrects the record, as the note says, by a deadline
    DELETE = "delete"  # erased at once, and its notices cancelled


# The CCF decides on an access request within four months and on a correction or deletion
# request within nine (as reported by the Red Notice Law Journal, October 2023).
ANSWER_WITHIN: dict[SubjectRequestKind, timedelta] = {
    SubjectRequestKind.ACCESS: timedelta(days=122),
    SubjectRequestKind.CORRECTION: timedelta(days=274),
    SubjectRequestKind.DELETION: timedelta(days=274),
}
CORRECT_WITHIN = timedelta(days=30)


def answer_due(kind: SubjectRequestKind, opened_at: datetime) -> datetime:
    return opened_at + ANSWER_WITHIN[kind]


def parse_kind(raw: str) -> SubjectRequestKind:
    try:
        return SubjectRequestKind(raw)
    except ValueError as exc:
        kinds = ", ".join(k.value for k in SubjectRequestKind)
        raise ValidationFailed(f"Unknown request kind '{raw}': use {kinds}.", field="kind") from exc


def check_decision(
    status: SubjectRequestStatus, decided: FindingDecision | None, decision: str, note: str
) -> FindingDecision:
    """A decision on one record: only while the request is examined, once per record, and a
    correction or deletion says why (the owner and an auditor read it)."""
    if status is not SubjectRequestStatus.EXAMINING:
        raise InvalidTransition("This request is closed: its decisions can no longer change.")
    if decided is not None:
        raise InvalidTransition(
            f"This record was decided already ({decided.value}); decisions are final."
        )
    try:
        chosen = FindingDecision(decision)
    except ValueError as exc:
        choices = ", ".join(d.value for d in FindingDecision)
        raise ValidationFailed(
            f"Unknown decision '{decision}': use {choices}.", field="decision"
        ) from exc
    if chosen is not FindingDecision.KEEP and not note.strip():
        raise ValidationFailed(
            f"Say why the record is to be {'corrected' if chosen is FindingDecision.CORRECT else 'deleted'}"
            " and, for a correction, what is to change.",
            field="note",
        )
    return chosen


def check_opinion(status: SubjectRequestStatus, decided: bool) -> None:
    if status is not SubjectRequestStatus.EXAMINING or decided:
        raise InvalidTransition(
            "The commission has decided on this record: an opinion can no longer change it."
        )


def check_close(status: SubjectRequestStatus, undecided: int, answer: str) -> None:
    if status is not SubjectRequestStatus.EXAMINING:
        raise InvalidTransition("This request is closed already.")
    if undecided:
        raise InvalidTransition(
            f"{undecided} record{'s' if undecided != 1 else ''} still "
            f"need{'s' if undecided == 1 else ''} a decision before the request is closed."
        )
    if not answer.strip():
        raise ValidationFailed("Write the answer the applicant receives.", field="answer")
