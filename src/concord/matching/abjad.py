"""Whether a Latin spelling can be a name written in Arabic or Persian script.

Arabic script writes consonants and long vowels (alef, waw, ya); short vowels and doubled
letters are left out. Its ICU reading (transliterate.py) keeps only what is written:
نعيمي reads nymy, where a passport writes Nuaimi. Edit distance and consonant skeletons
see the two as only roughly alike, and so does every library scorer we know of
(rapidfuzz, Jaro-Winkler, Soundex-like codes): none knows which letters the script leaves
unwritten, which is the whole question, so the alignment below is written by hand.

A Latin spelling *spells* a reading when, from left to right, every letter of the reading
is written by one of its usual Latin spellings, and what is left of the Latin is:

- a vowel the script does not write, one at a time (Hasan / hsn), or two where the second
  is an a (Nuaimi / nymy, Saad / sd: an ayn or hamza the reading drops);
- the second letter of a doubled consonant (Mohammed / mhmd: a shadda);
- a final h after a vowel (Fatemeh, Sarah).

And a final he of the reading, which marks a vowel, may be left out (فاطمه Fatema).

Two unwritten vowels in a row otherwise spell a long vowel the script would have written:
Hussein spells حسين (hsyn), not حسن (hsn), which is Hassan.
"""

from __future__ import annotations

_VOWELS = frozenset("aeiou")
# Digraphs of the reading. Each may also be two letters (اسحاق reads ashaq: s then h).
_DIGRAPHS = frozenset({"th", "dh", "kh", "sh", "gh", "ch", "zh", "aa"})
_WAW = ("w", "v", "u", "o", "ou", "oo", "ow")
# The Latin spellings of each letter of a reading: ICU's letter first, then those of
# passports and the press (ذ Dhiyab, Zayed; ق Qasim, Kassem, Gassim; ج Jamal, Gamal).
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "b": ("b", "p"),
    "th": ("th", "s", "t"),
    "j": ("j", "g", "dj", "dzh", "zh"),
    "kh": ("kh", "h", "ch", "x", "k"),
    "dh": ("dh", "d", "z", "th"),
    "z": ("z", "dh"),
    "s": ("s", "c"),
    "sh": ("sh", "ch", "sch", "s"),
    "gh": ("gh", "g"),
    "f": ("f", "ph"),
    "q": ("q", "k", "g", "c", "ck"),
    "k": ("k", "c", "ck", "q"),
    "ch": ("ch", "tch", "c"),
    "zh": ("zh", "j", "g"),
    "w": _WAW,
    "v": _WAW,  # Persian BGN writes waw as v
    "u": _WAW,  # waw read as a vowel (transliterate.py)
    "y": ("y", "i", "ee", "ie", "ey", "iy", "j"),
    # alef, and hamza on its seat: any vowel (إبراهيم Ibrahim, أسامة Osama)
    "a": ("a", "e", "aa", "i", "o", "u", "ae"),
    # an ayn read as alef, then an alef: one vowel (العامري Al Ameri, عائشة Aisha)
    "aa": ("a", "e", "aa"),
}


def is_reading(part: tuple[str, ...]) -> bool:
    """Whether every form of a part is a vowel-less reading (e, i, o are never in one)."""
    return all("e" not in f and "i" not in f and "o" not in f for f in part)


def full_readings(part: tuple[str, ...]) -> list[str]:
    """The readings of a part that keep every letter: BGN's romanisation leaves out an
    initial alef or ayn (أحمد ahmd and hmd), and Hamad spells hmd, not Ahmad."""
    return [y for y in part if not any(x != y and x.lstrip("a") == y for x in part)]


def spells(latin: str, reading: str) -> bool:
    """Whether `latin` can be a spelling of the name that `reading` transliterates."""
    n, m = len(latin), len(reading)
    # States: (Latin letters used, reading letters used, unwritten vowels just before).
    todo = [(0, 0, 0)]
    seen: set[tuple[int, int, int]] = set()
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        i, j, run = state
        if i == n and j == m:
            return True
        if j < m:
            letters = [reading[j]]
            if reading[j : j + 2] in _DIGRAPHS:
                letters.append(reading[j : j + 2])
            for letter in letters:
                for spelling in _SPELLINGS.get(letter, (letter,)):
                    if latin.startswith(spelling, i):
                        todo.append((i + len(spelling), j + len(letter), 0))
        if i < n:
            ch = latin[i]
            if ch in _VOWELS:
                if run == 0 or (run == 1 and ch == "a"):
                    todo.append((i + 1, j, run + 1))
            elif i > 0 and latin[i - 1] == ch:
                todo.append((i + 1, j, 0))
            elif ch == "h" and i == n - 1 and j == m and latin[i - 1] in _VOWELS:
                todo.append((n, m, 0))
        elif n and j == m - 1 and reading[j] == "h" and latin[n - 1] in _VOWELS:
            todo.append((n, m, 0))  # a final he that only marks the vowel (فاطمه Fatema)
    return False
