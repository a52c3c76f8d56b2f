"""summary.xlsx: the reviewer's workbook, written with XlsxWriter.

Four sheets: 排名 (one row per report, the heat map of marks), 要素 (how often each
element is met, partly met or missing), 复核 (one row per report and element, with a
dropdown for the reviewer's opinion: the way corrections come back as gold labels, see
`scorer.workbook.gold`) and 说明 (rubric, date, how the score is computed).

Written in XlsxWriter's constant-memory mode, row by row: ten thousand reports make two
hundred thousand review rows, which must not all sit in memory as cells. The evidence
quotes come from results.jsonl, read one line at a time in ranking order.

Every text goes in with `write_string`, so nothing a report says becomes a formula, a
link or a number. Text that starts like a formula also gets Excel's quote prefix, the
workbook's form of the leading ' in summary.csv: Excel shows it verbatim and keeps it
text even when the cell is edited, while the value itself (a file name the read-back
matches on, a quote that must equal the report) stays unchanged.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.worksheet import Worksheet

from scorer.api import ScorerError
from scorer.batch.atomic import write_bytes
from scorer.engine.summary import GRADES, Row, Totals
from scorer.workbook import sheet as layout
from scorer.workbook.carry import CarriedReview
from scorer.render.cjk_width import column_width, display_width, lines_needed
from scorer.workbook.review import review_sheet, scored_reports
from scorer.workbook.style import LINE_POINTS, MARK, NOT_APPLICABLE, Styles, shown_status, Widths, header_row, print_setup

# Kept only until another program saves the file (Excel, WPS, LibreOffice and openpyxl all
# write a new archive): a workbook that still has it holds no reviewer's input to carry.
UNTOUCHED_MARK = b"rolscore audit: not edited since written"
ELEMENT_COLUMN_WIDTH = 9.0  # four Chinese characters a line, the title wraps


@dataclass(frozen=True)
class WorkbookContext:
    rubric_label: str  # how the rubric was chosen, as the index page says it
    source: str  # the audited folder, as the user named it
    generated: datetime
    grades: tuple[float, float, float]  # excellent, good, passing thresholds


def write_workbook(
    path: Path,
    rows: list[Row],
    ranking: list[Row],
    totals: Totals,
    results_jsonl: Path,
    context: WorkbookContext,
    carried: dict[tuple[str, str], CarriedReview] | None = None,
) -> int:
    """Write the workbook to a scratch file beside `path`, then atomically over `path`: a reader never sees half of it.

    `rows` are in results.jsonl's order (line i is rows[i]); `ranking` is the same rows ranked.
    `carried` keeps a reviewer's opinions from the workbook this one replaces; returns how
    many of them found their report and element again.
    """
    target = Path(path)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(handle)
    try:
        book = xlsxwriter.Workbook(
            temp,
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "tmpdir": str(target.parent)},
        )
        book.set_properties({"title": "法治政府建设年度报告评审汇总", "subject": context.rubric_label, "comments": "rolscore audit"})
        styles = Styles(book)
        _ranking_sheet(book.add_worksheet(layout.SHEET_RANKING), styles, ranking, totals)
        _elements_sheet(book.add_worksheet(layout.SHEET_ELEMENTS), styles, totals)
        kept = review_sheet(book.add_worksheet(layout.SHEET_REVIEW), styles, scored_reports(rows, ranking, results_jsonl), carried or {})
        _notes_sheet(book.add_worksheet(layout.SHEET_NOTES), styles, totals, context)
        book.close()
        with zipfile.ZipFile(temp, "a") as archive:
            archive.comment = UNTOUCHED_MARK
        write_bytes(target, Path(temp).read_bytes())
        return kept
    except (OSError, XlsxWriterException) as exc:
        raise ScorerError(str(target), f"无法写入工作簿：{exc}", "请检查磁盘空间和写入权限；若文件正在 Excel 中打开，请先关闭") from None
    finally:
        _unlink(temp)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# ---- 排名 ----------------------------------------------------------------------------

RANKING_HEADERS = ["排名", "报告单位", "文件", "评分细则", "报告年度", "得分", "等级", "未满足的必备要素", "评分卡"]
FROZEN_COLUMNS = 3  # rank, agency, file stay in view while the marks scroll
UNMET_WIDTH = 30.0
FAILED_HEADER = "无法评分的原因"
FAILED_WIDTH = 40.0
FAILING_GRADE = GRADES[-1]
LINK_TEXT = "打开评分卡"


def _ranking_sheet(sheet: Worksheet, styles: Styles, ranking: list[Row], totals: Totals) -> None:
    failures = any(row.summary is None for row in ranking)
    headers = RANKING_HEADERS + ([FAILED_HEADER] if failures else [])
    col = {name: i for i, name in enumerate(headers)}
    first_mark = len(headers)
    headers += [tally.title for tally in totals.elements]
    fixed = {c: ELEMENT_COLUMN_WIDTH for c in range(first_mark, len(headers))}
    fixed[col["未满足的必备要素"]] = UNMET_WIDTH
    if failures:
        fixed[col[FAILED_HEADER]] = FAILED_WIDTH
    widths = Widths(headers, fixed)
    header_row(sheet, styles, headers, fixed)
    titles = {tally.id: tally.title for tally in totals.elements}
    rank = 0
    for r, row in enumerate(ranking, start=1):
        result = row.summary
        if result is None:
            error = row.error or ""
            sheet.set_row(r, lines_needed(error, FAILED_WIDTH) * LINE_POINTS + 4)
            styles.string(sheet, r, col["文件"], row.relative)
            widths.see(col["文件"], row.relative)
            styles.string(sheet, r, col[FAILED_HEADER], error, wrap=True, fmt=styles.failed)
            continue
        rank += 1
        unmet = "、".join(titles.get(i, i) for i in result.required_missing)
        sheet.set_row(r, lines_needed(unmet, UNMET_WIDTH) * LINE_POINTS + 4)
        sheet.write_number(r, col["排名"], rank, styles.integer)
        texts = {"报告单位": result.agency or "", "文件": row.relative, "评分细则": result.rubric_id, "等级": result.grade, "未满足的必备要素": unmet}
        for name, text in texts.items():
            if text:
                bad = name == "等级" and result.grade == FAILING_GRADE
                styles.string(sheet, r, col[name], text, wrap=name == "未满足的必备要素", fmt=styles.bad_grade if bad else None)
                widths.see(col[name], text)
        if result.year is not None:
            sheet.write_number(r, col["报告年度"], result.year, styles.integer)
        sheet.write_number(r, col["得分"], result.score, styles.score)
        if row.page:
            sheet.write_url(r, col["评分卡"], "external:" + row.page, styles.link, LINK_TEXT, "在浏览器中打开该报告的评分卡（与本工作簿在同一输出目录中）")
            widths.see(col["评分卡"], LINK_TEXT)
        for offset, tally in enumerate(totals.elements):
            status = result.statuses.get(tally.id)
            status = shown_status(status)
            sheet.write_string(r, first_mark + offset, MARK[status] if status else NOT_APPLICABLE, styles.marks[status])
    column_widths = widths.apply(sheet)
    sheet.freeze_panes(1, FROZEN_COLUMNS)
    sheet.autofilter(0, 0, len(ranking), len(headers) - 1)
    print_setup(sheet, column_widths, landscape=True, repeat_columns=FROZEN_COLUMNS)


# ---- 要素 ----------------------------------------------------------------------------

ELEMENT_HEADERS = ["要素", "必备", "缺失", "部分满足", "已满足", "适用报告", "满足率"]


def _elements_sheet(sheet: Worksheet, styles: Styles, totals: Totals) -> None:
    fixed = {col: 9.0 for col in range(1, len(ELEMENT_HEADERS))}
    widths = Widths(ELEMENT_HEADERS, fixed)
    header_row(sheet, styles, ELEMENT_HEADERS, fixed)
    ordered = totals.most_missed()
    for r, tally in enumerate(ordered, start=1):
        styles.string(sheet, r, 0, tally.title)
        widths.see(0, tally.title)
        if tally.required:
            sheet.write_string(r, 1, "必备", styles.text)
        sheet.write_number(r, 2, tally.counts["missing"], styles.verdicts["missing"] if tally.counts["missing"] else styles.integer)
        sheet.write_number(r, 3, tally.counts["partial"], styles.verdicts["partial"] if tally.counts["partial"] else styles.integer)
        sheet.write_number(r, 4, tally.counts["met"], styles.integer)
        sheet.write_number(r, 5, tally.total, styles.integer)
        sheet.write_number(r, 6, tally.share("met"), styles.percent)
    last = len(ordered)
    column_widths = widths.apply(sheet)
    if last:
        sheet.conditional_format(1, 6, last, 6, {"type": "data_bar", "bar_color": "#2F9E55", "min_type": "num", "min_value": 0, "max_type": "num", "max_value": 1})
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, last, len(ELEMENT_HEADERS) - 1)
    print_setup(sheet, column_widths, landscape=False)


# ---- 说明 ----------------------------------------------------------------------------


def _notes_sheet(sheet: Worksheet, styles: Styles, totals: Totals, context: WorkbookContext) -> None:
    excellent, good, passing = context.grades
    used = "、".join(f"{rubric} {count} 份" for rubric, count in totals.rubrics.items()) or "—"
    mean = "—" if totals.mean is None else f"{totals.mean:g}"
    median = "—" if totals.median is None else f"{totals.median:g}"
    lines: list[tuple[str, str]] = [
        ("评分细则", context.rubric_label),
        ("所用细则", used),
        ("报告目录", context.source),
        ("生成时间", context.generated.strftime("%Y-%m-%d %H:%M")),
        ("报告份数", f"共 {totals.files} 份：评分 {totals.scored} 份，无法评分 {totals.failed} 份；另跳过 {totals.skipped} 个非报告文件"),
        ("平均分 / 中位数", f"{mean} / {median}"),
        ("得分计算", "得分 = 各要素得分之和 ÷ 各要素权重之和 × 100。已满足得该要素的全部权重，部分满足得一半，缺失不得分。权重见评分细则。"),
        ("等级", f"{excellent:g} 分以上优秀，{good:g} 分以上良好，{passing:g} 分以上合格，其余不合格。"
         "“未满足的必备要素”列出没有完全满足的必备要素。"),
        ("标记", ""),
        (MARK["met"], "已满足：报告写了这一要素，并有原文依据"),
        (MARK["partial"], "部分满足：只写了一部分，或只出现在下一年度安排、问题部分、否定或待改进的表述中"),
        (MARK["missing"], "缺失：没有找到能证明这一要素的表述"),
        (NOT_APPLICABLE, "不适用：该报告所用的细则没有这一要素，或无法在该报告上检查（如找不到发布日期）"),
        ("排名", "每份报告一行，按得分从高到低；“评分卡”链接打开输出目录 reports/ 中该报告的网页评分卡（请保持本工作簿与 reports/ 在同一目录）。"),
        ("要素", "各要素的缺失、部分满足、已满足份数，缺失最多的在前；满足率按适用的报告计算。"),
        ("复核", "每份报告的每个要素一行：评分结果、第一处原文依据和评分说明。请在“复核意见”列下拉选择：认可（评分正确）、"
         "改为已满足 / 改为部分满足 / 改为缺失（评分有误）；未复核的留空。“备注”可填写理由。可以排序、筛选、增加列，"
         "但请不要修改工作表名称“复核”、列标题和隐藏的“（勿改）”列。"),
        ("复核结果的用途", "复核意见即人工标注：rolscore evaluate --gold summary.xlsx 报告目录 统计评分与复核意见的一致率和每一处不一致；"
         "rolscore labels export summary.xlsx -o 标注.yaml 导出为标注文件（格式同 seeds/expected.yaml）。"
         "重新运行 rolscore audit 时，已填写的复核意见和备注会保留到新的工作簿中。"),
    ]
    sheet.write_string(0, 0, "法治政府建设年度报告评审汇总 · 说明", styles.title)
    for r, (label, text) in enumerate(lines, start=2):
        fmt = styles.marks[_status_of(label)] if label in MARK.values() or label == NOT_APPLICABLE else styles.label
        sheet.write_string(r, 0, label, fmt)
        if text:
            styles.string(sheet, r, 1, text, wrap=True)
    sheet.set_column(0, 0, column_width(max(display_width(label) for label, _ in lines)))
    sheet.set_column(1, 1, 90.0)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


def _status_of(mark: str) -> str | None:
    return next((status for status, text in MARK.items() if text == mark), None)
