"""Prepared records: everything the scorer and the index need, computed once per record."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from concord.matching.cjk import name_characters
from concord.matching.records import PersonRecord
from concord.matching.transliterate import RomanName, romanise

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_DMY = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")
_ID_CHARS = re.compile(r"[^0-9A-Z]+")
# Characters OCR and hurried typing confuse in document numbers (ICAO MRZ font).
_OCR_FOLD = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "S": "5",
                           "B": "8", "Z": "2", "G": "6"})  # fmt: skip

_TOKEN_INTERN: dict[tuple[str, ...], tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class PreparedId:
    type: str
    country: str | None
    value: str  # upper case, letters and digits only
    folded: str  # `value` with OCR look-alikes folded to one character


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A person ready for matching. `names` holds romanised names (parts of alternative
    ASCII forms); `scripts` the source script of each, parallel to `names`."""

    id: str
    names: tuple[RomanName, ...]
    scripts: tuple[str, ...]
    birth: tuple[int, int, int] | None  # (year, month or 0, day or 0)
    nationalities: frozenset[str]
    gender: str | None
    identifiers: tuple[PreparedId, ...]
    # Names written in Han characters or in Hangul only, as cjk.name_characters gives them:
    # compared character by character when both sides have one.
    characters: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[PreparedRecord], tuple[object, ...]]:
        # Pickled as its fields, rebuilt by the constructor: the dataclass's own
        # __setstate__ for frozen slotted classes runs in Python, and a batch run's parent
        # unpickles a million records while the build waits for it.
        return (
            PreparedRecord,
            (
                self.id,
                self.names,
                self.scripts,
                self.birth,
                self.nationalities,
                self.gender,
                self.identifiers,
                self.characters,
            ),
        )


def parse_birth_date(value: str | None) -> tuple[int, int, int] | None:
    """'1961-10-30' / '1961-10' / '1961' (also '30.10.1961') -> (1961, 10, 30) with 0s
    for what is unknown; None when there is no usable year."""
    if not value:
        return None
    m = _DATE.match(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    else:
        m = _DMY.match(value)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not 1 <= mo <= 12:
        mo, d = 0, 0
    if not 1 <= d <= 31:
        d = 0
    return (y, mo, d)


def normalise_identifier(value: str) -> str:
    return _ID_CHARS.sub("", value.upper())


def ocr_fold(value: str) -> str:
    return value.translate(_OCR_FOLD)


def _intern_part(part: tuple[str, ...]) -> tuple[str, ...]:
    # Names repeat across records; sharing the tuples keeps a million records small.
    return _TOKEN_INTERN.setdefault(part, part)


def prepare(record: PersonRecord) -> PreparedRecord:
    """Normalise and transliterate a record once, for scoring and indexing."""
    names: list[RomanName] = []
    scripts: list[str] = []
    seen: set[RomanName] = set()
    characters: list[str] = []
    for raw in record.names:
        written = name_characters(raw.strip())
        if written and written not in characters:
            characters.append(written)
        script, romans = romanise(raw)
        for roman in romans:
            if roman in seen:
                continue
            seen.add(roman)
            names.append(tuple(_intern_part(p) for p in roman))
            scripts.append(sys.intern(script))
    idents = []
    for ident in record.identifiers:
        value = normalise_identifier(ident.value)
        if value:
            idents.append(
                PreparedId(
                    type=sys.intern(ident.type.lower()),
                    country=ident.country.lower() if ident.country else None,
                    value=value,
                    folded=ocr_fold(value),
                )
            )
    gender = (record.gender or "").lower()
    return PreparedRecord(
        id=record.id,
        names=tuple(names),
        scripts=tuple(scripts),
        birth=parse_birth_date(record.birth_date),
        nationalities=frozenset(n.lower() for n in record.nationalities),
        gender=gender if gender in ("male", "female") else None,
        identifiers=tuple(idents),
        characters=tuple(characters),
    )
