"""PDFs: text layer read in paragraphs, page furniture dropped, scans and locks explained."""

from __future__ import annotations

import pytest
from reportlab.lib.utils import ImageReader
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from scorer.errors import ReadError
from scorer.read import read_document
from scorer.read.pdf import _clean
from tests.make_formats import write_pdf

PARAGRAPHS = [
    "某县应急管理局2023年度法治政府建设工作报告",
    "2023年，某县应急管理局坚持以习近平法治思想为指导，深入推进依法行政，全面提升应急管理法治化水平，各项工作取得积极成效。现将有关情况报告如下：",
    "一、主要举措和成效",
    "（一）严格规范公正文明执法",
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，全年开展执法检查326次，立案查处违法行为41起，罚没款128.5万元，组织执法案卷评查2次，"
    "评查案卷56卷，发现并整改问题13个。" * 6,
    "二、存在的不足和原因",
    "执法力量与监管任务不相适应，基层执法人员专业能力有待提高，主要原因是执法编制不足，培训经费保障不到位。" * 3,
]


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    return write_pdf("\n".join(PARAGRAPHS), tmp_path_factory.mktemp("pdf") / "正式 报告.pdf")


def test_paragraphs_are_rejoined_and_page_furniture_dropped(report_pdf):
    raw = read_document(report_pdf)
    assert raw.encoding == "pdf"
    assert raw.text.split("\n") == PARAGRAPHS
    assert "信息公开专栏" not in raw.text and "—" not in raw.text


def test_the_report_runs_over_several_pages(report_pdf):
    import pdfplumber

    with pdfplumber.open(report_pdf) as pdf:
        assert len(pdf.pages) >= 2  # so the header and page numbers did repeat


def _image_pdf(path, pages: int = 2):
    from PIL import Image

    picture = ImageReader(Image.new("RGB", (300, 400), "white"))
    page = canvas.Canvas(str(path))
    for _ in range(pages):
        page.drawImage(picture, 50, 100, 300, 400)
        page.showPage()
    page.save()
    return path


def test_a_scanned_pdf_asks_for_ocr(tmp_path):
    path = _image_pdf(tmp_path / "扫描件.pdf")
    with pytest.raises(ReadError) as error:
        read_document(path)
    assert error.value.line().startswith(str(path)) and "扫描件" in error.value.line() and "OCR" in error.value.line()


def test_a_pdf_with_an_open_password_says_so(tmp_path):
    path = tmp_path / "加密.pdf"
    page = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    page.drawString(100, 700, "report")
    page.save()
    with pytest.raises(ReadError, match="打开密码"):
        read_document(path)


def test_a_pdf_locked_only_against_editing_is_read(tmp_path):
    # Latin text: reportlab encrypts the name of its built-in Chinese font's character
    # collection too, which no reader (poppler neither) can then map back to Unicode.
    path = tmp_path / "限制编辑.pdf"
    page = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canModify=0))
    page.drawString(80, 700, "Administrative reconsideration cases: 12.")
    page.save()
    assert read_document(path).text == "Administrative reconsideration cases: 12."


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9])
def test_a_truncated_pdf_is_a_clear_error(report_pdf, tmp_path, keep):
    data = report_pdf.read_bytes()
    path = tmp_path / "下载中断.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ReadError) as error:
        read_document(path)
    assert error.value.line().startswith(str(path)) and "损坏" in error.value.line()


def test_radical_and_compatibility_characters_become_ordinary_ones():
    # Fonts embedded by some Word versions map 生 to the Kangxi radical ⽣ and 行 to 行.
    assert _clean("⽣态环境\uf907 法 治") == "生态环境\u9f9c法治"


def test_a_running_header_repeating_the_title_leaves_the_title(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    title = PARAGRAPHS[0]
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=15, leading=26, firstLineIndent=30, wordWrap="CJK")
    heading = ParagraphStyle("title", parent=body, fontSize=20, leading=32, alignment=1, firstLineIndent=0)

    def header(canvas, document):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, title)

    path = tmp_path / "页眉重复标题.pdf"
    flowables = [Paragraph(title, heading)] + [Paragraph(text, body) for text in PARAGRAPHS[1:] * 3]
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=70).build(flowables, onFirstPage=header, onLaterPages=header)
    lines = read_document(path).text.split("\n")
    assert lines[0] == title and lines.count(title) == 1
