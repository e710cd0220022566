"""Machine-readable-zone transliteration after ICAO Doc 9303, part 3 (section 6 tables).

Passports print names in the MRZ with these rules, so the ICAO form is often the one an
officer types from a document. Written out here because ICU ships no ICAO transform.
Only lower-case letters are mapped: callers case fold first.
"""

from __future__ import annotations

import unicodedata

# Latin letters that ICAO expands rather than strips (other diacritics drop to the base letter).
_LATIN_SPECIAL: dict[str, str] = {
    "ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "æ": "ae", "ø": "oe", "œ": "oe", "ß": "ss",
    "þ": "th", "ð": "d", "đ": "d", "ł": "l", "ĳ": "ij", "ħ": "h", "ı": "i", "ŀ": "l",
}  # fmt: skip

# Cyrillic (Russian, with the Ukrainian, Belarusian and other letters the table lists).
_CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ґ": "g", "є": "ie", "і": "i", "ї": "i", "ў": "u", "ѓ": "g", "ѕ": "dz",
    "ј": "j", "ќ": "k", "љ": "lj", "њ": "nj", "ђ": "d", "ћ": "c", "џ": "dz",
    # Kazakh letters are not in the table; the MRZ practice drops them to the base letter.
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
}  # fmt: skip

# Ukrainian passports render Г as H (the table's note for Belarusian/Serbian/Ukrainian).
_UKRAINIAN_OVERRIDES: dict[str, str] = {"г": "h"}


def icao_latin(text: str) -> str:
    """Latin text with diacritics as the MRZ writes them (Müller -> mueller)."""
    out = "".join(_LATIN_SPECIAL.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFD", out)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def icao_cyrillic(text: str, ukrainian: bool = False) -> str:
    """Cyrillic text in the ICAO 9303 MRZ transliteration (Щербаков -> shcherbakov)."""
    table = {**_CYRILLIC, **_UKRAINIAN_OVERRIDES} if ukrainian else _CYRILLIC
    return "".join(table.get(ch, ch) for ch in text)
