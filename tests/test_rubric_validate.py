"""Bad rubrics as data: each fixture states, in `# expect:` lines, the exact problems
`rubric validate` must report for it, with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.errors import RubricError
from scorer.rubric.loader import resolve_rubric
from scorer.rubric.validate import validate_file

FIXTURES = Path(__file__).parent / "fixtures" / "bad_rubrics"
CASES = sorted(FIXTURES.glob("*.yaml"))


def expected_lines(path: Path) -> list[str]:
    prefix = "# expect: "
    return [line[len(prefix):] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize("fixture", CASES, ids=[p.stem for p in CASES])
def test_bad_rubric_reports_exact_problems(fixture, monkeypatch):
    monkeypatch.chdir(FIXTURES)  # so that files are named as a user in that folder types them
    problems = validate_file(Path(fixture.name))
    assert [p.line_text() for p in problems.items] == expected_lines(fixture)


def test_every_fixture_states_what_it_expects():
    assert len(CASES) >= 15
    for fixture in CASES:
        assert expected_lines(fixture), fixture.name


@pytest.mark.parametrize("fixture", CASES, ids=[p.stem for p in CASES])
def test_validate_exits_1_only_when_a_file_has_errors(fixture, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = CliRunner().invoke(app, ["rubric", "validate", fixture.name])
    has_errors = any("提醒：" not in line for line in expected_lines(fixture))
    assert result.exit_code == (1 if has_errors else 0), result.output
    for line in expected_lines(fixture):
        assert line in result.output


def test_strict_makes_warnings_fail(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = CliRunner().invoke(app, ["rubric", "validate", "--strict", "never_matches.yaml"])
    assert result.exit_code == 1


def test_validate_lists_every_file_and_counts(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = CliRunner().invoke(app, ["rubric", "validate", "wrong_type.yaml", "missing_key.yaml", "no_such_file.yaml"])
    assert result.exit_code == 1
    assert "no_such_file.yaml: 文件不存在；请检查路径" in result.output
    assert "检查了 3 个文件：3 个未通过" in result.output


def test_loading_a_bad_rubric_is_one_line_pointing_at_validate(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    with pytest.raises(RubricError) as caught:
        resolve_rubric("nonpositive_weight.yaml")
    assert caught.value.line() == (
        "nonpositive_weight.yaml:11:13: 要素 zj_extra：“weight” 必须大于 0，实际是 0"
        "（另有 1 处错误，运行 rolscore rubric validate nonpositive_weight.yaml 查看全部）"
    )


def test_score_with_a_bad_rubric_prints_one_line_and_exits_2(monkeypatch, tmp_path):
    monkeypatch.chdir(FIXTURES)
    report = tmp_path / "report.txt"
    report.write_text("杭州市应急管理局2023年度法治政府建设情况报告\n2023年，我局推进依法行政。", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", "--rubric", "unknown_kind.yaml", str(report)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "unknown_kind.yaml:13:9: 要素 zj_extra：规则的 kind “term” 未知" in result.output


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(__file__).parents[1] / "rubrics").glob("*.yaml")))
def test_shipped_rubrics_have_no_problems_at_all(name):
    problems = validate_file(Path(__file__).parents[1] / "rubrics" / name)
    assert [p.line_text() for p in problems.items] == []


def test_a_tab_used_for_indentation_is_explained_in_plain_words(tmp_path):
    from typer.testing import CliRunner

    from scorer.cli import app

    rubric = tmp_path / "tabbed.yaml"
    rubric.write_text('id: x\ntitle: y\n\tversion: "1"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["rubric", "validate", str(rubric)])
    assert result.exit_code == 1
    assert "tabbed.yaml:3:" in result.stdout and "制表符" in result.stdout
