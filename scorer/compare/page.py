"""`compare --html PAGE`: the comparison as one self-contained page, copied sentences lit in NEW's text."""

from __future__ import annotations

from markupsafe import Markup

from scorer.compare.model import CHANGE_TEXT, FOLLOW_TEXT, HIGH, SOME, Comparison
from scorer.render.pages import _environment, _now, page_assets, text_html


def _lit_text(c: Comparison) -> Markup:
    spans = sorted((p.new.start, p.new.end, "boiler" if p.weight == 0 else "copied", i) for i, p in enumerate(_ranked(c), 1))
    out, at = [], 0
    text = c.new.text
    for start, end, kind, number in spans:
        if start < at:
            continue
        out.append(text_html(text[at:start]))
        out.append(f'<mark class="{kind}" id="cp-{number}">{text_html(text[start:end])}</mark>')
        at = end
    out.append(text_html(text[at:]))
    return Markup("".join(out))


def _ranked(c: Comparison):
    return sorted(c.copied.pairs, key=lambda p: p.new.start)


def render_comparison_html(c: Comparison, generated: str | None = None) -> str:
    share = c.copied.share
    new_label = c.new_label
    return _environment().get_template("compare.html.j2").render(
        c=c,
        sides=[(c.old_label, c.old), (new_label, c.new)],
        new_label=new_label,
        pairs=_ranked(c),
        follow=[(f"{c.old_label}的工作安排是否落实", c.promises), (f"{c.old_label}所列问题是否整改", c.problems)],
        level="high" if share >= HIGH else "some" if share >= SOME else "low",
        new_text=_lit_text(c),
        CHANGE_TEXT=CHANGE_TEXT,
        FOLLOW_TEXT=FOLLOW_TEXT,
        **page_assets("compare"),
        generated=generated or _now(),
    )
