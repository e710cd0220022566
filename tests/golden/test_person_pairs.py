"""Hand-labelled person pairs across scripts and conventions: the engine must get each right.

Run with `-s` to see the golden-set precision and recall printed.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from concord.matching import DEFAULT_THRESHOLD, PersonRecord, prepare, score_pair

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "person_pairs.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


def _score(case: dict) -> float:
    a = prepare(PersonRecord.from_json(case["a"]))
    b = prepare(PersonRecord.from_json(case["b"]))
    return score_pair(a, b).score


def test_golden_set_is_large_and_balanced() -> None:
    same = sum(1 for c in CASES if c["same"])
    assert len(CASES) >= 80
    assert same >= 40 and len(CASES) - same >= 25
    assert len({c["id"] for c in CASES}) == len(CASES)


# Known weaknesses, kept visible rather than removed from the set. (ru-04, Juri
# Schewtschenko, left this list when rigour's name lists tied Juri to Yuriy.)
KNOWN_MISSES = {
    "la-07": "Polish orthography vs Russian (Wojciech / Войцех): j as y, ci as ts not modelled",
}


def _marks(case: dict) -> list[pytest.MarkDecorator]:
    marks = []
    if case["id"] in KNOWN_MISSES:
        marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[case["id"]], strict=True))
    # Cases that need an optional reader (pykakasi for kanji) run only where it is installed.
    needs = case.get("requires")
    if needs and importlib.util.find_spec(needs) is None:
        marks.append(pytest.mark.skip(reason=f"{needs} not installed"))
    return marks


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=_marks(c)) for c in CASES],
    ids=[c["id"] for c in CASES],
)
def test_golden_pair(case: dict) -> None:
    score = _score(case)
    if case["same"]:
        assert score >= DEFAULT_THRESHOLD, f"{case['note']}: {score:.3f}"
    else:
        assert score < DEFAULT_THRESHOLD, f"{case['note']}: {score:.3f}"


def test_golden_precision_recall() -> None:
    tp = fp = fn = 0
    for case in CASES:
        if case.get("requires") and importlib.util.find_spec(case["requires"]) is None:
            continue
        hit = _score(case) >= DEFAULT_THRESHOLD
        tp += hit and case["same"]
        fp += hit and not case["same"]
        fn += (not hit) and case["same"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"\ngolden set: {len(CASES)} pairs, precision={precision:.3f} recall={recall:.3f}")
    assert precision >= 0.95
    assert recall >= 0.95
