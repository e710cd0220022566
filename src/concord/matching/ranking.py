"""What a query's scored candidates say about each other: the last step of a search.

Pairwise scores cannot see two things: that another candidate's birth date already
confirms the query (exclusivity: a watch list is deduplicated, so an undated namesake is
then more likely someone else), and how many records carry the same name when no date
separates them (namesakes). `rank_candidates` applies both; `MatchIndex.search` and batch
runners call it so that online and batch screening return the same scores.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from concord.matching.phonetic import skeleton
from concord.matching.prepare import PreparedRecord, blocking_keys, full_name_key
from concord.matching.records import FeatureScore
from concord.matching.scoring import DEFAULT_THRESHOLD, dates_agree
from concord.matching.transliterate import RomanName

# An undated candidate loses this much when another candidate's birth date confirms the query.
EXPLAINED_AWAY_COST = 0.2
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


def namesake_count(
    query: PreparedRecord, record: PreparedRecord, key_size: Callable[[str], int]
) -> int:
    """How many indexed records carry the name `record` shares with `query` (all parts of
    the shorter of the two names: Vera Krasnova is a namesake of every Vera Igorevna
    Krasnova and Vera Petrovna Krasnova). Where several of their readings are shared, the
    most specific one counts: a split reading that keeps only common syllables would count
    every Cho *-gyeong. `key_size` gives the records under a key."""
    query_keys = blocking_keys(query)
    record_keys = blocking_keys(record)
    sizes = [
        key_size(k)
        for names, other in ((query.names, record_keys), (record.names, query_keys))
        for n in names
        if (k := _names_key(n)) and k in other
    ]
    return min(sizes, default=1)


def rank_candidates(
    query: PreparedRecord,
    scored: list[tuple[float, PreparedRecord]],
    cut: float,
    key_size: Callable[[str], int],
    exclusive: bool = True,
) -> list[Ranked]:
    """Adjust the pairwise scores of one query's candidates; keep those still >= `cut`,
    best first (ties by record id)."""
    confirm = max(cut, DEFAULT_THRESHOLD)
    explained = exclusive and any(
        s >= confirm and dates_agree(query.birth, rec.birth) for s, rec in scored
    )
    out: list[Ranked] = []
    for s, rec in scored:
        reasons: list[FeatureScore] = []
        if explained and rec.birth is None:
            reasons.append(_EXPLAINED_AWAY)
        if not dates_agree(query.birth, rec.birth):
            namesakes = namesake_count(query, rec, key_size)
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
            out.append(Ranked(final, rec, tuple(reasons)))
    out.sort(key=lambda r: (-r.score, r.record.id))
    return out
