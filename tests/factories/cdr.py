"""Call record files for tests: a small simulated network from bench/cdr/generate.py with
one hidden SIM bank, and hand-written broken ones."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from factories.bench_scripts import load_bench_script

HEADER = "start_time,event_type,direction,imsi,imei,msisdn,other_party,cell_id,duration_s"


def _generator() -> ModuleType:
    return load_bench_script("cdr_generate", "cdr/generate.py")


def network_csv(out: Path, *, fmt: str = "csv") -> tuple[Path, dict[str, Any]]:
    """About 3,000 records of 40 subscribers and one bank of six SIMs (flagged, every one)."""
    truth = _generator().generate(
        out, subscribers=40, bank_sizes=[6], evasion="none", seed=3, fmt=fmt
    )
    return out / truth["file"], truth


def unreadable_csv(out: Path) -> Path:
    """The right columns, but a start time that is no time at all."""
    path = out / "broken.csv"
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(
        HEADER + "\n"
        "2026-11-01T10:00:00,voice,mo,250011234567890,490154203237518,+77011234567,"
        "+77017654321,c1,30\n"
        "yesterday at noon,voice,mo,250011234567890,490154203237518,+77011234567,"
        "+77017654321,c1,30\n"
    )
    return path
