"""Screening benchmark data for tests: bench/screening/generate.py, loaded by path (it is a
script beside the benchmark, not part of the package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "screening" / "generate.py"


def screening_generator() -> ModuleType:
    name = "screening_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def generate_set(out: Path, records: int, queries: int, seed: int) -> Path:
    """records.jsonl, queries.jsonl, truth.csv and ambiguous.txt under `out`."""
    screening_generator().generate(records, queries, out, seed=seed)
    return out
