"""`rolscore score 草稿.docx --annotate 草稿-批注.docx`: the drafter's own file back, with
comments where the report falls short, and nothing else changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.annotate import annotate_bytes
from scorer.api import STATUS_TEXT, Scorer
from scorer.read.docx import trace_docx
from tests.draft_docx import anchored_texts, comment_texts, write_draft

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
