"""A rerun of `audit` must not wipe out a reviewer's work: the opinions and notes in the
workbook it replaces are carried into the new one, row by row (report and element)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from scorer.api import STATUS_TEXT, ScorerError
from scorer.labels import sheet as layout
from scorer.labels.workbook_gold import read_reviews


@dataclass(frozen=True)
class CarriedReview:
    opinion: str
    note: str
    verdict: layout.Status  # the scorer's verdict the reviewer saw

    def opinion_for(self, status: str) -> str:
        """认可 agreed with the verdict the reviewer saw; if the scorer now says something
        else, the reviewer's label is still that verdict, written out as a correction."""
        if self.opinion == layout.AGREE and status != self.verdict:
            return "改为" + STATUS_TEXT[self.verdict]
        return self.opinion


def carried_reviews(path: Path) -> dict[tuple[str, str], CarriedReview]:
    """(file, element id) -> what the reviewer filled in; nothing when there is no readable workbook."""
    if not Path(path).is_file() or _untouched(Path(path)):
        return {}
    try:
        book = read_reviews(path, strict=False)
    except ScorerError:
        return {}  # not a workbook this tool can read: there is nothing of the reviewer's in it to keep
    return {
        (review.file, review.element): CarriedReview(review.opinion, review.note, review.verdict)
        for review in book.reviews
        if review.opinion or review.note
    }


def _untouched(path: Path) -> bool:
    """Still as `audit` wrote it: nothing to carry, and no need to read ten thousand rows to know it."""
    from scorer.render.workbook import UNTOUCHED_MARK

    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == UNTOUCHED_MARK
    except (OSError, zipfile.BadZipFile):
        return False
