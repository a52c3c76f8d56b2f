"""The same report in every format a user has gets the same verdicts as its .txt.

Each seed is turned into a Word draft (plain, and with heading styles and automatic
numbering), a government web page (UTF-8, and declared gb2312 saved as GBK), the page
saved as .mht, a PDF with running header and page numbers, and GBK / UTF-16 text.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from scorer.read import read_document
from tests.conftest import seed_files
from tests.helpers import assert_verbatim
from tests.make_formats import title_of, write_docx, write_html, write_mht, write_pdf


def _gbk(text: str, path: Path) -> Path:
    path.write_bytes(text.encode("gb18030"))
    return path


def _utf16(text: str, path: Path) -> Path:
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return path


def _utf16_without_bom(text: str, path: Path) -> Path:
    path.write_bytes(text.encode("utf-16-le"))
    return path


def _utf8_bom_crlf(text: str, path: Path) -> Path:
    path.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    return path


BUILDERS = {
    "docx": lambda text, folder: write_docx(text, folder / "报告 草稿.docx"),
    "docx-styled": lambda text, folder: write_docx(text, folder / "报告 标题样式.docx", styled=True),
    "html": lambda text, folder: write_html(text, folder / "报告 网页.html", title_of(text)),
    "html-gbk": lambda text, folder: write_html(text, folder / "报告 网页.htm", title_of(text), gbk=True),
    "mht": lambda text, folder: write_mht(text, folder / "报告 网页存档.mht", title_of(text)),
    "pdf": lambda text, folder: write_pdf(text, folder / "报告 正式版.pdf"),
    "gbk": lambda text, folder: _gbk(text, folder / "报告 GBK.txt"),
    "utf16": lambda text, folder: _utf16(text, folder / "报告 UTF16.txt"),
    "utf16-no-bom": lambda text, folder: _utf16_without_bom(text, folder / "报告 UTF16无BOM.txt"),
    "utf8-bom-crlf": lambda text, folder: _utf8_bom_crlf(text, folder / "报告 Windows.txt"),
}

SEEDS = seed_files()
FROM_FORMAT = {"published_on_time"}


@pytest.fixture(scope="module")
def txt_results(national):
    return {seed.name: national.score_path(seed).result for seed in SEEDS}


@pytest.mark.parametrize("fmt", list(BUILDERS))
@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name[:3] for seed in SEEDS])
def test_every_format_gets_the_txt_verdicts(seed, fmt, national, txt_results, tmp_path):
    path = BUILDERS[fmt](seed.read_text(encoding="utf-8"), tmp_path)
    result = national.score_path(path).result
    # A web page carries its publication date, a text file does not: the one element that
    # reads it may differ, every other verdict must not.
    expected = {element.id: element.status for element in txt_results[seed.name].elements if element.id not in FROM_FORMAT}
    got = {element.id: element.status for element in result.elements if element.id not in FROM_FORMAT}
    assert got == expected
    # Evidence points into the text the reader extracted, verbatim.
    text = read_document(path).text
    assert_verbatim(result, text)


@pytest.mark.parametrize("fmt", ["docx-styled", "html", "pdf"])
def test_every_format_finds_the_same_headings(fmt, national, tmp_path):
    """Section paths of the evidence agree once numbering style is set aside."""
    seed = SEEDS[3]
    path = BUILDERS[fmt](seed.read_text(encoding="utf-8"), tmp_path)

    def sections(result):
        return {e.id: [ev.section.replace("（", "(").replace("）", ")") for ev in e.evidence] for e in result.elements}

    assert sections(national.score_path(path).result) == sections(national.score_path(seed).result)
