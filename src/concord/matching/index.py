"""In-memory candidate index over blocking keys, updated record by record."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from concord.matching.prepare import (
    PreparedRecord,
    blocking_keys,
    full_name_key,
    prepare,
    query_keys,
)
from concord.matching.records import FeatureScore, Match, PersonRecord
from concord.matching.scoring import DEFAULT_THRESHOLD, dates_agree, evaluate, score_prepared

# A key shared by more records than this is a stop key (kim, mohammed, ivanov): alone it
# would pull a huge block, so a query uses it only through narrower keys (pairs of parts,
# part + birth year) unless nothing narrower finds anything.
STOP_KEY_SIZE = 3000
# At most this many candidates, ranked by how many keys they share with the query, are scored.
MAX_SCORED = 30
# An undated candidate loses this much when another candidate's birth date confirms the query
# (see MatchIndex.search).
EXPLAINED_AWAY_COST = 0.2
# Keys carried by at most this many records vote three times, up to _MID_KEY_SIZE twice.
_RARE_KEY_SIZE = 30
_MID_KEY_SIZE = 300
# Votes per key kind: a shared identifier or a pair of name parts says more than one part.
_KEY_VOTES = {"n": 1, "p": 4, "y": 2, "f": 4, "i": 10}
# Without a birth date to confirm it, a name that several records carry is less likely to
# be this record: each doubling of the namesakes costs this much (at most _NAMESAKE_MAX).
NAMESAKE_COST = 0.08
_NAMESAKE_MAX = 0.3


class MatchIndex:
    """Holds prepared records and answers `search` with scored, explained matches."""

    __slots__ = ("_ids", "_postings", "_records", "exclusive")

    def __init__(self, exclusive: bool = True) -> None:
        # One person, one record: a watch list is deduplicated, so once a candidate's birth
        # date confirms the query, an undated namesake is more likely someone else.
        self.exclusive = exclusive
        self._ids: dict[str, int] = {}
        self._records: list[PreparedRecord | None] = []
        self._postings: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._ids

    def add(self, record: PersonRecord) -> None:
        """Index a record; a record with the same id is replaced (a change)."""
        self.add_prepared(prepare(record))

    def add_prepared(self, prepared: PreparedRecord) -> None:
        if prepared.id in self._ids:
            self.remove(prepared.id)
        ordinal = len(self._records)
        self._records.append(prepared)
        self._ids[prepared.id] = ordinal
        postings = self._postings
        for key in blocking_keys(prepared):
            bucket = postings.get(key)
            if bucket is None:
                postings[key] = [ordinal]
            else:
                bucket.append(ordinal)

    def remove(self, record_id: str) -> None:
        """Withdraw a record; unknown ids are ignored."""
        ordinal = self._ids.pop(record_id, None)
        if ordinal is None:
            return
        prepared = self._records[ordinal]
        self._records[ordinal] = None
        if prepared is None:
            return
        for key in blocking_keys(prepared):
            bucket = self._postings.get(key)
            if bucket is None:
                continue
            bucket.remove(ordinal)
            if not bucket:
                del self._postings[key]

    def get(self, record_id: str) -> PreparedRecord | None:
        ordinal = self._ids.get(record_id)
        return None if ordinal is None else self._records[ordinal]

    def part_frequency(self, part_skeleton: str) -> float | None:
        """Share of indexed records carrying a name part with this skeleton."""
        total = len(self._ids)
        if not total or len(part_skeleton) < 2:
            return None
        return len(self._postings.get("n:" + part_skeleton, ())) / total

    def candidates(self, query: PreparedRecord, top: int | None = None) -> list[int]:
        """Ordinals sharing the most (and the rarest) blocking keys with the query, best
        first (the `top` ones only, if given: a partial sort is much cheaper than sorting
        every vote).

        A key votes by its kind and by its rarity: sharing a key that ten records carry says
        more than sharing one that two thousand carry. Rarity comes in integer tiers so that
        each vote stays one C-level `Counter.update` over the posting list."""
        postings = self._postings
        sized = sorted(
            ((len(postings[k]), k) for k in query_keys(query) if k in postings),
        )
        votes: Counter[int] = Counter()
        stopped: list[tuple[int, str]] = []
        for size, key in sized:
            if size > STOP_KEY_SIZE:
                stopped.append((size, key))
                continue
            bucket = postings[key]
            rarity = 3 if size <= _RARE_KEY_SIZE else 2 if size <= _MID_KEY_SIZE else 1
            for _ in range(_KEY_VOTES.get(key[0], 1) * rarity):
                votes.update(bucket)
        if not votes and stopped:
            # Only common keys: fall back to the narrowest of them.
            votes.update(postings[stopped[0][1]])
        return [ordinal for ordinal, _ in votes.most_common(top)]

    def search(
        self,
        query: PersonRecord,
        limit: int = 10,
        threshold: float | None = None,
        allowed: Callable[[str], bool] | None = None,
    ) -> list[Match]:
        """Best matches first, each at or above `threshold` (DEFAULT_THRESHOLD if None).

        `allowed` filters record ids (access control) before anything is scored.
        """
        cut = DEFAULT_THRESHOLD if threshold is None else threshold
        prepared = prepare(query)
        seen: dict[str, float | None] = {}

        def freq(part_skeleton: str) -> float | None:
            # Memoised for this search: the same parts recur in every candidate.
            if part_skeleton not in seen:
                seen[part_skeleton] = self.part_frequency(part_skeleton)
            return seen[part_skeleton]

        scored: list[tuple[float, PreparedRecord]] = []
        taken = 0
        ordinals = self.candidates(prepared, top=None if allowed else MAX_SCORED)
        for ordinal in ordinals:
            record = self._records[ordinal]
            if record is None or (allowed is not None and not allowed(record.id)):
                continue
            taken += 1
            if taken > MAX_SCORED:
                break
            s = evaluate(prepared, record, freq)
            if s >= cut:
                scored.append((s, record))
        confirm = max(cut, DEFAULT_THRESHOLD)
        explained = self.exclusive and any(
            s >= confirm and dates_agree(prepared.birth, rec.birth) for s, rec in scored
        )
        costs: dict[str, list[FeatureScore]] = {}
        adjusted: list[tuple[float, PreparedRecord]] = []
        for s, rec in scored:
            reasons = []
            if explained and rec.birth is None:
                reasons.append(_EXPLAINED_AWAY)
            if not dates_agree(prepared.birth, rec.birth):
                namesakes = self._namesakes(prepared, rec)
                if namesakes > 1:
                    cost = min(_NAMESAKE_MAX, NAMESAKE_COST * math.log2(namesakes))
                    reasons.append(
                        FeatureScore(
                            "namesakes",
                            0.0,
                            -cost,
                            f"namesakes: {namesakes} records carry this name and no birth "
                            "date tells them apart",
                        )
                    )
            s += sum(r.weight for r in reasons)
            if s >= cut:
                adjusted.append((s, rec))
                if reasons:
                    costs[rec.id] = reasons
        adjusted.sort(key=lambda sr: (-sr[0], sr[1].id))
        out = []
        for s, rec in adjusted[:limit]:
            match = score_prepared(prepared, rec, freq)
            if rec.id in costs:
                match = Match(rec.id, round(max(0.0, s), 4), (*match.explanation, *costs[rec.id]))
            out.append(match)
        return out

    def _namesakes(self, query: PreparedRecord, record: PreparedRecord) -> int:
        """How many indexed records carry a whole name this record shares with the query."""
        mine = {k for n in record.names if (k := full_name_key(n))}
        sizes = [
            len(self._postings.get(k, ()))
            for n in query.names
            if (k := full_name_key(n)) and k in mine
        ]
        return max(sizes, default=1)


_EXPLAINED_AWAY = FeatureScore(
    "exclusivity",
    0.0,
    -EXPLAINED_AWAY_COST,
    "exclusivity: another record's birth date confirms the query; this one has none",
)
