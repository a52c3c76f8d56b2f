"""Debris inside a line that breaks words: pinyin residue, out-of-step GBK, spam over a word.

Each is read through as a reviewer does, and every quote is still an exact slice of the
text as it was given.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.text.normalize import normalize
from scorer.text.sections import find_headings
from tests.helpers import score


def _status(text: str, element: str) -> str:
    return {e.id: e.status for e in score(text).elements}[element]


def _quotes_are_slices(text: str) -> None:
    for element in score(text).elements:
        for evidence in element.evidence:
            assert text[evidence.start : evidence.end] == evidence.quote


def test_pinyin_after_characters_is_dropped_and_the_word_is_whole_again():
    text = "本局組(zǔ)織(zhī)幹部深入學(xué)習(xí)貫徹習(xí)近平法治思想。"
    norm = normalize(text)
    assert "组织干部深入学习贯彻习近平法治思想" in norm.text
    assert _status(text, "xi_law_thought") == "met"
    _quotes_are_slices(text)


def test_a_bracketed_word_without_tone_marks_is_not_pinyin():
    # (app) or (PPP) is content: only a syllable with a tone mark is residue.
    assert "(app)" in normalize("推广掌上执法(app)应用").text


def _out_of_step(sentence: str) -> str:
    """What a page shows when its GBK bytes are decoded one byte late."""
    data = sentence.encode("gbk")
    return "?" + data[1:].decode("gbk", errors="replace")


def test_out_of_step_gbk_before_a_numbered_item_is_read_back():
    # 學 and 習 end in an ASCII byte, which brings the decoder back in step.
    garbled = _out_of_step("　（四）組織學習法律知識。")
    assert garbled.startswith("?。")
    text = "一、加強學習\n" + garbled + "\n"
    norm = normalize(text)
    assert "(四)组织学习法律知识。" in norm.text
    headings = [s.heading for s in find_headings(norm.text)]
    assert any(h.startswith("(四)") for h in headings)
    _quotes_are_slices(text)


def test_out_of_step_gbk_after_a_full_stop_keeps_the_full_stop():
    garbled = _out_of_step("。現將有關情況報告如下")
    text = "全年辦理案件十件" + garbled
    assert "。现将有关情况报告如下" in normalize(text).text


def test_a_question_mark_in_prose_is_left_alone():
    text = "如何提高执法水平?我们组织了培训。"
    assert normalize(text).text == text


def test_spam_over_the_leaders_name_is_read_as_the_name():
    text = "2023年，全局坚持以lovebet体育新时代中国特色社会主义思想为指导，深入学习贯彻lovebet体育法治思想。"
    norm = normalize(text)
    assert "以习近平新时代中国特色社会主义思想为指导" in norm.text
    assert _status(text, "xi_law_thought") == "met"
    _quotes_are_slices(text)


def test_spam_elsewhere_is_dropped():
    assert normalize("在本局网站和betking官网主动公开执法信息").text == "在本局网站和主动公开执法信息"


@given(st.text(alphabet="组织学习法律?(zǔ)bet体育。,\n一二(三)", max_size=40))
def test_debris_never_breaks_the_offset_map(text):
    norm = normalize(text)
    previous = -1
    for index in range(len(norm.text)):
        original = norm.original_index(index)
        assert previous < original < len(text)
        previous = original


def test_a_heading_about_accessibility_is_not_a_site_widget():
    text = "一、主要举措和成效\n（三）推进无障碍环境建设\n组织执法检查。\n长者助手 无障碍阅读 繁体版\n"
    norm = normalize(text)
    assert "(三)推进无障碍环境建设" in norm.text and "繁体版" not in norm.text


@pytest.mark.parametrize("brand", ["kaiyun开云体育", "leyu乐鱼体育官网"])
def test_a_brand_without_a_betting_word_in_latin_is_spam_too(brand):
    assert normalize(f"全面推行{brand}执法公示制度").text == "全面推行执法公示制度"


@pytest.mark.parametrize("text", ["依托浙里办APP平台受理申请", "使用移动端APP录入检查信息", "开展CBA篮球赛等群众体育活动"])
def test_an_app_or_a_sports_event_is_not_spam(text):
    assert normalize(text).text == text
