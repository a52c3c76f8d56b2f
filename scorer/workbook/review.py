"""The 复核 sheet: one row per report and element, with the scorer's verdict, the first
evidence quote and its explanation, and the cells the reviewer fills in (an opinion from
a dropdown, a note). Hidden key columns let `scorer.workbook.gold` read it back
however the reviewer sorted, filtered or extended it.

Rows are written one at a time (constant-memory mode), each report's full result read
from its line of results.jsonl in ranking order: the texts never all sit in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from scorer.api import STATUS_TEXT
from scorer.engine.summary import Row
from scorer.workbook import sheet as layout
from scorer.workbook.carry import CarriedReview
from scorer.render.cjk_width import lines_needed
from scorer.workbook.style import LINE_POINTS, Styles, Widths, header_row

QUOTE_LIMIT = 1000  # characters of the first evidence quote; the scorecard page has the rest
REVIEW_ROW_LINES = 5  # a long quote shows its start; the cell (and the scorecard) has the rest
REVIEW_HEADERS = [*layout.VISIBLE_COLUMNS, *layout.KEY_COLUMNS]
_COL = {name: i for i, name in enumerate(REVIEW_HEADERS)}
WRAPPED_TEXTS = {layout.REVIEW_QUOTE: 50.0, layout.REVIEW_EXPLANATION: 36.0}
WRAPPED = {_COL[name]: width for name, width in WRAPPED_TEXTS.items()} | {_COL[layout.REVIEW_NOTE]: 30.0}


@dataclass(frozen=True)
class _Report:
    rank: int
    relative: str
    agency: str
    rubric: str
    elements: list[dict]


def scored_reports(rows: list[Row], ranking: list[Row], results_jsonl: Path) -> Iterator[_Report]:
    """The scored reports in ranking order, each with its full result from results.jsonl."""
    position = {id(row): i for i, row in enumerate(rows)}
    offsets: list[int] = []
    with open(results_jsonl, "rb") as lines:
        start = 0
        for line in lines:
            offsets.append(start)
            start += len(line)
        rank = 0
        for row in ranking:
            if row.summary is None:
                continue
            rank += 1
            lines.seek(offsets[position[id(row)]])
            data = json.loads(lines.readline())
            yield _Report(rank, row.relative, row.summary.agency or "", data["rubric"]["id"], data["elements"])


def review_sheet(sheet: Worksheet, styles: Styles, reports: Iterator[_Report], carried: dict[tuple[str, str], CarriedReview]) -> int:
    """Returns how many of the carried reviews found their row."""
    fixed = dict(WRAPPED)
    fixed[_COL[layout.REVIEW_OPINION]] = 14.0
    widths = Widths(REVIEW_HEADERS, fixed)
    header_row(sheet, styles, REVIEW_HEADERS, fixed, highlight={_COL[layout.REVIEW_OPINION], _COL[layout.REVIEW_NOTE]})
    r = kept = 0
    for report in reports:
        for element in report.elements:
            status = element["status"]
            if status == "na":  # a check this report could not be given (no publication date): nothing to review
                continue
            r += 1
            evidence = element["evidence"]
            quote = evidence[0]["quote"] if evidence else ""
            if len(quote) > QUOTE_LIMIT:
                quote = quote[:QUOTE_LIMIT] + "…"
            review = carried.get((report.relative, element["id"]))
            texts = {
                layout.REVIEW_AGENCY: report.agency,
                layout.REVIEW_FILE: report.relative,
                layout.REVIEW_ELEMENT: element["title"],
                layout.REVIEW_REQUIRED: "必备" if element["required"] else "",
                layout.REVIEW_QUOTE: quote,
                layout.REVIEW_EXPLANATION: element["explanation"],
                layout.KEY_FILE: report.relative,
                layout.KEY_ELEMENT: element["id"],
                layout.KEY_VERDICT: status,
                layout.KEY_RUBRIC: report.rubric,
            }
            # Set before the row's cells: Excel and LibreOffice do not always grow a row to its wrapped text.
            lines = max(lines_needed(texts[name], width) for name, width in WRAPPED_TEXTS.items())
            sheet.set_row(r, min(REVIEW_ROW_LINES, lines) * LINE_POINTS + 4)
            sheet.write_number(r, 0, report.rank, styles.integer)
            for name, text in texts.items():
                col = _COL[name]
                if text:
                    styles.string(sheet, r, col, text, wrap=col in WRAPPED)
                    widths.see(col, text)
            styles.string(sheet, r, _COL[layout.REVIEW_VERDICT], STATUS_TEXT[status], fmt=styles.verdicts[status])
            # The reviewer's cells get their fill even when empty: that is where to type.
            opinion, note = (review.opinion_for(status), review.note) if review else ("", "")
            if review is not None:
                kept += 1
            if opinion:
                sheet.write_string(r, _COL[layout.REVIEW_OPINION], opinion, styles.opinion)
            else:
                sheet.write_blank(r, _COL[layout.REVIEW_OPINION], None, styles.opinion)
            if note:
                styles.string(sheet, r, _COL[layout.REVIEW_NOTE], note, wrap=True)
    keys = {_COL[name] for name in layout.KEY_COLUMNS}
    widths.apply(sheet, hidden=keys)
    opinion_col = _COL[layout.REVIEW_OPINION]
    if r:
        sheet.data_validation(1, opinion_col, r, opinion_col, {
            "validate": "list",
            "source": list(layout.OPINIONS),
            "ignore_blank": True,
            "input_title": "复核意见",
            "input_message": "认可：评分结果正确\n改为…：评分有误，应为所选结果\n留空：尚未复核",
            "error_title": "复核意见无法识别",
            "error_message": "请从下拉列表中选择：认可、改为已满足、改为部分满足、改为缺失；未复核请留空。",
            "error_type": "stop",
        })
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, r, len(REVIEW_HEADERS) - 1)
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&C第 &P 页，共 &N 页")
    return kept
