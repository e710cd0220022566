"""Indicator rules: kinds, normalisation through domain.identifiers, confidence, MISP mapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.domain.errors import ValidationFailed
from concord.domain.indicators import (
    MISP_CATEGORIES,
    MISP_TYPES,
    IndicatorKind,
    MispDistribution,
    confidence_label,
    indicator_key,
    misp_distribution,
    normalise_indicator,
    parse_confidence,
    parse_kind,
    widest_distribution,
)
from concord.domain.restrictions import Restrictions


def test_only_fraud_kinds_are_indicators() -> None:
    assert parse_kind(" IMEI ") is IndicatorKind.IMEI
    with pytest.raises(ValidationFailed) as err:
        parse_kind("passport")
    assert "not an indicator kind" in err.value.detail
    assert err.value.field == "kind"


@pytest.mark.parametrize(
    ("raw", "country"),
    [("+7 (701) 123-45-67", None), ("87011234567", "kz"), ("+77011234567", None)],
)
def test_phone_forms_meet_on_one_key(raw: str, country: str | None) -> None:
    assert normalise_indicator("phone", raw, country).value == "+77011234567"
    assert indicator_key("phone", raw, country) == "+77011234567"


def test_imei_without_check_digit_or_with_spaces_has_the_same_key() -> None:
    assert indicator_key("imei", "49 015420 323751") == "490154203237518"
    assert indicator_key("imei", "49-015420-323751-8") == "490154203237518"


@pytest.mark.parametrize(
    ("kind", "raw", "reason"),
    [
        ("imei", "490154203237519", "Luhn"),
        ("iban", "DE89 3704 0044 0532 0130 01", "mod-97"),
        ("phone", "+7 701 12", "impossible length"),
        ("iccid", "8944500102198304827", "Luhn"),
        ("email", "no-at-sign.example.com", "user@domain"),
    ],
)
def test_invalid_values_are_refused_with_the_reason(kind: str, raw: str, reason: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        normalise_indicator(kind, raw)
    assert reason in err.value.detail
    assert err.value.status == 422


def test_lookup_key_of_an_invalid_value_does_not_raise() -> None:
    # A mistyped IMEI is still looked up (and simply matches nothing).
    assert indicator_key("imei", "4901 5420 3237 519") == "490154203237519"


@pytest.mark.parametrize(
    ("given", "score"), [("low", 0.3), ("Medium", 0.6), ("high", 0.9), ("0.82", 0.82), (1, 1.0)]
)
def test_confidence_grades_and_scores(given: str | float, score: float) -> None:
    assert parse_confidence(given) == score


@pytest.mark.parametrize("bad", ["sure", 1.5, -0.1, "2"])
def test_confidence_outside_the_scale_is_refused(bad: str | float) -> None:
    with pytest.raises(ValidationFailed):
        parse_confidence(bad)


@given(st.floats(min_value=0, max_value=1))
def test_a_grade_read_back_keeps_its_label(score: float) -> None:
    label = confidence_label(score)
    assert confidence_label(parse_confidence(label)) == label


def test_every_kind_has_a_misp_type_and_category() -> None:
    assert set(MISP_TYPES) == set(IndicatorKind) == set(MISP_CATEGORIES)
    assert MISP_TYPES[IndicatorKind.PHONE] == "phone-number"
    assert MISP_TYPES[IndicatorKind.IBAN] == "iban"
    assert MISP_CATEGORIES[IndicatorKind.URL] == "Network activity"


@pytest.mark.parametrize(
    ("restrictions", "level"),
    [
        (Restrictions.build("gs_only"), MispDistribution.ORGANISATION_ONLY),
        (Restrictions.build("hit_no_hit"), MispDistribution.ORGANISATION_ONLY),
        (Restrictions.build("listed_countries", ["kz", "tr"]), MispDistribution.SHARING_GROUP),
        (Restrictions.build("all_members"), MispDistribution.CONNECTED_COMMUNITIES),
        (Restrictions.build("all_members", handling="H2"), MispDistribution.THIS_COMMUNITY),
    ],
)
def test_misp_distribution_follows_the_restrictions(restrictions: Restrictions, level: int) -> None:
    assert misp_distribution(restrictions) == level


def test_the_event_takes_the_widest_attribute_distribution() -> None:
    assert widest_distribution([0, 4, 1]) == MispDistribution.THIS_COMMUNITY
    assert widest_distribution([0, 4]) == MispDistribution.SHARING_GROUP
    assert widest_distribution([]) == MispDistribution.ORGANISATION_ONLY
