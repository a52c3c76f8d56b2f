# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test rubric-test schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/rolscore score seeds/*.txt

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The examples inside every bundled rubric (also run one by one by `make test`).
rubric-test: $(STAMP)
	$(BIN)/rolscore rubric test --require-examples

# Regenerate the JSON Schema the bundled rubrics point editors at.
schema: $(STAMP)
	$(BIN)/rolscore rubric schema -o rubrics/rubric.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
