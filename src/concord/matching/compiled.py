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
    # preparing records (every record of an index, every query): a sixth less time each
    "concord.matching.text",
    "concord.matching.transliterate",
    "concord.matching.cjk",
    "concord.matching.hebrew",
    "concord.matching.icao",
)
# Written for the compiler (Cython) rather than compiled from Python: the index's vote count.
KERNEL_MODULES = ("concord.matching.vote_count",)


def compiled(names: tuple[str, ...] = COMPILED_MODULES) -> list[str]:
    """The modules of `names` that were imported from a compiled extension."""
    out = []
    for name in names:
        try:
            __import__(name)
        except ImportError:  # a kernel, when installed without compiling
            continue
        if not str(getattr(sys.modules[name], "__file__", "")).endswith(".py"):
            out.append(name)
    return out


def stale(names: tuple[str, ...] = COMPILED_MODULES + KERNEL_MODULES) -> list[str]:
    """Compiled modules whose source changed after they were built."""
    out = []
    for name in compiled(names):
        built = Path(str(sys.modules[name].__file__))
        stem = name.rpartition(".")[2]
        for source in (built.with_name(stem + ".py"), built.with_name(stem + ".pyx")):
            if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
                out.append(name)
                break
    return out
