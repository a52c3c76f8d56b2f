"""An explanation names the parts of a report in the order the rubric lists its roles."""

from __future__ import annotations

import textwrap

import pytest

from scorer.api import Scorer

_ROLES = {
    "work": "    - id: work\n      title: 工作成效\n      heading: {any: [工作成效]}\n",
    "gaps": "    - id: gaps\n      title: 不足之处\n      heading: {any: [不足之处]}\n",
    "next": "    - id: next\n      title: 明年打算\n      heading: {any: [明年打算]}\n",
}


def _rubric(folder, order: list[str]):
    body = textwrap.dedent("""
        id: order_test
        title: 顺序测试
        version: "1"
        basis: [测试依据]
        default_role: work
        defaults:
          scope: [next, preamble, gaps, work]
        negation:
          any: [没有]
        roles:
        """).lstrip() + "".join(_ROLES[role] for role in order) + textwrap.dedent("""
        elements:
          - id: hearing
            title: 听证
            weight: 1
            basis: 测试依据
            suggestion: 写明听证情况
            met:
              - kind: terms
                any: [举行听证会]
        """)
    path = folder / f"order_{'_'.join(order)}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("order", [["work", "gaps", "next"], ["next", "work", "gaps"], ["gaps", "next", "work"]])
def test_the_parts_searched_are_named_preamble_first_then_in_the_rubrics_role_order(tmp_path, order):
    scorer = Scorer.open(str(_rubric(tmp_path, order)))
    text = "某局2025年法治政府建设年度报告\n一、工作成效\n我局完善了行政执法制度。\n二、不足之处\n培训还不够。\n三、明年打算\n继续加强学习。\n"
    element = scorer.score_text(text).result.elements[0]
    titles = {"work": "工作成效", "gaps": "不足之处", "next": "明年打算"}
    named = "、".join(f"“{title}”" for title in ["开头"] + [titles[role] for role in order])
    assert element.status == "missing"
    assert element.explanation.startswith(f"在{named}中查找")
