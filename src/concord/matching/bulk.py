"""One query against its candidates, fast, with exactly the scores `evaluate` gives.

A batch cross-check scores about fifty candidates for each of a million queries, and
comparing names is most of that work. These shortcuts leave every score as it is:

- a bound: the adjustments for birth date, nationality, gender and identifiers never fall
  as the name score rises (the date and identifier terms are gated by it, the rest do not
  depend on it), so the score of a pair with perfectly agreeing names is an upper bound
  of its real score. Most candidates a query's keys find are namesakes born in other
  years: even a perfect name leaves them below the threshold, so their names are never
  compared;
- namesakes: candidates carrying the same names get the same name score, computed once
  for the query;
- what the cut needs: a name score below `cut - (bound - 1)` leaves a pair under the cut
  whatever the adjustments, so the name comparison is told it may stop short below that
  (split variants that cannot reach it are not aligned: scoring._SplitBound). The bound
  itself is first taken from what the index packs of each record (`bound_profile`),
  before the record is read (decision 0008).

The scorer's internals (`_best_names`, `combined_score`) are used as they are: `evaluate` is
their composition, and tests/unit/test_bulk_scoring.py checks on generated pairs that
`QueryScorer` returns what `evaluate` returns.
"""

from __future__ import annotations

from concord.matching import scoring
from concord.matching.prepare import PreparedRecord
from concord.matching.scoring import FrequencyFn

# The highest name score there is: identical names.
_PERFECT_NAMES = scoring._NameResult(1.0, -1, -1)


def score_bound(query: PreparedRecord, record: PreparedRecord) -> float:
    """An upper bound of `evaluate(query, record, freq)` for any `freq`: the score the pair
    would get if its names agreed perfectly."""
    return scoring.combined_score(query, record, _PERFECT_NAMES)


_GENDER_CODES = {None: 0, "male": 1, "female": 2}
_GENDERS = (None, "male", "female", None)


def bound_profile(record: PreparedRecord) -> int:
    """What the bound reads of a record (birth date, gender, whether it has identifiers),
    packed in one int that the index keeps beside the record (MatchIndex.profiles): at
    10^6 records reading the record's own fields cost a cache miss a field, for each of
    the fifty candidates of a query, most of which these fields alone rule out. A gender
    other than male or female packs as none (the bound then assumes no conflict); a date
    out of the ranges prepare gives packs as -1, which rules nothing out."""
    code = 0
    if record.birth is not None:
        y, m, d = record.birth
        if not (0 <= y < 1 << 14 and 0 <= m < 16 and 0 <= d < 32):
            return -1
        code = ((y << 4 | m) << 5 | d) << 1 | 1
    return code << 3 | _GENDER_CODES.get(record.gender, 3) << 1 | bool(record.identifiers)


class QueryScorer:
    """Scores the candidates of one query; `freq` as for `evaluate`."""

    __slots__ = ("_names", "cut", "parts", "query")

    def __init__(self, query: PreparedRecord, freq: FrequencyFn | None, cut: float) -> None:
        self.query = query
        self.cut = cut
        # the name scores of the records met, with the `needed` each was computed for
        self._names: dict[tuple[object, ...], tuple[scoring._NameResult, float]] = {}
        self.parts = scoring.PartMemo(freq)

    def may_reach_cut(self, profile: int) -> bool:
        """False when no record with this `bound_profile` can score `cut` (cheaper than
        `score_at_cut`, which reads the record)."""
        if profile < 0:
            return True
        date = profile >> 3
        birth = (date >> 10, date >> 6 & 15, date >> 1 & 31) if date & 1 else None
        gender = _GENDERS[profile >> 1 & 3]
        bound = scoring.perfect_name_bound(self.query, birth, gender, bool(profile & 1))
        return scoring._clip(bound) >= self.cut

    def score_at_cut(self, record: PreparedRecord) -> float | None:
        """`evaluate(query, record, freq)` when it is at least `cut`, else None."""
        q = self.query
        bound = scoring.unclipped_score(q, record, 1.0)
        if scoring._clip(bound) < self.cut:
            return None
        # The adjustments never fall as the name score rises, so a name score below
        # `needed` leaves the pair below the cut whatever they are: the name comparison
        # may stop short there (name_similarity). (A margin against rounding.)
        needed = self.cut - (bound - 1.0) - 1e-9
        # everything of the record the name comparison reads: names, their scripts, the
        # Han or Hangul characters, and the nationalities (Spanish-naming countries' surname rule)
        key = (record.names, record.scripts, record.characters, record.nationalities)
        known = self._names.get(key)
        # A score that came back below the `needed` it was computed for may be lower than
        # the real one: it stands for another record only where as much is needed.
        if known is None or (known[0].score < known[1] and needed < known[1]):
            known = self._names[key] = (scoring._best_names(q, record, self.parts, needed), needed)
        s = scoring.combined_score(q, record, known[0])
        return s if s >= self.cut else None
