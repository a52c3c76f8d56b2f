"""HTML pages: the report text round-trips escaped, evidence is lit, pages are self-contained."""

from __future__ import annotations

import base64
import hashlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.engine.summary import ReportSummary, Row, elements_of, summarise
from scorer.render.highlight import pieces, quotes_of
from scorer.render.pages import render_index, render_scorecard
from scorer.engine.results import ElementResult, Evidence, MetadataResult, ReportResult, RubricRef
from tests.conftest import seed_files
from tests.html_parse import read_page

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">&amp;"\'</div></mark>'

# Report text as files really hold it, and as an attacker would write it.
report_text = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("<>&\"'\r\n\t/=!-;") + ["<script>", "</script>", "&amp;", "&#0;", "<!--", "]]>", "\r\n"]),
    ),
    max_size=80,
).map("".join)


def result_with_evidence(text: str, spans: list[tuple[int, int]], meta: str = "单位") -> ReportResult:
    statuses = ["met", "partial", "missing"]
    elements = []
    for number, (start, end) in enumerate(spans):
        start, end = sorted((start, end))
        elements.append(
            ElementResult(
                id=f"e{number}",
                title=f"要素{number}{meta}",
                status=statuses[number % 3],
                weight=1.0,
                required=number == 0,
                points=1.0,
                evidence=[Evidence(quote=text[start:end], start=start, end=end, section=meta, matched=text[start:end][:2])],
                missing_checks=[meta],
                suggestion=meta,
                basis=meta,
                explanation=meta,
            )
        )
    return ReportResult(
        file=meta,
        rubric=RubricRef(id="national", version="1"),
        encoding="utf-8",
        score=50.0,
        grade="不合格",
        metadata=MetadataResult(agency=meta, year=2023, date=meta, title=meta),
        elements=elements,
        required_missing=[],
    )


@st.composite
def text_and_spans(draw):
    text = draw(report_text)
    bound = st.integers(0, len(text))
    spans = draw(st.lists(st.tuples(bound, bound), max_size=6))
    return text, spans


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_any_report_text_round_trips_escaped(case):
    text, spans = case
    page = read_page(render_scorecard(result_with_evidence(text, spans), text))
    # NUL is the one character an HTML page cannot carry: browsers show U+FFFD.
    assert "".join(page.report_text) == text.replace("\x00", "\ufffd")
    assert len(page.scripts) == 1, "only the page's own script"
    assert not [tag for tag, _ in page.tags if tag in {"img", "iframe", "object", "embed", "svg"}]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60).map(lambda s: s + HOSTILE))
def test_everything_from_a_report_is_escaped(hostile):
    text = "正文" + hostile
    result = result_with_evidence(text, [(0, len(text)), (2, 5)], meta=hostile)
    rows = [Row(file=hostile, relative=hostile, page="reports/x.html", summary=ReportSummary.of(result)), Row(file=hostile, relative=hostile, page=None, error=hostile)]
    for html in (render_scorecard(result, text), _index(rows, result)):
        page = read_page(html)
        assert len(page.scripts) == 1
        assert not [tag for tag, _ in page.tags if tag == "img"]
        for _, attributes in page.tags:
            assert not [name for name in attributes if name.startswith("on")]


def _index(rows: list[Row], result: ReportResult) -> str:
    from scorer.engine.compiled import get_compiled

    catalogue = {info.id: info for info in elements_of(result)}
    return render_index(rows, summarise(rows, 0, catalogue, get_compiled("national")), "基准", {}, "报告")


@given(text_and_spans())
def test_pieces_rebuild_the_text_and_cover_each_quote(case):
    text, spans = case
    result = result_with_evidence(text, spans)
    quotes = quotes_of(result, len(text))
    cut = pieces(text, quotes)
    assert "".join(piece.text for piece in cut) == text
    position = 0
    for piece in cut:
        for quote in quotes:
            inside = quote.start <= position and position + len(piece.text) <= quote.end and quote.start < quote.end
            assert (quote in piece.quotes) == (inside and len(piece.text) > 0) or not piece.text
        position += len(piece.text)
    assert sorted(q.anchor for piece in cut for q in piece.starts) == sorted(q.anchor for q in quotes)


def test_out_of_range_offsets_do_not_break_the_page():
    text = "短文本"
    result = result_with_evidence(text, [(0, 2)])
    result.elements[0].evidence[0].start = 50
    result.elements[0].evidence[0].end = 99
    page = read_page(render_scorecard(result, text))
    assert "".join(page.report_text) == text


def test_seed_scorecard_lights_every_evidence_quote(national):
    scored = national.score_path(seed_files()[2])
    html = render_scorecard(scored.result, scored.text, index_href="../index.html")
    page = read_page(html)
    assert "".join(page.report_text) == scored.text
    ids = {attributes.get("id") for _, attributes in page.tags}
    marked = " ".join(attributes.get("data-ev") or "" for tag, attributes in page.tags if tag == "mark").split()
    for element in scored.result.elements:
        assert f"el-{element.id}" in ids
        for number, _ in enumerate(element.evidence, start=1):
            anchor = f"ev-{element.id}-{number}"
            assert anchor in ids and anchor in marked
            assert ("a", {"class": "ev-link", "href": f"#{anchor}", "data-ev": anchor}) in page.tags
    # What the drafter must fix is at the top, the missing required element first.
    assert html.index("需要修改的") < html.index("逐项评分")
    to_fix = html[html.index("需要修改的") : html.index("逐项评分")]
    assert to_fix.index("存在的不足和原因") < to_fix.index("行政执法三项制度")
    assert 'href="../index.html"' in html


def test_pages_are_self_contained_and_allow_only_their_own_script(national):
    scored = national.score_path(seed_files()[0])
    rows = [Row(file="a.txt", relative="a.txt", page="reports/a.html", summary=ReportSummary.of(scored.result))]
    for html in (render_scorecard(scored.result, scored.text), _index(rows, scored.result)):
        page = read_page(html)
        for tag, attributes in page.tags:
            for name in ("src", "href", "action"):
                value = attributes.get(name) or ""
                assert not re.match(r"^\s*(https?:|//|javascript:)", value, re.I), (tag, value)
            assert tag != "link"
        assert "@import" not in html and "url(" not in html
        csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
        digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp
        assert "@media print" in html and "@page" in html and 'name="viewport"' in html
