"""Rubric language: named word lists (`words:` / `{{name}}`), `except_roles` and `followed_by`."""

from __future__ import annotations

import textwrap

import pytest

from scorer.api import Scorer
from scorer.errors import ScorerError
from scorer.rubric.loader import resolve_rubric
from tests.helpers import make_report

BASE = """
    id: mine
    title: 我的
    version: "1"
    extends: national
    basis: [甲]
"""


def write(tmp_path, body: str, name: str = "mine.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(BASE) + textwrap.dedent(body), encoding="utf-8")
    return path


def statuses(rubric, text: str) -> dict[str, str]:
    return {e.id: e.status for e in Scorer.open(str(rubric)).score_text(text).result.elements}


def test_a_named_list_expands_in_any_and_inside_a_regex(tmp_path):
    rubric = write(tmp_path, """
        words:
          adviser: [法律顾问, 公职律师]
        elements:
          - id: counsel
            title: 顾问
            weight: 1
            basis: 甲
            suggestion: 写明顾问
            met:
              - kind: terms
                any: ['{{adviser}}']
            partial:
              - kind: terms
                regex: ['拟聘[^。]{0,4}{{adviser}}']
    """)
    rule = next(e for e in resolve_rubric(str(rubric)).rubric.elements if e.id == "counsel")
    assert rule.met[0].any == ["法律顾问", "公职律师"]
    assert rule.partial[0].regex == ["拟聘[^。]{0,4}(?:法律顾问|公职律师)"]
    assert statuses(rubric, make_report(measures="发挥公职律师作用，代理诉讼2件。"))["counsel"] == "met"


def test_the_shipped_pronoun_list_is_one_list_for_every_cue():
    rubric = resolve_rubric("national").rubric
    we = rubric.words["we"]
    cues = [p for role in rubric.roles if role.cue for p in role.cue.regex]
    plan_partial = next(e for e in rubric.elements if e.id == "next_year_plan").partial[0].regex[0]
    for expression in [*cues, plan_partial]:
        if "我局" in expression:
            assert all(word in expression for word in we), expression


def test_an_unknown_list_name_is_a_clear_error(tmp_path):
    rubric = write(tmp_path, """
        overrides:
          - id: legal_adviser
            add_rules:
              partial:
                - kind: terms
                  any: ['{{no_such_list}}']
    """)
    with pytest.raises(ScorerError) as caught:
        Scorer.open(str(rubric))
    assert "no_such_list" in str(caught.value) and "词表" in str(caught.value)


def test_a_layer_adds_to_the_parents_word_lists(tmp_path):
    rubric = write(tmp_path, """
        words:
          we: [我局, 我们, 本中心]
    """)
    resolved = resolve_rubric(str(rubric)).rubric
    assert resolved.words["we"] == ["我局", "我们", "本中心"]
    assert "principal_leader" in resolved.words  # the parent's other list stays
    problems = next(r for r in resolved.roles if r.id == "problems")
    assert any("本中心" in expression for expression in problems.cue.regex)


def test_except_roles_is_every_part_but_those(tmp_path):
    rubric = write(tmp_path, """
        elements:
          - id: aside
            title: 顺带
            weight: 1
            basis: 甲
            suggestion: 无
            scope: [plan]
            capped_in: []
            met:
              - kind: terms
                any: [执法力量]
                except_roles: [problems]
    """)
    among_problems = make_report(measures="全面推进依法行政。", problems="执法力量不足。")
    in_measures = make_report(measures="充实执法力量。", problems="干部法治意识不强。")
    assert statuses(rubric, among_problems)["aside"] == "missing"
    assert statuses(rubric, in_measures)["aside"] == "met"


def test_followed_by_demands_the_act_after_the_actor(tmp_path):
    rubric = write(tmp_path, """
        elements:
          - id: chair
            title: 主持
            weight: 1
            basis: 甲
            suggestion: 无
            met:
              - kind: terms
                any: [局长]
                followed_by:
                  any: [主持]
    """)
    assert statuses(rubric, make_report(measures="局长主持召开局务会。"))["chair"] == "met"
    assert statuses(rubric, make_report(measures="会议由党组主持，向局长汇报。"))["chair"] == "missing"
