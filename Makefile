# framing-kit: `make lab` to learn, `make test` to check.  Only Python >= 3.10 and make needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help lab test bench native venv clean

help:  ## show the commands
	@echo "framing-kit"
	@echo "  make lab     set everything up and open the lessons in JupyterLab"
	@echo "  make app     serve the explorer as a standalone page (Voila), no code shown"
	@echo "  make test    set everything up and run the whole test suite"
	@echo "  make bench   print speed numbers (words/s vs VADER, import time)"
	@echo "  make native  compile the analyzer with mypyc (optional; make test and bench do it)"
	@echo "  make exercises / make grade   build student notebooks and keys / grade (docs/instructors.md)"
	@echo "  make clean   remove the virtual environment and build outputs"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "framing-kit needs Python >= 3.10; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

# Stamps re-run the install when pyproject.toml changes.
$(VENV)/.lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m framing.setup_lab
	@touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m framing.setup_lab
	@touch $@ $(VENV)/.lab

lab: $(VENV)/.lab
	$(BIN)/jupyter lab --port=$(PORT) $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" notebooks/00-start-here.ipynb

# The compiled analyzer (framing/native.py): the same source compiled with mypyc, used only
# while it matches the source.  No C compiler: it says so, and everything runs as pure Python.
$(VENV)/.native: $(VENV)/.dev $(wildcard framing/*.py)
	$(BIN)/framing native --build
	@touch $@

native: $(VENV)/.native

# The browser test needs Debian's chromium; browser-deps (mk/lessons.mk) installs it if missing.
# The suite runs on the compiled analyzer; the metric tests run again on the pure-Python one.
test: $(VENV)/.native browser-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2
	FRAMING_PURE_PYTHON=1 $(BIN)/python -m pytest -n 2 $(PURE_TESTS)

bench: $(VENV)/.native
	$(BIN)/python benchmarks/bench_analyze.py

PURE_TESTS := tests/test_text.py tests/test_lexicon.py tests/test_hedging.py tests/test_loaded.py \
	tests/test_attribution.py tests/test_analysis.py tests/test_properties.py tests/test_native.py

# Lesson and exercise verbs (make app, ...) live beside their owners.
-include mk/*.mk

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis
