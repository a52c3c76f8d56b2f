"""Property: however Word cut the text into runs and formatted them, every comment sits
on exactly its quote and the document's text does not change."""

from __future__ import annotations

import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.annotate import annotate_bytes
from scorer.api import Scorer
from scorer.read.docx import trace_docx
from tests.draft_docx import anchored_texts, comment_texts
from tests.rich_docx import differences

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

# Sentences written for this test: partial and missing elements, a title and headings.
LINES = [
    "某某县市场监督管理局2023年度法治政府建设情况报告",
    "一、主要举措和成效",
    "全年落实行政执法公示制度，公开执法信息56条。坚持以习近平新时代中国特色社会主义思想为指导，推进各项工作。",
    "组织干部职工参加法治培训4次，参训120人次。本局全年实现零复议、零诉讼，执法工作平稳有序。",
    "二、存在的不足和原因",
    "执法力量还比较薄弱，专业人才不足。",
    "三、下一年度工作安排",
    "2024年，我局将完善规范性文件备案审查，推进政务公开。",
]
FORMATS = ["", "<w:b/>", "<w:i/>", '<w:u w:val="single"/>', '<w:sz w:val="32"/>', '<w:color w:val="FF0000"/>', '<w:rFonts w:eastAsia="黑体"/>']
WRAPS = ["", "hyperlink", "ins", "sdt"]

_SCORER = Scorer.open("national")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _paragraph(text: str, cuts: list[int], formats: list[int], wraps: list[int], link: str) -> str:
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    runs = []
    for i, (left, right) in enumerate(zip(bounds, bounds[1:])):
        props = FORMATS[formats[i % len(formats)]] if formats else ""
        run = f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{_escape(text[left:right])}</w:t></w:r>'
        wrap = WRAPS[wraps[i % len(wraps)]] if wraps else ""
        if wrap == "hyperlink":
            run = f'<w:hyperlink r:id="{link}">{run}</w:hyperlink>'
        elif wrap == "ins":
            run = f'<w:ins w:id="{900 + i}" w:author="张三" w:date="2024-01-05T09:00:00Z">{run}</w:ins>'
        elif wrap == "sdt":
            run = f"<w:sdt><w:sdtContent>{run}</w:sdtContent></w:sdt>"
        runs.append(run)
    return f"<w:p {W} {R}>{''.join(runs)}</w:p>"


paragraph_shapes = st.tuples(
    st.lists(st.integers(0, 120), max_size=10),
    st.lists(st.integers(0, len(FORMATS) - 1), max_size=5),
    st.lists(st.integers(0, len(WRAPS) - 1), max_size=5),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph_shapes, min_size=len(LINES), max_size=len(LINES)))
def test_comments_anchor_on_their_quotes_whatever_the_runs(shapes):
    document = docx.Document()
    link = document.part.relate_to("https://www.example.gov.cn/", RT.HYPERLINK, is_external=True)
    body = document.element.body
    for text, (cuts, formats, wraps) in zip(LINES, shapes):
        body.insert(len(body) - 1, parse_xml(_paragraph(text, cuts, formats, wraps, link)))
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()

    scored = _SCORER.score_bytes(data, "随机.docx")
    annotated = annotate_bytes(data, "随机.docx", scored, include_met=True)
    assert trace_docx("out.docx", annotated).text.plain == scored.text == "\n".join(LINES)
    assert differences(data, annotated) == []
    texts, anchored = comment_texts(annotated), anchored_texts(annotated)
    checkable = [e for e in scored.result.elements if e.status != "na"]  # no publication date: nothing to say
    assert len(texts) == len(checkable) + 1
    for element in scored.result.elements:
        if not element.evidence:
            continue
        (cid,) = [cid for cid, text in texts.items() if text.startswith("【") and f"】{element.title}（" in text.split("\n")[0]]
        evidence = next((e for e in element.evidence if e.note), element.evidence[0])
        assert anchored[cid] == evidence.quote
    # Quotes that start and end inside a paragraph were among them.
    assert any(0 < scored.text.rfind("\n", 0, e.start) + 1 < e.start for el in scored.result.elements for e in el.evidence[:1])
