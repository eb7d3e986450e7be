# temoin: `make run` for the demo, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= $(CURDIR)/.data/demo
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	@touch $@

install: $(VENV)/.installed ## Create .venv and install temoin

install-dev: $(VENV)/.installed-dev system-deps ## Install development and test dependencies

system-deps: ## Install the system tools tests need (apt-get, only what is missing)
	@scripts/install-system-deps.sh test

system-deps-run: ## Install the system tools a running temoin needs
	@scripts/install-system-deps.sh run

run: $(VENV)/.installed system-deps-run ## Run the demo on SQLite at http://127.0.0.1:8000/
	TEMOIN_DATA_DIR=$(DEMO_DIR) $(BIN)/temoin demo --host 127.0.0.1 --port 8000

lint: $(VENV)/.installed-dev ## ruff, mypy and the layer contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy temoin tests scripts benchmarks
	$(BIN)/lint-imports

test: install-dev lint ## Lint, then the whole suite on SQLite and on PostgreSQL
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup
	@scripts/with-postgres.sh $(PG_URL) $(BIN)/python -m pytest -q -n 2 --dist loadgroup -m "not browser"

test-sqlite: install-dev ## The suite on SQLite only
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

bench: install-dev $(VENV)/.installed-bench ## Run every benchmark; results in benchmarks/results/
	@for b in benchmarks/[a-z]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

messages: ## Compile translations (.po to .mo)
	cd temoin && ../$(BIN)/django-admin compilemessages --ignore=.venv

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .data

.PHONY: help install install-dev system-deps system-deps-run run lint test test-sqlite bench messages clean
