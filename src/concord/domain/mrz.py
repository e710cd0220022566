"""Machine readable zones of travel documents (ICAO Doc 9303, parts 3 to 7).

Parses the layouts in use: TD3 (passports, 2 lines of 44), TD1 (identity cards, 3 lines of
30), TD2 (2 lines of 36) and visas (MRV-A, MRV-B), and verifies every check digit so that a
mistyped or altered zone is rejected naming the check that failed. Pure: no I/O.
Written here because the format is a fixed-column table from the public spec, while the PyPI
packages are OCR front-ends or, like ``mrz`` (last release 2020), no longer maintained.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from concord.domain.identifiers import IdentifierKind, InvalidIdentifier

_WEIGHTS = (7, 3, 1)
_MRZ_LINE = re.compile(r"[A-Z0-9<]+")


def _char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"{ch!r} is not an MRZ character (A-Z, 0-9 or <)")


def mrz_check_digit(s: str) -> int:
    """ICAO 9303 check digit: weights 7, 3, 1 repeated; '<' counts 0, A..Z count 10..35."""
    return sum(_char_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(s)) % 10


@dataclass(frozen=True, slots=True)
class MrzData:
    format: str  # "TD1", "TD2", "TD3", or "MRV-A" / "MRV-B" for visas
    document_type: str  # e.g. "P", "I", "ID", "AC"; fillers removed
    issuing_state: str  # ICAO three-letter code, e.g. "UTO", "D" for Germany
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str | None  # YYYY-MM-DD; None when the zone marks day or month unknown
    sex: str  # "M", "F" or "X" (unspecified)
    expiry_date: str | None  # YYYY-MM-DD
    optional_data: str  # personal number (TD3), optional data (TD2, TD1 line 1)
    optional_data_2: str = ""  # TD1 line 2 optional data

    @property
    def identifier_kind(self) -> IdentifierKind:
        if self.document_type.startswith("P"):
            return IdentifierKind.PASSPORT
        return IdentifierKind.TRAVEL_DOCUMENT


def parse_mrz(text: str, today: dt.date | None = None) -> MrzData:
    """Parse and verify a machine readable zone given as 2 or 3 lines of text.

    ``today`` anchors the two-digit years (birth dates are never in the future, expiry dates
    lie within fifty years either side); it defaults to the current date.
    Raises :class:`InvalidIdentifier` naming the layout fault or the failed check digit.
    """
    lines = [re.sub(r"\s+", "", line).upper() for line in text.strip().splitlines()]
    lines = [line for line in lines if line]
    kind = (
        IdentifierKind.PASSPORT if lines and lines[0][:1] == "P" else IdentifierKind.TRAVEL_DOCUMENT
    )
    for line in lines:
        if not _MRZ_LINE.fullmatch(line):
            bad = "".join(sorted(set(re.sub(r"[A-Z0-9<]", "", line))))
            raise InvalidIdentifier(kind, text, f"The MRZ contains characters not allowed: {bad}")
    shape = (len(lines), *{len(line) for line in lines})
    anchor = today or dt.date.today()
    if lines and lines[0][0] == "V" and shape in ((2, 44), (2, 36)):
        return _visa(text, lines, anchor)
    if shape == (2, 44):
        return _td3(text, lines, anchor)
    if shape == (3, 30):
        return _td1(text, lines, anchor)
    if shape == (2, 36):
        return _td2(text, lines, anchor)
    lengths = ", ".join(str(len(line)) for line in lines)
    raise InvalidIdentifier(
        kind,
        text,
        f"The MRZ has {len(lines)} lines of {lengths} characters; expected 2 lines of 44 "
        "(passport), 3 of 30 (identity card) or 2 of 36",
    )


class _Zone:
    """Reads fields of one MRZ and verifies their check digits, reporting which failed."""

    def __init__(self, raw: str, kind: IdentifierKind) -> None:
        self.raw = raw
        self.kind = kind

    def verify(self, what: str, field: str, check: str) -> None:
        # A field left entirely empty may carry '<' as its check digit (Doc 9303 part 3).
        if check == "<" and field.strip("<") == "":
            return
        expected = mrz_check_digit(field)
        if check != str(expected):
            raise InvalidIdentifier(
                self.kind,
                self.raw,
                f"The MRZ {what} check digit fails (expected {expected}, got {check}): "
                "the zone is mistyped or altered",
            )

    def date(self, what: str, yymmdd: str, anchor: dt.date, *, past_only: bool) -> str | None:
        if "<" in yymmdd:
            return None  # ICAO marks an unknown day or month with fillers
        if not yymmdd.isdigit():
            raise InvalidIdentifier(self.kind, self.raw, f"The MRZ {what} {yymmdd} is not a date")
        yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
        century = anchor.year // 100 * 100
        year = century + yy
        if past_only and year > anchor.year:
            year -= 100
        elif not past_only and year < anchor.year - 50:
            year += 100
        elif not past_only and year > anchor.year + 49:
            year -= 100
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            raise InvalidIdentifier(
                self.kind, self.raw, f"The MRZ {what} {yymmdd} is not a calendar date"
            ) from None


def _fillers(field: str) -> str:
    return field.replace("<", " ").strip()


def _names(field: str) -> tuple[str, str]:
    surname, _, given = field.strip("<").partition("<<")
    return _fillers(surname), " ".join(_fillers(given).split())


def _sex(ch: str) -> str:
    return "X" if ch == "<" else ch


def _document_number(zone: _Zone, number: str, check: str, optional: str) -> tuple[str, str]:
    """Return the document number and the remaining optional data.

    Numbers longer than 9 characters put '<' in the check position and continue in the
    optional data, ending with their check digit (Doc 9303 part 5, TD1 and TD2).
    """
    if check == "<" and optional.strip("<"):
        overflow = optional.split("<", 1)[0]
        full, check = number + overflow[:-1], overflow[-1]
        zone.verify("document number", full, check)
        return full, optional[len(overflow) :]
    zone.verify("document number", number, check)
    return number.replace("<", ""), optional


def _td3(raw: str, lines: list[str], anchor: dt.date) -> MrzData:
    line1, line2 = lines
    zone = _Zone(raw, IdentifierKind.PASSPORT)
    zone.verify("document number", line2[0:9], line2[9])
    zone.verify("birth date", line2[13:19], line2[19])
    zone.verify("expiry date", line2[21:27], line2[27])
    zone.verify("personal number", line2[28:42], line2[42])
    zone.verify("composite", line2[0:10] + line2[13:20] + line2[21:43], line2[43])
    surname, given = _names(line1[5:44])
    return MrzData(
        format="TD3",
        document_type=line1[0:2].replace("<", ""),
        issuing_state=line1[2:5].replace("<", ""),
        surname=surname,
        given_names=given,
        document_number=line2[0:9].replace("<", ""),
        nationality=line2[10:13].replace("<", ""),
        birth_date=zone.date("birth date", line2[13:19], anchor, past_only=True),
        sex=_sex(line2[20]),
        expiry_date=zone.date("expiry date", line2[21:27], anchor, past_only=False),
        optional_data=_fillers(line2[28:42]),
    )


def _visa(raw: str, lines: list[str], anchor: dt.date) -> MrzData:
    # Machine readable visas (Doc 9303 part 7) share the TD3/TD2 layout but have no personal
    # number or composite check digits: everything after the expiry date is optional data.
    line1, line2 = lines
    zone = _Zone(raw, IdentifierKind.TRAVEL_DOCUMENT)
    zone.verify("document number", line2[0:9], line2[9])
    zone.verify("birth date", line2[13:19], line2[19])
    zone.verify("expiry date", line2[21:27], line2[27])
    surname, given = _names(line1[5:])
    return MrzData(
        format="MRV-A" if len(line1) == 44 else "MRV-B",
        document_type=line1[0:2].replace("<", ""),
        issuing_state=line1[2:5].replace("<", ""),
        surname=surname,
        given_names=given,
        document_number=line2[0:9].replace("<", ""),
        nationality=line2[10:13].replace("<", ""),
        birth_date=zone.date("birth date", line2[13:19], anchor, past_only=True),
        sex=_sex(line2[20]),
        expiry_date=zone.date("expiry date", line2[21:27], anchor, past_only=False),
        optional_data=_fillers(line2[28:]),
    )


def _td1(raw: str, lines: list[str], anchor: dt.date) -> MrzData:
    line1, line2, line3 = lines
    zone = _Zone(raw, IdentifierKind.TRAVEL_DOCUMENT)
    number, optional = _document_number(zone, line1[5:14], line1[14], line1[15:30])
    zone.verify("birth date", line2[0:6], line2[6])
    zone.verify("expiry date", line2[8:14], line2[14])
    zone.verify("composite", line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29], line2[29])
    surname, given = _names(line3)
    return MrzData(
        format="TD1",
        document_type=line1[0:2].replace("<", ""),
        issuing_state=line1[2:5].replace("<", ""),
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=line2[15:18].replace("<", ""),
        birth_date=zone.date("birth date", line2[0:6], anchor, past_only=True),
        sex=_sex(line2[7]),
        expiry_date=zone.date("expiry date", line2[8:14], anchor, past_only=False),
        optional_data=_fillers(optional),
        optional_data_2=_fillers(line2[18:29]),
    )


def _td2(raw: str, lines: list[str], anchor: dt.date) -> MrzData:
    line1, line2 = lines
    zone = _Zone(raw, IdentifierKind.TRAVEL_DOCUMENT)
    number, optional = _document_number(zone, line2[0:9], line2[9], line2[28:35])
    zone.verify("birth date", line2[13:19], line2[19])
    zone.verify("expiry date", line2[21:27], line2[27])
    zone.verify("composite", line2[0:10] + line2[13:20] + line2[21:35], line2[35])
    surname, given = _names(line1[5:36])
    return MrzData(
        format="TD2",
        document_type=line1[0:2].replace("<", ""),
        issuing_state=line1[2:5].replace("<", ""),
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=line2[10:13].replace("<", ""),
        birth_date=zone.date("birth date", line2[13:19], anchor, past_only=True),
        sex=_sex(line2[20]),
        expiry_date=zone.date("expiry date", line2[21:27], anchor, past_only=False),
        optional_data=_fillers(optional),
    )


__all__ = ["MrzData", "mrz_check_digit", "parse_mrz"]
