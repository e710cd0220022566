"""Blocking keys: what the candidate index files a prepared record under, and what a query
looks it up by. Compiled with mypyc (setup.py), like the rest of the hot path: the keys of
every record and query are made here."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable

from concord.matching.phonetic import skeleton
from concord.matching.prepare import PreparedRecord
from concord.matching.transliterate import RomanName

_MAX_PAIR_KEYS_PER_NAME = 24
# Whole-name keys (f:, w:) and pair-and-year keys (v:) of a name made from at most this many
# combinations of its parts' readings.
_READINGS = 4


def part_skeletons(part: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s for s in (skeleton(f) for f in part) if s)


# The kinds of key namesakes are counted by (ranking.namesake_count): two parts ('p:'), the
# whole name ('f:') and the name as written ('x:'); and the key an undated record also
# carries for each (undated_key): its pair and whole name as if born in any year ('*',
# beside the keys of a year, 'v:' and 'w:'), its name as written ('u:', never searched).
_UNDATED = {"p:": "v:*:", "f:": "w:*:", "x:": "u:"}
NAMESAKE_KEYS = tuple(_UNDATED)
UNDATED_KEYS = tuple(_UNDATED.values())


def undated_key(key: str) -> str:
    """The key under which the records without a birth date of namesake key `key` are."""
    return _UNDATED[key[:2]] + key[2:]


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


def _name_keys(
    name: RomanName, year: int | None, out: set[str], stored: bool, single: bool = True
) -> None:
    # (`single` False: without the keys of single parts, n:, y: and e:)
    # "He Jun Jie" and "HE JUNJIE": glued neighbouring syllables meet the glued part, and
    # the whole name with them glued meets the whole glued name (f:, w:).
    for i, (left, right) in enumerate(itertools.pairwise(name)):
        if len(left[0]) <= _SYLLABLE_LEN and len(right[0]) <= _SYLLABLE_LEN:
            glued = skeleton(left[0] + right[0])
            if single and len(glued) >= 2:
                out.add("n:" + glued)
            if len(name) >= 3:
                whole = full_name_key((*name[:i], (left[0] + right[0],), *name[i + 2 :]))
                if whole:
                    out.add(whole)
                    if year:
                        out.add(f"w:{year}:{whole[2:]}")
    # sorted: the pair keys below are capped, and which ones a long name keeps must not
    # depend on the order a set happens to iterate in (it changes with PYTHONHASHSEED)
    parts = [p for p in name if len(p[0]) > 1]
    skels = [sorted(part_skeletons(p)) for p in parts]
    # the same, the first reading's skeleton first: the keys of a name's first reading are
    # always made (ranking counts namesakes by them), the others up to _READINGS
    readings = [
        list(dict.fromkeys(sk for sk in (skeleton(p[0]), *sks) if sk))
        for p, sks in zip(parts, skels, strict=True)
    ]
    if year:
        # Two parts and the birth year: finds the person among thousands of namesakes of
        # one part even when a third part is missing or respelt.
        for i in range(len(readings)):
            for j in range(i + 1, len(readings)):
                combos = itertools.product(readings[i], readings[j])
                for a, b in itertools.islice(combos, _READINGS):
                    lo, hi = (a, b) if a <= b else (b, a)
                    out.add(f"v:{year}:{lo}:{hi}")
    exact = exact_name_key(name) if stored else None
    if exact:
        out.add(exact)
    if len(readings) >= 2 and all(readings):
        # The whole name, in the first few readings of its parts (a Devanagari Saxena is
        # read saksena first, saxena next; a pinyin Cao also reads Tsao).
        for combo in itertools.islice(itertools.product(*readings), _READINGS):
            full = "f:" + "|".join(sorted(combo))
            out.add(full)
            if year:
                # The whole name and the birth year: the narrowest name key there is.
                out.add(f"w:{year}:{full[2:]}")
    for sks in skels if single else ():
        for sk in sks:
            if len(sk) >= 2:
                out.add("n:" + sk)
                if year:
                    out.add(f"y:{year}:{sk}")
    if year and stored and single:
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
    identifiers ('i:'), and whole names as written ('x:', counted, never searched); a
    record without a birth date also under its pair, whole-name and 'x:' keys as if born
    in any year (undated_key).
    Two records that could be the same person share at least one key in nearly all cases;
    very common single keys are skipped at query time (see MatchIndex)."""
    return frozenset(_keys(prepared, stored=True))


def namesake_keys(prepared: PreparedRecord) -> frozenset[str]:
    """The keys of `blocking_keys` that namesakes are counted by (NAMESAKE_KEYS: pairs,
    whole names, names as written), made alone: the ranking of a query's candidates
    reads these of each of them."""
    out: set[str] = set()
    for name in prepared.names:
        # (no year: the keys of a year are no namesake keys)
        _name_keys(name, None, out, stored=True, single=False)
    return frozenset(out)


def _keys(prepared: PreparedRecord, stored: bool) -> set[str]:
    # stored=False leaves out the keys a query does not search by (x:, e:) rather than
    # making them to throw away: a query's keys are on the batch runner's hot path.
    out: set[str] = set()
    year = prepared.birth[0] if prepared.birth else None
    for name in prepared.names:
        _name_keys(name, year, out, stored)
    if (year is None) == stored:
        # A record without a birth date could be born in any year: a dated query meets it
        # under its pair and whole-name keys as it meets a record of its year ('v:', 'w:'),
        # or the dated namesakes of the query's year, sharing their year keys, crowd it out
        # of the candidates. (And namesake_count counts the undated namesakes by them.)
        out.update([undated_key(k) for k in out if k.startswith(NAMESAKE_KEYS)])
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
    """Blocking keys of a query, widened to neighbouring birth years (typos, age guesses);
    a dated query's also find the undated records of its names (undated_key)."""
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


def _part_labels(prepared: PreparedRecord) -> dict[str, str]:
    """Each skeleton of a part of the query's names, to a label of that part."""
    labels: dict[str, str] = {}
    for ni, name in enumerate(prepared.names):
        for pi, part in enumerate(name):
            for sk in part_skeletons(part):
                labels.setdefault(sk, f"{ni}.{pi}")
    return labels


def _group(key: str, labels: dict[str, str]) -> str:
    kind = key[0]
    if kind == "n" or kind == "y":  # n:SK, y:YEAR:SK
        head, _, sk = key.rpartition(":")
        label = labels.get(sk)
        return key if label is None else f"{head}:{label}"
    if kind == "p" or kind == "v":  # p:A:B, v:YEAR:A:B
        head, a, b = key.rsplit(":", 2)
        la, lb = labels.get(a), labels.get(b)
        if la is None or lb is None:
            return key
        return f"{head}:{min(la, lb)}:{max(la, lb)}"
    if kind == "f" or kind == "w":  # f:A|B|C, w:YEAR:A|B|C
        head, _, whole = key.rpartition(":")
        found: list[str] = []
        for sk in whole.split("|"):
            label = labels.get(sk)
            if label is None:
                return key
            found.append(label)
        return head + ":" + "|".join(sorted(found))
    return key


def key_groups(prepared: PreparedRecord, keys: Iterable[str]) -> dict[str, str]:
    """The reading group of each query key (in the order of `keys`): the keys that differ only in which reading of a
    query part they were made from (المري: mry, almry, lmry; 曹: cao, tsao) are one group,
    and a candidate counts each group once (MatchIndex.candidates). Other keys (dates,
    identifiers, deletions, glued syllables) are each their own group."""
    labels = _part_labels(prepared)
    return {k: _group(k, labels) for k in keys}
