"""What a query's scored candidates say about each other: the last step of a search.

Pairwise scores cannot see two things: that another candidate's birth date or document
number already confirms the query (exclusivity: a watch list is deduplicated, so a namesake
is then more likely someone else), and how many records carry the same name when no date
separates them (namesakes). `rank_candidates` applies both; `MatchIndex.search` and batch
runners call it so that online and batch screening return the same scores.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Levenshtein

from concord.matching.keys import exact_name_key, full_name_key, namesake_keys
from concord.matching.phonetic import skeleton
from concord.matching.prepare import PreparedRecord
from concord.matching.records import FeatureScore
from concord.matching.scoring import (
    DEFAULT_THRESHOLD,
    PartMemo,
    date_adjustment,
    date_evidence,
    dates_agree,
    name_score,
    shares_identifier,
    unclipped_score,
)
from concord.matching.transliterate import Part, RomanName

# An undated candidate loses this much when another candidate's birth date confirms the query.
EXPLAINED_AWAY_COST = 0.2
# A dated candidate loses this much when another, scoring as high, agrees better on the date.
OUTMATCHED_COST = 0.3
# How much better another candidate's name must agree to outmatch one with an equal date
# (and how much worse it may agree and still explain an undated one away).
_NAME_MARGIN = 0.05
# Of two candidates whose birth dates both agree with the query's, the closer one
# outmatches the other even when it scores up to this much lower for each step of date
# evidence between them (year < month < full date): a record of 1964-07 fits a query of
# 1964-07-10 better than one of 1964 alone, however the clipped scores of the two fall.
# (Against a date that does not agree the closer one must score as high: that date may
# be a slip.)
_DATE_STEP_MARGIN = 0.05
# Without a birth date to confirm it, a name that several records carry is less likely to
# be this record: each doubling of the namesakes costs this much (at most NAMESAKE_MAX).
NAMESAKE_COST = 0.06
NAMESAKE_MAX = 0.3

_EXPLAINED_AWAY = FeatureScore(
    "exclusivity",
    0.0,
    -EXPLAINED_AWAY_COST,
    "exclusivity: another record's birth date confirms the query; this one has none",
)
_NOT_DOCUMENTED = FeatureScore(
    "exclusivity",
    0.0,
    -OUTMATCHED_COST,
    "exclusivity: another record carries the query's document number; this one does not",
)
_OUTMATCHED = FeatureScore(
    "exclusivity",
    0.0,
    -OUTMATCHED_COST,
    "exclusivity: another record scores at least as high and agrees more closely"
    " on birth date or name",
)


@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate after ranking: final score and the reasons it was lowered, if any."""

    score: float
    record: PreparedRecord
    reasons: tuple[FeatureScore, ...]


def _names_key(name: RomanName) -> str | None:
    """The blocking key under which every record carrying all parts of `name` is found:
    the pair key for two parts, the whole-name key for more."""
    parts = sorted(skeleton(p[0]) for p in name if len(p[0]) > 1)
    if len(parts) == 2 and all(parts):
        return f"p:{parts[0]}:{parts[1]}"
    return full_name_key(name)


def _same_name(a: PreparedRecord, b: PreparedRecord) -> bool:
    """Whether one of `a`'s names and one of `b`'s agree as far as the shorter writes it:
    each of its parts is `_alike` one of the longer one's parts (Надія Кравченко and Nadiia
    Bogdanivna Kravchenko; not Hoffmann and Hofmann, which only sound alike)."""
    for x in a.names:
        for y in b.names:
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            if len(short) < 2:
                continue
            if all(any(_alike(p, q) for q in long) for p in short):
                return True
    return False


def _alike(a: Part, b: Part) -> bool:
    """Two parts with a reading in common, with readings that differ only where
    romanisations of one name do (`_iotated`: Vasil'yeva / Vasileva), or only by two
    neighbouring letters swapped (Salaazr / Salazar): a typist's slip. One letter more or
    another makes another name (Hoffmann / Hofmann, Ferrari / Ferrara)."""
    if not set(a).isdisjoint(b):
        return True
    if not {_iotated(x) for x in a}.isdisjoint({_iotated(y) for y in b}):
        return True
    return any(
        len(x) == len(y) and OSA.distance(x, y) == 1 and Levenshtein.distance(x, y) == 2
        for x in a
        for y in b
    )


_GLIDE = re.compile("(?<![aeiou])i(?=[aeou])")


def _iotated(form: str) -> str:
    """A form with i and y as one letter and a glide i before a vowel left out: the
    romanisations of one Cyrillic or Armenian name differ there (Vasil'yeva, Vasilieva,
    Vasileva; Zakaryan, Zakarian; Mariya, Maria)."""
    return _GLIDE.sub("", form.replace("y", "i").replace("ii", "i"))


KeysOf = Callable[[PreparedRecord], frozenset[str]]


def _shared(
    query: PreparedRecord,
    record: PreparedRecord,
    keys_of: KeysOf,
    name_key: Callable[[RomanName], str | None],
) -> list[str]:
    """The keys (by `name_key`) of either side's names that the other side carries too."""
    return [
        k
        for names, other in ((query.names, keys_of(record)), (record.names, keys_of(query)))
        for n in names
        if (k := name_key(n)) and k in other
    ]


def namesake_count(
    query: PreparedRecord,
    record: PreparedRecord,
    key_size: Callable[[str], int],
    undated_size: Callable[[str], int],
    rivals: Sequence[PreparedRecord] = (),
    keys_of: KeysOf = namesake_keys,
) -> int:
    """How many records carry the name `record` shares with `query` (all parts of the
    shorter of the two names: Vera Krasnova is a namesake of every Vera Igorevna Krasnova
    and Vera Petrovna Krasnova), counting only those a birth date cannot rule out. Where
    several of their readings are shared, the most specific one counts: a split reading
    that keeps only common syllables would count every Cho *-gyeong.

    With a date on the record only, any namesake could be the query's person: `key_size`
    (records under a blocking key) counts them all. With a date on the query only, its date
    rules out the namesakes born on another: where the two carry the same name, only the
    undated ones (`undated_size`, records without a birth date under a key) and the rivals
    whose dates agree with the query's compete (Nadiia Kravchenko of 1976-09-10 and the
    one undated Nadiia Bogdanivna Kravchenko, whatever other Nadiia Kravchenkos were born
    in 1954 or 2000). Where the names only sound alike (Hoffmann, Hofmann), every record
    under the key still counts: the name is common, and the match rests on it alone.

    Two dates that do not quite agree (1972-10-23 / 1973-10) compete only with namesakes
    born within a year of the query whose dates agree with it at least as well: those
    among the query's other scored candidates, `rivals`
    (Stefan Krause of 1946-02-11 does not make Stefan Krause of 1945 a worse fit for one
    born 1946-06-19). `keys_of` gives a record's namesake keys (keys.namesake_keys)
    (a caller ranking many candidates passes a memoised one)."""
    shared = _shared(query, record, keys_of, _names_key)
    if not shared:
        return 1
    if query.birth is None or record.birth is None:
        # A date on one side only. The same name as written, where both carry it, is
        # counted exactly: the skeleton keys of short syllables (Feng Chunying) also hold
        # many names that are not this one.
        keys = _shared(query, record, keys_of, exact_name_key) or shared
        if query.birth is not None and _same_name(query, record):
            agreeing = [
                keys_of(r)
                for r in rivals
                if r is not record and r.birth is not None and dates_agree(query.birth, r.birth)
            ]
            return min(undated_size(k) + sum(1 for ks in agreeing if k in ks) for k in keys)
        return min(key_size(k) for k in keys)
    year = query.birth[0]
    own = date_adjustment(query.birth, record.birth)
    near = [
        keys_of(r)
        for r in rivals
        if r is not record
        and r.birth is not None
        and abs(r.birth[0] - year) <= 1
        and date_adjustment(query.birth, r.birth) >= own
    ]
    return 1 + min(sum(1 for keys in near if k in keys) for k in shared)


def _slipped(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> bool:
    """Two full birth dates that differ (the date evidence then is a slip at best)."""
    return a is not None and b is not None and all(a) and all(b) and a != b


def rank_candidates(
    query: PreparedRecord,
    scored: list[tuple[float, PreparedRecord]],
    cut: float,
    key_size: Callable[[str], int],
    undated_size: Callable[[str], int],
    exclusive: bool = True,
    memo: PartMemo | None = None,
) -> list[Ranked]:
    """Adjust the pairwise scores of one query's candidates; keep those still >= `cut`,
    best first (ties by date evidence, score before the clip at 1.0, a gender shown as the
    query's, name score, record id). `key_size` and `undated_size` count the records, and
    those of them without a birth date, under a key (namesake_count). `memo`: the one that
    scored the candidates (QueryScorer.parts): their names are compared again here, without
    frequencies."""
    confirm = max(cut, DEFAULT_THRESHOLD)
    evidence = [date_evidence(query.birth, rec.birth) for _, rec in scored]
    # (only another candidate can outmatch one: a lone candidate needs no name score)
    if len(scored) > 1:
        unweighted = memo.unweighted() if memo is not None else PartMemo()
        names = [name_score(query, rec, unweighted) for _, rec in scored]
    else:
        names = [1.0] * len(scored)
    # Scores clip at 1.0, where a pair with more evidence ties with one with less: the
    # scores before the clip, with the name scores above (a lone candidate ties with none).
    totals = [
        unclipped_score(query, rec, n) if len(scored) > 1 else 0.0
        for (_, rec), n in zip(scored, names, strict=True)
    ]
    # The confirming candidates: (score, date evidence, name score, whether the date is a
    # full one a slip away from the query's) of those a birth date supports.
    confirmed = (
        [
            (s, e, n, _slipped(query.birth, rec.birth))
            for (s, rec), e, n in zip(scored, evidence, names, strict=True)
            if s >= confirm and e
        ]
        if exclusive
        else []
    )
    # One person, one record: where a matching record carries the query's document number,
    # the others are other people, whatever their dates say (Narendra Gupta of 1989-06-25
    # with the passport, not the one of 1989-09-21 with another).
    documents = [shares_identifier(query, rec) for _, rec in scored]
    documented = exclusive and any(
        d and s >= confirm for d, (s, _) in zip(documents, scored, strict=True)
    )
    rivals = [rec for _, rec in scored]
    known: dict[int, frozenset[str]] = {}

    def keys_of(record: PreparedRecord) -> frozenset[str]:
        # each record's keys once per query, however many namesake counts read them
        keys = known.get(id(record))
        if keys is None:
            keys = known[id(record)] = namesake_keys(record)
        return keys

    kept: list[tuple[float, int, float, int, float, str, Ranked]] = []
    for (s, rec), ev, name, total, document in zip(
        scored, evidence, names, totals, documents, strict=True
    ):
        reasons: list[FeatureScore] = []
        if documented:
            # (the record with the document is not outmatched by a closer date: Deepika
            # Dubey of 1959-06-13 with the passport, not the one of 1959-04-16 without)
            if not document:
                reasons.append(_NOT_DOCUMENTED)
        elif rec.birth is None and any(cn > name - _NAME_MARGIN for _, _, cn, _ in confirmed):
            # (a confirming record whose name agrees clearly worse explains nothing away:
            # Esra Karatas of 1996 is not Büşra Karataş of 1996 rather than Esra Karataş)
            reasons.append(_EXPLAINED_AWAY)
        elif any(
            (
                ce > ev
                and cs >= s - (_DATE_STEP_MARGIN * (ce - ev) if ev else 0.0)
                # (a slip is no agreement: it outmatches only a record whose name agrees
                # no better; for Vijay Nair 1972-02-19, Sanjay Vijay Nair of 1972-02-18
                # does not outmatch Vijay Nair of 1972)
                and (not slip or cn > name - _NAME_MARGIN)
            )
            or (ce == ev and cs >= s and cn >= name + _NAME_MARGIN)
            for cs, ce, cn, slip in confirmed
        ):
            # One person, one record: a namesake whose date agrees less well than that of
            # a record scoring as high is more likely someone else (Chiara Marino
            # 1958-03-28: 1957-03-28 beats a record of 1958 alone), and so is one whose
            # date agrees as well but whose name agrees less (Alessandra Bruno 1991:
            # Elena Alessandra Bruno of 1991 next to Alessandra Bruno of 1991).
            reasons.append(_OUTMATCHED)
        # Namesakes do not share passports: a matching document number stands in for
        # the date that would tell them apart.
        if not dates_agree(query.birth, rec.birth) and not document:
            namesakes = namesake_count(query, rec, key_size, undated_size, rivals, keys_of)
            if namesakes > 1:
                cost = min(NAMESAKE_MAX, NAMESAKE_COST * math.log2(namesakes))
                reasons.append(
                    FeatureScore(
                        "namesakes",
                        0.0,
                        -cost,
                        f"namesakes: {namesakes} records carry this name and no birth date "
                        "tells them apart",
                    )
                )
        final = s + sum(r.weight for r in reasons)
        if final >= cut:
            # Scores clip at 1.0, where a close date and a close name may tie with looser
            # ones: the closer date comes first, then the score before the clip, then the
            # record that shows the query's gender (a gender only counts in the score when
            # it differs), then the closer name, then the record id.
            shows_gender = int(query.gender is not None and rec.gender == query.gender)
            ranked = Ranked(final, rec, tuple(reasons))
            kept.append((-final, -ev, -total, -shows_gender, -name, rec.id, ranked))
    kept.sort(key=lambda k: k[:6])
    return [k[6] for k in kept]
