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

.PHONY: demo test serve rubric-test schema accuracy accuracy-doc clean

# The third-party development set lives beside the project, never inside it.
DEVSET ?= ../shared/devset

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

# Agreement with a reviewer: the seeds, and the development set when it is there.
accuracy: $(STAMP)
	$(BIN)/rolscore evaluate seeds --gold seeds/expected.yaml
	@if [ -f $(DEVSET)/labels.yaml ]; then \
		$(BIN)/rolscore evaluate $(DEVSET) --gold $(DEVSET)/labels.yaml --rubric national; \
	else echo "没有找到 $(DEVSET)/labels.yaml：只统计了样本报告（可用 make accuracy DEVSET=目录 指定开发集）"; fi

# Refresh docs/accuracy.md: the dated dev-set table (figures only, no report text).
accuracy-doc: $(STAMP)
	@test -f $(DEVSET)/labels.yaml || { echo "没有找到 $(DEVSET)/labels.yaml（可用 make accuracy-doc DEVSET=目录 指定开发集）"; exit 2; }
	{ printf '%s\n' '# 评分准确度（开发集）' '' \
		'开发集是 60 份真实发布的法治政府建设年度报告的开头部分，由两位审阅人独立标注 16 个全国基准要素并裁定分歧；' \
		'文本属第三方材料，放在项目之外（`../shared/devset`），不复制进仓库。下表由 `make accuracy-doc` 生成，' \
		'“依据与人工引文重叠”指人工标为满足或部分满足、评分也认为存在时，评分引用的原文至少一处与人工引文重叠的比例。' \
		'逐条的不一致和未引到之处用 `rolscore evaluate ../shared/devset --gold ../shared/devset/labels.yaml --format html -o 对照.html` 查看。' ''; \
	  $(BIN)/rolscore evaluate $(DEVSET) --gold $(DEVSET)/labels.yaml --rubric national --format markdown; } > docs/accuracy.md.tmp
	mv docs/accuracy.md.tmp docs/accuracy.md

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
