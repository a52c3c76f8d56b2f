"""`score --annotate`, `audit --annotate`, and a new Word file for reports that were not one."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from typer.testing import CliRunner

from scorer.annotate import annotate_bytes
from scorer.api import Scorer
from scorer.cli import app
from tests.draft_docx import anchored_texts, comment_texts, write_draft
from tests.make_formats import write_html

runner = CliRunner()
SEED = Path("seeds/004_8ada07ac84392140.txt")


def test_a_text_report_becomes_a_word_file_with_the_same_comments():
    text = SEED.read_text(encoding="utf-8")
    scored = Scorer.open("auto").score_path(SEED)
    out = annotate_bytes(SEED.read_bytes(), SEED.name, scored)
    document = docx.Document(io.BytesIO(out))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert [p.text.strip() for p in document.paragraphs] == lines
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "二、存在主要问题" in headings and all(len(h) <= 60 for h in headings)
    elements = scored.result.elements
    texts, anchored = comment_texts(out), anchored_texts(out)
    assert len(texts) == sum(e.status in ("partial", "missing") for e in elements) + 1
    for element in elements:
        if element.status == "partial" and element.evidence:
            (cid,) = [cid for cid, t in texts.items() if t.startswith(f"【部分满足】{element.title}（")]
            assert anchored[cid] == next((e for e in element.evidence if e.note), element.evidence[0]).quote


def test_score_annotate_writes_the_commented_copy(tmp_path):
    draft = write_draft(SEED.read_text(encoding="utf-8"), tmp_path / "草稿.docx")
    target = tmp_path / "草稿-批注.docx"
    result = runner.invoke(app, ["score", str(draft), "--annotate", str(target), "--annotate-author", "市司法局法制科"])
    assert result.exit_code == 0, result.output
    comments = list(docx.Document(str(target)).comments)
    assert comments and {c.author for c in comments} == {"市司法局法制科"}
    assert "批注文件已写入" in result.stderr


def test_annotate_all_comments_met_elements_too(tmp_path):
    draft = write_draft(SEED.read_text(encoding="utf-8"), tmp_path / "草稿.docx")
    runner.invoke(app, ["score", str(draft), "--annotate", str(tmp_path / "a.docx")])
    runner.invoke(app, ["score", str(draft), "--annotate", str(tmp_path / "all.docx"), "--annotate-all"])
    scored = Scorer.open("auto").score_path(draft)
    met = sum(e.status == "met" for e in scored.result.elements)
    some, every = comment_texts((tmp_path / "a.docx").read_bytes()), comment_texts((tmp_path / "all.docx").read_bytes())
    assert len(every) == len(some) + met
    assert sum(t.startswith("【已满足】") for t in every.values()) == met and not any(t.startswith("【已满足】") for t in some.values())


def test_several_reports_go_to_a_folder_and_a_web_page_becomes_a_word_file(tmp_path):
    page = write_html(SEED.read_text(encoding="utf-8"), tmp_path / "报告.html", title="衢州市应急管理局2023年法治政府建设年度报告")
    draft = write_draft(SEED.read_text(encoding="utf-8"), tmp_path / "草稿.docx")
    result = runner.invoke(app, ["score", str(page), str(draft), "--annotate", str(tmp_path / "批注")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "批注").iterdir()) == ["报告-批注.docx", "草稿-批注.docx"]
    assert comment_texts((tmp_path / "批注" / "报告-批注.docx").read_bytes())


def test_annotate_mistakes_are_one_line(tmp_path):
    draft = write_draft(SEED.read_text(encoding="utf-8"), tmp_path / "草稿.docx")
    over = runner.invoke(app, ["score", str(draft), "--annotate", str(draft)])
    assert over.exit_code == 2 and "批注文件会覆盖报告本身" in over.stderr
    alone = runner.invoke(app, ["score", str(draft), "--annotate-all"])
    assert alone.exit_code == 2 and "需与 --annotate 一起使用" in alone.stderr
    both = runner.invoke(app, ["score", str(draft), str(SEED), "--annotate", str(tmp_path / "一个.docx")])
    assert both.exit_code == 2 and "多个报告不能写入同一个 Word 文件" in both.stderr


def test_audit_annotate_puts_a_commented_copy_beside_each_word_scorecard(tmp_path):
    folder = tmp_path / "报告"
    folder.mkdir()
    write_draft(SEED.read_text(encoding="utf-8"), folder / "草稿.docx")
    (folder / "文本.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(folder), "--out", str(out), "--annotate", "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["文本.html", "草稿-批注.docx", "草稿.html"]
    assert comment_texts((out / "reports" / "草稿-批注.docx").read_bytes())
