"""Web pages saved from a government site (.html/.htm, and .mht from "save as single file").

Only the article is read: the page's navigation, share buttons, related links, footer
and scripts are dropped. The article is the smallest part of the page that holds most
of its prose (text outside links), which works on the CMS templates government sites
use without knowing any of them. The page's title and publish date become hints for
the metadata, read first from the meta tags the national website guidelines require
(ArticleTitle, PubDate) and then from the page itself.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re

from scorer.errors import ReadError
from scorer.read import RawDocument, register
from scorer.read.text import decode as decode_text
from scorer.read.text import reads_as_chinese

# The article holds at least this share of the page's prose; a child holding this
# share of its parent's is the article, or holds it.
_DESCEND_SHARE = 0.8
_ROW_MAX = 200
_CELL_SEPARATOR = " | "
_DROPPED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "button", "select", "input", "textarea", "nav", "aside", "footer", "head", "map", "audio", "video",
)  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption", "caption", "hr",
    "table", "tbody", "thead", "tfoot", "form", "fieldset", "body", "html",
}  # fmt: skip
# The article is never one paragraph or one inline wrapper of it.
_LEAF_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "span", "font", "b", "strong", "em", "i", "u", "a"}
# class/id words of page furniture; such an element is dropped when it holds little prose.
_NOISE_WORDS = {
    "nav", "navbar", "menu", "share", "bdshare", "jiathis", "fenxiang", "footer", "foot", "copyright", "banner",
    "breadcrumb", "crumb", "crumbs", "location", "position", "weizhi", "dqwz", "sidebar", "side", "toolbar", "tools",
    "print", "dayin", "close", "search", "login", "related", "relevant", "xgxx", "xglj", "xgwz", "recommend",
    "pagebar", "pager", "pagination", "prevnext", "fontsize", "zihao", "qrcode", "erweima", "ewm", "wechat",
    "weixin", "weibo", "comment", "comments", "gotop", "backtop", "top-bar", "topbar", "header", "head", "logo",
}  # fmt: skip
_NOISE_PARTS = ("share", "breadcrumb", "fenxiang", "copyright", "qrcode", "erweima", "navbar", "footer", "sidebar", "toolbar", "pagination")
_NOISE_PROSE_MAX = 100
_PROSE_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_CHARSET = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_\-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TITLE_META = ("articletitle", "og:title", "title", "dc.title")
_DATE_META = ("pubdate", "publishdate", "article:published_time", "firstpublishedtime", "dc.date", "dcterms.issued", "og:release_date", "publish_date", "date")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_LABELLED_DATE = re.compile(r"(?:发布|发文|成文|更新)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2})")
_TITLE_MAX = 80
_REPORT_TITLE = re.compile(r"报告|報告|情况|情況|总结|總結")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--|—|-)\s*")


@register(".html", ".htm", ".shtml", ".xhtml", sniffed=("html",))
def read_html(path: str, data: bytes) -> RawDocument:
    markup, encoding = decode_html(path, data)
    return html_document(path, markup, encoding)


@register(".mht", ".mhtml", sniffed=("mht",))
def read_mht(path: str, data: bytes) -> RawDocument:
    """A page saved as a single file: MIME parts, the first HTML part is the page."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                markup, encoding = decode_html(path, payload, part.get_content_charset())
                return html_document(path, markup, encoding)
    raise ReadError(path, "网页存档（.mht）里没有网页正文", "请在浏览器中打开后另存为 .html")


def decode_html(path: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The page's own charset first (gb2312 read as its superset GB18030), then a guess."""
    declared = declared or _declared_charset(data[:4096])
    encoding = _known_encoding(declared)
    if encoding and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode(encoding)
            if reads_as_chinese(text):
                return text, encoding
        except UnicodeDecodeError:
            pass  # pages often declare one charset and are saved in another
    try:
        return decode_text(path, data)
    except ReadError:
        if encoding is None:
            raise
    # Browsers show a page with a few bad bytes; so do we, when the damage is small.
    text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > max(20, len(text) // 1000):
        raise ReadError(path, f"网页声明的编码 {declared} 与内容不符，无法解码", "请在浏览器中打开网页，另存为“网页，仅 HTML”后再试")
    return text, encoding


def _declared_charset(head: bytes) -> str | None:
    match = _XML_CHARSET.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _known_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    # gb2312/gbk pages use characters beyond their declared set; GB18030 holds them all.
    return {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}.get(encoding, encoding)


def html_document(path: str, markup: str, encoding: str) -> RawDocument:
    import lxml.html
    from lxml import etree

    markup = _CONTROL.sub("", _XML_DECLARATION.sub("", markup, count=1))
    if not markup.strip():
        raise ReadError(path, "网页是空的", "请确认保存了完整的网页")
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        raise ReadError(path, "网页内容无法解析（可能是空页面或已损坏）", "请在浏览器中打开网页，另存为“网页，仅 HTML”后再试") from None
    hints = _hints(root)
    _drop_furniture(root)
    body = root.find("body")
    article = _article(body if body is not None else root)
    lines = [line for line in _render(article) if line]
    title = hints.get("title")
    if title and not any(_squash(title) in _squash(line) for line in lines[:8]):
        lines.insert(0, title)
    return RawDocument(path=path, text="\n".join(lines), encoding=f"html（{encoding}）", hints=hints)


def _hints(root) -> dict[str, str]:
    metas = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = _SPACES.sub(" ", meta.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    hints = {}
    title = next((metas[key] for key in _TITLE_META if metas.get(key)), None) or _page_title(root)
    if title and len(title) <= _TITLE_MAX and _REPORT_TITLE.search(title):  # not a site or column name
        hints["title"] = title
    date = next((iso for key in _DATE_META if (iso := _iso_date(metas.get(key, "")))), None)
    if date is None:
        match = _LABELLED_DATE.search(_SPACES.sub(" ", root.text_content() or ""))
        date = _iso_date(match.group(1)) if match else None
    if date:
        hints["date"] = date
    return hints


def _page_title(root) -> str | None:
    for tag in ("h1", "h2"):
        for heading in root.iter(tag):
            text = _SPACES.sub(" ", heading.text_content()).strip()
            if 6 <= len(text) <= 80 and heading.find(".//a") is None:
                return text
    title = root.find(".//title")
    if title is not None and title.text:
        # <title> is "article_column_site": the article's part names a report.
        parts = [part for part in _TITLE_SPLIT.split(title.text.strip()) if part]
        return max(parts, key=lambda part: (bool(_REPORT_TITLE.search(part)), len(part))) if parts else None
    return None


def _iso_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _drop_furniture(root) -> None:
    from lxml import etree

    for comment in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(comment)
    for element in list(root.iter(*_DROPPED_TAGS)):
        _remove(element)
    prose = _prose_map(root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        style = (element.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None:
            _remove(element)
        elif _noisy(element) and prose.get(element, 0) < _NOISE_PROSE_MAX:
            _remove(element)


def _remove(element) -> None:
    """Drop an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _noisy(element) -> bool:
    words = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    tokens = [token for token in re.split(r"[\s_\-]+", words) if token]
    return any(token in _NOISE_WORDS or any(part in token for part in _NOISE_PARTS) for token in tokens)


def _article(body):
    """Descend from <body> while one child holds most of the prose."""
    prose = _prose_map(body)
    node = body
    while True:
        children = [child for child in node if isinstance(child.tag, str)]
        if not children:
            return node
        best = max(children, key=lambda child: prose.get(child, 0))
        if best.tag in _LEAF_TAGS or prose.get(best, 0) < _DESCEND_SHARE * prose.get(node, 0) or prose.get(best, 0) == 0:
            return node
        node = best


def _prose_map(root) -> dict:
    """Prose of every element, computed once bottom-up."""
    prose: dict = {}

    def count(element, in_link: bool) -> int:
        link = in_link or element.tag == "a"
        total = 0 if link else len(_PROSE_CHAR.findall(element.text or ""))
        for child in element:
            if isinstance(child.tag, str):
                total += count(child, link)
            if child.tail and not link:
                total += len(_PROSE_CHAR.findall(child.tail))
        prose[element] = total
        return total

    count(root, False)
    return prose


def _render(element) -> list[str]:
    """The element's text, one line per block, table rows as `cell | cell`."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br":
            flush()
        elif tag == "tr":
            flush()
            lines.extend(_row(node))
        elif tag in _BLOCK_TAGS:
            flush()
            current.append(node.text or "")
            for child in node:
                walk(child)
            flush()
        else:
            current.append(node.text or "")
            for child in node:
                walk(child)
        if node is not element:
            current.append(node.tail or "")

    walk(element)
    flush()
    return lines


def _row(tr) -> list[str]:
    cells = [_render(cell) for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
    if all(len(cell) <= 1 for cell in cells) and sum(len(cell[0]) for cell in cells if cell) <= _ROW_MAX:
        line = _CELL_SEPARATOR.join(cell[0] for cell in cells if cell)
        return [line] if line else []
    return [line for cell in cells for line in cell]  # a layout table holding the article


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
