"""The pure helpers behind the pages: chart layout and the score reasons in words.
(No browser; they live beside the browser tests because they belong to the web UI.)"""

from __future__ import annotations

from concord.services.screening import FeatureView
from concord.web.search import reasons, verdict
from concord.web.statistics import CHART_WIDTH, LABEL_WIDTH, bar_chart


def test_bars_scale_to_the_largest_value_and_keep_their_order() -> None:
    chart = bar_chart(
        "t", "Test", ["located", "extradited"], [("KZ → RU", [84, 0]), ("RU → KZ", [42, 21])]
    )
    widths = [b.width for b in chart.bars]
    assert widths[0] == max(widths)
    assert LABEL_WIDTH + widths[0] < CHART_WIDTH
    assert widths[1] == 0  # a zero draws no bar
    assert abs(widths[2] - widths[0] / 2) <= 1
    assert abs(widths[3] - widths[0] / 4) <= 1
    assert [label for label, _ in chart.labels] == ["KZ → RU", "RU → KZ"]
    assert not chart.empty


def test_an_all_zero_chart_is_empty() -> None:
    assert bar_chart("t", "Test", ["hits"], [("KZ → RU", [0])]).empty
    assert bar_chart("t", "Test", ["hits"], []).empty


def test_reasons_read_as_words() -> None:
    explained = reasons(
        [
            FeatureView(
                feature="names",
                score=0.8042,
                weight=0.8042,
                detail="names: 'kim jong young' ~ 'kim chen ian' (latin→russian), 0.80",
            ),
            FeatureView(
                feature="birth_date", score=1.0, weight=0.1, detail="birth_date: same date"
            ),
            FeatureView(
                feature="nationality",
                score=0.0,
                weight=-0.15,
                detail="nationality: no nationality in common",
            ),
            FeatureView(
                feature="gender", score=0.5, weight=0.0, detail="gender: not compared (missing)"
            ),
        ]
    )
    names, birth, nationality, gender = explained
    assert names.detail.startswith("“kim jong young” is close to “kim chen ian”")
    assert "Latin spelling against Russian" in names.detail
    assert (birth.effect, birth.tone) == ("raises the score by 10 points", "up")
    assert (nationality.effect, nationality.tone) == ("lowers the score by 15 points", "down")
    assert gender.similarity is None and gender.effect == "not compared"
    assert [verdict(s) for s in (0.95, 0.8, 0.65, 0.5)] == [
        "strong match",
        "likely match",
        "possible match",
        "weak match",
    ]
