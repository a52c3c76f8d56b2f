"""Cut a report's text into pieces, each knowing which evidence quotes cover it.

Evidence of different elements may overlap (one sentence can prove two elements), so the
text is cut at every start and end of a quote; the page then wraps each covered piece in
one highlight listing all the quotes it belongs to, and never nests or crosses tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.engine.results import ElementResult, ReportResult, Status

# Which colour a piece takes when quotes of different status cover it: the weaker verdict,
# because that is the one the drafter has to look at.
_PRIORITY: dict[Status, int] = {"missing": 0, "partial": 1, "met": 2, "na": 3}


@dataclass(frozen=True)
class Quote:
    anchor: str  # the HTML id of the quote's start in the text
    element: str
    title: str
    status: Status
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    text: str
    quotes: tuple[Quote, ...]  # the quotes covering this piece
    starts: tuple[Quote, ...]  # the quotes that begin with this piece

    @property
    def status(self) -> Status | None:
        if not self.quotes:
            return None
        return min((quote.status for quote in self.quotes), key=_PRIORITY.__getitem__)

    @property
    def anchors(self) -> str:
        return " ".join(quote.anchor for quote in self.quotes)


def anchor_for(element: ElementResult, number: int) -> str:
    return f"ev-{element.id}-{number}"


def quotes_of(result: ReportResult, text_length: int) -> list[Quote]:
    """Every evidence quote, its offsets clamped to the text so a bad offset cannot break the page."""
    quotes = []
    for element in result.elements:
        for number, evidence in enumerate(element.evidence, start=1):
            start = max(0, min(evidence.start, text_length))
            end = max(start, min(evidence.end, text_length))
            quotes.append(Quote(anchor_for(element, number), element.id, element.title, element.status, start, end))
    return quotes


def pieces(text: str, quotes: list[Quote]) -> list[Piece]:
    """`text` cut at every quote boundary; the pieces joined give `text` back exactly."""
    cuts = sorted({0, len(text)} | {q.start for q in quotes} | {q.end for q in quotes})
    result: list[Piece] = []
    for left, right in zip(cuts, cuts[1:]):
        covering = tuple(q for q in quotes if q.start <= left and right <= q.end and q.start < q.end)
        starting = tuple(q for q in quotes if q.start == left)
        result.append(Piece(text[left:right], covering, starting))
    # An empty quote at the very end still needs its anchor.
    trailing = tuple(q for q in quotes if q.start == len(text))
    if trailing:
        result.append(Piece("", (), trailing))
    return result
