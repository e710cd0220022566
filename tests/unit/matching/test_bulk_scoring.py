"""QueryScorer gives exactly the scores of `evaluate`, and its bound never falls below them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from concord.batch.screening import read_persons
from concord.matching import MatchIndex, PersonRecord, prepare, scoring
from concord.matching.bulk import QueryScorer, bound_profile, score_bound
from concord.matching.phonetic import skeleton
from concord.matching.prepare import PreparedRecord
from concord.matching.records import IdentifierRef
from concord.matching.scoring import evaluate, score_pair
from concord.matching.transliterate import RomanName
from factories.screening import generate_set


@pytest.fixture(scope="module")
def pairs(
    tmp_path_factory: pytest.TempPathFactory,
) -> list[tuple[PreparedRecord, list[PreparedRecord]]]:
    """Generated queries, each with every record sharing a blocking key with it (namesakes
    born in other years, other spellings, other persons): more pairs than a search scores."""
    out = generate_set(tmp_path_factory.mktemp("bulk"), 400, 150, seed=5)
    index = MatchIndex()
    for record in read_persons(out / "records.jsonl"):
        index.add(record)
    result = []
    for person in read_persons(out / "queries.jsonl"):
        query = prepare(person)
        found = [index._records[o] for o in index.candidates(query)]
        result.append((query, [r for r in found if r is not None]))
    return result


def test_bound_is_never_below_the_score(
    pairs: list[tuple[PreparedRecord, list[PreparedRecord]]],
) -> None:
    below = 0
    for query, records in pairs:
        for record in records:
            bound = score_bound(query, record)
            assert bound >= evaluate(query, record), (query.id, record.id)
            below += bound < 0.75
    assert below > 0  # the bound does rule pairs out


@pytest.mark.parametrize("cut", [0.5, 0.75, 0.9])
def test_the_profile_rules_out_only_what_the_bound_does(
    pairs: list[tuple[PreparedRecord, list[PreparedRecord]]], cut: float
) -> None:
    ruled_out = 0
    for query, records in pairs:
        scorer = QueryScorer(query, None, cut)
        for record in records:
            if not scorer.may_reach_cut(bound_profile(record)):
                assert score_bound(query, record) < cut, (query.id, record.id)
                ruled_out += 1
    assert ruled_out > 0


@pytest.mark.parametrize(
    ("birth", "gender", "ids"),
    [
        ((1961, 10, 30), "male", True),
        ((9999, 12, 31), "female", False),
        ((1975, 0, 0), None, False),
        (None, "female", True),
        (None, "unknown", False),
    ],
)
def test_a_profile_keeps_what_the_bound_reads(
    birth: tuple[int, int, int] | None, gender: str | None, ids: bool
) -> None:
    passport = IdentifierRef("passport", "836000123", "kp")
    query = prepare(
        PersonRecord("q", ("Kim Jong Yang",), "1961-10-30", ("kp",), "male", (passport,))
    )
    # the nationality and (if any) the document number of the query: the bound then is
    # exactly what the profile tells
    record = PreparedRecord(
        "r", (), (), birth, frozenset({"kp"}), gender, query.identifiers if ids else ()
    )
    bound = min(1.0, scoring._combine(query, record, scoring._NameResult(1.0, -1, -1), False)[0])
    for cut in (bound - 0.01, bound, bound + 0.01):
        scorer = QueryScorer(query, None, cut)
        may = scorer.may_reach_cut(bound_profile(record))
        if gender in (None, "male", "female"):
            assert may == (bound >= cut), cut
        else:  # packed as none: no conflict assumed, nothing ruled out that could pass
            assert may or bound < cut, cut


def test_a_date_out_of_range_rules_nothing_out() -> None:
    record = PreparedRecord("r", (), (), (1961, 13, 40), frozenset(), None, ())
    assert bound_profile(record) == -1
    query = prepare(PersonRecord("q", ("Kim Jong Yang",), "1900-01-01"))
    assert QueryScorer(query, None, 0.99).may_reach_cut(-1)


def _frequencies(
    pairs: list[tuple[PreparedRecord, list[PreparedRecord]]],
) -> Callable[[str], float | None]:
    """Part frequencies among the candidates, as an index would give them."""
    records = {r.id: r for _, found in pairs for r in found}
    counts = Counter(skeleton(p[0]) for r in records.values() for name in r.names for p in name)
    return lambda part: counts[part] / len(records) if part in counts else None


@pytest.mark.parametrize("cut", [0.5, 0.75, 0.9])
@pytest.mark.parametrize("weighted", [False, True])
def test_query_scorer_returns_the_scores_of_evaluate(
    pairs: list[tuple[PreparedRecord, list[PreparedRecord]]], cut: float, weighted: bool
) -> None:
    freq = _frequencies(pairs) if weighted else None
    kept = reweighted = 0
    for query, records in pairs:
        scorer = QueryScorer(query, freq, cut)
        # every record twice: the second time the names come from the scorer's memory, and
        # the parts' weights and similarities always from the query's memory after the first
        for record in records + records:
            expected = evaluate(query, record, freq)
            got = scorer.score_at_cut(record)
            assert got == (expected if expected >= cut else None), (query.id, record.id)
            kept += got is not None
            reweighted += weighted and expected != evaluate(query, record)
    assert kept > 0
    assert reweighted or not weighted  # the frequencies do change scores


def test_namesakes_share_a_name_score_but_keep_their_own_dates() -> None:
    query = prepare(PersonRecord("q", ("Ким Чен Ян",), "1961-10-30", ("kp",), "male"))
    same = prepare(PersonRecord("a", ("Kim Jong Yang",), "1961-10-30", ("kp",), "male"))
    near = prepare(PersonRecord("b", ("Kim Jong Yang",), "1961-10", ("kp",)))
    other = prepare(PersonRecord("c", ("Kim Jong Yang",), "1975-02-01", ("kp",), "male"))
    freq = {"KM": 0.03}.get
    scorer = QueryScorer(query, freq, 0.6)
    assert scorer.score_at_cut(same) == evaluate(query, same, freq)
    assert scorer.score_at_cut(near) == evaluate(query, near, freq)
    assert evaluate(query, near, freq) < evaluate(query, same, freq)
    assert scorer.score_at_cut(other) is None  # born 14 years apart


def test_the_score_without_reasons_is_the_explained_score(
    pairs: list[tuple[PreparedRecord, list[PreparedRecord]]],
) -> None:
    # combined_score skips building reasons: the arithmetic must be the same one
    for query, records in pairs:
        for record in records:
            names = scoring._best_names(query, record, scoring.PartMemo())
            unclipped, parts = scoring._combine(query, record, names)
            total = min(1.0, max(0.0, unclipped))
            assert scoring.combined_score(query, record, names) == total, (query.id, record.id)
            assert scoring.unclipped_score(query, record, names.score) == unclipped
            assert parts and parts[0][0] == "birth_date"
            assert score_pair(query, record).score == round(total, 4)


def _every_variant(q: RomanName, c: RomanName, cross: int, syllabic: bool) -> float:
    """name_similarity by its definition: the best alignment of the names and of every
    split variant of the shorter one, none skipped."""
    memo = scoring.PartMemo()
    best = scoring._align(q, c, cross, memo, False, False, syllabic)
    if len(q) != len(c) and best < 0.95:
        short, long = (q, c) if len(q) < len(c) else (c, q)
        for variant, _ in scoring._split_variants(short, long, syllabic):
            pair = (variant, c) if short is q else (q, variant)
            best = max(best, scoring._align(*pair, cross, memo, False, False, syllabic))
    return best


def test_split_variants_are_skipped_only_where_they_cannot_count(
    pairs: list[tuple[PreparedRecord, list[PreparedRecord]]],
) -> None:
    compared = skipped = 0
    for query, records in pairs:
        for record in records:
            for qi, q in enumerate(query.names):
                for ci, c in enumerate(record.names):
                    if len(q) == len(c):
                        continue
                    qs, cs = query.scripts[qi], record.scripts[ci]
                    cross = scoring.script_distance(qs, cs)
                    syllabic = qs in scoring._FAMILY_FIRST or cs in scoring._FAMILY_FIRST
                    full = _every_variant(q, c, cross, syllabic)
                    args = (q, c, cross, None, False, False, syllabic)
                    # without a floor: exactly the best of every variant
                    assert scoring.name_similarity(*args) == full, (q, c)
                    for needed in (0.6, 0.8, 0.95):
                        got = scoring.name_similarity(*args, needed)
                        # exact from `needed` up, never above the truth below it
                        assert got == full if full >= needed else got <= full, (q, c, needed)
                    compared += 1
                    short, long = (q, c) if len(q) < len(c) else (c, q)
                    memo = scoring.PartMemo()
                    bound = scoring._SplitBound(short, long, 0.8, cross, memo, syllabic, short is c)
                    for variant, cut_at in scoring._split_variants(short, long, syllabic):
                        skipped += bound.rules_out(variant, cut_at)
    assert compared > 100
    assert skipped > 0  # the bound does rule variants out
