# Two commands do all the set-up (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

.PHONY: demo test bench lint
demo: $(STAMP)  ## set up, then brief the sample articles in the terminal
	$(BIN)/briefbot brief seeds/

test: lint  ## set up, check types and style, then run the whole test suite
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/engine.py

lint: $(STAMP)  ## ruff (lint and format) everywhere; mypy --strict (settings in pyproject) on briefings and bot
	$(BIN)/ruff check briefings bot tests bench
	$(BIN)/ruff format --check briefings bot tests bench
	$(BIN)/mypy --strict briefings bot
