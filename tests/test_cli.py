"""The command line: the JSON contract, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from tests.conftest import SEEDS, seed_files

runner = CliRunner()
SEED = str(SEEDS / "001_3b1234c597bca51d.txt")
WEAK_SEED = str(SEEDS / "002_518fe910bcc5f66a.txt")

REPORT_KEYS = ["file", "rubric", "encoding", "score", "grade", "grade_capped_from", "metadata", "elements", "required_missing"]
ELEMENT_KEYS = ["id", "title", "status", "weight", "required", "points", "evidence", "missing_checks", "suggestion", "basis"]
EVIDENCE_KEYS = ["quote", "start", "end", "section"]


def run(*args: str):
    return runner.invoke(app, list(args))


def test_json_contract_for_one_file():
    result = run("score", SEED, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert list(report)[: len(REPORT_KEYS)] == REPORT_KEYS
    assert list(report["rubric"])[:2] == ["id", "version"]  # new keys (reason, layers) only after
    assert list(report["metadata"]) == ["agency", "year", "date", "title"]
    assert isinstance(report["score"], float) and report["grade"] in {"优秀", "良好", "合格", "不合格"}
    original = (SEEDS / "001_3b1234c597bca51d.txt").read_text(encoding="utf-8")
    for element in report["elements"]:
        assert list(element)[: len(ELEMENT_KEYS)] == ELEMENT_KEYS
        assert element["status"] in {"met", "partial", "missing"}
        assert isinstance(element["points"], float) and isinstance(element["weight"], float)
        for evidence in element["evidence"]:
            assert list(evidence)[: len(EVIDENCE_KEYS)] == EVIDENCE_KEYS
            assert original[evidence["start"] : evidence["end"]] == evidence["quote"]


def test_several_files_give_an_array_and_the_same_bytes_each_time():
    files = [str(path) for path in seed_files()]
    first = run("score", *files, "--format", "json")
    second = run("score", *files, "--format", "json")
    assert first.exit_code == 0
    assert first.stdout == second.stdout
    reports = json.loads(first.stdout)
    assert [r["file"] for r in reports] == files


def test_table_shows_statuses_score_and_agency():
    result = run("score", SEED)
    assert result.exit_code == 0
    for text in ("已满足", "部分满足", "缺失", "杭州市人民防空办公室", "得分", "等级"):
        assert text in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_fail_under_gives_exit_1_in_every_format(fmt):
    assert run("score", SEED, "--format", fmt, "--fail-under", "99").exit_code == 1
    assert run("score", SEED, "--format", fmt, "--fail-under", "50").exit_code == 0


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_strict_fails_when_a_required_element_is_not_met(fmt):
    assert run("score", WEAK_SEED, "--format", fmt, "--strict").exit_code == 1
    assert run("score", WEAK_SEED, "--format", fmt).exit_code == 0


def test_missing_file_is_exit_2_with_one_line_naming_it(tmp_path):
    missing = tmp_path / "没有这个文件.txt"
    result = run("score", str(missing))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "没有这个文件.txt" in lines[0]
    assert "Traceback" not in result.output


def test_a_bad_file_does_not_lose_the_good_ones(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = run("score", SEED, str(empty), "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)[0]["file"] == SEED
    assert "empty.txt" in result.stderr


def test_unknown_rubric_is_exit_2():
    result = run("score", SEED, "--rubric", "no-such-rubric")
    assert result.exit_code == 2
    assert "no-such-rubric" in result.stderr and "national" in result.stderr


def test_invalid_rubric_names_the_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: x\nversion: '1'\nbasis: [x]\nroles: []\nbogus_key: 1\n", encoding="utf-8")
    result = run("score", SEED, "--rubric", str(bad))
    assert result.exit_code == 2
    assert "bad.yaml:6:1: 未知的键 “bogus_key”" in result.stderr  # file, line and column of the problem


def test_usage_error_is_exit_2():
    assert run("score", SEED, "--format", "xml").exit_code == 2
    assert run("score").exit_code == 2


def test_module_entry_point_runs_as_a_process():
    done = subprocess.run([sys.executable, "-m", "scorer", "score", SEED, "--format", "json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["metadata"]["year"] == 2019


def test_rubric_names_with_brackets_are_not_read_as_markup(tmp_path):
    missing = tmp_path / "细则[终稿][b].yaml"
    for command in (["score", SEED, "--rubric", str(missing)], ["rubric", "test", str(missing)]):
        result = run(*command)
        assert result.exit_code == 2
        assert "细则[终稿][b].yaml" in result.stderr


@pytest.mark.parametrize(
    ("name", "words"),
    [("missing.yaml", "文件不存在"), ("hunan", "可用的内置细则"), ("{dir}", "是目录")],
)
def test_a_rubric_that_cannot_be_found_says_why(tmp_path, name, words):
    result = run("score", SEED, "--rubric", name.format(dir=tmp_path))
    assert result.exit_code == 2
    assert words in result.stderr and "validate" not in result.stderr
