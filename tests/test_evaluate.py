"""`rolscore evaluate`: agreement, per-element figures, disagreements and exit codes."""

from __future__ import annotations

import json
import shutil

import yaml
from typer.testing import CliRunner

from scorer.cli import app
from scorer.authoring.agreement import evaluate
from tests.conftest import SEEDS, expected_verdicts

runner = CliRunner()


def test_seeds_agree_fully_with_the_reviewer(national):
    evaluation = evaluate(expected_verdicts(), SEEDS, national)
    assert evaluation.total == 80
    assert evaluation.agreement == 1.0
    assert evaluation.macro_f1() == 1.0
    assert not evaluation.disagreements


def test_a_wrong_label_is_counted_and_explained(national):
    gold = expected_verdicts()
    gold["002_518fe910bcc5f66a.txt"]["legal_adviser"] = "missing"  # the scorer says met
    evaluation = evaluate(gold, SEEDS, national)
    assert evaluation.agreement == 79 / 80
    (item,) = evaluation.disagreements
    assert (item.element, item.gold, item.got) == ("legal_adviser", "missing", "met")
    assert any("法律顾问" in quote for quote in item.evidence)
    stats = next(s for s in evaluation.elements if s.id == "legal_adviser")
    assert stats.confusion["missing"]["met"] == 1
    precision, recall, _ = stats.present_prf()
    assert precision == 3 / 4 and recall == 1.0  # 002 is now a false "present"


def test_cli_json_and_min_agreement(tmp_path):
    gold = expected_verdicts()
    gold["002_518fe910bcc5f66a.txt"]["legal_adviser"] = "missing"
    labels = tmp_path / "labels.yaml"
    labels.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(SEEDS), "--gold", str(labels), "--format", "json"])
    assert result.exit_code == 0  # figures never fail the run by themselves
    data = json.loads(result.stdout)
    assert data["labels"] == 80 and data["agreement"] == round(79 / 80, 4)
    assert data["disagreements"][0]["element"] == "legal_adviser"
    assert runner.invoke(app, ["evaluate", str(SEEDS), "--gold", str(labels), "--min-agreement", "0.99"]).exit_code == 1
    assert runner.invoke(app, ["evaluate", str(SEEDS), "--gold", str(labels), "--min-agreement", "0.9"]).exit_code == 0


def test_table_lists_disagreements_with_evidence(tmp_path):
    gold = {"001_3b1234c597bca51d.txt": {"xi_law_thought": "met"}}
    labels = tmp_path / "labels.yaml"
    labels.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(SEEDS), "--gold", str(labels)])
    assert result.exit_code == 0
    assert "不一致之处" in result.stdout and "习近平新时代中国特色社会主义思想" in result.stdout


def test_missing_report_file_is_reported_not_fatal(tmp_path):
    shutil.copy(SEEDS / "001_3b1234c597bca51d.txt", tmp_path)
    gold = {"001_3b1234c597bca51d.txt": {"measures_results": "met"}, "gone.txt": {"measures_results": "met"}}
    labels = tmp_path / "labels.yaml"
    labels.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path), "--gold", str(labels), "--format", "json"])
    assert result.exit_code == 1  # the labelled report that could not be scored
    data = json.loads(result.stdout)
    assert data["files"] == ["001_3b1234c597bca51d.txt"]
    assert any("gone.txt" in error for error in data["errors"])


def test_unquoted_year_as_file_name_is_a_one_line_error(tmp_path):
    labels = tmp_path / "labels.yaml"
    labels.write_text("2023: {measures_results: met}\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(SEEDS), "--gold", str(labels)])
    assert result.exit_code == 2
    assert "2023" in result.stderr and "引号" in result.stderr


def test_report_text_that_looks_like_markup_is_printed_as_text(tmp_path):
    report = tmp_path / "hostile[red].txt"
    report.write_text("市司法局[/x]法治政府建设[bold]报告\n一、主要举措和成效\n全面推进依法行政。\n", encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    labels.write_text(yaml.safe_dump({report.name: {"title_year_agency": "met"}}, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path), "--gold", str(labels)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "hostile[red].txt" in result.stdout


def test_bad_labels_file_is_exit_2(tmp_path):
    labels = tmp_path / "labels.yaml"
    labels.write_text("a.txt: {measures_results: done}\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(SEEDS), "--gold", str(labels)])
    assert result.exit_code == 2
    assert "labels.yaml" in result.stderr and "done" in result.stderr
