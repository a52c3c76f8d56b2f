"""`rolscore score 草稿.docx --annotate 草稿-批注.docx`: the drafter's own file back, with
comments where the report falls short, and nothing else changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.annotate import annotate_bytes
from scorer.api import STATUS_TEXT, Scorer, ScorerError
from scorer.read.docx import trace_docx
from tests.draft_docx import anchored_texts, comment_texts, write_draft
from tests.rich_docx import differences, rich_docx
from tests.wps_docx import wps_docx

SEEDS = sorted(Path("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def scorer():
    return Scorer.open("auto")


def _supplied_removed(traced, start: int, end: int) -> str:
    """The quote as it stands in the file: without the numbers and separators the reader wrote."""
    return "".join(traced.plain[i] for i in range(start, end) if traced.origin(i) is not None)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_every_seed_draft_gets_one_comment_per_shortfall_on_its_text(seed, tmp_path, scorer):
    numbered = int(seed.stem[:3]) % 2 == 0
    path = write_draft(seed.read_text(encoding="utf-8"), tmp_path / f"{seed.stem}.docx", numbered_headings=numbered)
    data = path.read_bytes()
    scored = scorer.score_bytes(data, path.name)
    out = annotate_bytes(data, path.name, scored)

    elements = scored.result.elements
    partial = [e for e in elements if e.status == "partial"]
    missing = [e for e in elements if e.status == "missing"]
    texts = comment_texts(out)
    assert len(texts) == len(partial) + len(missing) + 1
    assert texts[0].startswith(f"rolscore 评分：{scored.result.score:g} 分（{scored.result.grade}）")

    # The text the scorer reads is the same, and each partial comment sits on its quote.
    traced = trace_docx(path.name, data).text
    assert trace_docx("out.docx", out).text.plain == scored.text
    anchored = anchored_texts(out)

    def comment_on(element) -> int:
        (cid,) = [cid for cid, text in texts.items() if text.startswith(f"【{STATUS_TEXT[element.status]}】{element.title}（")]
        return cid

    for element in partial:
        evidence = next((e for e in element.evidence if e.note), element.evidence[0])
        cid = comment_on(element)
        assert anchored[cid] == _supplied_removed(traced, evidence.start, evidence.end)
        assert "建议：" in texts[cid] or element.suggestion is None
    for element in missing:
        cid = comment_on(element)
        assert anchored[cid].strip(), f"{element.id}: a missing element's comment sits on a heading or the title"
        assert element.explanation in texts[cid]


def test_nothing_but_comments_changes_in_a_draft_holding_everything(scorer):
    data = rich_docx()
    scored = scorer.score_bytes(data, "全要素.docx")
    out = annotate_bytes(data, "全要素.docx", scored)
    assert differences(data, out) == []
    statuses = {e.id: e.status for e in scored.result.elements}
    # The quotes run through a hyperlink, a tracked insertion and a content control.
    assert statuses["three_systems"] == statuses["reconsideration_litigation"] == statuses["xi_law_thought"] == "partial"
    traced = trace_docx("全要素.docx", data).text
    assert trace_docx("out.docx", out).text.plain == scored.text
    texts, anchored = comment_texts(out), anchored_texts(out)
    assert texts[0] == "标题请再核对。" and anchored[0] == "某某市交通运输局2023年度法治政府建设情况报告"
    new = {cid: text for cid, text in texts.items() if cid != 0}
    partial = [e for e in scored.result.elements if e.status == "partial"]
    missing = [e for e in scored.result.elements if e.status == "missing"]
    assert len(new) == len(partial) + len(missing) + 1
    for element in partial:
        (cid,) = [cid for cid, text in new.items() if text.startswith(f"【部分满足】{element.title}（")]
        evidence = next((e for e in element.evidence if e.note), element.evidence[0])
        assert anchored[cid] == _supplied_removed(traced, evidence.start, evidence.end) == evidence.quote


def test_a_report_with_no_paragraph_that_fits_is_commented_on_its_first_paragraph(scorer):
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("全年办理行政复议案件12件，行政诉讼案件3件。")
    document.add_paragraph("组织领导干部学法2次。")
    data = _saved(document)
    scored = scorer.score_bytes(data, "无标题.docx")
    out = annotate_bytes(data, "无标题.docx", scored)
    anchored = anchored_texts(out)
    missing = [e for e in scored.result.elements if e.status == "missing"]
    assert missing and {anchored[cid] for cid, text in comment_texts(out).items() if text.startswith("【缺失】")} == {"全年办理行政复议案件12件，行政诉讼案件3件。"}
    assert "报告中没有“主要举措和成效”部分，批注放在标题上。" in "\n".join(comment_texts(out).values())
    assert differences(data, out) == []


def _saved(document) -> bytes:
    import io

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_file_saved_by_wps_is_annotated_and_keeps_its_parts(scorer):
    lines = [
        ("某某区司法局2023年度法治政府建设情况报告", None),
        ("一、主要举措和成效", "2"),
        ("（一）严格规范执法", "3"),
        ("全年落实行政执法公示制度，公开执法信息 56 条。坚持以习近平新时代中国特色社会主义思想为指导。", None),
        ("二、存在的不足和原因", "2"),
        ("执法力量比较薄弱。", None),
    ]
    data = wps_docx(lines)
    scored = scorer.score_bytes(data, "WPS草稿.docx")
    out = annotate_bytes(data, "WPS草稿.docx", scored)
    assert differences(data, out) == []
    assert trace_docx("out.docx", out).text.plain == scored.text
    texts, anchored = comment_texts(out), anchored_texts(out)
    partial = [e for e in scored.result.elements if e.status == "partial"]
    assert len(texts) == len(partial) + sum(e.status == "missing" for e in scored.result.elements) + 1
    quotes = {e.id: next((x for x in e.evidence if x.note), e.evidence[0]).quote for e in partial}
    assert quotes["three_systems"] == "全年落实行政执法公示制度，公开执法信息 56 条。"
    for element in partial:
        (cid,) = [cid for cid, text in texts.items() if text.startswith(f"【部分满足】{element.title}（")]
        assert anchored[cid] == quotes[element.id]


def test_a_quote_across_table_cells_is_commented_on_the_cells(scorer):
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("某某区司法局2023年度法治政府建设情况报告")
    document.add_paragraph("一、主要举措和成效")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "行政争议化解", "全年实现零复议、零诉讼"
    table.cell(1, 0).text, table.cell(1, 1).text = "执法公示", "落实行政执法公示制度"
    data = _saved(document)
    scored = scorer.score_bytes(data, "表格.docx")
    element = {e.id: e for e in scored.result.elements}["reconsideration_litigation"]
    assert element.status == "partial" and element.evidence[0].quote == "行政争议化解 | 全年实现零复议、零诉讼"
    out = annotate_bytes(data, "表格.docx", scored)
    (cid,) = [cid for cid, text in comment_texts(out).items() if text.startswith(f"【部分满足】{element.title}（")]
    # The cell separator is the reader's; in the file the comment spans the two cells.
    assert anchored_texts(out)[cid] == "行政争议化解\n全年实现零复议、零诉讼"
    assert differences(data, out) == []


def test_a_package_python_docx_cannot_write_back_is_one_line(scorer, monkeypatch):
    import docx.document

    data = rich_docx()
    scored = scorer.score_bytes(data, "全要素.docx")

    def broken(self, stream):
        raise KeyError("word/media/image1.png")

    monkeypatch.setattr(docx.document.Document, "save", broken)
    with pytest.raises(ScorerError, match="无法在这个文件中加批注"):
        annotate_bytes(data, "全要素.docx", scored)
