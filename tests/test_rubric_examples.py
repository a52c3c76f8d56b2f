"""Every example written inside every shipped rubric is its own test (`rubric test` as pytest)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.engine.compiled import get_compiled
from scorer.authoring.examples import cases_that_can_change, elements_without_examples, example_cases, run_case, run_examples
from scorer.rubric.loader import resolve_rubric
from tests.conftest import RUBRICS

SHIPPED = sorted(p.stem for p in RUBRICS.glob("*.yaml"))
CASES = [
    # A `todo` example is a strict xfail: once the matcher gets it right, the run says so (XPASS fails).
    pytest.param(spec, case, id=f"{spec}-{case.test_id}",
                 marks=[pytest.mark.xfail(strict=True, reason=case.example.todo)] if case.example.todo else [])
    for spec in SHIPPED for case in cases_that_can_change(resolve_rubric(spec), spec)
]


@pytest.mark.parametrize(("spec", "case"), CASES)
def test_rubric_example(spec, case):
    outcome = run_case(get_compiled(spec), case)
    quotes = [e.quote for e in outcome.evidence]
    assert outcome.passed, f"{case.where()}: {outcome.got} {outcome.evidence_missing} {outcome.explanation} {quotes}"


@pytest.mark.parametrize("spec", SHIPPED)
def test_every_shipped_element_has_met_and_missing_examples(spec):
    resolved = resolve_rubric(spec)
    assert elements_without_examples(resolved) == []
    for element in resolved.rubric.elements:
        assert element.examples.met and element.examples.missing, element.id


@pytest.mark.parametrize("spec", SHIPPED)
def test_every_element_states_its_basis(spec):
    for element in resolve_rubric(spec).rubric.elements:
        assert len(element.basis) >= 4, element.id


def test_rubric_test_command_passes_on_every_shipped_rubric():
    result = CliRunner().invoke(app, ["rubric", "test", "--require-examples"])
    assert result.exit_code == 0, result.output
    for spec in SHIPPED:
        assert f"（{spec}）" in result.output


def write(folder: Path, body: str) -> Path:
    path = folder / "mine.yaml"
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


def test_a_wrong_example_fails_with_expected_got_and_evidence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, """
        id: mine
        title: 我的
        version: "1"
        extends: national
        basis: [甲]
        overrides:
          - id: legal_adviser
            add_examples:
              missing:
                - 聘请法律顾问2名。
        """)
    result = CliRunner().invoke(app, ["rubric", "test", "mine.yaml"])
    assert result.exit_code == 1
    assert "失败 1" in result.output
    assert "legal_adviser" in result.output and "缺失" in result.output and "已满足" in result.output
    assert "命中“" in result.output and "法律顾问" in result.output
    assert "mine.yaml:10" in result.output  # where the example is written


def test_a_todo_example_is_counted_apart_and_does_not_fail(tmp_path):
    mine = write(tmp_path, """
        id: mine
        title: 我的
        version: "1"
        extends: national
        basis: [甲]
        overrides:
          - id: legal_adviser
            add_examples:
              missing:
                - text: 聘请法律顾问2名。
                  todo: 演示已知未通过
        """)
    outcomes = run_examples(str(mine))
    todo = [o for o in outcomes if o.case.example.todo]
    assert len(todo) == 1 and not todo[0].passed and not todo[0].failed
    result = CliRunner().invoke(app, ["rubric", "test", str(mine)])
    assert result.exit_code == 0 and "已知未通过（todo）1" in result.output


@pytest.mark.parametrize(("pin", "passes"), [
    ("quote: 聘请法律顾问2名", True),
    ("quote: 公职律师", False),
    ("matched: 法律顾问", True),
    ("matched: 公职律师", False),
])
def test_an_example_may_pin_its_evidence(tmp_path, pin, passes):
    mine = write(tmp_path, f"""
        id: mine
        title: 我的
        version: "1"
        extends: national
        basis: [甲]
        overrides:
          - id: legal_adviser
            add_examples:
              met:
                - text: 本年度聘请法律顾问2名，审查合同30件。
                  {pin}
        """)
    outcome = next(o for o in run_examples(str(mine)) if o.case.source.layer == "mine")
    assert outcome.got == "met"
    assert outcome.passed is passes and outcome.failed is not passes
    assert bool(outcome.evidence_missing) is not passes


def test_inherited_examples_rerun_only_where_the_child_changed_what_they_depend_on(tmp_path):
    mine = write(tmp_path, """
        id: mine
        title: 我的
        version: "1"
        extends: national
        basis: [甲]
        overrides:
          - id: legal_adviser
            add_terms: {met: [涉法事务咨询员]}
        """)
    resolved = resolve_rubric(str(mine))
    kept = cases_that_can_change(resolved, str(mine))
    assert kept and {case.element for case in kept} == {"legal_adviser"}
    assert len(kept) == len([c for c in example_cases(resolved, str(mine)) if c.element == "legal_adviser"])
    # A child that changes what every element reads (the negation words) re-runs every inherited example.
    negation = write(tmp_path, """
        id: mine
        title: 我的
        version: "1"
        extends: national
        basis: [甲]
        negation: {any: [未, 尚未]}
        """)
    resolved = resolve_rubric(str(negation))
    assert len(cases_that_can_change(resolved, str(negation))) == len(example_cases(resolved, str(negation)))


def test_inherited_examples_are_run_against_the_child(tmp_path):
    mine = write(tmp_path, """
        id: mine
        title: 我的
        version: "1"
        extends: national
        basis: [甲]
        overrides:
          - id: legal_adviser
            met:
              - {kind: terms, any: [法律顾问室]}
        """)
    failed = [o for o in run_examples(str(mine)) if o.failed]
    assert failed and {o.case.element for o in failed} == {"legal_adviser"}
    assert all(o.case.source.layer == "national" for o in failed)
