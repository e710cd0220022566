"""Pure SIM-bank scoring rules: ramps, robustness to single evasion tricks, device score."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.domain.cdr_rules import (
    CdrThresholds,
    SimFeatures,
    flagged_by_association,
    ramp,
    score_device,
    score_sim,
)

# A textbook bank SIM: 412 calls to 412 numbers, nothing back, one cell, 32 SIMs per module.
BANK = SimFeatures(
    mo_calls=412,
    mt_calls=0,
    sms_count=0,
    data_count=0,
    distinct_callees=412,
    never_call_back=412,
    distinct_cells=1,
    imei_count=1,
    max_imsis_on_device=32,
    duration_mean=41.0,
    duration_cv=0.08,
    gap_cv=0.05,
    gap_count=411,
    night_calls=100,
)

# An ordinary smartphone user: a handful of calls both ways, SMS, data, moves around.
PERSON = SimFeatures(
    mo_calls=6,
    mt_calls=5,
    sms_count=12,
    data_count=30,
    distinct_callees=4,
    never_call_back=1,
    distinct_cells=5,
    imei_count=1,
    max_imsis_on_device=1,
    duration_mean=95.0,
    duration_cv=1.2,
    gap_cv=1.6,
    gap_count=5,
    night_calls=0,
)


def test_ramp_rises_falls_and_clamps() -> None:
    assert ramp(5, 0, 10) == 0.5
    assert ramp(-3, 0, 10) == 0.0
    assert ramp(30, 0, 10) == 1.0
    # A falling ramp: small values are the suspicious ones.
    assert ramp(0.05, 0.25, 0.05) == 1.0
    assert ramp(0.15, 0.25, 0.05) == pytest.approx(0.5)
    assert ramp(0.3, 0.25, 0.05) == 0.0
    assert ramp(3, 3, 3) == 1.0
    assert ramp(2, 3, 3) == 0.0


def test_textbook_bank_sim_is_flagged_with_readable_reasons() -> None:
    verdict = score_sim(BANK)
    assert verdict.flagged
    assert verdict.score > 0.9
    assert "called 412 distinct numbers" in verdict.reasons
    assert "received 0 calls (0% of calls incoming)" in verdict.reasons
    assert "0 SMS and 0 data sessions" in verdict.reasons
    assert "seen in 1 cell" in verdict.reasons
    assert "call length CV 0.08 (mean 41 s)" in verdict.reasons
    assert "on a device (IMEI) shared by 32 SIMs" in verdict.reasons


def test_ordinary_subscriber_is_not_flagged_and_has_no_reasons() -> None:
    verdict = score_sim(PERSON)
    assert not verdict.flagged
    assert verdict.score < 0.2
    assert verdict.reasons == []


EVASIONS: dict[str, dict[str, Any]] = {
    "added SMS and data": {"sms_count": 120, "data_count": 40},
    "simulated movement": {"distinct_cells": 9},
    "random call lengths": {"duration_cv": 0.9},
    "random intervals, daytime only": {"gap_cv": 1.0, "night_calls": 0},
    "one SIM per module": {"max_imsis_on_device": 1},
    "some callbacks": {"mt_calls": 40, "never_call_back": 370},
}


@pytest.mark.parametrize("trick", list(EVASIONS))
def test_a_single_evasion_trick_does_not_hide_a_bank(trick: str) -> None:
    evasive = dataclasses.replace(BANK, **EVASIONS[trick])
    verdict = score_sim(evasive)
    assert verdict.flagged, (trick, verdict.score)
    assert verdict.score < score_sim(BANK).score


def test_all_behavioural_tricks_together_still_flag_a_bank_that_shares_devices() -> None:
    evasive = dataclasses.replace(
        BANK,
        mo_calls=80,
        distinct_callees=80,
        never_call_back=78,
        mt_calls=2,
        sms_count=25,
        data_count=4,
        distinct_cells=8,
        duration_cv=0.8,
        gap_cv=1.0,
        night_calls=0,
        imei_count=6,
        max_imsis_on_device=9,
    )
    assert score_sim(evasive).flagged


def test_a_sales_caller_who_gets_called_back_is_not_flagged() -> None:
    sales = dataclasses.replace(
        PERSON,
        mo_calls=55,
        mt_calls=14,
        distinct_callees=52,
        never_call_back=44,
        distinct_cells=8,
        gap_count=54,
    )
    verdict = score_sim(sales)
    assert not verdict.flagged
    assert "called 52 distinct numbers" in verdict.reasons


def test_few_calls_are_never_flagged_whatever_else_looks_suspicious() -> None:
    quiet = dataclasses.replace(
        BANK, mo_calls=5, distinct_callees=5, never_call_back=5, gap_count=4
    )
    verdict = score_sim(quiet)
    assert not verdict.flagged
    # Too few calls for a coefficient of variation to mean anything.
    assert verdict.signals["uniform_length"] == 0.0
    assert verdict.signals["machine_intervals"] == 0.0


def test_thresholds_can_be_tuned() -> None:
    strict = CdrThresholds(flag_score=0.99)
    assert score_sim(BANK).flagged
    assert not score_sim(BANK, strict).flagged


def test_device_with_many_bank_sims_is_flagged() -> None:
    verdict = score_device(32, [0.9] * 32, flagged_sims=32)
    assert verdict.flagged
    assert verdict.reasons == [
        "carried 32 SIMs (IMSIs)",
        "32 of them flagged as SIM-bank SIMs, mean SIM score 0.90",
    ]


def test_community_phone_with_ordinary_sims_is_not_flagged() -> None:
    assert not score_device(6, [0.1, 0.05, 0.0, 0.12, 0.0, 0.02], flagged_sims=0).flagged


def test_device_with_a_single_sim_is_never_flagged() -> None:
    assert not score_device(1, [0.99], flagged_sims=1).flagged


counts = st.integers(min_value=0, max_value=5_000)
cvs = st.one_of(st.none(), st.floats(min_value=0, max_value=10))


@st.composite
def features(draw: st.DrawFn) -> SimFeatures:
    mo = draw(counts)
    callees = draw(st.integers(min_value=0, max_value=mo))
    return SimFeatures(
        mo_calls=mo,
        mt_calls=draw(counts),
        sms_count=draw(counts),
        data_count=draw(counts),
        distinct_callees=callees,
        never_call_back=draw(st.integers(min_value=0, max_value=callees)),
        distinct_cells=draw(st.integers(min_value=0, max_value=50)),
        imei_count=draw(st.integers(min_value=1, max_value=50)),
        max_imsis_on_device=draw(st.integers(min_value=1, max_value=500)),
        duration_mean=draw(st.one_of(st.none(), st.floats(min_value=0, max_value=7200))),
        duration_cv=draw(cvs),
        gap_cv=draw(cvs),
        gap_count=max(mo - 1, 0),
        night_calls=draw(st.integers(min_value=0, max_value=mo)),
    )


@given(features())
def test_score_is_in_unit_interval_and_flags_need_volume(f: SimFeatures) -> None:
    verdict = score_sim(f)
    assert 0.0 <= verdict.score <= 1.0
    assert all(0.0 <= v <= 1.0 for v in verdict.signals.values())
    if verdict.flagged:
        assert f.mo_calls >= CdrThresholds().min_outgoing_calls


@given(features(), st.integers(min_value=1, max_value=100))
def test_fewer_incoming_calls_never_lowers_the_score(f: SimFeatures, extra: int) -> None:
    more_incoming = dataclasses.replace(f, mt_calls=f.mt_calls + extra)
    assert score_sim(more_incoming).score <= score_sim(f).score


def test_a_quieter_sim_on_a_flagged_device_is_flagged_by_association() -> None:
    t = CdrThresholds()
    assert flagged_by_association(0.45, mo_calls=20, on_flagged_device=True, t=t)
    # Not on a flagged device, too little evidence of its own, or too few calls: no.
    assert not flagged_by_association(0.45, mo_calls=20, on_flagged_device=False, t=t)
    assert not flagged_by_association(0.2, mo_calls=20, on_flagged_device=True, t=t)
    assert not flagged_by_association(0.45, mo_calls=3, on_flagged_device=True, t=t)


def test_volume_thresholds_are_per_day() -> None:
    # A week of a busy person's calls: many calls in total, a familiar circle of contacts.
    week = dataclasses.replace(
        PERSON, mo_calls=150, mt_calls=10, distinct_callees=45, never_call_back=40, days=7
    )
    assert score_sim(week).signals["volume"] < 0.5
    assert score_sim(week).signals["many_callees"] == 0.0
    assert score_sim(dataclasses.replace(week, days=1)).signals["many_callees"] == 1.0
    bank_week = dataclasses.replace(
        BANK, mo_calls=7 * 412, distinct_callees=7 * 400, never_call_back=7 * 400, days=7
    )
    verdict = score_sim(bank_week)
    assert verdict.flagged
    assert "called 2800 distinct numbers in 7 days" in verdict.reasons
