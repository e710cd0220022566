"""MatchIndex: search, incremental add/remove/replace, access filter."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from array import array
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concord.matching import (
    DEFAULT_THRESHOLD,
    IdentifierRef,
    MatchIndex,
    PersonRecord,
    blocking_keys,
    prepare,
    score_pair,
)
from concord.matching.index import (
    MAX_SCORED,
    _kernel_rank_votes,
    _rank_votes_numpy,
)
from concord.matching.keys import NAMESAKE_KEYS, full_name_key, query_keys
from concord.matching.phonetic import skeleton

PEOPLE = {
    "r1": ("Ким Чен Ян", "1961-10-30"),
    "r2": ("Kim Jong Un", "1984-01-08"),
    "r3": ("Deng Xiaoping", "1904-08-22"),
    "r4": ("Сергей Иванов", "1953-01-31"),
    "r5": ("Mohammed al-Baghdadi", "1971-07-28"),
    "r6": ("John Smith", "1970-10-10"),
}


def _index() -> MatchIndex:
    index = MatchIndex()
    for rid, (name, born) in PEOPLE.items():
        index.add(PersonRecord(id=rid, names=(name,), birth_date=born))
    return index


def test_search_finds_cross_script_variant_first() -> None:
    hits = _index().search(PersonRecord(id="q", names=("김종양",), birth_date="1961-10-30"))
    assert hits and hits[0].record_id == "r1"
    assert all(h.record_id != "r2" for h in hits)


def test_search_each_person_by_another_script() -> None:
    index = _index()
    queries = {"r3": "邓小平", "r4": "Sergei Ivanov", "r5": "محمد البغدادي", "r6": "SMITH, John"}
    for rid, name in queries.items():
        hits = index.search(PersonRecord(id="q", names=(name,), birth_date=PEOPLE[rid][1]))
        assert hits and hits[0].record_id == rid, name


def test_remove_and_replace() -> None:
    index = _index()
    query = PersonRecord(id="q", names=("Deng Xiaoping",))
    index.remove("r3")
    assert "r3" not in index and len(index) == 5
    assert not index.search(query)
    index.add(PersonRecord(id="r3", names=("Teng Hsiao-ping",)))
    assert [h.record_id for h in index.search(query)] == ["r3"]
    # Replacing with another person's name makes the old name unfindable.
    index.add(PersonRecord(id="r3", names=("Nino Burjanadze",)))
    assert len(index) == 6
    assert not index.search(query)
    index.remove("missing")  # unknown ids are ignored
    assert len(index) == 6


def test_allowed_filters_before_scoring() -> None:
    index = _index()
    query = PersonRecord(id="q", names=("Ким Чен Ян",))
    assert index.search(query)[0].record_id == "r1"
    assert all(h.record_id != "r1" for h in index.search(query, allowed=lambda rid: rid != "r1"))
    assert index.search(query, allowed=lambda rid: rid == "r1")[0].record_id == "r1"


def test_limit_and_threshold() -> None:
    index = _index()
    query = PersonRecord(id="q", names=("Kim Jong Yang",))
    assert len(index.search(query, limit=1, threshold=0.0)) == 1
    assert index.search(query, threshold=1.01) == []


def test_blocking_keys_include_year_and_identifier() -> None:
    p = prepare(
        PersonRecord.from_json(
            {"id": "x", "names": ["Kim Jong Yang"], "birth_date": "1961",
             "identifiers": [{"type": "passport", "value": "M1234O678"}]}
        )
    )  # fmt: skip
    keys = blocking_keys(p)
    assert "n:KM" in keys and "y:1961:KM" in keys and "i:M12340678" in keys


ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "remove"]),
        st.sampled_from(["a", "b", "c", "d"]),
        st.sampled_from(["Kim Jong Yang", "Ким Чен Ян", "John Smith", "Deng Xiaoping"]),
        st.sampled_from([None, "1961-10-30"]),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(ops)
def test_add_remove_replace_consistency(
    operations: list[tuple[str, str, str, str | None]],
) -> None:
    index = MatchIndex()
    model: dict[str, str] = {}
    born: dict[str, str | None] = {}
    for op, rid, name, birth in operations:
        if op == "add":
            index.add(PersonRecord(id=rid, names=(name,), birth_date=birth))
            model[rid] = name
            born[rid] = birth
        else:
            index.remove(rid)
            model.pop(rid, None)
    assert len(index) == len(model)
    assert all(rid in index for rid in model)
    for name in set(model.values()):
        found = {h.record_id for h in index.search(PersonRecord(id="q", names=(name,)), limit=10)}
        assert found >= {rid for rid, n in model.items() if n == name}
        assert found <= set(model)
    # An index rebuilt from scratch holds the same postings.
    fresh = MatchIndex()
    for rid, name in model.items():
        fresh.add(PersonRecord(id=rid, names=(name,), birth_date=born[rid]))
    assert {k: len(v) for k, v in index._postings.items()} == {
        k: len(v) for k, v in fresh._postings.items()
    }
    # ... and counts the undated records under each namesake key as they are.
    for key, bucket in index._postings.items():
        if key.startswith(NAMESAKE_KEYS):
            undated = sum(1 for o in bucket if (r := index._records[o]) and r.birth is None)
            assert index.undated_size(key) == fresh.undated_size(key) == undated


def test_a_confirmed_birth_date_explains_away_an_undated_namesake() -> None:
    index = MatchIndex()
    index.add(PersonRecord(id="dated", names=("Anna Berg",), birth_date="1980-05-17"))
    index.add(PersonRecord(id="undated", names=("Anna Berg",)))
    query = PersonRecord(id="q", names=("Anna Berg",), birth_date="1980-05-17")
    assert [m.record_id for m in index.search(query)] == ["dated"]
    # Without a confirming date both stay candidates ...
    undated_query = PersonRecord(id="q", names=("Anna Berg",))
    assert {m.record_id for m in index.search(undated_query)} == {"dated", "undated"}
    # ... and a non-exclusive index keeps the namesake, explained, with its own score.
    loose = MatchIndex(exclusive=False)
    loose.add(PersonRecord(id="undated", names=("Anna Berg",)))
    loose.add(PersonRecord(id="dated", names=("Anna Berg",), birth_date="1980-05-17"))
    assert {m.record_id for m in loose.search(query)} == {"dated", "undated"}
    low = index.search(query, threshold=0.5)
    demoted = next(m for m in low if m.record_id == "undated")
    assert "exclusivity" in {e.feature for e in demoted.explanation}
    assert demoted.score < DEFAULT_THRESHOLD


def test_a_matching_document_number_rules_out_the_namesakes_without_it() -> None:
    def passport(value: str) -> tuple[IdentifierRef, ...]:
        return (IdentifierRef("passport", value, "in"),)

    people = [
        PersonRecord(
            id="documented",
            names=("Narendra Gupta",),
            birth_date="1989-06-25",
            identifiers=passport("Z28358751"),
        ),
        # a namesake born the same year with another passport, and one with none
        PersonRecord(
            id="other",
            names=("Narendra Gupta",),
            birth_date="1989-09-21",
            identifiers=passport("Z61192473"),
        ),
        PersonRecord(id="bare", names=("Narendra Gupta",), birth_date="1989"),
    ]
    index, loose = MatchIndex(), MatchIndex(exclusive=False)
    for person in people:
        index.add(person)
        loose.add(person)
    asked = PersonRecord(
        id="q", names=("Guptta Narendra",), birth_date="1989", identifiers=passport("Z2835875I")
    )
    assert [m.record_id for m in index.search(asked)] == ["documented"]
    low = {m.record_id: m for m in index.search(asked, threshold=0.0)}
    assert {"other", "bare"} <= set(low)
    for rid in ("other", "bare"):
        assert any(
            e.feature == "exclusivity" and "document number" in e.detail
            for e in low[rid].explanation
        )
    # nor is it outmatched by a namesake whose full date is closer to the query's
    index.add(
        PersonRecord(
            id="closer",
            names=("Narendra Gupta",),
            birth_date="1989-06-26",
            identifiers=passport("Z70000001"),
        )
    )
    precise = PersonRecord(
        id="q",
        names=("Guptta Narendra",),
        birth_date="1989-06-26",
        identifiers=passport("Z2835875I"),
    )
    assert [m.record_id for m in index.search(precise)] == ["documented"]
    # without the document the query cannot tell the three apart
    undocumented = PersonRecord(id="q", names=("Guptta Narendra",), birth_date="1989")
    assert len(index.search(undocumented)) == 4
    # nor does a non-exclusive index rule anyone out
    assert len(loose.search(asked)) == 3


def test_of_two_tied_namesakes_the_one_that_shows_the_querys_gender_comes_first() -> None:
    index = MatchIndex()
    index.add(PersonRecord(id="a-silent", names=("Anna Berg",), birth_date="1980"))
    index.add(PersonRecord(id="b-female", names=("Anna Berg",), birth_date="1980", gender="female"))
    asked = PersonRecord(id="q", names=("Anna Berg",), birth_date="1980-05-17", gender="female")
    found = index.search(asked)
    assert [m.record_id for m in found] == ["b-female", "a-silent"]
    assert found[0].score == found[1].score
    # without a gender in the query the record id decides, as before
    plain = PersonRecord(id="q", names=("Anna Berg",), birth_date="1980-05-17")
    assert [m.record_id for m in index.search(plain)] == ["a-silent", "b-female"]


def test_a_common_name_without_a_confirming_date_costs_more_the_more_namesakes() -> None:
    index = MatchIndex()
    for n, born in enumerate(("1951-03-12", "1962-07-25", "1973-11-02", "1984-05-19")):
        index.add(PersonRecord(id=f"berg{n}", names=("Anna Berg",), birth_date=born))
    index.add(PersonRecord(id="rare", names=("Anna Quistorp",), birth_date="1975-01-01"))
    common = index.search(PersonRecord(id="q", names=("Anna Berg",)), threshold=0.0)
    rare = index.search(PersonRecord(id="q", names=("Anna Quistorp",)), threshold=0.0)
    assert rare[0].record_id == "rare"
    assert "namesakes" not in {e.feature for e in rare[0].explanation}
    assert all("namesakes" in {e.feature for e in m.explanation} for m in common[:4])
    assert max(m.score for m in common) < rare[0].score
    # A confirming birth date separates the namesakes: no cost for the confirmed one.
    dated = index.search(PersonRecord(id="q", names=("Anna Berg",), birth_date="1962-07-25"))
    assert [m.record_id for m in dated] == ["berg1"]
    assert "namesakes" not in {e.feature for e in dated[0].explanation}


def test_namesakes_count_records_that_carry_the_shorter_name_in_full() -> None:
    index = MatchIndex()
    index.add(PersonRecord(id="v1", names=("Vera Igorevna Krasnova",), birth_date="1961-02-03"))
    index.add(PersonRecord(id="v2", names=("Vera Petrovna Krasnova",), birth_date="1979-08-19"))
    matches = index.search(PersonRecord(id="q", names=("Vera Krasnova",)), threshold=0.0)
    reasons = {
        m.record_id: e.detail for m in matches for e in m.explanation if e.feature == "namesakes"
    }
    assert set(reasons) == {"v1", "v2"}
    assert all(detail.startswith("namesakes: 2 records") for detail in reasons.values())


def test_a_closer_birth_date_outmatches_a_namesake_that_agrees_on_the_year_only() -> None:
    index = MatchIndex()
    index.add(PersonRecord(id="full", names=("Chiara Marino",), birth_date="1957-03-28"))
    index.add(PersonRecord(id="year", names=("Chiara Marino",), birth_date="1958"))
    query = PersonRecord(id="q", names=("Chiara Marino",), birth_date="1958-03-28")
    # the year alone agrees with "year"; day and month agree with "full", the year one off
    assert [m.record_id for m in index.search(query)] == ["full"]
    low = {m.record_id: m for m in index.search(query, threshold=0.0)}
    assert "exclusivity" in {e.feature for e in low["year"].explanation}
    assert "exclusivity" not in {e.feature for e in low["full"].explanation}
    # with a year-only query neither date agrees better: both stay
    year_query = PersonRecord(id="q", names=("Chiara Marino",), birth_date="1958")
    assert "year" in {m.record_id for m in index.search(year_query)}


def test_a_date_one_slip_away_outmatches_a_year_only_record_only_with_as_good_a_name() -> None:
    index = MatchIndex()
    index.add(PersonRecord(id="year", names=("Vijay Nair",), birth_date="1972"))
    index.add(PersonRecord(id="slip", names=("Sanjay Vijay Nair",), birth_date="1972-02-18"))
    query = PersonRecord(id="q", names=("Vijay Nair",), birth_date="1972-02-19")
    found = index.search(query)
    # the exact name of 1972 stays, first; the slip with an extra given name stays too
    assert [m.record_id for m in found] == ["year", "slip"]
    assert "exclusivity" not in {e.feature for e in found[0].explanation}
    # with the same name, the date one slip away outmatches the year alone (as Chiara
    # Marino's full date one year off does, above)
    twin = MatchIndex()
    twin.add(PersonRecord(id="year", names=("Vijay Nair",), birth_date="1972"))
    twin.add(PersonRecord(id="slip", names=("Vijay Nair",), birth_date="1972-02-18"))
    assert [m.record_id for m in twin.search(query)] == ["slip"]


def test_dates_that_nearly_agree_count_only_namesakes_born_near_the_query() -> None:
    index = MatchIndex()
    index.add(PersonRecord(id="near", names=("Anna Berg",), birth_date="1980-05"))
    for n, born in enumerate(("1951-03-12", "1962-07-25", "1999-11-02")):
        index.add(PersonRecord(id=f"far{n}", names=("Anna Berg",), birth_date=born))
    query = PersonRecord(id="q", names=("Anna Berg",), birth_date="1981-05-17")
    matches = index.search(query, threshold=0.0)
    near = next(m for m in matches if m.record_id == "near")
    # the namesakes born decades apart do not compete with a record one year off
    assert "namesakes" not in {e.feature for e in near.explanation}
    index.add(PersonRecord(id="rival", names=("Anna Berg",), birth_date="1981-02"))
    rivals = index.search(query, threshold=0.0)
    near = next(m for m in rivals if m.record_id == "near")
    assert any(e.detail.startswith("namesakes: 2 records") for e in near.explanation)


def _undated_among_namesakes(undated: str, dated: str) -> MatchIndex:
    """An index of one undated record and four namesakes born in 1951 to 2000."""
    index = MatchIndex()
    index.add(PersonRecord(id="undated", names=(undated,)))
    for n, born in enumerate(("1951-03-12", "1962-07-25", "1973-11-02", "2000-06-01")):
        index.add(PersonRecord(id=f"dated{n}", names=(dated,), birth_date=born))
    return index


@pytest.mark.parametrize(
    ("undated", "dated", "asked"),
    [
        ("Надія Богданівна Кравченко", "Nadiia Kravchenko", "НАДІЯ КРАВЧЕНКО"),
        # two transposed letters are a typist's slip, not another name (as Hofmann is, below)
        ("MARÍA SALAZAR MENDOZA", "María Salazar Mendoza", "Maria Salaazr Mendoza"),
        # where romanisations of one name differ: i or y, a glide i or none
        ("Svetlana Vladimirovna Vasileva", "Svetlana Vasileva", "Svetlana Vasil'yeva"),
        ("Hasmik Zakaryan", "Hasmik Zakaryan", "Hasmik Zakarian"),
    ],
)
def test_the_querys_date_rules_out_the_namesakes_born_on_other_dates(
    undated: str, dated: str, asked: str
) -> None:
    index = _undated_among_namesakes(undated, dated)
    found = index.search(PersonRecord(id="q", names=(asked,), birth_date="1976-09-10"))
    # the one record the date cannot rule out is the only namesake left: no cost
    assert [m.record_id for m in found] == ["undated"]
    assert "namesakes" not in {e.feature for e in found[0].explanation}


def test_undated_namesakes_count_each_other_and_all_namesakes_for_an_undated_query() -> None:
    index = _undated_among_namesakes("Надія Богданівна Кравченко", "Nadiia Kravchenko")
    query = PersonRecord(id="q", names=("НАДІЯ КРАВЧЕНКО",), birth_date="1976-09-10")
    # a second undated one could be her as well: both pay for the other
    index.add(PersonRecord(id="undated2", names=("Nadiia Kravchenko",)))
    both = {m.record_id: m for m in index.search(query, threshold=0.0)}
    assert any(e.detail.startswith("namesakes: 2 records") for e in both["undated"].explanation)
    # Without a date on the query, every namesake could be the undated record's person.
    plain = index.search(PersonRecord(id="q", names=("НАДІЯ КРАВЧЕНКО",)), threshold=0.0)
    costs = [e for m in plain if m.record_id == "undated" for e in m.explanation]
    assert any(e.detail.startswith("namesakes: 6 records") for e in costs)


def test_a_dated_query_finds_an_undated_record_among_namesakes_of_its_year() -> None:
    index = MatchIndex()
    # sixty Hovhannisyans of the query's year share its year and deletion keys ...
    for n in range(60):
        born = f"2006-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        index.add(PersonRecord(id=f"h{n}", names=("Hovhannes Hovhannisyan",), birth_date=born))
    # ... which the one undated Artak Hovhannisyan cannot: it could be born in any year
    index.add(PersonRecord(id="artak", names=("Artak Hovhannisyan",)))
    query = PersonRecord(id="q", names=("ԱՐՏԱԿ ՀՈՎՀԱՆՆԻՍՅԱՆ",), birth_date="2006-11-25")
    found = [index._records[o] for o in index.candidates(prepare(query), top=MAX_SCORED)]
    assert "artak" in {r.id for r in found if r is not None}
    assert index.search(query)[0].record_id == "artak"
    # an undated query has no year to be crowded out by: it looks up no such keys
    assert not {
        k
        for k in query_keys(prepare(PersonRecord(id="q", names=("Artak Hovhannisyan",))))
        if "*" in k
    }


def test_a_name_that_only_sounds_alike_still_counts_every_namesake() -> None:
    index = _undated_among_namesakes("Karl-Heinz Hofmann", "Karl-Heinz Hofmann")
    query = PersonRecord(id="q", names=("Karl-Heinz Hoffmann",), birth_date="1989-02-16")
    undated = next(m for m in index.search(query, threshold=0.0) if m.record_id == "undated")
    assert any(e.detail.startswith("namesakes: 5 records") for e in undated.explanation)


def test_a_shared_passport_spares_the_namesake_cost() -> None:
    index = MatchIndex()
    for n, born in enumerate(("1951-03-12", "1962-07-25", "1973-11-02", "1984-05-19")):
        index.add(PersonRecord(id=f"berg{n}", names=("Kemal Kilic",), birth_date=born))
    passport = IdentifierRef(type="passport", value="U91943306", country="tr")
    index.add(PersonRecord(id="holder", names=("Kemal Kılıç",), identifiers=(passport,)))
    query = PersonRecord(id="q", names=("Kemal Kilic",), birth_date="1971-04-24",
                         identifiers=(passport,))  # fmt: skip
    best = index.search(query)[0]
    assert best.record_id == "holder"
    assert "namesakes" not in {e.feature for e in best.explanation}


def test_add_many_indexes_everything_and_restores_the_collector() -> None:
    import gc

    index = MatchIndex()
    people = [
        PersonRecord(id=rid, names=(name,), birth_date=born) for rid, (name, born) in PEOPLE.items()
    ]
    assert gc.isenabled()
    assert index.add_many(iter(people)) == len(PEOPLE)
    assert gc.isenabled()
    found = index.search(PersonRecord(id="q", names=("Kim Jong Yang",), birth_date="1961-10-30"))
    assert found[0].record_id == "r1"


def test_namesakes_are_counted_by_the_name_as_written_where_both_carry_it() -> None:
    index = MatchIndex()
    index.add(PersonRecord(id="hong", names=("홍지영", "HONG JI-YOUNG"), birth_date="1985-09-07"))
    # other names that share the coarse skeleton keys of short syllables (H-NG, J-N)
    for n, name in enumerate(("Hang Jin", "Heng Jun", "Hung Jeon", "Hong Jun")):
        index.add(PersonRecord(id=f"other{n}", names=(name,), birth_date=f"196{n}-01-01"))
    match = index.search(PersonRecord(id="q", names=("Hong Jiyoung",)), threshold=0.0)[0]
    assert match.record_id == "hong"
    assert "namesakes" not in {e.feature for e in match.explanation}


def test_the_full_birth_date_ranks_a_candidate_above_namesakes_of_that_year() -> None:
    index = MatchIndex()
    # inserted first, the namesake would win a tie in votes
    index.add(PersonRecord(id="namesake", names=("Priya Saxena",), birth_date="1990-07-01"))
    index.add(PersonRecord(id="true", names=("Priya Saxena",), birth_date="1990-02-12"))
    query = prepare(PersonRecord(id="q", names=("Priya Saxena",), birth_date="1990-02-12"))
    assert "d:1990-02-12" in query_keys(query)
    first = index.candidates(query, top=1)[0]
    assert index.get("true") is index._records[first]


def test_date_keys_reach_a_year_off_and_records_known_to_the_month() -> None:
    query = prepare(PersonRecord(id="q", names=("Uwe Schneider",), birth_date="1962-04-29"))
    keys = query_keys(query)
    assert {"d:1962-04-29", "d:1961-04-29", "d:1963-04-29", "m:1962-04"} <= keys
    month_only = prepare(PersonRecord(id="r", names=("Uwe Schneider",), birth_date="1962-04"))
    assert "m:1962-04" in blocking_keys(month_only)
    # full dates are found by the date itself: no month key for them
    assert not any(k.startswith("m:") for k in blocking_keys(query))


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Valentina Gavrilova", "Valetina Gavrilova"),  # a consonant dropped
        ("Giuseppe Russo", "Giuskppe Russo"),  # one added
        ("Anna Aleksanyan", "Anna Alensanian"),  # one changed
    ],
)
def test_a_misspelt_part_still_shares_a_key_of_its_birth_year(written: str, typed: str) -> None:
    record = prepare(PersonRecord(id="r", names=(written,), birth_date="1967"))
    query = prepare(PersonRecord(id="q", names=(typed,), birth_date="1967-05-03"))
    right = skeleton(next(p for p in typed.lower().split() if p in written.lower().split()))
    # keys of the misspelt part alone (the one spelt right shares its own anyway)
    found = {
        k
        for k in query_keys(query) & blocking_keys(record)
        if k.startswith(("e:1967:", "y:1967:")) and k.split(":")[2] != right
    }
    assert found


def test_records_without_a_birth_year_carry_no_deletion_keys() -> None:
    # without the year a deletion key would hold far too many records to say anything
    undated = prepare(PersonRecord(id="r", names=("Valentina Gavrilova",)))
    assert not any(k.startswith("e:") for k in blocking_keys(undated))


def test_blocking_keys_do_not_depend_on_the_hash_seed() -> None:
    # pair keys are capped per name: a long name must keep the same ones in every process
    script = (
        "from concord.matching import PersonRecord, prepare\n"
        "from concord.matching.keys import blocking_keys\n"
        "p = prepare(PersonRecord(id='r', names=('عبدالله هشام البلوشي',), birth_date='1999'))\n"
        "print(sorted(blocking_keys(p)))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outputs) == 1


def _votes_by_the_rule(
    buckets: list[list[int]],
    weights: list[int],
    named: list[bool],
    top: int | None,
    groups: list[int] | None = None,
) -> list[int]:
    votes: dict[int, int] = {}  # insertion order: the order first met
    counted: set[tuple[int, int]] = set()  # (ordinal, group) already counted
    found_by_name: set[int] = set()
    for i, (bucket, weight, by_name) in enumerate(zip(buckets, weights, named, strict=True)):
        group = i if groups is None else groups[i]
        for ordinal in bucket:
            votes.setdefault(ordinal, 0)
            if (ordinal, group) not in counted:
                counted.add((ordinal, group))
                votes[ordinal] += weight
        if by_name:
            found_by_name.update(bucket)
    # stable: ties first met
    ranked = sorted(votes, key=lambda ordinal: (ordinal not in found_by_name, -votes[ordinal]))
    return ranked if top is None else ranked[:top]


# The compiled kernel (vote_count.pyx) and the numpy count it stands in for.
_VOTE_COUNTS = [pytest.param(_rank_votes_numpy, id="numpy")]
if _kernel_rank_votes is not None:
    _VOTE_COUNTS.append(pytest.param(_kernel_rank_votes, id="kernel"))


@pytest.mark.parametrize("count", _VOTE_COUNTS)
def test_vote_ranking_follows_the_rule_on_random_buckets(count: Any) -> None:
    rng = random.Random(20240611)
    for _ in range(400):
        # few distinct ordinals and few weights: many shared ordinals and many ties; some
        # ordinals near the top of a C int, or hundreds of keys (no 32-bit sort key: the
        # wide path)
        base = rng.choice([0, 1000, 2**31 - 1000])
        universe = [base + o for o in range(rng.randint(2, 120))]
        keys = rng.choice([rng.randint(2, 12), rng.randint(100, 300)])
        buckets = [rng.sample(universe, rng.randint(1, len(universe))) for _ in range(keys)]
        for bucket in buckets:
            bucket.sort()  # as posting lists are
        weights = [rng.choice([1, 2, 3, 4, 30]) for _ in buckets]
        # a date bucket (not named) now and then, most of them named
        named = [rng.random() < 0.8 for _ in buckets]
        # reading groups now and then: a few buckets share one, each ordinal counts the
        # first bucket of a group it is in
        groups = None
        if rng.random() < 0.5:
            groups = [rng.randrange(max(1, len(buckets) // 3)) for _ in buckets]
        # candidates first met from a late bucket on may be left out once they cannot
        # reach the top: the same result either way
        closing = rng.choice([-1, rng.randrange(len(buckets))])
        for top in (None, 1, 3, 50, len(universe)):
            got = count([array("i", b) for b in buckets], weights, named, top, groups, closing)
            expected = _votes_by_the_rule(buckets, weights, named, top, groups)
            assert got == expected, (buckets, weights, named, top, groups, closing)


@pytest.mark.parametrize("count", _VOTE_COUNTS)
def test_vote_ranking_with_more_reading_groups_than_bits_in_a_word(count: Any) -> None:
    # 70 groups of two buckets each: the kernel keeps the first 32 as bits, the rest apart
    rng = random.Random(7)
    buckets = [sorted(rng.sample(range(40), rng.randint(1, 20))) for _ in range(140)]
    weights = [rng.choice([1, 2, 4, 30]) for _ in buckets]
    named = [rng.random() < 0.9 for _ in buckets]
    groups = [i // 2 for i in range(len(buckets))]
    for top in (None, 5):
        got = count([array("i", b) for b in buckets], weights, named, top, groups, -1)
        assert got == _votes_by_the_rule(buckets, weights, named, top, groups)


def test_vote_ranking_uses_the_kernel_where_it_is_built() -> None:
    if os.environ.get("CONCORD_PURE_PYTHON") == "1":
        assert _kernel_rank_votes is None
    else:
        assert _kernel_rank_votes is not None


def test_a_rival_whose_date_fits_worse_than_the_records_is_no_namesake() -> None:
    index = MatchIndex()
    index.add(PersonRecord(id="near", names=("Anna Berg",), birth_date="1980-05"))
    # born in the query's year, but on another day of another month: ruled out more surely
    index.add(PersonRecord(id="other", names=("Anna Berg",), birth_date="1981-09-30"))
    query = PersonRecord(id="q", names=("Anna Berg",), birth_date="1981-05-17")
    near = next(m for m in index.search(query, threshold=0.0) if m.record_id == "near")
    assert "namesakes" not in {e.feature for e in near.explanation}


def test_a_closer_agreeing_date_outmatches_a_rival_whose_name_scores_higher() -> None:
    index = MatchIndex()
    # the same script as the query: a perfect name, but only the year to agree
    year = PersonRecord(id="year", names=("ابراهیم کاظمی",), birth_date="1964")
    index.add(year)
    index.add(PersonRecord(id="month", names=("Ebrahim Kazemi",), birth_date="1964-07"))
    query = PersonRecord(id="q", names=("کاظمی ابراهیم",), birth_date="1964-07-10")
    low = {m.record_id: m for m in index.search(query, threshold=0.0)}
    # pairwise the year-only record scores higher ...
    assert score_pair(prepare(query), prepare(year)).score > low["month"].score
    # ... but the closer date wins, and the other is no match beside it
    assert [m.record_id for m in index.search(query)] == ["month"]
    assert "exclusivity" in {e.feature for e in low["year"].explanation}


@pytest.mark.parametrize(
    ("name", "looser", "closer", "born"),
    [
        # the month known beats the year alone
        ("Armen Gevorgyan", "1946", "1946-10", "1946-10-16"),
        # both one slip away: a day and month swapped counts a little more than one digit
        # typed wrong, which the 1.0 clip hides
        ("Gagik Stepanyan", "1953-02-19", "1953-10-02", "1953-02-10"),
    ],
)
def test_of_scores_clipped_alike_the_closer_date_ranks_first(
    name: str, looser: str, closer: str, born: str
) -> None:
    index = MatchIndex(exclusive=False)
    index.add(PersonRecord(id="a-looser", names=(name,), birth_date=looser))
    index.add(PersonRecord(id="b-closer", names=(name,), birth_date=closer))
    matches = index.search(PersonRecord(id="q", names=(name,), birth_date=born))
    assert [m.score for m in matches] == [1.0, 1.0]  # clipped alike
    assert [m.record_id for m in matches] == ["b-closer", "a-looser"]  # not by id


@pytest.mark.parametrize(
    ("written", "other"),
    [("PRIYA SAXENA", "प्रिया सक्सेना"), ("CAO HUI", "Hui Tsao")],
)
def test_whole_name_keys_cover_every_reading_of_a_part(written: str, other: str) -> None:
    # a Devanagari Saxena reads saksena first and saxena next; a pinyin Cao reads Tsao too
    record = prepare(PersonRecord(id="r", names=(written,), birth_date="1990-02-12"))
    query = prepare(PersonRecord(id="q", names=(other,), birth_date="1990-02-12"))
    shared = query_keys(query) & blocking_keys(record)
    assert any(k.startswith("f:") for k in shared)
    assert any(k.startswith("w:1990:") for k in shared)


def test_the_first_reading_of_a_name_always_has_its_whole_name_key() -> None:
    # many readings a part (Han characters, Cyrillic with patronymic forms): the namesake
    # count of the ranking looks the first one up
    for written in ("曹海", "潘红杰", "Қайрат Санжарович Есенов", "प्रिया सक्सेना"):
        record = prepare(PersonRecord(id="r", names=(written,), birth_date="1990"))
        keys = blocking_keys(record)
        for name in record.names:
            full = full_name_key(name)
            assert full is None or (full in keys and f"w:1990:{full[2:]}" in keys)


def test_a_birth_date_alone_does_not_rank_a_stranger_above_a_namesake() -> None:
    # q487 of the 100k benchmark set: strangers born on the query's day outvoted the true
    # record, which shares only a misspelt surname with it (12 votes against 6)
    index = MatchIndex()
    for n in range(3):
        index.add(PersonRecord(id=f"stranger{n}", names=("Juan Díaz",), birth_date="1982-09-10"))
    index.add(PersonRecord(id="true", names=("נועה מזרחי",), birth_date="1982"))
    person = PersonRecord(id="q", names=("Mizrachi Noah",), birth_date="1982-09-10")
    ranked = [index._records[o] for o in index.candidates(prepare(person))]
    assert [r.id for r in ranked if r is not None] == [
        "true",
        "stranger0",
        "stranger1",
        "stranger2",
    ]
    assert index.search(person)[0].record_id == "true"
