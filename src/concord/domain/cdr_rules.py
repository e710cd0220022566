"""Scoring rules for SIM-bank detection from call detail records (pure, no I/O).

A SIM bank (SIM box) is a rack of SIM cards that places calls by machine. Its SIMs call many
distinct numbers that never call back, receive almost no calls, send no SMS and use no data,
stay in one cell, make calls of similar length at regular intervals, and share a device (IMEI)
with many other SIMs. Banks that try to evade detection add SMS, simulate movement, randomise
call lengths and intervals, or rotate SIMs across devices.

The score therefore has two parts:

* **core** evidence a bank cannot shed without ceasing to be a bank: high outgoing volume,
  many distinct callees, callees that never call back, almost no incoming calls;
* **supporting** evidence each evasion trick can hide one piece of: no SMS/data, a single
  cell, uniform call lengths, machine-like intervals, night activity, a device shared with
  many SIMs, a SIM hopping across devices.

``score = core_weight * core + (1 - core_weight) * support``, each part a weighted mean of
sub-scores in 0..1 that ramp linearly between two thresholds. One evasion trick lowers one
supporting sub-score, not the verdict. Volume thresholds are per day of the analysed period.

A device (IMEI) is scored on how many SIMs it carried and how bank-like they look; a SIM
with some evidence of its own on a flagged device is flagged by association (a bank's
quieter SIMs). Thresholds live in :class:`CdrThresholds` so an analyst can tune them and the
report can show them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Sub-score names, in the order reasons are listed.
CORE_SIGNALS = ("volume", "many_callees", "no_callback", "one_way")
SUPPORT_SIGNALS = (
    "no_sms_data",
    "static",
    "uniform_length",
    "machine_intervals",
    "night",
    "shared_device",
    "device_hopping",
)


@dataclass(frozen=True, slots=True)
class CdrThresholds:
    """Ramps (low, high) and weights of the SIM-bank score. Defaults suit one day of CDRs."""

    # Core ramps: sub-score 0 at the first value, 1 at the second. Counts are per day.
    outgoing_calls: tuple[float, float] = (10, 40)
    distinct_callees: tuple[float, float] = (10, 40)
    never_call_back_share: tuple[float, float] = (0.6, 0.9)
    incoming_share: tuple[float, float] = (0.25, 0.05)  # falling: few incoming calls is 1
    # Supporting ramps.
    sms_data_per_call: tuple[float, float] = (0.5, 0.05)  # falling
    distinct_cells: tuple[float, float] = (4, 1)  # falling
    duration_cv: tuple[float, float] = (0.6, 0.25)  # falling
    gap_cv: tuple[float, float] = (0.7, 0.3)  # falling
    night_share: tuple[float, float] = (0.08, 0.2)
    imsis_on_device: tuple[float, float] = (2, 6)
    imeis_per_sim: tuple[float, float] = (2, 5)
    # Weights of the supporting sub-scores (core sub-scores weigh the same).
    support_weights: Mapping[str, float] = field(
        default_factory=lambda: {
            "no_sms_data": 1.0,
            "static": 1.0,
            "uniform_length": 1.0,
            "machine_intervals": 1.0,
            "night": 0.5,
            "shared_device": 1.5,
            "device_hopping": 1.0,
        }
    )
    core_weight: float = 0.6
    # A coefficient of variation from fewer samples than this says nothing.
    min_samples_for_cv: int = 8
    # Below this many outgoing calls a SIM is never flagged, whatever else it does.
    min_outgoing_calls: int = 10
    flag_score: float = 0.6
    # Devices: flagged when seen with enough SIMs and the device score is high enough.
    min_imsis_per_device: int = 2
    device_imsis: tuple[float, float] = (2, 6)
    device_count_weight: float = 0.3
    device_flag_score: float = 0.5
    # A SIM with some evidence of its own (score at least this) on a flagged device is
    # flagged too: the device is a bank, and its quieter SIMs are part of it.
    association_score: float = 0.4


@dataclass(frozen=True, slots=True)
class SimFeatures:
    """Per-SIM aggregates over the analysed period (one row of the per-IMSI aggregation).

    Outgoing and incoming calls, callees and callbacks leave out calls with SIMs that share a
    device with this one (``peer_calls``): a bank calling itself is not traffic.
    """

    mo_calls: int
    mt_calls: int
    sms_count: int
    data_count: int
    distinct_callees: int
    never_call_back: int  # callees that neither called nor texted back
    distinct_cells: int
    imei_count: int
    max_imsis_on_device: int
    duration_mean: float | None
    duration_cv: float | None
    gap_cv: float | None
    gap_count: int
    night_calls: int
    peer_calls: int = 0
    # Length of the analysed period in days: volume thresholds are per day.
    days: float = 1.0

    @property
    def incoming_share(self) -> float:
        total = self.mo_calls + self.mt_calls
        return self.mt_calls / total if total else 0.0

    @property
    def never_call_back_share(self) -> float:
        return self.never_call_back / self.distinct_callees if self.distinct_callees else 0.0

    @property
    def night_share(self) -> float:
        return self.night_calls / self.mo_calls if self.mo_calls else 0.0

    @property
    def sms_data_per_call(self) -> float:
        return (self.sms_count + self.data_count) / max(self.mo_calls, 1)

    def as_dict(self) -> dict[str, float | int | None]:
        """Features as shown to the analyst (rounded, derived ratios included)."""
        return {
            "outgoing_calls": self.mo_calls,
            "incoming_calls": self.mt_calls,
            "incoming_share": round(self.incoming_share, 3),
            "sms": self.sms_count,
            "data_sessions": self.data_count,
            "distinct_callees": self.distinct_callees,
            "never_call_back_share": round(self.never_call_back_share, 3),
            "distinct_cells": self.distinct_cells,
            "imeis": self.imei_count,
            "max_imsis_on_device": self.max_imsis_on_device,
            "call_duration_mean_s": _round(self.duration_mean, 1),
            "call_duration_cv": _round(self.duration_cv, 3),
            "gap_cv": _round(self.gap_cv, 3),
            "night_share": round(self.night_share, 3),
            "calls_with_same_device_sims": self.peer_calls,
        }


@dataclass(frozen=True, slots=True)
class SimVerdict:
    score: float
    flagged: bool
    signals: dict[str, float]  # sub-score per signal, 0..1
    reasons: list[str]


@dataclass(frozen=True, slots=True)
class DeviceVerdict:
    score: float
    flagged: bool
    reasons: list[str]


def ramp(value: float, low: float, high: float) -> float:
    """0 at ``low``, 1 at ``high``, linear between, clamped; falls when ``high < low``."""
    if low == high:
        return 1.0 if value >= high else 0.0
    t = (value - low) / (high - low)
    return min(1.0, max(0.0, t))


def sim_signals(f: SimFeatures, t: CdrThresholds) -> dict[str, float]:
    """Sub-scores in 0..1, one per signal."""
    enough_calls = f.mo_calls >= t.min_samples_for_cv
    return {
        "volume": ramp(f.mo_calls / f.days, *t.outgoing_calls),
        "many_callees": ramp(f.distinct_callees / f.days, *t.distinct_callees),
        "no_callback": ramp(f.never_call_back_share, *t.never_call_back_share),
        "one_way": ramp(f.incoming_share, *t.incoming_share) if f.mo_calls else 0.0,
        "no_sms_data": ramp(f.sms_data_per_call, *t.sms_data_per_call) if f.mo_calls else 0.0,
        "static": ramp(f.distinct_cells, *t.distinct_cells),
        "uniform_length": (
            ramp(f.duration_cv, *t.duration_cv)
            if enough_calls and f.duration_cv is not None
            else 0.0
        ),
        "machine_intervals": (
            ramp(f.gap_cv, *t.gap_cv)
            if f.gap_count >= t.min_samples_for_cv and f.gap_cv is not None
            else 0.0
        ),
        "night": ramp(f.night_share, *t.night_share) if enough_calls else 0.0,
        "shared_device": ramp(f.max_imsis_on_device, *t.imsis_on_device),
        "device_hopping": ramp(f.imei_count, *t.imeis_per_sim),
    }


def score_sim(f: SimFeatures, t: CdrThresholds | None = None) -> SimVerdict:
    """Score one SIM; flagged when the score and the outgoing volume are both high enough."""
    t = t or CdrThresholds()
    signals = sim_signals(f, t)
    core = sum(signals[name] for name in CORE_SIGNALS) / len(CORE_SIGNALS)
    weights = t.support_weights
    support = sum(signals[name] * weights[name] for name in SUPPORT_SIGNALS) / sum(
        weights[name] for name in SUPPORT_SIGNALS
    )
    score = round(t.core_weight * core + (1 - t.core_weight) * support, 4)
    flagged = score >= t.flag_score and f.mo_calls >= t.min_outgoing_calls
    return SimVerdict(
        score=score, flagged=flagged, signals=signals, reasons=sim_reasons(f, signals)
    )


def sim_reasons(f: SimFeatures, signals: Mapping[str, float]) -> list[str]:
    """One short sentence per signal that points towards a SIM bank (sub-score >= 0.5)."""
    per_day = f" in {f.days:g} days" if f.days > 1 else ""
    texts = {
        "volume": f"made {f.mo_calls} outgoing calls{per_day}",
        "many_callees": f"called {f.distinct_callees} distinct numbers{per_day}",
        "no_callback": (
            f"{_pct(f.never_call_back_share)} of called numbers never called or texted back"
        ),
        "one_way": f"received {f.mt_calls} calls ({_pct(f.incoming_share)} of calls incoming)",
        "no_sms_data": f"{f.sms_count} SMS and {f.data_count} data sessions",
        "static": f"seen in {f.distinct_cells} cell{'s' if f.distinct_cells != 1 else ''}",
        "uniform_length": (
            f"call length CV {f.duration_cv:.2f} (mean {f.duration_mean:.0f} s)"
            if f.duration_cv is not None and f.duration_mean is not None
            else ""
        ),
        "machine_intervals": (
            f"inter-call gap CV {f.gap_cv:.2f} (machine-like)" if f.gap_cv is not None else ""
        ),
        "night": f"{_pct(f.night_share)} of calls placed between 00:00 and 06:00",
        "shared_device": f"on a device (IMEI) shared by {f.max_imsis_on_device} SIMs",
        "device_hopping": f"moved across {f.imei_count} devices (IMEIs)",
    }
    reasons = [texts[name] for name in (*CORE_SIGNALS, *SUPPORT_SIGNALS) if signals[name] >= 0.5]
    if f.peer_calls and reasons:
        reasons.append(f"{f.peer_calls} calls with SIMs on the same device(s) not counted")
    return reasons


def score_device(
    imsi_count: int,
    sim_scores: Sequence[float],
    flagged_sims: int,
    t: CdrThresholds | None = None,
) -> DeviceVerdict:
    """Score one IMEI from how many SIMs it carried and how bank-like those SIMs look."""
    t = t or CdrThresholds()
    mean_sim = sum(sim_scores) / len(sim_scores) if sim_scores else 0.0
    count_part = ramp(imsi_count, *t.device_imsis)
    score = round(t.device_count_weight * count_part + (1 - t.device_count_weight) * mean_sim, 4)
    flagged = imsi_count >= t.min_imsis_per_device and score >= t.device_flag_score
    reasons = [f"carried {imsi_count} SIMs (IMSIs)"]
    if sim_scores:
        reasons.append(
            f"{flagged_sims} of them flagged as SIM-bank SIMs, mean SIM score {mean_sim:.2f}"
        )
    return DeviceVerdict(score=score, flagged=flagged, reasons=reasons)


def flagged_by_association(
    score: float, mo_calls: int, on_flagged_device: bool, t: CdrThresholds | None = None
) -> bool:
    """A SIM below the flag score is still flagged when it sits on a flagged device."""
    t = t or CdrThresholds()
    return on_flagged_device and score >= t.association_score and mo_calls >= t.min_outgoing_calls


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
