# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The page tests drive Debian's chromium; a CJK font makes their screenshots legible.
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
# LibreOffice is the real client that opens the .docx and .xlsx files the project writes.
SOFFICE := /usr/bin/soffice
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: demo test serve rubric-test schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/rolscore score seeds/*.txt

$(CHROMIUM) $(CJK_FONT) $(SOFFICE) &:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei libreoffice-writer-nogui libreoffice-calc-nogui

test: $(STAMP) $(CHROMIUM) $(CJK_FONT) $(SOFFICE)
	$(BIN)/python -m pytest -q

# The scoring page on this machine (prints its address); e.g. SERVE_ARGS="--host 0.0.0.0 --token ..."
SERVE_ARGS ?=
serve: $(STAMP)
	$(BIN)/rolscore serve $(SERVE_ARGS)

# The examples inside every bundled rubric (also run one by one by `make test`).
rubric-test: $(STAMP)
	$(BIN)/rolscore rubric test --require-examples

# Regenerate the JSON Schema the bundled rubrics point editors at.
schema: $(STAMP)
	$(BIN)/rolscore rubric schema -o rubrics/rubric.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
