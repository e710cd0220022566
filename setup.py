"""Builds Concord; the matching engine's hot modules are also compiled to C with mypyc.

The package metadata lives in pyproject.toml; this file only adds the compiled modules.
mypyc compiles the same typed Python source (nothing is written twice): the screening
batch's scoring loop runs about a fifth faster (docs/decisions/0006-compiled-matching-hot-path.md).
Set CONCORD_PURE_PYTHON=1 to install without compiling: every module then runs as plain
Python, with the same results.

Only modules whose objects are never pickled are compiled: mypyc's frozen dataclasses
cannot be unpickled, and prepared records travel between the batch's processes.

One more module is written for the compiler: the candidate index's vote count
(src/concord/matching/vote_count.pyx, built with Cython; why in its docstring). Without it
the index counts votes with numpy, with the same result.
"""

import os
import runpy

from setuptools import Extension, setup

# The list lives beside the code that checks the build (run by path: importing the package
# would need its dependencies, which the build environment lacks).
MODULES = runpy.run_path("src/concord/matching/compiled.py")["COMPILED_MODULES"]

ext_modules = []
if os.environ.get("CONCORD_PURE_PYTHON") != "1":
    from mypyc.build import mypycify

    from Cython.Build import cythonize

    ext_modules = mypycify(
        ["src/" + name.replace(".", "/") + ".py" for name in MODULES], opt_level="3"
    ) + cythonize(
        [
            Extension(
                "concord.matching.vote_count",
                ["src/concord/matching/vote_count.pyx"],
                extra_compile_args=["-O3"],
            )
        ],
        compiler_directives={"language_level": "3"},
    )

setup(ext_modules=ext_modules)
