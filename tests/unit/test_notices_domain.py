"""Notice lifecycle and content rules, pure."""

from __future__ import annotations

import pytest

from concord.domain.errors import InvalidTransition, ValidationFailed
from concord.domain.notices import (
    TRANSITIONS,
    Channel,
    NoticeContent,
    NoticeKind,
    NoticeStatus,
    SubjectStatus,
    check_transition,
    validate_content,
)
from concord.domain.persons import detect_script, parse_partial_date
from concord.domain.restrictions import Restrictions


def content(**kw: object) -> NoticeContent:
    base: dict[str, object] = dict(
        kind=NoticeKind.RED,
        channel=Channel.NOTICE,
        has_subject=True,
        subject_identifiable=True,
        title="Fraud",
        offence="Fraud",
        legal_basis="CC 190",
        warrant_reference="W-1",
        subject_status=SubjectStatus.ACCUSED,
        max_penalty_months=24,
        remaining_sentence_months=None,
        restrictions=Restrictions(),
    )
    base.update(kw)
    return NoticeContent(**base)  # type: ignore[arg-type]


def test_complete_red_notice_passes() -> None:
    validate_content(content())


def test_penalty_threshold_is_two_years() -> None:
    with pytest.raises(ValidationFailed, match="two years"):
        validate_content(content(max_penalty_months=23))


def test_yellow_notice_needs_no_warrant_but_a_subject() -> None:
    validate_content(
        content(kind=NoticeKind.YELLOW, warrant_reference=None, offence=None, legal_basis=None)
    )
    with pytest.raises(ValidationFailed, match="subject person"):
        validate_content(content(kind=NoticeKind.YELLOW, has_subject=False))
    validate_content(content(kind=NoticeKind.PURPLE, has_subject=False))


def test_final_states_have_no_way_out() -> None:
    for final in (NoticeStatus.CANCELLED, NoticeStatus.ARCHIVED):
        assert TRANSITIONS[final] == frozenset()
        for target in NoticeStatus:
            with pytest.raises(InvalidTransition):
                check_transition(final, target, Channel.NOTICE)


def test_notices_cannot_skip_review_and_diffusions_skip_it() -> None:
    with pytest.raises(InvalidTransition, match="submit it first"):
        check_transition(NoticeStatus.DRAFT, NoticeStatus.PUBLISHED, Channel.NOTICE)
    check_transition(NoticeStatus.DRAFT, NoticeStatus.PUBLISHED, Channel.DIFFUSION)


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("1961", True),
        ("1961-10", True),
        ("1961-10-30", True),
        ("1961-13", False),
        ("1961-02-30", False),
        ("30.10.1961", False),
        ("2999", False),
        ("", True),
    ],
)
def test_partial_dates(raw: str, ok: bool) -> None:
    if ok:
        assert parse_partial_date(raw) == (raw or None)
    else:
        with pytest.raises(ValidationFailed):
            parse_partial_date(raw)


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("Ким Чен Ян", "cyrillic"),
        ("김종양", "hangul"),
        ("王伟", "han"),
        ("محمد علي", "arabic"),
        ("გიორგი", "georgian"),
        ("Kim Jong-yang", "latin"),
    ],
)
def test_script_detection(name: str, script: str) -> None:
    assert detect_script(name) == script
