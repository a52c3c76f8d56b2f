"""`evaluate` with the labeller's `why:` snippets: evidence overlap, the 80-column table
and the self-contained HTML page (checked in chromium)."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner

from scorer.cli import app
from scorer.api import Scorer
from scorer.authoring.agreement import evaluate, load_gold_with_why
from tests.helpers import make_report

runner = CliRunner()

# Traditional characters on purpose: the labeller quotes the original text.
TRADITIONAL = make_report(measures="組織法治宣傳活動3場。聘請法律顧問2名，參與合同審查。").replace(
    "某某市司法局关于2023年度法治政府建设情况的报告", "某某市司法局關於2023年度法治政府建設情況的報告"
)
ONE_OF_MANY = make_report(measures="开展普法宣传活动5场。组织干部职工旁听庭审1次，增强法治意识。")


@pytest.fixture()
def labelled(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(TRADITIONAL, encoding="utf-8")
    (folder / "b.txt").write_text(ONE_OF_MANY, encoding="utf-8")
    gold = {
        "a.txt": {
            "law_publicity_learning": "met",
            "legal_adviser": "met",
            "supervision": "missing",
            "why": {"law_publicity_learning": "組織法治宣傳活動3場", "legal_adviser": "聘請法律顧問2名"},
        },
        "b.txt": {
            "law_publicity_learning": "met",
            "legal_adviser": "partial",  # the scorer says missing: a disagreement, not an overlap case
            "why": {"law_publicity_learning": "组织干部职工旁听庭审1次", "legal_adviser": "这句话原文里没有"},
        },
    }
    labels = tmp_path / "labels.yaml"
    labels.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    return folder, labels


def test_overlap_compares_the_quote_with_the_snippet_in_the_original_text(labelled):
    folder, labels = labelled
    gold, why = load_gold_with_why(labels)
    assert "why" not in gold["a.txt"] and why["a.txt"]["legal_adviser"] == "聘請法律顧問2名"
    evaluation = evaluate(gold, folder, Scorer.open("national"), why)
    overlap = evaluation.overlap
    assert overlap is not None
    assert len(overlap.checked) == 3 and overlap.overlapping == 2
    (miss,) = overlap.misses
    assert (miss.file, miss.element) == ("b.txt", "law_publicity_learning")
    assert any("普法宣传" in quote for quote in miss.evidence)
    assert not overlap.not_found  # b's legal_adviser is missing for the scorer: not compared
    assert {"legal_adviser", "supervision", "first_responsible_person"} <= set(overlap.elements)
    assert not {"measures_results", "title_year_agency", "quantitative_evidence", "next_year_plan"} & set(overlap.elements)


def test_a_gold_file_without_why_has_no_overlap_figure(labelled):
    folder, labels = labelled
    gold, _ = load_gold_with_why(labels)
    assert evaluate(gold, folder, Scorer.open("national")).overlap is None


def test_json_reports_the_overlap_and_lists_the_misses(labelled):
    folder, labels = labelled
    result = runner.invoke(app, ["evaluate", str(folder), "--gold", str(labels), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["evidence_overlap"]["checked"] == 3 and data["evidence_overlap"]["overlapping"] == 2
    assert data["evidence_overlap"]["misses"][0]["snippet"] == "组织干部职工旁听庭审1次"


def test_the_table_at_80_columns_keeps_every_element_name(labelled):
    folder, labels = labelled
    result = runner.invoke(app, ["evaluate", str(folder), "--gold", str(labels)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    for title in ("普法与学法", "法律顾问和公职律师作用", "对行政权力的制约监督"):
        assert re.search(rf"│ {title}\s*│", result.stdout), title
    assert "依据与人工引文：2/3" in result.stdout
    assert "组织干部职工旁听庭审1次" in result.stdout  # the miss, listed


def test_a_malformed_why_map_is_one_clear_line(tmp_path):
    labels = tmp_path / "labels.yaml"
    labels.write_text("a.txt:\n  legal_adviser: met\n  why: [一句话]\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path), "--gold", str(labels)])
    assert result.exit_code == 2
    assert "why" in result.output and "Traceback" not in result.output


def test_html_page_highlights_both_quotes_and_loads_nothing_from_the_network(labelled, tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    folder, labels = labelled
    page_file = tmp_path / "对照.html"
    result = runner.invoke(app, ["evaluate", str(folder), "--gold", str(labels), "--format", "html", "-o", str(page_file)])
    assert result.exit_code == 0, result.output
    html = page_file.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(page_file.as_uri())
        assert page.locator("#figures tbody tr").count() == 3  # the three labelled elements
        assert page.locator(".matrix").count() == 3
        disagreement = page.locator("#disagreements .item")
        assert disagreement.count() == 1 and "法律顾问和公职律师作用" in disagreement.inner_text()
        miss = page.locator("#misses .item")
        assert miss.count() == 1
        assert miss.locator("mark.reviewer").inner_text() == "组织干部职工旁听庭审1次"
        assert "普法宣传活动5场" in miss.locator("mark.scorer").first.inner_text()
        browser.close()
    assert requests == [page_file.as_uri()] and not errors


def test_markdown_is_a_dated_table_of_figures_without_report_text(labelled):
    folder, labels = labelled
    result = runner.invoke(app, ["evaluate", str(folder), "--gold", str(labels), "--format", "markdown"])
    assert result.exit_code == 0
    assert re.search(r"（\d{4}-\d{2}-\d{2}）", result.stdout)
    assert "| 普法与学法 (`law_publicity_learning`) | 2 |" in result.stdout
    assert "依据与人工引文重叠：**2/3" in result.stdout
    assert "旁听庭审" not in result.stdout and "宣傳" not in result.stdout
