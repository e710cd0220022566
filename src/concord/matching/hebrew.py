"""Latin readings of Hebrew-script names that keep what the letters say about vowels.

ICU's Hebrew-Latin writes only consonants and drops alef and ayin ("ryl" for Ariel,
"khn" for Cohen), so the consonant skeleton of a reading disagrees with every Latin
spelling. Here alef and ayin are read as a vowel, vav and yod as vowels between consonants
(and as v / y where they are consonants), a final he as a vowel, and a neutral e is put
between two consonants so that letter pairs are not read as digraphs (k-h in Cohen is not
the kh of Khan). Written by hand because no library offers such a reading.
"""

from __future__ import annotations

import functools

# Consonants: (usual sound, sound without dagesh / in other traditions).
_CONSONANTS: dict[str, tuple[str, str]] = {
    "ב": ("b", "v"), "ג": ("g", "g"), "ד": ("d", "d"), "ה": ("h", "h"), "ז": ("z", "z"),
    "ח": ("kh", "h"), "ט": ("t", "t"), "כ": ("k", "kh"), "ך": ("kh", "k"), "ל": ("l", "l"),
    "מ": ("m", "m"), "ם": ("m", "m"), "נ": ("n", "n"), "ן": ("n", "n"), "ס": ("s", "s"),
    "פ": ("p", "f"), "ף": ("f", "f"), "צ": ("ts", "tz"), "ץ": ("ts", "tz"), "ק": ("k", "k"),
    "ר": ("r", "r"), "ש": ("sh", "s"), "ת": ("t", "t"),
}  # fmt: skip
# With a geresh these letters write foreign sounds (Ja-, Zha-, Cha-).
_GERESH: dict[str, str] = {"ג": "j", "ז": "zh", "צ": "ch", "ת": "th"}
_GERESH_MARKS = frozenset("׳'’")


def _tokens(word: str, vav_consonant: bool, hard: bool) -> list[tuple[str, bool]]:
    """(sound, is_vowel) for each letter group of `word`."""
    out: list[tuple[str, bool]] = []
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        if ch in ("א", "ע"):
            out.append(("a", True))
        elif ch == "ו":
            if nxt == "ו":
                out.append(("v", False))
                i += 1
            elif i == 0 or vav_consonant:
                out.append(("v", False))
            else:
                out.append(("o", True))
        elif ch == "י":
            if nxt == "י":
                out.append(("y", False))
                i += 1
            elif i == 0:
                out.append(("y", False))
            else:
                out.append(("i", True))
        elif ch == "ה" and i == n - 1 and i > 0:
            out.append(("a", True))
        elif ch in _CONSONANTS:
            if nxt in _GERESH_MARKS and ch in _GERESH:
                out.append((_GERESH[ch], False))
                i += 1
            else:
                out.append((_CONSONANTS[ch][1 if hard else 0], False))
        i += 1
    return out


def _spell(tokens: list[tuple[str, bool]]) -> str:
    parts: list[str] = []
    prev_consonant = False
    for sound, vowel in tokens:
        if not vowel and prev_consonant:
            parts.append("e")
        parts.append(sound)
        prev_consonant = not vowel
    return "".join(parts)


@functools.lru_cache(maxsize=50_000)
def hebrew_forms(word: str) -> tuple[str, ...]:
    """Latin readings of one Hebrew name part (Cohen: kehen, David: deved / dod, ...)."""
    forms = [
        _spell(_tokens(word, vav_consonant=v, hard=h)) for v in (False, True) for h in (False, True)
    ]
    return tuple(dict.fromkeys(f for f in forms if f))
