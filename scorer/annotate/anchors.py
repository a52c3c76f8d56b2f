"""Put a Word comment exactly on a span of the reader's text.

The reader's `Traced` text says which character of which w:t each character of the
report came from. A comment range must start and end on run boundaries, so the run
holding the first character is split before it and the run holding the last one after
it, each half keeping the run's formatting. Splitting a w:t moves the characters after
the cut into a new element; `_moved` remembers where they went, so that later comments
still find their characters.

The range markers sit next to the runs, inside whatever holds them (a hyperlink, a
content control, a tracked insertion); the run carrying the comment reference goes after
that container, at paragraph level, so that rejecting a tracked insertion or editing a
hyperlink does not take the comment with it.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml.ns import qn

from scorer.read.trace import Traced

_W_R, _W_T, _W_P, _W_RPR, _W_PPR = qn("w:r"), qn("w:t"), qn("w:p"), qn("w:rPr"), qn("w:pPr")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Anchorer:
    def __init__(self, body: Any, traced: Traced) -> None:
        self.body = body
        self.traced = traced
        self._moved: dict[Any, list[tuple[int, Any]]] = {}

    def in_file(self, start: int, end: int) -> bool:
        return any(self.traced.origin(i) is not None for i in range(start, end))

    def anchor(self, start: int, end: int, comment_id: int) -> None:
        """Mark text[start:end] as the range of comment `comment_id`.

        Characters the reader supplied (numbers, cell separators) have no place in the
        file: the range covers the first to the last character that has one. A span with
        none (text of an imported web page) is moved to the nearest line before it that
        is in the file, or the first such line.
        """
        traced = [i for i in range(start, end) if self.traced.origin(i) is not None]
        if not traced:
            line = self._line_in_file(start)
            if line is None:
                self._point(self._first_paragraph(), comment_id)
                return
            traced = [i for i in range(*line) if self.traced.origin(i) is not None]
        last_element, last_offset = self._resolve(*self.traced.origin(traced[-1]))
        end_run = self._split_after(last_element, last_offset)
        end_run.addnext(_marker("w:commentRangeEnd", comment_id))
        _paragraph_child(end_run).addnext(_reference_run(comment_id))
        first_element, first_offset = self._resolve(*self.traced.origin(traced[0]))
        start_run = self._split_before(first_element, first_offset)
        start_run.addprevious(_marker("w:commentRangeStart", comment_id))

    # -- where characters are now

    def _resolve(self, element: Any, offset: int) -> tuple[Any, int]:
        while element in self._moved:
            for cut, tail in self._moved[element]:  # latest cut first
                if offset >= cut:
                    element, offset = tail, offset - cut
                    break
            else:
                break
        return element, offset

    def _split_text(self, t: Any, offset: int) -> Any:
        """Cut a w:t at `offset`: the characters from there on go to a new w:t after it."""
        text = t.text or ""
        tail = copy.deepcopy(t)
        tail.text, t.text = text[offset:], text[:offset]
        for piece in (t, tail):
            # Word drops a w:t's edge spaces unless told to keep them.
            if piece.text != piece.text.strip():
                piece.set(_XML_SPACE, "preserve")
        t.addnext(tail)
        cuts = self._moved.setdefault(t, [])
        cuts.insert(0, (offset, tail))
        cuts.sort(key=lambda cut: -cut[0])
        return tail

    # -- run boundaries

    def _split_before(self, element: Any, offset: int) -> Any:
        """The run that now begins with this character."""
        if element.tag == _W_T and offset > 0:
            element = self._split_text(element, offset)
        return _split_run_before(element)

    def _split_after(self, element: Any, offset: int) -> Any:
        """The run that now ends with this character."""
        if element.tag == _W_T and offset + 1 < len(element.text or ""):
            self._split_text(element, offset + 1)
        following = element.getnext()
        if following is not None:
            _split_run_before(following)
        return element.getparent()

    # -- a span with nothing of the file in it

    def _line_in_file(self, position: int) -> tuple[int, int] | None:
        """The line before `position` (or else the first line) with characters from the file."""
        segments = self.traced.segments
        if not segments:
            return None
        before = [segment for segment in segments if segment[0] < position]
        at = before[-1][1] - 1 if before else segments[0][0]
        text = self.traced.plain
        return text.rfind("\n", 0, at) + 1, (text.find("\n", at) + 1 or len(text) + 1) - 1

    def _first_paragraph(self) -> Any:
        first = next(self.body.iter(_W_P), None)
        if first is None:  # a body of imported blocks only: the comment needs a paragraph
            first = self.body.makeelement(_W_P, {})
            self.body.insert(0, first)
        return first

    def _point(self, paragraph: Any, comment_id: int) -> None:
        properties = paragraph.find(_W_PPR)
        at = 0 if properties is None else paragraph.index(properties) + 1
        for offset, element in enumerate((_marker("w:commentRangeStart", comment_id), _marker("w:commentRangeEnd", comment_id), _reference_run(comment_id))):
            paragraph.insert(at + offset, element)


def _split_run_before(child: Any) -> Any:
    """Split the run holding `child` so that a run begins with it; that run is returned."""
    run = child.getparent()
    content = [c for c in run if c.tag != _W_RPR]
    index = content.index(child)
    if index == 0:
        return run
    head = run.makeelement(_W_R, dict(run.attrib))
    properties = run.find(_W_RPR)
    if properties is not None:
        head.append(copy.deepcopy(properties))
    for moved in content[:index]:
        head.append(moved)  # moves the element
    run.addprevious(head)
    return run


def _paragraph_child(run: Any) -> Any:
    """The child of the run's paragraph that holds it (the run, or its hyperlink, ...)."""
    child = run
    while child.getparent() is not None and child.getparent().tag != _W_P:
        child = child.getparent()
    # The comment range end sits right after a run that is a direct child: stay after it.
    following = child.getnext()
    if child is run and following is not None and following.tag == qn("w:commentRangeEnd"):
        return following
    return child


def _marker(tag: str, comment_id: int) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag, attrs={qn("w:id"): str(comment_id)})


def _reference_run(comment_id: int) -> Any:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    run.append(_marker("w:commentReference", comment_id))
    return run
