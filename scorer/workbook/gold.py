"""Read a reviewer's 复核 sheet back: their opinions become gold labels.

认可 keeps the scorer's verdict as the gold label, 改为… sets it, an empty cell is not
labelled. The workbook may have been saved back by Excel, WPS or LibreOffice: the sheet
is found by name, the columns by header text, and every row is read whether a filter
hides it or not, in whatever order the reviewer sorted them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from scorer.api import STATUS_TEXT, ScorerError
from scorer.workbook import sheet as layout

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 20  # a reviewer may add a title row or two above the table
_SPACES = re.compile(r"[\s\u3000]+")
_STATUS_OF_TEXT = {text: status for status, text in STATUS_TEXT.items()}
_OPINION_HINT = "可选：" + "、".join(layout.OPINIONS) + "；未复核请留空"


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


@dataclass(frozen=True)
class Review:
    """One row of the 复核 sheet."""

    file: str  # the report's path relative to the audited folder
    element: str
    verdict: layout.Status  # what the scorer said when the workbook was written
    rubric: str | None  # the rubric the report was scored with
    opinion: str  # normalised: one of layout.OPINIONS, or "" when not reviewed
    note: str
    cell: str  # where the opinion stands, e.g. 复核!I7

    @property
    def gold(self) -> layout.Status | None:
        if self.opinion == layout.AGREE:
            return self.verdict
        return layout.CORRECTIONS.get(self.opinion)


@dataclass(frozen=True)
class ReviewedWorkbook:
    path: Path
    reviews: list[Review]  # in the sheet's row order

    def gold(self) -> dict[str, dict[str, str]]:
        """Labels in the format of seeds/expected.yaml: file -> {element id: status}; unreviewed rows left out."""
        labels: dict[str, dict[str, str]] = {}
        for review in self.reviews:
            if review.gold is not None:
                labels.setdefault(review.file, {})[review.element] = review.gold
        return labels

    def rubrics(self) -> dict[str, str]:
        """The rubric each report was scored with, where the workbook says it."""
        return {review.file: review.rubric for review in self.reviews if review.rubric}


def read_reviews(path: Path, strict: bool = True) -> ReviewedWorkbook:
    """The 复核 sheet's rows. `strict` refuses an opinion outside the dropdown's list (with its
    cell address); without it (carrying opinions into a new workbook) such a value is kept as it stands."""
    path = Path(path)
    if path.suffix.lower() == ".xls":
        raise ScorerError(str(path), "是旧版 Excel 工作簿（.xls），无法读取复核意见", "请在 Excel 或 WPS 中另存为 .xlsx")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ScorerError(str(path), "文件不存在", "请检查路径") from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError):
        raise ScorerError(str(path), "不是有效的 Excel 工作簿（.xlsx）", "请给出 rolscore audit 写出的 summary.xlsx 或复核后另存的 .xlsx 文件") from None
    except OSError as exc:
        raise ScorerError(str(path), f"无法读取：{exc.strerror or exc}", "请检查文件权限") from None
    try:
        name = _review_sheet_name(book.sheetnames)
        if name is None:
            raise ScorerError(str(path), f"工作簿中没有“{layout.SHEET_REVIEW}”工作表", "请确认这是 rolscore audit 写出的 summary.xlsx，且没有重命名“复核”工作表")
        sheet = book[name]
        sheet.reset_dimensions()  # some programs record a wrong used range; read every row there is
        return ReviewedWorkbook(path, list(_rows(path, name, sheet.iter_rows(values_only=True), strict)))
    finally:
        book.close()


def _review_sheet_name(names: list[str]) -> str | None:
    return next((name for name in names if name.strip() == layout.SHEET_REVIEW), None)


def _rows(path: Path, sheet_name: str, rows, strict: bool):
    columns: dict[str, int] | None = None
    seen: dict[tuple[str, str], Review] = {}
    for number, values in enumerate(rows, start=1):
        if columns is None:
            if number > HEADER_SEARCH_ROWS:
                break
            columns = _header(values)
            continue
        review = _review(path, sheet_name, number, values, columns, strict)
        if review is None:
            continue
        key = (review.file, review.element)
        earlier = seen.get(key)
        if earlier is not None and earlier.gold != review.gold and earlier.opinion and review.opinion:
            raise ScorerError(str(path), f"{earlier.cell} 与 {review.cell} 是同一报告同一要素（{review.file} {review.element}），复核意见却不同", "请删除重复的行或统一复核意见")
        if earlier is None or (review.opinion and not earlier.opinion):
            seen[key] = review
    if columns is None:
        raise ScorerError(str(path), f"“{sheet_name}”工作表中找不到列标题“{layout.REVIEW_OPINION}”和“{layout.KEY_ELEMENT}”", "请不要修改列标题或删除隐藏的“（勿改）”列；可重新运行 rolscore audit 生成工作簿")
    return sorted(seen.values(), key=lambda review: _row_of(review.cell))


def _header(values) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for col, value in enumerate(values or ()):
        if isinstance(value, str):
            found.setdefault(_SPACES.sub("", value), col)
    needed = (layout.REVIEW_OPINION, layout.KEY_FILE, layout.KEY_ELEMENT)
    if not all(name in found for name in needed):
        return None
    if layout.KEY_VERDICT not in found and layout.REVIEW_VERDICT not in found:
        return None
    return found


def _text(values, col: int | None) -> str:
    if col is None or col >= len(values) or values[col] is None:
        return ""
    value = values[col]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _review(path: Path, sheet_name: str, number: int, values, columns: dict[str, int], strict: bool) -> Review | None:
    values = tuple(values or ())
    opinion_col = columns[layout.REVIEW_OPINION]
    cell = f"{sheet_name}!{get_column_letter(opinion_col + 1)}{number}"
    file = _text(values, columns[layout.KEY_FILE])
    element = _text(values, columns[layout.KEY_ELEMENT]).strip()
    raw_opinion = _text(values, opinion_col)
    opinion = _SPACES.sub("", raw_opinion)
    if not file and not element:
        if opinion:
            raise ScorerError(str(path), f"{cell} 填了复核意见，但该行隐藏的“{layout.KEY_FILE}”“{layout.KEY_ELEMENT}”为空", "请不要清除隐藏的“（勿改）”列；可从原工作簿复制回来")
        return None  # a blank or added row
    if not file or not element:
        raise ScorerError(str(path), f"第 {number} 行缺少“{layout.KEY_FILE if not file else layout.KEY_ELEMENT}”", "请不要修改隐藏的“（勿改）”列")
    if opinion and opinion not in layout.OPINIONS:
        if strict:
            raise ScorerError(str(path), f"{cell} 的复核意见“{raw_opinion.strip()}”无法识别", _OPINION_HINT)
        opinion = raw_opinion.strip()
    verdict = _verdict(values, columns)
    if verdict is None:
        raise ScorerError(str(path), f"第 {number} 行的评分结果无法识别", f"请不要修改“{layout.KEY_VERDICT}”列和“{layout.REVIEW_VERDICT}”列")
    rubric = _text(values, columns.get(layout.KEY_RUBRIC)).strip() or None
    return Review(file, element, verdict, rubric, opinion, _text(values, columns.get(layout.REVIEW_NOTE)).strip(), cell)


def _verdict(values, columns: dict[str, int]) -> layout.Status | None:
    key = _text(values, columns.get(layout.KEY_VERDICT)).strip()
    if key in STATUS_TEXT:
        return key  # type: ignore[return-value]
    return _STATUS_OF_TEXT.get(_text(values, columns.get(layout.REVIEW_VERDICT)).strip())  # type: ignore[return-value]


def _row_of(cell: str) -> int:
    return int(re.search(r"(\d+)$", cell).group(1))  # type: ignore[union-attr]
