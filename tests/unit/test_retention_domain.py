"""Review dates: reminder window, expiry, extension rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.domain.errors import ValidationFailed
from concord.domain.retention import REMINDER_LEAD, ReviewStatus, check_extension, review_status

TODAY = date(2026, 6, 1)


def test_review_status() -> None:
    assert review_status(None, TODAY) is ReviewStatus.CURRENT
    assert review_status(TODAY - timedelta(days=1), TODAY) is ReviewStatus.EXPIRED
    assert review_status(TODAY, TODAY) is ReviewStatus.REMINDER_DUE
    assert review_status(TODAY + REMINDER_LEAD, TODAY) is ReviewStatus.REMINDER_DUE
    assert review_status(TODAY + REMINDER_LEAD + timedelta(days=1), TODAY) is ReviewStatus.CURRENT


@given(st.integers(min_value=-4000, max_value=4000))
def test_status_follows_the_distance_to_the_date(days: int) -> None:
    status = review_status(TODAY + timedelta(days=days), TODAY)
    expected = (
        ReviewStatus.EXPIRED
        if days < 0
        else ReviewStatus.REMINDER_DUE
        if days <= REMINDER_LEAD.days
        else ReviewStatus.CURRENT
    )
    assert status is expected


def test_extension_rules() -> None:
    current = TODAY + timedelta(days=30)
    check_extension(current, date(2029, 6, 1), "trial pending", TODAY)
    with pytest.raises(ValidationFailed, match="reason"):
        check_extension(current, date(2029, 6, 1), "  ", TODAY)
    with pytest.raises(ValidationFailed, match="after the current"):
        check_extension(current, current, "x", TODAY)
    with pytest.raises(ValidationFailed, match="future"):
        check_extension(None, TODAY, "x", TODAY)
    with pytest.raises(ValidationFailed, match="at most 5 years"):
        check_extension(current, date(2031, 6, 2), "x", TODAY)
    check_extension(current, date(2031, 6, 1), "x", TODAY)
