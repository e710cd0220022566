"""The screening benchmark's list of ambiguous queries (bench/screening/generate.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from factories.screening import screening_generator


def test_date_fit_counts_agreeing_components_and_rejects_a_contradiction() -> None:
    fit = screening_generator()._date_fit
    assert fit((1958, 3, 28), (1958, 3, 28)) == 3
    assert fit((1958, 3, 28), (1958,)) == 1  # a year-only record agrees as far as it goes
    assert fit((1958, 3, 28), (1957, 3, 28)) is None
    assert fit(None, (1958, 3, 28)) == 0  # no date rules nothing out
    assert fit((1958, 3, 28), None) == 0


def test_a_namesake_record_that_fits_as_well_makes_the_query_ambiguous() -> None:
    gen = screening_generator()
    person = gen.new_person(gen.random.Random(3), gen.countries()[0])
    style = gen.Style("latin")
    query = {"id": "q", "names": [gen.render(person, style)], "birth_date": "1958-03-28"}
    true = gen._Written("true", None, None, (1958, 3, 28))
    year_only = gen._Written("other", None, None, (1958,))
    undated = gen._Written("other", None, None, None)
    born_elsewhen = gen._Written("other", None, None, (1961, 5, 2))
    # the true record agrees on the full date: a year-only or undated namesake fits less
    assert not gen._is_ambiguous(person, style, query, "true", [true, year_only, undated])
    assert not gen._is_ambiguous(person, style, query, "true", [true, born_elsewhen])
    # a namesake with the very same date cannot be told apart
    twin = gen._Written("other", None, None, (1958, 3, 28))
    assert gen._is_ambiguous(person, style, query, "true", [true, twin])
    # a negative query (no true record) is ambiguous as soon as a record fits it
    assert gen._is_ambiguous(person, style, query, None, [undated])
    assert not gen._is_ambiguous(person, style, query, None, [born_elsewhen])


def test_gender_nationality_and_passport_tell_namesakes_apart() -> None:
    gen = screening_generator()
    person = gen.new_person(gen.random.Random(3), gen.countries()[0])
    style = gen.Style("latin")
    query = {
        "id": "q",
        "names": [gen.render(person, style)],
        "birth_date": "1958",
        "gender": "female",
        "nationality": ["ru"],
        "identifiers": [{"type": "passport", "value": "7O1234S67", "country": "ru"}],
    }
    # the true record carries the passport the query shows, read with look-alikes
    true = gen._Written("true", None, None, (1958, 3, 28), "female", "701234567", frozenset({"ru"}))
    # another passport number, or another gender, rules a namesake out
    other_passport = gen._Written("o", None, None, (1958,), "female", "799999999", frozenset())
    other_gender = gen._Written("o", None, None, (1958,), "male", None, frozenset({"ru"}))
    assert not gen._is_ambiguous(person, style, query, "true", [true, other_passport])
    assert not gen._is_ambiguous(person, style, query, "true", [true, other_gender])
    # a namesake that shows no passport agrees on less than the true record
    silent = gen._Written("o", None, None, (1958,), "female", None, frozenset({"ru"}))
    assert not gen._is_ambiguous(person, style, query, "true", [true, silent])
    # without the passport on the true record the two agree as far as the query shows
    bare = gen._Written("true", None, None, (1958,), "female", None, frozenset({"ru"}))
    assert gen._is_ambiguous(person, style, query, "true", [bare, silent])
    # a nationality the query gives only counts for: another one rules nothing out
    elsewhere = gen._Written("o", None, None, (1958,), "female", None, frozenset({"ae"}))
    assert not gen._is_ambiguous(person, style, query, "true", [bare, elsewhere])
    assert gen._is_ambiguous(person, style, query, None, [elsewhere])


def test_surnames_of_the_tail_only_with_a_tail_share(tmp_path: Path) -> None:
    gen = screening_generator()
    # (a composed name may be another country's common one: Rosenberg, Mori)
    heads = repr([v for v in vars(gen.nd).values() if isinstance(v, str | dict)])
    tail = {
        name
        for spec in gen.name_tails.tails().values()
        for entry in spec.split(",")
        if (name := gen.name_tails.written_name(entry)) not in heads
    }

    def words_in_tail(out: Path) -> int:
        found = 0
        for line in (out / "records.jsonl").open(encoding="utf-8"):
            words = set(" ".join(json.loads(line)["names"]).split())
            found += bool(words & tail)
        return found

    gen.generate(2000, 100, tmp_path / "plain", seed=9)
    gen.generate(2000, 100, tmp_path / "tails", seed=9, tail_share=0.7)
    assert words_in_tail(tmp_path / "plain") == 0
    assert words_in_tail(tmp_path / "tails") > 600


def test_generate_lists_ambiguous_queries_without_changing_the_data(tmp_path: Path) -> None:
    gen = screening_generator()
    counts = gen.generate(3000, 600, tmp_path, seed=5)
    listed = (tmp_path / "ambiguous.txt").read_text(encoding="utf-8").split()
    query_ids = [json.loads(line)["id"] for line in (tmp_path / "queries.jsonl").open()]
    with (tmp_path / "truth.csv").open(newline="", encoding="utf-8") as fh:
        positives = {row["query_id"] for row in csv.DictReader(fh)}
    assert counts["ambiguous"] == len(listed) > 0
    assert set(listed) <= set(query_ids)
    assert len(positives) == counts["positive"]
    # deterministic for a seed: the list belongs to the data it was written with
    again = tmp_path / "again"
    gen.generate(3000, 600, again, seed=5)
    assert (again / "queries.jsonl").read_bytes() == (tmp_path / "queries.jsonl").read_bytes()
