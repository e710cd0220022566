"""Script-independent clean-up of a raw name: Unicode form, case, titles, particles, parts."""

from __future__ import annotations

import re
import unicodedata

# Titles and honorifics that say nothing about identity. Dots are removed before lookup.
TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "hon",
        "sheikh",
        "shaikh",
        "sheik",
        "haji",
        "hajji",
        "hadji",
        "gen",
        "general",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "cpt",
        "lt",
        "sgt",
        "cmdr",
        "adm",
        "admiral",
        "brig",
        "insp",
        "herr",
        "frau",
        "mme",
        "mlle",
        "monsieur",
        "madame",
        "sr",
        "sra",
        "srta",
        "jr",
        "mister",
        "messrs",
        "st",
        "господин",
        "госпожа",
        "гражданин",
        "гражданка",
        "г-н",
        "г-жа",
        "генерал",
        "полковник",
        "майор",
        "капитан",
        "доктор",
        "др",
        "проф",
        "пан",
        "пани",
        "κ",
        "κος",
        "κα",
        "κυρια",
        "κυριος",
        "السيد",
        "السيدة",
        "الشيخ",
        "الحاج",
        "الدكتور",
    ]
)

# Particles that join name parts but are not themselves identifying ("al-", "bin", "van").
PARTICLES: frozenset[str] = frozenset(
    [
        "al",
        "el",
        "ul",
        "bin",
        "ibn",
        "bint",
        "ben",
        "binti",
        "bte",
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "dos",
        "das",
    ]
)

# "Abdul"/"Abdel"/"Abdal" are "abd al" written as one word.
_ABD_PREFIX = re.compile(r"^(abd(?:ul|el|al|oul|ol|u|e|i|ur|ar|er|ou)?)(?=[a-z]{3,})")
_ABD_WORDS = frozenset({"abdul", "abdel", "abdal", "abdoul", "abdol", "abdur"})
# Abdullah, Abdulla, Abdallah, Abdalla: "abd" and "allah", however the article is spelt.
_ABD_ALLAH = re.compile(r"^abd[aeiou]{0,2}ll[ae]h?$")
_SLAVIC_SURNAME_END = re.compile(r"(?:ov|ova|ev|eva|ovich|evich|ovna|evna|uly|kyzy)$")
_APOSTROPHES = re.compile(r"['`’ʼ‘]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]{}\"«»„“”·・.\u200c]+")


def clean(raw: str) -> str:
    """NFKC and case fold: every later step sees one spelling of each character."""
    return unicodedata.normalize("NFKC", raw).casefold().strip()


def split_parts(text: str) -> list[str]:
    """Split a cleaned name into parts on spaces, hyphens, dots and punctuation; apostrophes
    belong to the part (O'Brien, Wade-Giles p'ing)."""
    return [p for p in _SEPARATORS.split(_APOSTROPHES.sub("", text)) if p]


def drop_titles(parts: list[str]) -> list[str]:
    """Remove titles; keep them if nothing else would be left (a person called 'Major')."""
    kept = [p for p in parts if p not in TITLES]
    return kept or parts


def drop_particles(parts: list[str]) -> list[str]:
    """Remove joining particles and unglue 'al-' / 'abdul' forms in Latin-script parts."""
    out: list[str] = []
    for p in parts:
        if p in PARTICLES:
            continue
        if p in _ABD_WORDS:
            out.append("abd")
            continue
        if _ABD_ALLAH.match(p):
            out.extend(("abd", "allah"))
            continue
        m = _ABD_PREFIX.match(p)
        # (abd then a vowel that links no article is a name of its own: Abdouli; so is
        # a Russian-style surname made of one, written as one word in Cyrillic too:
        # Abdrakhmanova, Abdullayev)
        if (
            m
            and len(p) > 6
            and not (m.end() == 3 and p[3] in "aeiouy")
            and not _SLAVIC_SURNAME_END.search(p)
        ):
            out.extend(("abd", p[m.end() :]))
            continue
        if len(p) > 4 and p[:2] in ("al", "el") and p[2] in "-'":
            p = p[3:]
        out.append(p)
    return out or parts


def _script_of(ch: str) -> str:
    """The script a letter's Unicode name begins with; "" for anything else."""
    if not ch.isalpha():
        return ""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    script = name.split(" ", 1)[0]
    return "KANA" if script in ("HIRAGANA", "KATAKANA") else script


# The script of each character met, for the process: names are written with a few
# thousand characters, and looking every letter of every name up in the Unicode database
# took a sixth of the time to prepare a record.
_SCRIPTS: dict[str, str] = {}


def dominant_script(text: str) -> str:
    """The Unicode script of most letters in `text` (LATIN, CYRILLIC, HANGUL, CJK, ...)."""
    counts: dict[str, int] = {}
    known = _SCRIPTS
    for ch in text:
        script = known.get(ch)
        if script is None:
            script = known[ch] = _script_of(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "LATIN"
    # Japanese names mix kanji and kana; any kana decides for Japanese reading rules.
    if "KANA" in counts:
        return "KANA"
    return max(counts.items(), key=lambda kv: kv[1])[0]
