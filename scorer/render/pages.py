"""HTML pages: one scorecard per report and the index of an audit.

Every page is one self-contained file: CSS and script inline, no fonts or links to the
network, because government networks are often offline and pages are mailed around.
Everything that comes from a report is escaped by jinja2's autoescape; as a second line
of defence each page carries a Content-Security-Policy that lets only its own inline
script (by hash) run, so even a slip in escaping could not run a report's `<script>`.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from scorer import __version__
from scorer.render.highlight import Piece, anchor_for, pieces, quotes_of
from scorer.engine.results import STATUS_TEXT, ElementResult, ReportResult
from scorer.visible import for_page

if TYPE_CHECKING:
    from scorer.engine.summary import Row, Totals

STATUS_MARK = {"met": "✔", "partial": "◐", "missing": "✘", "na": "—"}
GRADE_CLASS = {"优秀": "excellent", "良好": "good", "合格": "pass", "不合格": "fail"}


@dataclass(frozen=True)
class Asset:
    """A piece of inline CSS or script, with the hash a CSP needs to allow it."""

    text: Markup
    sha256: str


@lru_cache(maxsize=None)
def _asset(name: str) -> Asset:
    text = resources.files("scorer.render").joinpath("templates", name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Asset(Markup(text), f"sha256-{digest}")


def page_assets(page: str) -> dict[str, object]:
    """A page's own CSS and script (`<page>.css`, `<page>.js`) and the hash its CSP allows the script by."""
    script = _asset(f"{page}.js")
    return {"page_css": _asset(f"{page}.css").text, "script": script.text, "script_hash": script.sha256}


def text_html(value: str) -> Markup:
    """Escape report text so that the browser's DOM holds exactly `value`.

    Beyond the usual escaping, a carriage return is written as a character reference
    (HTML parsing would fold a literal one into the next line feed), and so is NUL,
    which no HTML page can carry (browsers show it as U+FFFD).
    """
    escaped = str(escape(value))
    if "\r" in escaped or "\0" in escaped:
        escaped = escaped.replace("\r", "&#13;").replace("\0", "&#65533;")
    return Markup(escaped)


def report_text_html(text_pieces: list[Piece]) -> Markup:
    """The report's text with its evidence lit: chips where quotes begin, one mark per
    covered piece. Built here rather than in the template: a page has hundreds of
    pieces, and this loop is most of a page's rendering time."""
    out: list[str] = []
    for piece in text_pieces:
        for quote in piece.starts:
            title = escape(quote.title)
            out.append(
                f'<a class="chip st-{escape(quote.status)}" id="{escape(quote.anchor)}" href="#el-{escape(quote.element)}" '
                f'title="{title}：{escape(STATUS_TEXT[quote.status])}（点击回到该要素）">{title}</a>'
            )
        if piece.quotes:
            out.append(f'<mark class="hl st-{escape(piece.status)}" data-ev="{escape(piece.anchors)}">{text_html(piece.text)}</mark>')
        else:
            out.append(text_html(piece.text))
    return Markup("".join(out))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("scorer.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["text"] = text_html
    env.filters["num"] = _num
    env.filters["name"] = for_page  # a file name: its bidi controls shown, not obeyed
    env.filters["pct"] = lambda share: f"{share * 100:.0f}%"
    env.filters["short"] = short_title
    env.filters["titles"] = lambda ids, totals: [totals.title(i) for i in ids]
    env.globals.update(
        STATUS_TEXT=STATUS_TEXT,
        STATUS_MARK=STATUS_MARK,
        GRADE_CLASS=GRADE_CLASS,
        version=__version__,
        css=_asset("base.css").text,
    )
    return env


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _now() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def short_title(title: str, limit: int = 12) -> str:
    """A heat-map column head stands one character per line; long titles are cut (full on hover)."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


def quote_parts(quote: str, matched: str) -> tuple[str, str, str]:
    """The quote split around the words that triggered the hit, to show them in bold."""
    where = quote.find(matched) if matched else -1
    if where < 0:
        return quote, "", ""
    return quote[:where], matched, quote[where + len(matched) :]


def _to_fix(result: ReportResult) -> list[ElementResult]:
    """What the drafter must fix: missing before partial, required first, heaviest first."""
    open_items = [e for e in result.elements if e.status in ("partial", "missing")]
    return sorted(open_items, key=lambda e: (e.status != "missing", not e.required, -e.weight))


def render_scorecard(result: ReportResult, text: str, index_href: str | None = None, generated: str | None = None, previous: dict | None = None) -> str:
    """One report's page: verdicts with reasons and suggestions, and its text with evidence lit;
    with `previous` (an audit with `--previous`), the comparison with last year's report too."""
    counts = {status: sum(1 for e in result.elements if e.status == status) for status in STATUS_TEXT}
    template = _environment().get_template("scorecard.html.j2")
    return template.render(
        r=result,
        meta=result.metadata,
        counts=counts,
        to_fix=_to_fix(result),
        report_text=report_text_html(pieces(text, quotes_of(result, len(text)))),
        anchor_for=anchor_for,
        quote_parts=quote_parts,
        index_href=index_href,
        previous=previous,
        **page_assets("scorecard"),
        generated=generated or _now(),
    )


def render_index(
    rows: list[Row],
    totals: Totals,
    rubric_label: str,
    skipped: dict[str, list[str]],
    source: str,
    generated: str | None = None,
) -> str:
    return "".join(index_chunks(rows, totals, rubric_label, skipped, source, generated))


def index_chunks(
    rows: list[Row],
    totals: Totals,
    rubric_label: str,
    skipped: dict[str, list[str]],
    source: str,
    generated: str | None = None,
    across: dict | None = None,
) -> Iterator[str]:
    """The audit's front page, piece by piece (an index of ten thousand reports is written
    as it is rendered, never held whole): figures, the ranking with its heat map, and the
    elements most often missed. `rows` come in ranking order; a row's scorecard link is its `page`.
    `across` holds what was found across reports (see `scorer.cli.audit_across`): reports of
    different agencies sharing most sentences, and the comparison with last year's reports.
    """
    template = _environment().get_template("index.html.j2")
    return template.generate(
        rows=rows,
        totals=totals,
        rubric_label=rubric_label,
        skipped=skipped,
        source=source,
        across=across or {},
        **page_assets("index"),
        generated=generated or _now(),
    )
