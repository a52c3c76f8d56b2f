"""One registry per extension point, kept in step: rule kinds (YAML model + matcher) and readers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorer.authoring.examples import example_cases
from scorer.match import KINDS as MATCHERS
from scorer.rubric.kinds import KINDS, RULE_KINDS, summary
from scorer.rubric.loader import resolve_rubric
from tests.conftest import RUBRICS

BAD_RUBRICS = Path(__file__).parent / "fixtures" / "bad_rubrics"
SHIPPED = sorted(p.stem for p in RUBRICS.glob("*.yaml"))


def test_every_rule_kind_has_a_matcher_and_every_matcher_a_kind():
    assert set(MATCHERS) == set(KINDS)


@pytest.mark.parametrize("kind", RULE_KINDS)
def test_every_kind_is_exercised_by_a_shipped_rubric_example(kind):
    exercised = []
    for spec in SHIPPED:
        resolved = resolve_rubric(spec)
        kinds_of = {element.id: {rule.kind for rule in (*element.met, *element.partial)} for element in resolved.rubric.elements}
        exercised += [case for case in example_cases(resolved, spec) if kind in kinds_of.get(case.element, ())]
    assert exercised, f"no shipped rubric example runs a `{kind}` rule"


@pytest.mark.parametrize("kind", RULE_KINDS)
def test_every_kind_has_a_bad_rubric_fixture(kind):
    rule = re.compile(rf"kind:\s*{kind}\b")
    fixtures = [p.name for p in BAD_RUBRICS.glob("*.yaml") if rule.search(p.read_text(encoding="utf-8"))
                and any(line.startswith("# expect: ") for line in p.read_text(encoding="utf-8").splitlines())]
    assert fixtures, f"no fixture in tests/fixtures/bad_rubrics/ with a broken `{kind}` rule"


@pytest.mark.parametrize("kind", RULE_KINDS)
def test_every_kind_reads_in_rubric_show(kind):
    rules = [rule for spec in SHIPPED for element in resolve_rubric(spec).rubric.elements
             for rule in (*element.met, *element.partial) if rule.kind == kind]
    assert rules
    line = summary(rules[0])
    assert line and not line.startswith(type(rules[0]).__name__)  # a sentence, not the model's repr


def test_every_content_kind_sniff_knows_is_read_or_refused():
    from scorer.read import _BY_CONTENT, supported_suffixes
    from scorer.read.sniff import NOT_A_REPORT

    assert {"docx", "pdf", "html", "mht", "ole", "rtf"} <= set(_BY_CONTENT)
    assert not set(_BY_CONTENT) & set(NOT_A_REPORT)
    assert {".txt", ".docx", ".pdf", ".html", ".mht"} <= set(supported_suffixes())


def test_reader_modules_are_found_not_listed():
    source = (Path(__file__).parent.parent / "scorer" / "read" / "__init__.py").read_text(encoding="utf-8")
    assert "from scorer.read import docx" not in source and "pkgutil.iter_modules" in source
