"""Variants of the seeds a reviewer would judge differently, with their expected labels.

Each mutation edits a real report the way drafts really differ (a part removed, causes
left out, a measure only promised for next year, a negated sentence) and states how an
experienced reviewer would then read the element it touches.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc
import pytest

from tests.conftest import SEEDS, expected_verdicts

EXPECTED = expected_verdicts()
SENTENCE = re.compile(r"[^。\n]*[。]?")


@lru_cache(maxsize=None)
def seed(name: str) -> str:
    """The seed in simplified characters, so the edits below find their words."""
    return opencc.OpenCC("t2s").convert((SEEDS / name).read_text(encoding="utf-8"))


def verdict(national, text: str, element: str) -> str:
    return {e.id: e.status for e in national.score_text(text).result.elements}[element]


def without_sentences(text: str, pattern: str) -> str:
    """Drop every sentence (up to 。 or a line end) that matches the pattern."""
    rx = re.compile(pattern)
    return SENTENCE.sub(lambda m: "" if rx.search(m.group()) else m.group(), text)


def without_clauses(text: str, pattern: str, start: int, end: int) -> str:
    """Drop the clauses (between , ; ， ；) that match, within text[start:end] only."""
    rx = re.compile(pattern)
    region = re.sub(r"[^,，;；。\n]*[,，;；]", lambda m: "" if rx.search(m.group()) else m.group(), text[start:end])
    return text[:start] + region + text[end:]


def after_first_heading(text: str, sentence: str) -> str:
    """Insert a sentence as the first paragraph under the first top-level heading."""
    match = re.search(r"^\s*一、[^\n]*\n", text, re.M)
    assert match, "seed has no top-level heading"
    return text[: match.end()] + sentence + "\n" + text[match.end() :]


def into_plan(text: str, sentence: str) -> str:
    """Insert a sentence as the first paragraph of next year's plan."""
    match = re.search(r"^\s*[二三四五六七八九]、[^\n]*(下一步|下步|安排|计划|打算)[^\n]*\n", text, re.M)
    assert match, "seed has no plan heading"
    return text[: match.end()] + sentence + "\n" + text[match.end() :]


def names_where(element: str, status: str) -> list[str]:
    return [name for name, labels in EXPECTED.items() if labels[element] == status]


THREE_SYSTEMS = r"三项制度|公示|全过程记录|全程记录|执法记录仪|音像记录|留痕|可回溯|法制审核|法制审查|法核|案审分离|双随机|一公开"
ADVISER = r"法律顾问|公职律师|法律专家顾问"
CAUSES = r"原因|导致|由于|造成|因为|致使|根源|源于"


@pytest.mark.parametrize("name", names_where("shortcomings_causes", "met"))
def test_problems_without_their_causes_become_partial(national, name):
    text = seed(name)
    start = re.search(r"存在的不足和原因|存在[^\n]{0,6}问题", text).end()
    plan = re.search(r"\n\s*[三四五]、", text[start:])
    end = start + plan.start() if plan else len(text)
    mutated = without_clauses(text, CAUSES, start, end)
    assert mutated != text
    assert verdict(national, mutated, "shortcomings_causes") == "partial"


@pytest.mark.parametrize("name", names_where("three_systems", "met"))
def test_three_systems_cut_to_one_become_partial(national, name):
    text = without_sentences(seed(name), THREE_SYSTEMS)
    assert verdict(national, text, "three_systems") == "missing"
    one = after_first_heading(text, "为一线执法人员配备执法记录仪，实现执法全过程记录。")
    assert verdict(national, one, "three_systems") == "partial"


@pytest.mark.parametrize("name", names_where("legal_adviser", "met"))
def test_legal_adviser_only_in_the_plan_becomes_partial(national, name):
    text = without_sentences(seed(name), ADVISER)
    assert verdict(national, text, "legal_adviser") == "missing"
    promised = into_plan(text, "聘请法律顾问参与重大决策和合同审查。")
    assert verdict(national, promised, "legal_adviser") == "partial"


@pytest.mark.parametrize("name", names_where("legal_adviser", "met"))
def test_negated_legal_adviser_becomes_partial(national, name):
    text = without_sentences(seed(name), ADVISER)
    negated = after_first_heading(text, "目前我局尚未聘请法律顾问，合同审查力量不足。")
    assert verdict(national, negated, "legal_adviser") == "partial"


@pytest.mark.parametrize("name", names_where("xi_law_thought", "met"))
def test_general_guidance_instead_of_xi_law_thought_becomes_partial(national, name):
    text = seed(name).replace("习近平法治思想", "习近平新时代中国特色社会主义思想")
    assert verdict(national, text, "xi_law_thought") == "partial"


@pytest.mark.parametrize("name", names_where("reconsideration_litigation", "missing"))
def test_zero_litigation_claim_alone_becomes_partial(national, name):
    text = after_first_heading(seed(name), "全年实现行政执法零复议、零诉讼。")
    assert verdict(national, text, "reconsideration_litigation") == "partial"


@pytest.mark.parametrize("name", names_where("government_transparency", "missing"))
def test_adding_transparency_work_makes_it_met(national, name):
    text = after_first_heading(seed(name), "深化政务公开，全年主动公开政府信息120条，办理依申请公开5件。")
    assert verdict(national, text, "government_transparency") == "met"


@pytest.mark.parametrize("name", names_where("title_year_agency", "met"))
def test_dropping_the_place_from_the_agency_becomes_partial(national, name):
    text = seed(name)
    opening_end = re.search(r"^\s*一、", text, re.M).start()
    # 杭州市应急管理局 -> 市应急管理局, 兰州新区应急管理局 -> 新区应急管理局, in the title and opening.
    opening = re.sub(r"[\u4e00-\u9fff]{2,4}?(?=市|新区|县)", "", text[:opening_end])
    mutated = opening + text[opening_end:]
    assert national.score_text(mutated).result.metadata.agency is not None
    assert verdict(national, mutated, "title_year_agency") == "partial"
