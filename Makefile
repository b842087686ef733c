PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test test-slow lint validate run bench translations clean test-postgres bench-workers

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(VENV): $(STAMP)

chat: $(STAMP)
	$(BIN)/python -m bot chat

test: $(STAMP)
	$(BIN)/python -m bot validate
	$(BIN)/python -m pytest

test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow tests/bench

test-postgres: $(STAMP)
	WEGWEISER_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest tests/storage

bench-workers: $(STAMP)
	$(BIN)/python -m bot.bench.workers

lint: $(STAMP)
	$(BIN)/ruff check bot tests
	$(BIN)/ruff format --check bot tests
	$(BIN)/mypy

validate: $(STAMP)
	$(BIN)/python -m bot validate

run: $(STAMP)
	$(BIN)/python -m bot telegram

bench: $(STAMP)
	$(BIN)/python -m bot.bench.understand
	$(BIN)/python -m bot.bench.load_telegram
	$(BIN)/python -m bot.bench.compare
	$(BIN)/python -m bot.bench.startup

translations: $(STAMP)
	$(BIN)/python -m bot translations update

clean:
	rm -rf $(VENV) build *.egg-info
