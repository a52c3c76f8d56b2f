"""Hand the drafter back their Word file with review comments (批注) where the report falls short.

    data = annotate_bytes(original_bytes, "草稿.docx", scored)   # the commented .docx

- on the title (or the first paragraph): the score, the grade, the required elements
  not met and the rubric used;
- on the evidence of each partial element: what is missing and the suggestion;
- on the heading of the part where each missing element belongs (the title when the
  report has no such part): what was searched and what to add;
- met elements only with `include_met`.

A .docx keeps everything else as it was; any other report becomes a new .docx of its
text with the same comments.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from scorer.annotate import messages
from scorer.annotate.anchors import Anchorer
from scorer.annotate.places import Layout, Span
from scorer.api import Evidence, ElementResult, Scored, ScorerError

DEFAULT_AUTHOR = "rolscore"
SUFFIX = "-批注.docx"

__all__ = ["annotate_bytes", "annotated_name", "plan_comments", "DEFAULT_AUTHOR", "Comment"]


@dataclass(frozen=True)
class Comment:
    span: Span  # in the report's original text
    text: str
    element: str | None  # None for the summary


def annotated_name(name: str) -> str:
    """草稿.docx -> 草稿-批注.docx (also for 草稿.pdf: the copy is a Word file)."""
    return Path(name).stem + SUFFIX


def is_docx(data: bytes, name: str) -> bool:
    from scorer.read.sniff import sniff

    kind = sniff(data)
    return kind == "docx" or (kind is None and Path(name).suffix.lower() == ".docx")


def annotate_bytes(
    data: bytes,
    name: str,
    scored: Scored,
    *,
    rubric: str | None = None,
    author: str = DEFAULT_AUTHOR,
    include_met: bool = False,
) -> bytes:
    """The commented Word file for a report `scored` from `data`.

    `rubric` is the spec the report was scored with when it is a YAML path (its parts
    decide where a missing element's comment goes); a bundled rubric is found from the
    result itself.
    """
    try:
        return _annotate(data, name, scored, rubric, author, include_met)
    except ScorerError:
        raise
    except Exception as exc:  # python-docx or lxml on a package they cannot write back
        raise ScorerError(name, f"无法在这个文件中加批注（{type(exc).__name__}）", "请用 Word 或 WPS 打开后另存为 .docx 再试") from None


def _annotate(data: bytes, name: str, scored: Scored, rubric: str | None, author: str, include_met: bool) -> bytes:
    if is_docx(data, name):
        from scorer.read.docx import trace_docx

        trace = trace_docx(name, data)
        if trace.text.plain != scored.text:
            raise ScorerError(name, "文件内容与评分时读到的不一致，无法加批注", "请对同一个文件重新评分后再加批注")
        layout = Layout.of(scored.text, scored.result, rubric, {"title": trace.title} if trace.title else None)
        document, traced = trace.document, trace.text
    else:
        from scorer.annotate.fresh import new_document

        layout = Layout.of(scored.text, scored.result, rubric)
        document, traced = new_document(layout)
    anchorer = Anchorer(document.element.body, traced)
    initials = author[:1].upper()
    for comment in plan_comments(scored, layout, include_met):
        text = comment.text
        if not anchorer.in_file(*comment.span):
            text += "\n" + messages.elsewhere(scored.text[slice(*comment.span)])
        added = document.comments.add_comment(text=text, author=author, initials=initials)
        anchorer.anchor(*comment.span, added.comment_id)
    out = io.BytesIO()
    document.save(out)
    if is_docx(data, name):
        from scorer.annotate.package import keep_untouched

        return keep_untouched(data, out.getvalue())
    return out.getvalue()


def plan_comments(scored: Scored, layout: Layout, include_met: bool = False) -> list[Comment]:
    result = scored.result
    partial = [e for e in result.elements if e.status == "partial"]
    missing = [e for e in result.elements if e.status == "missing"]
    comments = [Comment(layout.first_line(), messages.summary(result, len(partial), len(missing)), None)]
    for element in result.elements:
        if element.status == "missing":
            place = layout.home(element.id)
            comments.append(Comment(place.span, messages.missing(element, place.wanted_title, place.role_title), element.id))
        elif element.status == "partial":
            evidence = _shown_evidence(element)
            if evidence is None:
                place = layout.home(element.id)
                comments.append(Comment(place.span, messages.partial(element, None), element.id))
            else:
                comments.append(Comment((evidence.start, evidence.end), messages.partial(element, evidence.note), element.id))
        elif include_met and element.status == "met":
            evidence = _shown_evidence(element)
            span = (evidence.start, evidence.end) if evidence is not None else layout.home(element.id).span
            comments.append(Comment(span, messages.met(element), element.id))
    return comments


def _shown_evidence(element: ElementResult) -> Evidence | None:
    """The evidence that says why the element is only partly met, else the first."""
    noted = [e for e in element.evidence if e.note]
    return (noted or element.evidence or [None])[0]
