"""`rolscore evaluate --format html`: one self-contained page for a rubric author.

The per-element table, the confusion matrices, every disagreement and every verdict quoted
from another sentence than the reviewer's, each with an excerpt of the report where the
scorer's evidence and the reviewer's snippet are both highlighted. Like the scorecards,
the page has no link to the network and only its own inline (empty) script may run.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from scorer.authoring.agreement import STATUSES, Evaluation
from scorer.authoring.overlap import locate
from scorer.render.pages import _environment, _now, page_assets, text_html

CONTEXT = 120  # characters of text shown either side of a highlight


@dataclass
class Item:
    file: str
    element: str
    title: str
    gold: str
    got: str
    explanation: str
    evidence: list[str]
    snippet: str | None
    excerpt: Markup
    snippet_found: bool


def render_evaluation(evaluation: Evaluation) -> str:
    titles = {stats.id: stats.title for stats in evaluation.elements}
    disagreements = [
        _item(evaluation, d.file, d.element, titles, d.gold, d.got, d.explanation, d.evidence, d.evidence_spans, d.snippet)
        for d in evaluation.disagreements
    ]
    misses = []
    if evaluation.overlap is not None:
        for case in evaluation.overlap.misses:
            misses.append(_item(evaluation, case.file, case.element, titles, "", "", "", case.evidence, case.evidence_spans, case.snippet))
    template = _environment().get_template("evaluate.html.j2")
    return template.render(
        e=evaluation,
        STATUSES=STATUSES,
        disagreements=disagreements,
        misses=misses,
        overlap=evaluation.overlap,
        **page_assets("evaluate"),
        generated=_now(),
    )


def _item(evaluation, name, element, titles, gold, got, explanation, evidence, spans, snippet) -> Item:
    text = evaluation.texts.get(name, "")
    snippet_spans = locate(snippet, text) if snippet else []
    return Item(name, element, titles.get(element, element), gold, got, explanation, evidence, snippet,
                excerpt(text, spans, snippet_spans), bool(snippet_spans))


def excerpt(text: str, scorer: list[tuple[int, int]], reviewer: list[tuple[int, int]]) -> Markup:
    """The stretches of `text` around the highlights, each highlight marked by whose it is."""
    marks = [(s, e, "scorer") for s, e in scorer if 0 <= s < e <= len(text)]
    marks += [(s, e, "reviewer") for s, e in reviewer if 0 <= s < e <= len(text)]
    if not marks:
        return Markup("")
    windows: list[list[int]] = []
    for start, end, _ in sorted(marks):
        left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
        if windows and left <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], right)
        else:
            windows.append([left, right])
    out = []
    for left, right in windows:
        out.append('<p class="ex">' + ("…" if left > 0 else ""))
        cuts = sorted({left, right} | {p for s, e, _ in marks for p in (s, e) if left < p < right})
        for a, b in zip(cuts, cuts[1:]):
            whose = {kind for s, e, kind in marks if s <= a and b <= e}
            piece = str(text_html(text[a:b]))
            if whose:
                kind = "both" if len(whose) == 2 else whose.pop()
                piece = f'<mark class="{kind}">{piece}</mark>'
            out.append(piece)
        out.append(("…" if right < len(text) else "") + "</p>")
    return Markup("".join(out))

