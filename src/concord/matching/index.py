"""In-memory candidate index over blocking keys, updated record by record."""

from __future__ import annotations

import atexit
import functools
import gc
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import numpy.typing as npt

from concord.matching import symbols
from concord.matching.bulk import QueryScorer, bound_profile
from concord.matching.keys import blocking_keys, key_groups, query_keys, undated_key
from concord.matching.prepare import PreparedRecord, prepare
from concord.matching.ranking import (
    EXPLAINED_AWAY_COST,
    NAMESAKE_COST,
    rank_candidates,
)
from concord.matching.records import Match, PersonRecord
from concord.matching.scoring import DEFAULT_THRESHOLD, FrequencyFn, score_prepared

VoteRanking = Callable[
    [list["array[int]"], list[int], list[bool], int | None, list[int] | None, int], list[int]
]


def _vote_kernel() -> VoteRanking | None:
    try:
        from concord.matching.vote_count import rank_votes
    except ImportError:  # installed without compiling (CONCORD_PURE_PYTHON=1)
        return None
    return rank_votes


_kernel_rank_votes = _vote_kernel()

__all__ = [
    "EXPLAINED_AWAY_COST",
    "MAX_SCORED",
    "NAMESAKE_COST",
    "STOP_KEY_SIZE",
    "MatchIndex",
    "collector_paused",
]

# A key shared by more records than this is a stop key (kim, mohammed, ivanov): alone it
# would pull a huge block, so a query uses it only through narrower keys (pairs of parts,
# part + birth year) unless nothing narrower finds anything.
STOP_KEY_SIZE = 3000
# At most this many candidates, ranked by how many keys they share with the query, are scored.
MAX_SCORED = 50
# Keys carried by at most this many records vote three times, up to MID_KEY_SIZE twice.
RARE_KEY_SIZE = 30
MID_KEY_SIZE = 300
# Votes per key kind: a shared identifier or a pair of name parts says more than one part;
# a part with one consonant left out (e:) as much as the part (y:), both with the year.
# Public because the batch runners (DuckDB, Spark) rank candidates by the same rule.
KEY_VOTES = {"n": 1, "p": 4, "y": 2, "v": 4, "f": 4, "w": 6, "i": 10, "d": 4, "m": 4, "e": 2}
# Key kinds that only add to a candidate another key found: a birth date alone names no
# one (at 10^5 records a dozen strangers share a day, and they outvoted a true record that
# shares one misspelt name part with the query), so candidates found by these alone come
# after every candidate that shares a name or an identifier.
DATE_KEYS = frozenset("dm")
# Room for a count of name keys below the votes (see _rank_votes): a query has far fewer
# than 2**16 keys.
_NAMED_BITS = 16
# Above any sum of votes, below 2**31 (see _rank_votes): lifts the candidates that share
# more than a date.
_FOUND_BY_NAME = 1 << 28


@functools.cache
def _unfreeze_at_exit() -> None:
    atexit.register(gc.unfreeze)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an index is loaded: a million records
    are tens of millions of objects that all live on, which the collector would traverse
    again and again as they pile up (a fifth of the build time), and prepared records hold
    no reference cycles for it to find."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was loaded lives on: moved out of the collector's generations, so the first
        # full collection after a load does not traverse it all (a pause of about a second
        # at a million records, seen by whichever search came first). Given back at exit,
        # where extension modules (DuckDB's) check that what they made was collected.
        gc.freeze()
        if enabled:
            gc.enable()
        _unfreeze_at_exit()


class MatchIndex:
    """Holds prepared records and answers `search` with scored, explained matches."""

    __slots__ = ("_ids", "_postings", "_records", "exclusive", "profiles")

    def __init__(self, exclusive: bool = True) -> None:
        # One person, one record: a watch list is deduplicated, so once a candidate's birth
        # date confirms the query, an undated namesake is more likely someone else.
        self.exclusive = exclusive
        self._ids: dict[str, int] = {}
        self._records: list[PreparedRecord | None] = []
        # bulk.bound_profile of each record, by ordinal: what the score bound reads, in
        # one block of memory (QueryScorer.may_reach_cut)
        self.profiles = array("i")
        # Posting lists as arrays of C ints (4 bytes an ordinal, in one block): a list of
        # Python ints costs 8 + 28 bytes an ordinal, scattered over the heap, and reading it
        # writes every int's reference count (pages a forked batch worker then copies).
        self._postings: dict[str, array[int]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._ids

    def add(self, record: PersonRecord) -> None:
        """Index a record; a record with the same id is replaced (a change)."""
        self.add_prepared(prepare(record))

    def add_many(self, records: Iterable[PersonRecord]) -> int:
        """Index many records at once (a start-up load); return how many."""
        n = 0
        symbols.load()  # (not at the first search)
        with collector_paused():
            for record in records:
                self.add_prepared(prepare(record))
                n += 1
        return n

    def add_prepared(self, prepared: PreparedRecord, keys: Iterable[str] | None = None) -> None:
        """Index a prepared record; `keys` are its `blocking_keys` when the caller has them
        already (the batch runner's workers compute them beside `prepare`)."""
        if prepared.id in self._ids:
            self.remove(prepared.id)
        ordinal = len(self._records)
        self._records.append(prepared)
        self.profiles.append(bound_profile(prepared))
        self._ids[prepared.id] = ordinal
        postings = self._postings
        for key in blocking_keys(prepared) if keys is None else keys:
            bucket = postings.get(key)
            if bucket is None:
                postings[key] = array("i", (ordinal,))
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

    def memoised_frequency(self, memo: dict[str, float | None]) -> FrequencyFn:
        """`part_frequency`, remembered in `memo`. (Made here, compiled, rather than as a
        closure the interpreter runs: scoring weighs every part a query meets.)"""

        def freq(part_skeleton: str) -> float | None:
            if part_skeleton in memo:
                return memo[part_skeleton]
            found = memo[part_skeleton] = self.part_frequency(part_skeleton)
            return found

        return freq

    def candidates(self, query: PreparedRecord, top: int | None = None) -> list[int]:
        """Ordinals sharing the most (and the rarest) blocking keys with the query, best
        first (the `top` ones only, if given: a partial sort is much cheaper than sorting
        every vote).

        A key votes by its kind and by its rarity: sharing a key that ten records carry says
        more than sharing one that two thousand carry. Rarity comes in integer tiers: votes
        stay integers, and ties keep the order in which candidates are first met (narrowest
        key first). Candidates that share only date keys (DATE_KEYS) come last."""
        if top is not None and top <= 0:
            return []
        get = self._postings.get
        # One look-up a key: at 10^6 records each one is a few cache misses. Keys are
        # distinct, so sorting never compares the posting lists.
        sized = [(len(b), k, b) for k in query_keys(query) if (b := get(k)) is not None]
        sized.sort()
        buckets: list[array[int]] = []
        weights: list[int] = []
        named: list[bool] = []
        kept: list[str] = []
        common = -1  # the first key of the least rare tier
        for size, key, bucket in sized:
            if size > STOP_KEY_SIZE:
                # sorted by size: this key and every later one are stop keys
                break
            rarity = 3 if size <= RARE_KEY_SIZE else 2 if size <= MID_KEY_SIZE else 1
            if rarity == 1 and common < 0:
                common = len(buckets)
            buckets.append(bucket)
            weights.append(KEY_VOTES.get(key[0], 1) * rarity)
            named.append(key[0] not in DATE_KEYS)
            kept.append(key)
        if len(buckets) <= 1:
            # One key (or, when only common keys were found, the narrowest of them): every
            # record under it has the same votes, and first met is the list's own order.
            if buckets:
                only = buckets[0]
            elif sized:
                only = sized[0][2]
            else:
                return []
            return only.tolist() if top is None else only[:top].tolist()
        # A candidate counts the keys of one reading group once (keys.key_groups): a
        # namesake written in the query's script shares every reading of its parts, the
        # true record in another script one of them.
        ids: dict[str, int] = {}
        groups = [ids.setdefault(g, len(ids)) for g in key_groups(query, kept).values()]
        # (two thirds of the ordinals are under the common keys, and most of them in no
        # other key: the count leaves those out once they cannot reach the `top`)
        return _rank_votes(
            buckets, weights, named, top, groups if len(ids) < len(kept) else None, common
        )

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
        # Memoised for this search: the same parts recur in every candidate.
        freq = self.memoised_frequency({})
        scorer = QueryScorer(prepared, freq, cut)
        scored = self.scored_candidates(scorer, allowed)
        ranked = rank_candidates(
            prepared, scored, cut, self.key_size, self.undated_size, self.exclusive, scorer.parts
        )
        out = []
        for r in ranked[:limit]:
            match = score_prepared(prepared, r.record, freq)
            if r.reasons:
                score = round(max(0.0, r.score), 4)
                match = Match(r.record.id, score, match.explanation + r.reasons)
            out.append(match)
        return out

    def scored_candidates(
        self, scorer: QueryScorer, allowed: Callable[[str], bool] | None = None
    ) -> list[tuple[float, PreparedRecord]]:
        """The scorer's query's candidates (the MAX_SCORED best of those `allowed`) that
        score at least its cut, with their scores, best candidates first. QueryScorer's
        bound and per-name memory give the scores of `evaluate` at a fraction of the cost
        (most candidates are namesakes the date rules out)."""
        records, profiles = self._records, self.profiles
        scored: list[tuple[float, PreparedRecord]] = []
        taken = 0
        for ordinal in self.candidates(scorer.query, top=None if allowed else MAX_SCORED):
            # (A withdrawn record leaves every posting list, so only `allowed` needs the
            # record here. Otherwise it is read once the bound lets it through: reading it
            # writes its reference count, a cache miss, and in a forked batch worker a
            # copied page, for each of the two in three candidates the bound rules out.)
            if allowed is not None:
                record = records[ordinal]
                if record is None or not allowed(record.id):
                    continue
            taken += 1
            if taken > MAX_SCORED:
                break
            if not scorer.may_reach_cut(profiles[ordinal]):
                continue
            record = records[ordinal]
            if record is None:  # (never: see above)
                continue
            s = scorer.score_at_cut(record)
            if s is not None:
                scored.append((s, record))
        return scored

    def key_size(self, key: str) -> int:
        """Number of indexed records under a blocking key."""
        return len(self._postings.get(key, ()))

    def undated_size(self, key: str) -> int:
        """Number of indexed records without a birth date under a namesake key."""
        return len(self._postings.get(undated_key(key), ()))


def _rank_votes_numpy(
    buckets: list[array[int]],
    weights: list[int],
    named: list[bool],
    top: int | None,
    groups: list[int] | None = None,
    closing: int = -1,
) -> list[int]:
    """The ordinals of `buckets` (visited in this order, each in ascending order as posting
    lists are, each ordinal once per bucket), the `top` ones: first those in a `named`
    bucket, then by their summed `weights`, most first, ties in the order first met.
    With `groups` (a group number for each bucket), an ordinal counts only the first
    bucket of each group it is in. (`closing` lets the compiled count skip work from that
    bucket on; it changes no result, and this count has no use for it.)

    Counted in numpy: a query's keys hold a few thousand ordinals at 10^6 records, which a
    Counter took about half a millisecond to add up (ints created, hashed, stored)."""
    # the buckets' bytes in one go (np.concatenate of arrays: 5x slower); array("i") is a C int
    flat = np.frombuffer(b"".join(buckets), dtype=np.intc)
    n = len(flat)
    shift = len(buckets).bit_length()
    # Each occurrence as one integer, its ordinal above the index of its bucket: sorted (a
    # plain, unstable, SIMD sort), each ordinal's occurrences come together in bucket order.
    # In 32 bits when they fit (up to 2**24 records with 127 keys): twice the lanes of a
    # 64-bit sort, which took a tenth of a batch worker's time.
    narrow = int(flat.max()) < 1 << (31 - shift)
    occ: npt.NDArray[np.signedinteger[Any]] = flat.astype(np.int32 if narrow else np.int64)
    occ <<= shift
    occ |= np.repeat(np.arange(len(buckets), dtype=occ.dtype), [len(b) for b in buckets])
    occ.sort()
    bucket = occ & ((1 << shift) - 1)
    occ >>= shift
    ends = np.empty(n, dtype=bool)
    np.not_equal(occ[1:], occ[:-1], out=ends[:-1])
    ends[-1] = True
    (last,) = ends.nonzero()
    # Summed by differences of a running sum: add.reduceat is slow on runs this short
    # (most ordinals are met once). The votes in the high bits and a count of named buckets
    # in the low ones: one running sum tells both.
    if groups is None:
        flagged = np.array(
            [w << _NAMED_BITS | m for w, m in zip(weights, named, strict=True)], dtype=np.int64
        )
        votes = flagged[bucket].cumsum()[last]
    else:
        # Each (ordinal, group) once, with its first bucket's votes: buckets are ordered
        # by size, so that is the group's rarest key, the one worth most. Ordinals stay
        # the major key of this second sort, so their runs end where they did.
        gbits = max(1, (len(groups) - 1).bit_length())
        gk = occ.astype(np.int64) << (gbits + shift)
        gk |= np.array(groups, dtype=np.int64)[bucket] << shift
        gk |= bucket
        gk.sort()
        first_of_group = np.empty(n, dtype=bool)
        first_of_group[0] = True
        pairs = gk >> shift
        np.not_equal(pairs[1:], pairs[:-1], out=first_of_group[1:])
        counted = np.array(weights, dtype=np.int64)[gk & ((1 << shift) - 1)] * first_of_group
        # (found by name: by any of its buckets, counted or not)
        votes = counted.cumsum()[last] << _NAMED_BITS
        votes += np.array(named, dtype=np.int64)[bucket].cumsum()[last]
    votes[1:] -= votes[:-1]
    by_name = (votes & ((1 << _NAMED_BITS) - 1)) != 0
    votes >>= _NAMED_BITS
    votes[by_name] += _FOUND_BY_NAME
    ordinals = occ[last].astype(np.int64)
    # First met: the first bucket an ordinal is in, then (ascending posting lists) the ordinal.
    first = np.empty(len(last), dtype=np.int64)
    first[0] = bucket[0]
    first[1:] = bucket[last[:-1] + 1]
    if not narrow:
        order = np.lexsort((ordinals, first, -votes))
        wide: list[int] = ordinals[order if top is None else order[:top]].tolist()
        return wide
    # One integer per candidate, smaller is better: minus the votes above, the first bucket
    # and the ordinal below, so any sort, partial or not, gives exactly the rule's order.
    low = 31 - shift
    rank = votes * -(1 << 32)
    first <<= low
    rank |= first
    rank |= ordinals
    if top is not None and top < len(rank):
        rank.partition(top - 1)
        rank = rank[:top]
    rank.sort()
    rank &= (1 << low) - 1
    result: list[int] = rank.tolist()
    return result


# The count the index uses: the compiled kernel (vote_count.pyx, the same result) where it
# is built, else numpy's.
_rank_votes: VoteRanking = _kernel_rank_votes or _rank_votes_numpy
