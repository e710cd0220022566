"""Notices and diffusions: kinds, what each must carry, and their lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from concord.domain.access import Stage
from concord.domain.errors import InvalidTransition, ValidationFailed
from concord.domain.restrictions import Restrictions, Visibility


class NoticeKind(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"
    BLACK = "black"
    GREEN = "green"
    ORANGE = "orange"
    PURPLE = "purple"
    UN_SPECIAL = "un_special"


class Channel(StrEnum):
    NOTICE = "notice"  # published to all members after GS review
    DIFFUSION = "diffusion"  # sent by an NCB to chosen countries, reviewed after the fact


class NoticeStatus(StrEnum):
    DRAFT = "draft"
    UNDER_REVIEW = "under_review"
    PUBLISHED = "published"
    REFUSED = "refused"
    CANCELLED = "cancelled"
    ARCHIVED = "archived"


class SubjectStatus(StrEnum):
    SUSPECT = "suspect"
    ACCUSED = "accused"
    CONVICTED = "convicted"


# Kinds that are about one identified or sought person and so need a subject.
PERSON_KINDS = frozenset(
    {NoticeKind.RED, NoticeKind.YELLOW, NoticeKind.BLUE, NoticeKind.GREEN, NoticeKind.UN_SPECIAL}
)

TRANSITIONS: dict[NoticeStatus, frozenset[NoticeStatus]] = {
    NoticeStatus.DRAFT: frozenset(
        {NoticeStatus.UNDER_REVIEW, NoticeStatus.PUBLISHED, NoticeStatus.CANCELLED}
    ),
    NoticeStatus.UNDER_REVIEW: frozenset(
        {NoticeStatus.PUBLISHED, NoticeStatus.REFUSED, NoticeStatus.DRAFT}
    ),
    NoticeStatus.PUBLISHED: frozenset({NoticeStatus.CANCELLED, NoticeStatus.ARCHIVED}),
    NoticeStatus.REFUSED: frozenset({NoticeStatus.DRAFT, NoticeStatus.CANCELLED}),
    NoticeStatus.CANCELLED: frozenset(),
    NoticeStatus.ARCHIVED: frozenset(),
}

STAGE_OF: dict[NoticeStatus, Stage] = {
    NoticeStatus.DRAFT: Stage.DRAFT,
    NoticeStatus.UNDER_REVIEW: Stage.UNDER_REVIEW,
    NoticeStatus.PUBLISHED: Stage.LIVE,
    NoticeStatus.REFUSED: Stage.CLOSED,
    NoticeStatus.CANCELLED: Stage.CLOSED,
    NoticeStatus.ARCHIVED: Stage.CLOSED,
}


def check_transition(current: NoticeStatus, target: NoticeStatus, channel: Channel) -> None:
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(f"A notice that is {current.value} cannot become {target.value}.")
    # Notices go to the General Secretariat first; only diffusions publish straight from draft.
    if (
        current is NoticeStatus.DRAFT
        and target is NoticeStatus.PUBLISHED
        and channel is Channel.NOTICE
    ):
        raise InvalidTransition(
            "A notice is published by the General Secretariat after review: submit it first."
        )
    if (
        current is NoticeStatus.DRAFT
        and target is NoticeStatus.UNDER_REVIEW
        and channel is Channel.DIFFUSION
    ):
        raise InvalidTransition("A diffusion is sent directly to its countries: send it instead.")


@dataclass(frozen=True, slots=True)
class NoticeContent:
    kind: NoticeKind
    channel: Channel
    has_subject: bool
    subject_identifiable: bool  # a name plus a birth date or an identifier
    title: str
    offence: str | None
    legal_basis: str | None
    warrant_reference: str | None
    subject_status: SubjectStatus | None
    max_penalty_months: int | None
    remaining_sentence_months: int | None
    restrictions: Restrictions


RED_MIN_PENALTY_MONTHS = 24
RED_MIN_REMAINING_MONTHS = 6


def validate_content(n: NoticeContent) -> None:
    """Raise ValidationFailed with every problem a supervisor must fix before sending."""
    problems: list[str] = []
    if not n.title.strip():
        problems.append("a title")
    if n.kind in PERSON_KINDS and not n.has_subject:
        problems.append(f"a subject person ({n.kind.value} notices are about a person)")
    if (
        n.channel is Channel.DIFFUSION
        and n.restrictions.visibility is not Visibility.LISTED_COUNTRIES
    ):
        problems.append("the recipient countries (a diffusion goes to listed countries only)")
    if n.kind is NoticeKind.RED:
        if not n.subject_identifiable:
            problems.append("enough identifiers: a name plus a birth date or an identity document")
        if not (n.warrant_reference or "").strip():
            problems.append("the reference of a valid arrest warrant or court decision")
        if not (n.offence or "").strip():
            problems.append("the offence")
        if not (n.legal_basis or "").strip():
            problems.append("the legal basis (the law that makes the conduct an offence)")
        if n.subject_status is None:
            problems.append("the person's status: suspect, accused or convicted")
        elif n.subject_status is SubjectStatus.CONVICTED:
            if (n.remaining_sentence_months or 0) < RED_MIN_REMAINING_MONTHS:
                problems.append(
                    f"at least {RED_MIN_REMAINING_MONTHS} months of sentence left to serve"
                )
        elif (n.max_penalty_months or 0) < RED_MIN_PENALTY_MONTHS:
            problems.append(
                "an offence punishable by at least two years (max_penalty_months >= 24)"
            )
    if problems:
        raise ValidationFailed(
            f"This {n.kind.value} {n.channel.value} needs " + "; ".join(problems) + "."
        )
