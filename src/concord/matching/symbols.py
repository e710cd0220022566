"""One name in several languages: Joseph / Yosef / Iosif, Kohen / Cohen, Khaled / Khalid,
Oganesyan / Hovhannisyan.

No spelling rule, skeleton or edit distance relates such forms: they are cognates or
conventions, listed by hand. rigour (OpenSanctions' name library) keeps such lists: its
name symbols tie the spellings of a given name or surname to one Wikidata item. Asked
once a form, remembered for the process: the forms met are a bounded vocabulary.

rigour builds its tables on first use: about 5 s and 400 MB. `load` does that where it is
paid once: at an index's start-up load, and before a batch forks its workers, which then
share the tables (copy on write; nothing writes to them)."""

from __future__ import annotations

from rigour.names import NameTypeTag, analyze_names
from rigour.names.symbol import Symbol

_KNOWN: dict[str, frozenset[str]] = {}
_NAME = Symbol.Category.NAME


def name_symbols(form: str) -> frozenset[str]:
    """The Wikidata items of the names `form` (one lower-case Latin name part) spells."""
    known = _KNOWN.get(form)
    if known is None:
        found = analyze_names(
            NameTypeTag.PER,
            [form],
            phonetics=False,
            numerics=False,
            consolidate=False,
            rewrite=False,
        )
        known = _KNOWN[form] = frozenset(
            span.symbol.id
            for name in found
            for span in name.spans
            if span.symbol.category == _NAME and len(span.parts) == 1
        )
    return known


def load() -> None:
    """Build rigour's name tables now rather than at the first comparison."""
    name_symbols("joseph")
