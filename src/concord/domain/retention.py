"""Review dates and retention: when an owner is reminded, when an item expires, how far it may
be extended.

Each shared item has a review date (five years after publication is usual); the owner is asked
six months before, may extend it with a reason, and otherwise the item is archived and stops
matching.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from concord.domain.errors import ValidationFailed

REMINDER_LEAD = timedelta(days=183)  # six months
MAX_EXTENSION_YEARS = 5


class ReviewStatus(StrEnum):
    CURRENT = "current"
    REMINDER_DUE = "reminder_due"
    EXPIRED = "expired"


def review_status(review_date: date | None, today: date) -> ReviewStatus:
    if review_date is None:
        return ReviewStatus.CURRENT
    if review_date < today:
        return ReviewStatus.EXPIRED
    if review_date - today <= REMINDER_LEAD:
        return ReviewStatus.REMINDER_DUE
    return ReviewStatus.CURRENT


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_extension(current: date | None, new: date, reason: str, today: date) -> None:
    """An extension moves the date forward, by at most five years from today, with a reason."""
    if not reason.strip():
        raise ValidationFailed(
            "Give the reason why the item is still needed (it is kept in the audit log).",
            field="reason",
        )
    if new <= today:
        raise ValidationFailed("The new review date must lie in the future.", field="review_date")
    if current is not None and new <= current:
        raise ValidationFailed(
            f"The new review date must come after the current one ({current.isoformat()}).",
            field="review_date",
        )
    limit = _add_years(today, MAX_EXTENSION_YEARS)
    if new > limit:
        raise ValidationFailed(
            f"An item may be extended by at most {MAX_EXTENSION_YEARS} years at a time "
            f"(until {limit.isoformat()}).",
            field="review_date",
        )
