"""Which matching modules run compiled (setup.py builds them with mypyc), and which of
those are older than their source.

An editable install puts each compiled module beside its source, and Python imports the
compiled one: an edited source then goes unused until the package is built again
(`make` does it). Tests refuse to run on such stale modules.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The modules setup.py compiles (it reads this list, and so does the Makefile: one module
# a line, as written here).
COMPILED_MODULES = (
    "concord.matching.phonetic",
    "concord.matching.abjad",
    "concord.matching.keys",
    "concord.matching.scoring",
    "concord.matching.bulk",
    "concord.matching.ranking",
    "concord.matching.index",
)


def compiled(names: tuple[str, ...] = COMPILED_MODULES) -> list[str]:
    """The modules of `names` that were imported from a compiled extension."""
    out = []
    for name in names:
        __import__(name)
        if not str(getattr(sys.modules[name], "__file__", "")).endswith(".py"):
            out.append(name)
    return out


def stale(names: tuple[str, ...] = COMPILED_MODULES) -> list[str]:
    """Compiled modules whose source changed after they were built."""
    out = []
    for name in compiled(names):
        built = Path(str(sys.modules[name].__file__))
        source = built.with_name(name.rpartition(".")[2] + ".py")
        if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
            out.append(name)
    return out
