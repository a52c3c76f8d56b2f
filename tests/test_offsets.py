"""Every evidence quote is a verbatim span of the original: original[start:end] == quote."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.text.normalize import normalize
from tests.conftest import seed_files
from tests.helpers import assert_verbatim, score

# Pieces real reports are made of: headings, key terms, traditional characters,
# full-width forms, odd spaces, website debris, numbers with units.
PIECES = [
    "一、主要举措和成效\n", "二、存在的不足和原因\n", "三、下一年度主要安排\n", "(一)", "（二）", "1.", "（1）",
    "法律顾问", "三项制度", "行政复议", "应诉", "回应诉求", "习近平法治思想", "规范性文件清理", "零复议",
    "主要负责人主持", "專題研究", "製度", "全麵", "法律顧問", "ＡＢＣ１２３", "，", "。", "；", "：",
    "　", " ", "\t", "\n", "\r\n", "\n\n", "打印本页 关闭窗口\n", "版权所有:某某\n", "来源: 某网站\n",
    "12件", "98.5%", "2023年", "〔2023〕5号", "下一步，", "但仍存在", "由于", "尚未", "杭州市应急管理局",
    "\ufeff", "\u00a0", "😀", "\u2028",
]

report_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=60).map("".join)


def scores_verbatim(text: str) -> None:
    assert_verbatim(score(text), text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_evidence_offsets_on_random_reports(text):
    scores_verbatim(text)


SEED_TEXTS = [path.read_text(encoding="utf-8") for path in seed_files()]


@st.composite
def mutated_seed(draw):
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 200))
        insert = draw(st.one_of(st.sampled_from(PIECES), st.text(max_size=10)))
        text = text[:at] + insert + text[at + cut :]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_evidence_offsets_on_mutated_seeds(text):
    scores_verbatim(text)


@settings(max_examples=300, deadline=None)
@given(report_text)
def test_normalised_offsets_map_into_the_original(text):
    norm = normalize(text)
    previous = -1
    for index in range(len(norm.text)):
        original_index = norm.original_index(index)
        assert previous < original_index < len(text)  # increasing: spans stay spans
        previous = original_index
        if norm.text[index] != "\n":
            assert not text[original_index].isspace() or norm.text[index].isspace()
