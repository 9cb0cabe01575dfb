# Wijkregie — the two commands of the README, and helpers for developers.
.PHONY: demo test messages docs lint format

VENV ?= .venv
PY := $(VENV)/bin/python
## The demo's port: `make demo PORT=8001`.
PORT ?= 8000

# The first install takes a few minutes: each step says what it does, pip shows its progress.
$(VENV)/.installed: pyproject.toml
	@echo "==> 1/3 Python environment in $(VENV)"
	python3 -m venv $(VENV)
	@echo "==> 2/3 pip itself"
	$(PY) -m pip install --quiet --upgrade pip
	@echo "==> 3/3 Wijkregie and its libraries (first time: a few minutes)"
	$(PY) -m pip install --progress-bar on -e '.[test]'
	touch $@

## Start the Zaanstad demo on SQLite (http://127.0.0.1:$(PORT)/).
demo: $(VENV)/.installed
	$(VENV)/bin/wijkregie demo --port $(PORT)

## Run the whole test suite: lint, SQLite, PostgreSQL and the browser tests.
test:
	bash scripts/test.sh

## Update and compile the translation catalogues after changing UI text.
messages: $(VENV)/.installed
	cd src/wijkregie && ../../$(VENV)/bin/wijkregie makemessages -l nl -l en --ignore 'tests/*'
	cd src/wijkregie && ../../$(VENV)/bin/wijkregie compilemessages

## Regenerate docs/configuration.md from the declared environment variables.
docs: $(VENV)/.installed
	$(VENV)/bin/wijkregie configuration_docs

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .
