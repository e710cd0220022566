"""Prepared records: everything the scorer and the index need, computed once per record."""

from __future__ import annotations

import functools
import itertools
import re
import sys
from dataclasses import dataclass

from concord.matching.cjk import name_characters
from concord.matching.phonetic import skeleton
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


_MAX_PAIR_KEYS_PER_NAME = 24


def part_skeletons(part: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s for s in (skeleton(f) for f in part) if s)


def full_name_key(name: RomanName) -> str | None:
    """'f:' key of a whole name (skeletons of its parts, order-free): how many records
    carry it tells how common the name is, i.e. how many namesakes a date must separate."""
    parts = sorted(skeleton(p[0]) for p in name if len(p[0]) > 1)
    if len(parts) < 2 or not all(parts):
        return None
    return "f:" + "|".join(parts)


# Parts this short are syllables (Chinese, Korean): neighbours may be written glued.
_SYLLABLE_LEN = 4


def exact_name_key(name: RomanName) -> str | None:
    """'x:' key of a whole name as written (first forms, order-free). It counts namesakes
    where skeletons are too coarse (Feng Chunying and Fang Chengyang share theirs) and
    takes no part in finding candidates (see query_keys)."""
    parts = sorted(p[0] for p in name if len(p[0]) > 1)
    return "x:" + "|".join(parts) if len(parts) >= 2 else None


# Skeletons shorter than this have deletions too common to find anyone by.
_MIN_DELETED = 3


@functools.lru_cache(maxsize=200_000)
def deletions(sk: str) -> frozenset[str]:
    """The skeleton with one consonant class left out, each way ("FLNTN" -> "LNTN",
    "FNTN", "FLTN", "FLNN"): a typo that drops, adds or changes one consonant leaves two
    skeletons one deletion apart (Valetina / Valentina, Giuskppe / Giuseppe)."""
    return frozenset(sk[:i] + sk[i + 1 :] for i in range(len(sk)))


def _name_keys(name: RomanName, year: int | None, out: set[str], stored: bool) -> None:
    # "He Jun Jie" and "HE JUNJIE": glued neighbouring syllables meet the glued part, and
    # the whole name with them glued meets the whole glued name (f:, w:).
    for i, (left, right) in enumerate(itertools.pairwise(name)):
        if len(left[0]) <= _SYLLABLE_LEN and len(right[0]) <= _SYLLABLE_LEN:
            glued = skeleton(left[0] + right[0])
            if len(glued) >= 2:
                out.add("n:" + glued)
            if len(name) >= 3:
                whole = full_name_key((*name[:i], (left[0] + right[0],), *name[i + 2 :]))
                if whole:
                    out.add(whole)
                    if year:
                        out.add(f"w:{year}:{whole[2:]}")
    # sorted: the pair keys below are capped, and which ones a long name keeps must not
    # depend on the order a set happens to iterate in (it changes with PYTHONHASHSEED)
    skels = [sorted(part_skeletons(p)) for p in name if len(p[0]) > 1]
    if year:
        # Two parts and the birth year: finds the person among thousands of namesakes of
        # one part even when a third part is missing or respelt.
        firsts = sorted(skeleton(p[0]) for p in name if len(p[0]) > 1)
        for i, lo in enumerate(firsts):
            for hi in firsts[i + 1 :]:
                if lo and hi:
                    out.add(f"v:{year}:{lo}:{hi}")
    exact = exact_name_key(name) if stored else None
    if exact:
        out.add(exact)
    full = full_name_key(name)
    if full:
        out.add(full)
        if year:
            # The whole name and the birth year: the narrowest name key there is.
            out.add(f"w:{year}:{full[2:]}")
    for sks in skels:
        for sk in sks:
            if len(sk) >= 2:
                out.add("n:" + sk)
                if year:
                    out.add(f"y:{year}:{sk}")
    if year and stored:
        # Deletion keys ('e:'), with the year to stay narrow: queries with a misspelt part
        # still find the record (query_keys).
        for part in name:
            sk = skeleton(part[0])
            if len(sk) >= _MIN_DELETED:
                out.update(f"e:{year}:{d}" for d in deletions(sk))
    pairs = 0
    for i in range(len(skels)):
        for j in range(i + 1, len(skels)):
            for a in skels[i]:
                for b in skels[j]:
                    if pairs >= _MAX_PAIR_KEYS_PER_NAME:
                        return
                    lo, hi = (a, b) if a <= b else (b, a)
                    out.add(f"p:{lo}:{hi}")
                    pairs += 1


def blocking_keys(prepared: PreparedRecord) -> frozenset[str]:
    """Keys under which the record is indexed: skeletons of name parts ('n:'), pairs of
    them ('p:'), skeletons with the birth year ('y:') and so with one consonant left out
    ('e:'), the birth date ('d:', or 'm:' for a date known to the month), OCR-folded
    identifiers ('i:'), and whole names as written ('x:', counted, never searched).
    Two records that could be the same person share at least one key in nearly all cases;
    very common single keys are skipped at query time (see MatchIndex)."""
    return frozenset(_keys(prepared, stored=True))


def _keys(prepared: PreparedRecord, stored: bool) -> set[str]:
    # stored=False leaves out the keys a query does not search by (x:, e:) rather than
    # making them to throw away: a query's keys are on the batch runner's hot path.
    out: set[str] = set()
    year = prepared.birth[0] if prepared.birth else None
    for name in prepared.names:
        _name_keys(name, year, out, stored)
    if prepared.birth and all(prepared.birth):
        # The full birth date: at a million records a date is shared by about fifty, so
        # with one name part it lifts the record above namesakes born in other years when
        # the query's name is misspelt and the narrow name keys miss.
        out.add("d:{:04d}-{:02d}-{:02d}".format(*prepared.birth))
    elif prepared.birth and prepared.birth[1]:
        # A record known to the month only: found by queries of that month (query_keys).
        out.add("m:{:04d}-{:02d}".format(*prepared.birth[:2]))
    for ident in prepared.identifiers:
        if len(ident.folded) >= 5:
            out.add("i:" + ident.folded)
    return out


def query_keys(prepared: PreparedRecord) -> frozenset[str]:
    """Blocking keys of a query, widened to neighbouring birth years (typos, age guesses)."""
    keys = _keys(prepared, stored=False)  # blocking_keys without 'x:' and 'e:'
    if prepared.birth:
        year, month, day = prepared.birth
        e_year, y_year = f"e:{year}:", f"y:{year}:"
        # one consonant dropped, added or changed in a part: the record's deletion keys
        # hold the query's skeleton (dropped) or one of its deletions (changed); a
        # deletion of the query's is the record's year key (added; widened below to the
        # neighbouring years like every year key)
        for name in prepared.names:
            for part in name:
                sk = skeleton(part[0])
                if len(sk) >= _MIN_DELETED:
                    keys.add(e_year + sk)
                    for d in deletions(sk):
                        keys.add(e_year + d)
                        keys.add(y_year + d)
        dated = (y_year, f"w:{year}:", f"v:{year}:")  # all of one length
        before, after = f":{year - 1}:", f":{year + 1}:"
        for k in [k for k in keys if k.startswith(dated)]:
            sk = k[len(y_year) :]
            keys.add(k[0] + before + sk)
            keys.add(k[0] + after + sk)
        if month:
            keys.add(f"m:{year:04d}-{month:02d}")
        if month and day:
            # the year is the part of a date most often off by one (an age guess, a slip)
            keys.add(f"d:{year - 1:04d}-{month:02d}-{day:02d}")
            keys.add(f"d:{year + 1:04d}-{month:02d}-{day:02d}")
    return frozenset(keys)
