"""Small things a first-time user trips over: each says one clear line or reads cleanly."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.api import Scorer
from tests.conftest import SEEDS, seed_files

runner = CliRunner()
REPORT = str(seed_files()[3])


@pytest.mark.parametrize("name", ["card.pdf", "评分卡.docx"])
def test_html_with_a_non_page_name_is_refused_and_makes_no_folder(tmp_path, name):
    target = tmp_path / name
    result = runner.invoke(app, ["score", REPORT, "--html", str(target)])
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "文件名应以 .html 结尾" in result.stderr
    assert not target.exists()


def test_html_to_an_existing_folder_with_a_dot_still_works(tmp_path):
    folder = tmp_path / "2023.评分卡"
    folder.mkdir()
    result = runner.invoke(app, ["score", REPORT, "--html", str(folder)])
    assert result.exit_code == 0
    assert [p.suffix for p in folder.iterdir()] == [".html"]


def test_two_provinces_do_not_stack(tmp_path):
    result = runner.invoke(app, ["score", "--rubric", "zhejiang+gansu", REPORT])
    assert result.exit_code == 2 and result.stdout == ""
    assert "zhejiang 和 gansu 是两个地方（省级）细则，不能叠加" in result.stderr
    assert runner.invoke(app, ["score", "--rubric", "gansu+emergency", REPORT]).exit_code in (0, 1)


def test_a_small_size_limit_is_shown_as_a_person_writes_it(tmp_path):
    result = runner.invoke(app, ["score", "--max-size", "0.001", REPORT])
    assert result.exit_code == 2
    assert "上限 1.02 KB" in result.stderr and "0.000" not in result.stderr


@pytest.mark.parametrize("rubric", ["national", "emergency", "civil_defence", "zhejiang"])
def test_what_was_looked_for_has_no_stray_punctuation(rubric):
    result = Scorer.open(rubric).score_text("某市司法局2023年度法治政府建设工作报告。一、主要举措和成效。全年工作平稳推进。").result
    for element in result.elements:
        text = element.explanation
        assert "；，" not in text and "查找，" not in text and "；；" not in text, (element.id, text)


def test_a_regex_only_rule_names_its_words():
    result = Scorer.open("national").score_text("某市司法局2023年度法治政府建设工作报告。一、主要举措和成效。全年工作平稳推进。").result
    explanation = next(e.explanation for e in result.elements if e.id == "major_decision_procedure")
    assert "“执行/落实…重大行政决策…程序”" in explanation


def test_evaluate_at_eighty_columns_keeps_the_element_names():
    result = runner.invoke(app, ["evaluate", str(SEEDS), "--gold", str(SEEDS / "expected.yaml")], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines[:40])
    first_cells = "".join(line.split("│")[1] for line in lines if line.startswith("│") and line.count("│") > 5)
    assert "存在的不足和原因" in first_cells.replace(" ", "")
