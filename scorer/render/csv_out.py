"""summary.csv: one row per report, one column per element, for Excel.

UTF-8 with a BOM, because Excel opens a BOM-less UTF-8 CSV as the local code page and
shows the Chinese as mojibake. A cell that starts like a formula (= + - @) is prefixed
with ' so that a hostile report cannot make Excel run one (CSV injection).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from scorer.engine.results import STATUS_TEXT

if TYPE_CHECKING:
    from scorer.engine.summary import Row, Totals

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def render_csv(rows: list[Row], totals: Totals) -> str:
    """`rows` in ranking order; failed files keep their place with the error."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    elements = totals.elements
    writer.writerow(
        ["排名", "文件", "报告单位", "报告年度", "得分", "等级", "未满足的必备要素", "错误", "评分细则", "评分卡"] + [t.title for t in elements]
    )
    titles = {tally.id: tally.title for tally in elements}
    rank = 0
    for row in rows:
        result = row.summary
        if result is None:
            cells = ["", row.relative, "", "", "", "", "", row.error or "", "", ""] + [""] * len(elements)
        else:
            rank += 1
            status = result.statuses
            cells = [
                rank,
                row.relative,
                result.agency or "",
                result.year or "",
                f"{result.score:g}",
                result.grade,
                "、".join(titles.get(i, i) for i in result.required_missing),
                "",
                result.rubric_id,
                row.page or "",
            ] + [STATUS_TEXT[status[t.id]] if t.id in status else "不适用" for t in elements]
        writer.writerow([safe_cell(cell) for cell in cells])
    return BOM + out.getvalue()
