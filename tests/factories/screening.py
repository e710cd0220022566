"""Screening benchmark data for tests: bench/screening/generate.py, loaded by path (it is a
script beside the benchmark, not part of the package)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from factories.bench_scripts import load_bench_script


def screening_generator() -> ModuleType:
    return load_bench_script("screening_generate", "screening/generate.py")


def generate_set(out: Path, records: int, queries: int, seed: int) -> Path:
    """records.jsonl, queries.jsonl, truth.csv and ambiguous.txt under `out`."""
    screening_generator().generate(records, queries, out, seed=seed)
    return out
