"""Reading a list of values to screen: lines pasted into the bulk lookup page ("kind,value" or
a bare value of the kind chosen for every line) and a CSV file (with a header naming kind,
value and country, or without one), uploaded there or given to ``concord indicators screen``.

A line that cannot be read becomes an entry with ``error`` set, so one bad line is reported in
its place instead of failing the whole list.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from concord.domain.directory import country_code
from concord.domain.errors import ValidationFailed
from concord.domain.indicators import IndicatorKind

KINDS = frozenset(k.value for k in IndicatorKind)
MAX_VALUE = 1100  # the longest value a lookup takes (a URL)
MAX_KIND = 32
MAX_FILE_BYTES = 2_000_000  # several times the largest list one lookup accepts


@dataclass(frozen=True, slots=True)
class ListedValue:
    source: str  # "line" (pasted) or "file row"
    number: int
    kind: str
    value: str
    country: str | None = None  # default region of a phone number written without +
    error: str | None = None

    @property
    def where(self) -> str:
        """ "line 3" or "file row 3", as the officer will look for it."""
        return f"{self.source} {self.number}"


def _entry(where: tuple[str, int], kind: str, value: str, country: str | None) -> ListedValue:
    kind, value, country = kind.strip().lower(), value.strip(), (country or "").strip() or None
    if not value:
        return ListedValue(*where, kind, value, error="no value after the kind.")
    if len(kind) > MAX_KIND:
        return ListedValue(*where, kind[:MAX_KIND], value, error="not an indicator kind.")
    if len(value) > MAX_VALUE:
        return ListedValue(
            *where,
            kind,
            value[:60] + "…",
            error=f"longer than {MAX_VALUE} characters, which no indicator is.",
        )
    if country:
        try:
            country = country_code(country)
        except ValidationFailed as exc:
            return ListedValue(*where, kind, value, error=exc.detail)
    return ListedValue(*where, kind, value, country)


def _no_kind(where: tuple[str, int], value: str) -> ListedValue:
    return ListedValue(
        *where,
        "",
        value.strip(),
        error="no kind: write it first (phone,+77011234567) or choose a kind for every line.",
    )


def read_pasted(text: str, kind: str | None, country: str | None = None) -> list[ListedValue]:
    """One value a line. "kind,value" names the kind; with a kind chosen for every line, a
    line is read as "kind,value" only when it starts with a known kind (a URL may hold commas)."""
    out: list[ListedValue] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        head, comma, rest = line.partition(",")
        where = ("line", n)
        if comma and (not kind or head.strip().lower() in KINDS):
            out.append(_entry(where, head, rest, country))
        elif kind:
            out.append(_entry(where, kind, line, country))
        else:
            out.append(_no_kind(where, line))
    return out


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(
            "The file is not UTF-8 text: save the list as CSV (UTF-8) and upload it again.",
            field="file",
        ) from exc


def read_csv(
    data: bytes,
    kind: str | None,
    country: str | None = None,
    max_bytes: int | None = MAX_FILE_BYTES,
) -> list[ListedValue]:
    """A CSV with a header row naming ``value`` (and ``kind``, ``country`` if it has them), or
    rows of kind,value[,country], or, with a kind chosen, values in the first column.
    ``max_bytes`` caps an upload; the command line reads whole national lists (None)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ValidationFailed(
            f"The file has {len(data):,} bytes; upload at most {max_bytes:,} at a time.",
            field="file",
        )
    rows = list(csv.reader(io.StringIO(_decode(data))))
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    out: list[ListedValue] = []
    if "value" in header:
        at: dict[str, int] = {
            name: header.index(name) for name in ("kind", "value", "country") if name in header
        }
        for n, cells in enumerate(rows[1:], start=2):
            if not any(c.strip() for c in cells):
                continue

            def cell(name: str, cells: list[str] = cells) -> str:
                i = at.get(name)
                return cells[i] if i is not None and i < len(cells) else ""

            where = ("file row", n)
            row_kind = cell("kind").strip() or kind
            if row_kind:
                out.append(_entry(where, row_kind, cell("value"), cell("country") or country))
            else:
                out.append(_no_kind(where, cell("value")))
        return out
    for n, cells in enumerate(rows, start=1):
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        where = ("file row", n)
        first = cells[0].strip()
        if len(cells) >= 2 and (not kind or first.lower() in KINDS):
            row_country = cells[2] if len(cells) >= 3 and cells[2].strip() else country
            out.append(_entry(where, first, cells[1], row_country))
        elif kind:
            out.append(_entry(where, kind, first or filled[0], country))
        else:
            out.append(_no_kind(where, filled[0]))
    return out
