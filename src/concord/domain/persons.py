"""Nominal data: a person as the source agency recorded them, original scripts kept."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from concord.domain.errors import ValidationFailed


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(
    raw: str | None, *, field: str = "birth_date", today: date | None = None
) -> str | None:
    """Accept 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; reject impossible and future dates."""
    if raw is None or not str(raw).strip():
        return None
    text = str(raw).strip()
    m = _DATE.match(text)
    if not m:
        raise ValidationFailed(
            f"'{text}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1961-10-30).",
            field=field,
        )
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    today = today or date.today()
    if year < 1880 or year > today.year:
        raise ValidationFailed(f"Year {year} in '{text}' is out of range.", field=field)
    if month is not None and not 1 <= int(month) <= 12:
        raise ValidationFailed(f"Month {month} in '{text}' does not exist.", field=field)
    if day is not None:
        try:
            value = date(year, int(month or 1), int(day))
        except ValueError as exc:
            raise ValidationFailed(f"'{text}' is not a calendar date.", field=field) from exc
        if value > today:
            raise ValidationFailed(f"'{text}' lies in the future.", field=field)
    return text


def detect_script(text: str) -> str:
    """The dominant Unicode script of a name, by character names (no I/O, no ICU needed)."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0] if name else "UNKNOWN"
        if script in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}:
            script = {"CJK": "HAN"}.get(script, script)
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "unknown"
    return max(counts, key=lambda k: counts[k]).lower()


@dataclass(frozen=True, slots=True)
class PersonName:
    full: str
    script: str

    @classmethod
    def of(cls, raw: str) -> PersonName:
        full = unicodedata.normalize("NFC", " ".join(str(raw).split()))
        if not full:
            raise ValidationFailed("A name cannot be empty.", field="names")
        if len(full) > 200:
            raise ValidationFailed("A name is limited to 200 characters.", field="names")
        return cls(full, detect_script(full))


def parse_gender(raw: str | None) -> Gender:
    if raw is None or raw == "":
        return Gender.UNKNOWN
    try:
        return Gender(str(raw).lower())
    except ValueError as exc:
        raise ValidationFailed(
            f"Unknown gender '{raw}': use male, female or unknown.", field="gender"
        ) from exc
