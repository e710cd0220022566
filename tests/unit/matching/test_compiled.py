"""The compiled matching modules: the list setup.py builds, and the guard against stale builds."""

from __future__ import annotations

import os
import sys
import time
import types
from pathlib import Path

import pytest

from concord.matching.compiled import COMPILED_MODULES, KERNEL_MODULES, compiled, stale


@pytest.mark.skipif(
    os.environ.get("CONCORD_PURE_PYTHON") == "1", reason="installed without compiling"
)
def test_the_install_runs_the_compiled_modules() -> None:
    # `make` builds them; a plain-Python run would be a fifth slower in batch screening.
    assert compiled() == list(COMPILED_MODULES)
    assert compiled(KERNEL_MODULES) == list(KERNEL_MODULES)
    assert stale() == []


def test_a_build_older_than_its_source_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = tmp_path / "concord_fake_module.cpython-311-x86_64-linux-gnu.so"
    built.write_bytes(b"")
    source = tmp_path / "concord_fake_module.py"
    source.write_text("")
    module = types.ModuleType("concord_fake_module")
    module.__file__ = str(built)
    monkeypatch.setitem(sys.modules, "concord_fake_module", module)
    now = time.time()
    os.utime(source, (now - 60, now - 60))
    os.utime(built, (now, now))
    assert stale(("concord_fake_module",)) == []
    os.utime(source, (now + 60, now + 60))
    assert stale(("concord_fake_module",)) == ["concord_fake_module"]
