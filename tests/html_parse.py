"""Read rendered pages back with the standard library's HTML parser, for tests."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageReader(HTMLParser):
    """Collects the report text as the DOM holds it (chips left out), tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report_text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._stack: list[str] = []
        self._text_depth: int | None = None
        self._chip_depth: int | None = None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        self._stack.append(tag)
        if attributes.get("id") == "report-text":
            self._text_depth = len(self._stack)
        if tag == "a" and "chip" in (attributes.get("class") or "").split():
            self._chip_depth = len(self._stack)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag in VOID or not self._stack:
            return
        depth = len(self._stack)
        if self._chip_depth == depth:
            self._chip_depth = None
        if self._text_depth == depth:
            self._text_depth = None
        if tag == "script":
            self._in_script = False
        self._stack.pop()

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        if self._text_depth is not None and self._chip_depth is None:
            self.report_text.append(data)


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader
