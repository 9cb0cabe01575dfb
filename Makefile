# Wijkregie — the two commands of the README, and helpers for developers.
.PHONY: demo test messages docs lint format

VENV ?= .venv
PY := $(VENV)/bin/python

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## Start the Zaanstad demo on SQLite (http://127.0.0.1:8000/).
demo: $(VENV)/.installed
	$(VENV)/bin/wijkregie demo

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
