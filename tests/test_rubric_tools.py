"""`rubric show`, `diff`, `schema` and `suggest`: what a rubric author sees."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from scorer.cli import app
from scorer.engine.compiled import get_compiled
from scorer.authoring.diff import diff_rubrics
from scorer.rubric.loader import load_rubric
from scorer.rubric.schema import MODELINE, SCHEMA_FILE, schema_text
from scorer.authoring.suggest import suggest_terms
from tests.conftest import RUBRICS

SHIPPED = sorted(RUBRICS.glob("*.yaml"))


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_show_marks_inherited_overridden_added():
    result = run("rubric", "show", "zhejiang")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "继承链：national" in out and "zhejiang" in out
    assert "↳ 继承 national" in out  # measures_results, untouched
    assert "✎ 覆盖 zhejiang" in out and "掌上执法" in out  # three_systems got a term
    assert "✚ 新增 zhejiang" in out and "zj_most_one_visit" in out


def test_show_a_composition_names_every_layer_and_disabled_elements(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "id: mine\ntitle: 我的\nversion: '1'\nextends: gansu\nbasis: [甲]\n"
        "disable:\n  - id: government_transparency\n    reason: 单独考核\n",
        encoding="utf-8",
    )
    out = run("rubric", "show", str(mine)).output
    assert "⊘ 停用 mine" in out and "理由：单独考核" in out
    out = run("rubric", "show", "gansu+emergency").output
    assert "national" in out and "gansu" in out and "emergency" in out and "em_criminal_linkage" in out


def test_show_yaml_is_the_whole_resolved_rubric_and_loads_back(tmp_path):
    result = run("rubric", "show", "--format", "yaml", "guangdong")
    data = yaml.safe_load(result.output)
    assert data["id"] == "guangdong" and "extends" not in data
    flat = tmp_path / "flat.yaml"
    flat.write_text(result.output, encoding="utf-8")
    assert load_rubric(str(flat)) == load_rubric("guangdong")


def test_show_tree_lists_rules():
    out = run("rubric", "show", "--format", "tree", "gansu").output
    assert "满足：词语" in out and "首违不罚" in out


def test_diff_lists_added_elements_and_terms():
    diff = diff_rubrics(load_rubric("national"), load_rubric("zhejiang"))
    added = [e.id for e in diff.elements if e.kind == "added"]
    assert added == ["zj_most_one_visit", "zj_integrated_enforcement"]
    [three] = [e for e in diff.elements if e.id == "three_systems"]
    assert any("“掌上执法”" in line for line in three.lines)
    assert diff_rubrics(load_rubric("gansu"), load_rubric("gansu")).empty


def test_diff_command():
    result = run("rubric", "diff", "zhejiang", "guangdong")
    assert result.exit_code == 0
    assert "仅 A" in result.output and "仅 B" in result.output and "gd_digital_government" in result.output


def test_unknown_rubric_is_one_line_with_the_closest_id():
    result = run("rubric", "show", "zhejang")
    assert result.exit_code == 2
    assert "zhejang: 没有这个评分细则；是不是 “zhejiang”？" in result.output


def test_committed_schema_is_the_generated_one():
    assert (RUBRICS / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()


def test_schema_command_prints_json_schema():
    data = json.loads(run("rubric", "schema").output)
    assert data["$schema"].startswith("https://json-schema.org/")
    assert {"extends", "overrides", "disable", "elements"} <= set(data["properties"])
    assert data["additionalProperties"] is False


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_rubric_points_editors_at_the_schema_and_is_named_by_its_id(path):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert yaml.safe_load(text)["id"] == path.stem


def _reports(folder, body: str, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"r{i}.txt").write_text(
            f"某市司法局{2020 + i}年法治政府建设情况报告\n一、主要举措和成效\n{body}\n二、存在的不足\n人手不足。\n", encoding="utf-8"
        )


def test_suggest_finds_distinctive_uncovered_terms_with_examples(tmp_path):
    folder = tmp_path / "gd"
    _reports(folder, "全部高频事项上线粤省事，推行府院联动机制。依托粤省事办理证明事项。府院联动化解纠纷10件。", 3)
    result = suggest_terms(folder, get_compiled("national"), top=10)
    measures = {s.term: s for role, _, terms in result.roles if role == "measures" for s in terms}
    assert {"粤省事", "府院联动"} <= set(measures)
    assert measures["粤省事"].reports == 3 and measures["粤省事"].count == 6
    assert "粤省事" in measures["粤省事"].example and measures["粤省事"].file.startswith("r")


def test_suggest_leaves_out_what_the_rubric_covers(tmp_path):
    folder = tmp_path / "gd"
    _reports(folder, "全部高频事项上线粤省事，推行府院联动机制。依托粤省事办理证明事项。府院联动化解纠纷10件。", 3)
    terms = {s.term for _, _, items in suggest_terms(folder, get_compiled("guangdong")).roles for s in items}
    assert "粤省事" not in terms and "府院联动" in terms


def test_suggest_command_and_empty_folder(tmp_path):
    folder = tmp_path / "gd"
    _reports(folder, "推行府院联动机制。府院联动化解纠纷10件。", 2)
    result = run("rubric", "suggest", str(folder), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["reports"] == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("rubric", "suggest", str(empty))
    assert result.exit_code == 2 and "文件夹里没有可读的报告" in result.output


def test_the_authors_guide_example_is_a_valid_rubric_whose_examples_pass(tmp_path):
    import re

    from scorer.authoring.examples import run_examples
    from scorer.rubric.validate import validate_file

    guide = (RUBRICS / "README.md").read_text(encoding="utf-8")
    example = tmp_path / "sichuan.yaml"
    example.write_text(re.search(r"```yaml\n(.*?)```", guide, re.S).group(1), encoding="utf-8")
    assert validate_file(example).items == []
    assert not [o for o in run_examples(str(example)) if o.failed]


def test_schema_into_a_missing_folder_is_a_one_line_error(tmp_path):
    from typer.testing import CliRunner

    from scorer.cli import app

    result = CliRunner().invoke(app, ["rubric", "schema", "-o", str(tmp_path / "no" / "schema.json")])
    assert result.exit_code == 2
    assert "所在目录不存在" in result.stderr
