"""Build the other formats a report arrives in from a seed's text, as real tools make them.

- a Word draft, either one paragraph per line, or with its headings in Word heading
  styles whose numbers come from automatic numbering (一、 （一）) or, for the third
  level, from nowhere at all (the reader must supply 1.);
- a page of a government site, with navigation, share buttons, related links, footer
  and scripts around the article, in UTF-8 or declared gb2312 and saved as GBK;
- the same page saved by a browser as a single .mht file;
- a PDF laid out like an official document, with a running header and — N — page
  numbers, in reportlab's built-in Chinese font (no font file needed).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

# A heading standing alone on its line, by level: 一、 (一) 1. (1)
_LEVELS = [
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")),
    (3, re.compile(r"^\d{1,2}[、.．](?!\d)")),
]


def report_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def title_of(text: str) -> str | None:
    """The report's title when its first line is one (short, naming a report)."""
    first = report_lines(text)[0]
    return first if len(first) <= 50 and ("报告" in first or "報告" in first) else None


def standalone_heading(line: str) -> tuple[int, str] | None:
    """(level, heading text without its number) for a short heading line."""
    if len(line) > 60 or "。" in line:
        return None
    for level, pattern in _LEVELS:
        match = pattern.match(line)
        if match:
            return level, line[match.end() :].strip()
    return None


# ---------------------------------------------------------------- Word


def write_docx(text: str, path: Path, styled: bool = False, official: bool = False) -> Path:
    """`official`: set on an official document's page, with header and page numbers (see make_word)."""
    import docx

    document = docx.Document()
    if official:
        from tests.make_word import official_layout

        official_layout(document)
    numbering_id = _add_heading_numbering(document) if styled else None
    for line in report_lines(text):
        heading = standalone_heading(line) if styled else None
        if heading is None:
            document.add_paragraph(line)
            continue
        level, words = heading
        paragraph = document.add_paragraph(words, style=f"Heading {level}")
        if level <= 2:
            _number(paragraph, numbering_id, level - 1)
    document.save(path)
    return path


def _add_heading_numbering(document) -> str:
    """A two-level Chinese list (一、 / （一）) as Word writes it into numbering.xml."""
    from docx.oxml import parse_xml

    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f"""<w:abstractNum {namespace} w:abstractNumId="90">
          <w:multiLevelType w:val="multilevel"/>
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
            <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
            <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
        </w:abstractNum>"""
    )
    num = parse_xml(f'<w:num {namespace} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract definitions come before the instances
    else:
        numbering.append(abstract)
    numbering.append(num)
    return "90"


def _number(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(f'<w:numPr {namespace}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


# ---------------------------------------------------------------- web page

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{page_title}</title>
<meta name="SiteName" content="某某市人民政府门户网站">
{article_meta}<meta name="PubDate" content="{date} 10:30">
<link rel="stylesheet" href="/css/style.css">
<style>.nav li {{ float: left; }} /* 法治政府建设 主要举措和成效 */</style>
<script type="text/javascript">var title = "法治政府建设年度报告 存在的不足和原因 下一年度工作安排";</script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="某某市人民政府"></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/fzzfjs/">法治政府建设</a></li></ul></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键词"><button>搜索</button></form></div></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设年度报告</a></div>
<div class="container"><div class="article">
{heading}<div class="info">发布时间：{date}&nbsp;&nbsp;来源：某某市司法局&nbsp;&nbsp;【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div id="zoom" class="TRS_Editor">
{paragraphs}
</div>
<div class="share bdshare">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关文章</h3><ul>
<li><a href="/a/1.html">关于印发《法治政府建设实施纲要（2021—2025年）》的通知</a></li>
<li><a href="/a/2.html">某某市司法局关于行政复议和行政应诉工作情况的通报</a></li>
<li><a href="/a/3.html">市政府常务会议专题学习习近平法治思想</a></li></ul></div>
<div class="sidebar" style="display:none">扫一扫在手机打开当前页</div></div>
<div class="footer"><p>主办单位：某某市人民政府办公室 承办单位：某某市大数据中心</p>
<p>版权所有 © 某某市人民政府 网站标识码：3300000001 浙ICP备12345678号</p></div>
<script>document.write('<div>访问量 12345</div>');</script>
</body>
</html>
"""


def page_html(text: str, title: str | None = None, date: str = "2024-03-15", charset: str = "utf-8") -> str:
    paragraphs = []
    for i, line in enumerate(report_lines(text)):
        words = html.escape(line)
        if i % 3 == 1:  # pages copied from Word wrap text in spans and indent with &nbsp;
            paragraphs.append(f'<p style="text-indent:2em"><span style="font-family:仿宋_GB2312">{words}</span></p>')
        elif i % 3 == 2:
            paragraphs.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{words}</p>")
        else:
            paragraphs.append(f"<p>{words}</p>")
    return _PAGE.format(
        charset=charset,
        page_title=f"{html.escape(title)}_政务公开_某某市人民政府门户网站" if title else "政务公开_某某市人民政府门户网站",
        article_meta=f'<meta name="ArticleTitle" content="{html.escape(title)}">\n' if title else "",
        heading=f"<h1>{html.escape(title)}</h1>" if title else "",
        date=date,
        paragraphs="\n".join(paragraphs),
    )


def write_html(text: str, path: Path, title: str | None = None, gbk: bool = False) -> Path:
    if gbk:  # declared gb2312, saved as GBK: the characters beyond gb2312 are real-world
        path.write_bytes(page_html(text, title, charset="gb2312").encode("gb18030"))
    else:
        path.write_text(page_html(text, title), encoding="utf-8")
    return path


def write_mht(text: str, path: Path, title: str | None = None) -> Path:
    """What "save as single file" writes: a MIME message with the page quoted-printable."""
    import quopri

    body = quopri.encodestring(page_html(text, title, charset="gb2312").encode("gb18030")).decode("ascii")
    path.write_text(
        "From: <Saved by Windows Internet Explorer 11>\r\n"
        "Subject: =?utf-8?B?5rOV5rK75pS/5bqc?=\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----=_NextPart_000_0000"\r\n\r\n'
        "This is a multi-part message in MIME format.\r\n\r\n"
        "------=_NextPart_000_0000\r\n"
        'Content-Type: text/html; charset="gb2312"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: http://www.example.gov.cn/art/2024/3/15/art_1.html\r\n\r\n"
        f"{body}\r\n"
        "------=_NextPart_000_0000\r\n"
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
        "------=_NextPart_000_0000--\r\n",
        encoding="ascii",
        newline="",
    )
    return path


# ---------------------------------------------------------------- PDF


def write_pdf(text: str, path: Path) -> Path:
    """An official-looking PDF: indented justified paragraphs, header line, — N — footer."""
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=15, leading=26, firstLineIndent=30, wordWrap="CJK", alignment=TA_JUSTIFY)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=30)
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=32, alignment=TA_CENTER, firstLineIndent=0)

    def furniture(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, "某某市人民政府信息公开专栏")
        canvas.setFont("STSong-Light", 13)
        canvas.drawCentredString(A4[0] / 2, 40, f"— {document.page} —")
        canvas.restoreState()

    flowables = []
    for i, line in enumerate(report_lines(text)):
        style = title if i == 0 and title_of(text) else heading if standalone_heading(line) else body
        flowables.append(Paragraph(escape(line), style))
    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=80, rightMargin=74, topMargin=100, bottomMargin=90)
    document.build(flowables, onFirstPage=furniture, onLaterPages=furniture)
    return path
