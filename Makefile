# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make report   build the report (the project's main output)
#   make test     run every test: unit, data, lint, types, notebooks (nbval)
# Each creates the local environment (.venv) from uv.lock when it is missing or stale,
# with bytecode compiled at install time (imports stay fast where PYTHONDONTWRITEBYTECODE is set).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# The installer's version comes from the lock, so it is pinned in one place.
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)
ENV_STAMP := $(VENV)/.synced
EXTRAS := --extra notebooks --extra test --extra dev

.PHONY: help env report test lint notebooks lab bench mutants lock clean

help:
	@echo "make report     build the report into build/report/"
	@echo "make test       run the whole test suite"
	@echo "make notebooks  re-execute the notebooks in place (refresh stored outputs)"
	@echo "make lab        open the notebooks in JupyterLab (options: ARGS=...)"
	@echo "make bench      time the engine, notebook execution and validating a million rows, against their floors"
	@echo "make mutants    mutation testing of the core modules (kill rate, survivors)"
	@echo "make lock       re-resolve uv.lock and regenerate environment.yml"

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

$(ENV_STAMP): uv.lock pyproject.toml Makefile | $(BIN)/uv
	$(BIN)/uv sync --frozen --compile-bytecode --python $(BIN)/python $(EXTRAS)
	$(BIN)/python -m compileall -q src
	touch $@

env: $(ENV_STAMP)

report: $(ENV_STAMP)
	$(BIN)/python -m analysis report
	@echo "open build/report/index.html in a browser"

# The browser test drives Debian's Chromium (a test tool cannot download its own
# browser here); it is installed when missing, which needs root or sudo.
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

$(CHROMIUM):
	@echo "installing Debian's chromium package for the browser test"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Two workers; --dist loadfile keeps each file (so each notebook's cells) on one worker,
# and the files are handed out in the order tests/conftest.py gives (slowest first).
test: $(ENV_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

# Only files tracked by git: an analyst's untracked scratch scripts do not fail lint.
LINTED = $(shell git ls-files -- '*.py' '*.ipynb')
TYPED = $(shell git ls-files -- 'src/*.py' 'tests/*.py' 'scripts/*.py')

lint: $(ENV_STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy $(TYPED)

notebooks: $(ENV_STAMP)
	$(BIN)/python -m analysis notebooks

# Mutation testing of the core modules: not part of `make test` (it takes minutes). First the
# semantic mutants mutmut does not make (scripts/semantic_mutants.py, about two minutes), then mutmut.
mutants: $(ENV_STAMP)
	$(BIN)/python scripts/semantic_mutants.py
	$(BIN)/python scripts/mutants.py

# Bytecode first: where PYTHONDONTWRITEBYTECODE is set, an edited module would otherwise be
# compiled again in every timed process.
bench: $(ENV_STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python scripts/bench.py

# JupyterLab lives in its own environment: installed beside the test tools it
# slows every nbformat import (and so every nbval run) by seconds.
LAB_VENV := .venv-lab
$(LAB_VENV)/.synced: uv.lock pyproject.toml Makefile | $(BIN)/uv
	UV_PROJECT_ENVIRONMENT=$(LAB_VENV) $(BIN)/uv sync --frozen --compile-bytecode --python $(PYTHON) --extra notebooks --extra lab
	touch $@

# JupyterLab refuses to start as root unless told: pass --allow-root only then.
# Extra options go through ARGS, e.g. make lab ARGS="--no-browser --port 8899".
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
ARGS ?=

lab: $(LAB_VENV)/.synced
	$(LAB_VENV)/bin/jupyter lab $(LAB_ROOT) $(ARGS) notebooks/

lock: | $(BIN)/uv
	$(BIN)/uv lock --python $(PYTHON)
	$(BIN)/python scripts/environment_yml.py --write

clean:
	rm -rf build mutants
