# Two commands do everything on a fresh machine with Python 3.11:
#   make demo   - builds .venv, creates a SQLite demo database and serves it on :8000
#   make test   - builds .venv and runs the whole test suite (SQLite, PostgreSQL, browser)
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: demo test lint bench-screening bench-cdr clean

# The matching modules setup.py compiles (listed in matching/compiled.py): an edit to one
# builds the package again.
COMPILED := $(patsubst %,src/%.py,$(subst .,/,$(shell sed -n 's/^    "\(concord\.matching\.[a-z_]*\)",$$/\1/p' src/concord/matching/compiled.py)))
# and the one written for Cython (the index's vote count)
KERNELS  := src/concord/matching/vote_count.pyx
COMPILED_SO = $(wildcard src/*__mypyc.*.so $(COMPILED:.py=.*.so) $(KERNELS:.pyx=.*.so))

$(STAMP): pyproject.toml setup.py src/concord/matching/compiled.py $(COMPILED) $(KERNELS)
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# an earlier build's compiled modules: made anew below, or none with CONCORD_PURE_PYTHON=1
	rm -f $(COMPILED_SO)
	$(BIN)/pip install --quiet -e ".[dev,spark,bench]"
	touch $(STAMP)

demo: $(STAMP)
	bash scripts/fetch-htmx.sh
	$(BIN)/concord demo

test: $(STAMP)
	bash scripts/ensure-chromium.sh
	bash scripts/fetch-htmx.sh
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache build $(COMPILED_SO) $(KERNELS:.pyx=.cpp)
