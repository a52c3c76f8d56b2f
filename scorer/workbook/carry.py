"""A rerun of `audit` must not wipe out a reviewer's work: the opinions and notes in the
workbook it replaces are carried into the new one, row by row (report and element)."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scorer.api import STATUS_TEXT, ScorerError
from scorer.workbook import sheet as layout
from scorer.workbook.gold import read_reviews


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
    from scorer.workbook.writer import UNTOUCHED_MARK

    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == UNTOUCHED_MARK
    except (OSError, zipfile.BadZipFile):
        return False


@dataclass(frozen=True)
class Carried:
    kept: int  # reviews that found their report and element in the new workbook
    lost: int  # reviews whose report or element is gone from this audit
    previous: Path | None  # where the replaced workbook was kept, when reviews were lost


def rewrite_keeping_reviews(path: Path, write: Callable[[dict[tuple[str, str], CarriedReview]], int], source: Path | None = None) -> Carried:
    """Call `write` (which writes the new workbook to `path` and returns how many of the given
    reviews it placed), carrying the reviews of `source` (the workbook it replaces, by default
    `path` itself); if some found no row, the replaced workbook stays beside the new one, not lost."""
    path = Path(path)
    source = Path(source) if source is not None else path
    carried = carried_reviews(source)
    previous = path.with_name(f"{path.stem}.上次{path.suffix}") if carried else None
    if previous is not None:
        try:
            shutil.copy2(source, previous)
        except OSError as exc:
            raise ScorerError(str(previous), f"无法保存上次的工作簿：{exc.strerror or exc}", "其中有复核意见，为免丢失未覆盖；请检查输出目录的写入权限") from None
    kept = write(carried)
    lost = len(carried) - kept
    if previous is not None and not lost:
        previous.unlink(missing_ok=True)
        previous = None
    return Carried(kept, lost, previous)
