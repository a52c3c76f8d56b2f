"""Rubrics are data from other people: no YAML tag runs code, no regex hangs a batch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorer.text import patterns
from scorer.cli import app
from scorer.api import Scorer
from scorer.engine.compiled import get_compiled
from scorer.errors import ScorerError
from scorer.text.patterns import PatternTimeout, TimedRegex
from tests.conftest import RUBRICS, seed_files

CATASTROPHIC = "(法|法治|治)+。"


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:builtins.open ['{marker}', 'w']",
        "!!python/object/new:builtins.open ['{marker}', 'w']",
        "!!python/name:os.system",
        "!!python/object/apply:os.system ['touch {marker}']",
    ],
)
def test_no_yaml_tag_constructs_an_object(tmp_path, payload):
    marker = tmp_path / "pwned"
    rubric = tmp_path / "恶意 细则.yaml"
    rubric.write_text(f"id: evil\ntitle: {payload.format(marker=marker)}\n", encoding="utf-8")
    with pytest.raises(ScorerError):
        get_compiled(str(rubric))
    assert not marker.exists()
    result = CliRunner().invoke(app, ["score", "--rubric", str(rubric), str(seed_files()[0])])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and str(rubric) in result.stderr
    assert not marker.exists()


@pytest.fixture
def quick_limit(monkeypatch):
    monkeypatch.setattr(patterns, "TIMEOUT_BASE", 0.2)
    monkeypatch.setattr(patterns, "TIMEOUT_PER_MILLION", 0.2)


def test_a_catastrophic_regex_times_out_and_is_named(quick_limit):
    timed = TimedRegex(f"依法行政|(?:{CATASTROPHIC})", [CATASTROPHIC])
    with pytest.raises(PatternTimeout) as error:
        timed.search("法治" * 60 + "x")
    assert CATASTROPHIC in error.value.line() and "灾难性回溯" in error.value.line()


def _rubric_with(tmp_path: Path, expression: str) -> Path:
    data = yaml.safe_load((RUBRICS / "national.yaml").read_text(encoding="utf-8"))
    rule = next(rule for element in data["elements"] for rule in element.get("met", []) if rule.get("kind") == "terms")
    rule["regex"] = list(rule.get("regex", [])) + [expression]
    path = tmp_path / "省级 细则.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_catastrophic_rubric_regex_fails_that_report_only(tmp_path, quick_limit):
    rubric = _rubric_with(tmp_path, CATASTROPHIC)
    hostile = tmp_path / "长句 报告.txt"
    hostile.write_text("一、主要举措和成效\n" + "法治" * 60 + "x。\n", encoding="utf-8")
    with pytest.raises(PatternTimeout) as error:
        Scorer.open(str(rubric)).score_path(hostile)
    line = error.value.line()
    assert line.startswith(str(rubric)) and str(hostile) in line and CATASTROPHIC in line
    good = seed_files()[3]
    assert Scorer.open(str(rubric)).score_path(good).result.score > 0  # the pattern is fine on ordinary text
    result = CliRunner().invoke(app, ["score", "--rubric", str(rubric), str(hostile), str(good)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and good.name in result.stdout


def test_a_slow_regex_is_allowed_time_in_proportion_to_the_text():
    assert patterns.time_limit(0, 10_000_000) > patterns.time_limit(0, 1000) >= patterns.TIMEOUT_BASE


words = st.text(alphabet="法治政府依法行政复议应诉", min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(terms=st.lists(words, min_size=1, max_size=5), text=st.text(alphabet="法治政府依法行政复议应诉，。\nab", max_size=300))
def test_timed_patterns_find_what_re_finds(terms, text):
    """The switch to the `regex` package does not change a single hit."""
    from scorer.rubric.model import Patterns

    compiled = patterns.CompiledPatterns(Patterns.model_validate({"any": terms}))
    literals = sorted(set(terms), key=len, reverse=True)
    expected = [(m.start(), m.end()) for m in re.finditer("|".join(map(re.escape, literals)), text)]
    assert list(compiled.finditer(text)) == expected
