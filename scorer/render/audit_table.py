"""The terminal view of an audit: the ranking, then the totals and the elements most missed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorer.render.table import GRADE_STYLE

if TYPE_CHECKING:
    from scorer.engine.summary import Row, Totals


def render_audit_table(rows: list[Row], totals: Totals, console: Console) -> None:
    """`rows` in ranking order."""
    console.print(_ranking(rows, totals))
    console.print(_totals(totals))
    if totals.scored:
        console.print(_elements(totals))


def _ranking(rows: list[Row], totals: Totals) -> Table:
    table = Table(title="报告排名", title_justify="left", header_style="bold", expand=False)
    table.add_column("排名", justify="right", no_wrap=True)
    table.add_column("报告单位", overflow="fold", max_width=24)
    table.add_column("年度", justify="right", no_wrap=True)
    table.add_column("得分", justify="right", no_wrap=True)
    table.add_column("等级", no_wrap=True)
    table.add_column("未满足的必备要素 / 错误", overflow="fold", max_width=48)
    table.add_column("文件", overflow="fold", max_width=40, style="dim")
    titles = {tally.id: tally.title for tally in totals.elements}
    rank = 0
    for row in rows:
        result = row.summary
        if result is None:
            table.add_row("—", Text("无法评分", style="bold red"), "", "", "", Text(row.error or "", style="red"), Text(row.relative))
            continue
        rank += 1
        style = GRADE_STYLE.get(result.grade, "")
        unmet = "、".join(titles.get(i, i) for i in result.required_missing)
        table.add_row(
            str(rank),
            Text(result.agency) if result.agency else Text("（未识别）", style="dim"),
            str(result.year or "—"),
            Text(f"{result.score:g}", style=style),
            Text(result.grade, style=style),
            Text(unmet or "—", style="red" if unmet else "dim"),
            Text(row.relative),  # file names and agencies are text, never markup
        )
    return table


def _totals(totals: Totals) -> Text:
    text = Text()
    text.append(f"共 {totals.files} 份报告", style="bold")
    text.append(f"：评分 {totals.scored} 份")
    if totals.failed:
        text.append("，").append(f"无法评分 {totals.failed} 份", style="bold red")
    if totals.skipped:
        text.append(f"，另跳过 {totals.skipped} 个非报告文件", style="dim")
    if totals.mean is not None:
        text.append("\n平均分 ", style="bold").append(f"{totals.mean:g}")
        text.append("    中位数 ", style="bold").append(f"{totals.median:g}")
        text.append("    等级 ", style="bold")
        text.append("  ".join(f"{grade} {count}" for grade, count in totals.grades.items()))
    if len(totals.rubrics) > 1:
        text.append("\n所用细则 ", style="bold").append("、".join(f"{rubric} {count} 份" for rubric, count in totals.rubrics.items()))
    return text


def _elements(totals: Totals) -> Table:
    table = Table(title="各要素情况（缺失最多的在前）", title_justify="left", header_style="bold")
    table.add_column("要素", overflow="fold")
    table.add_column("缺失", justify="right", style="red")
    table.add_column("部分满足", justify="right", style="yellow")
    table.add_column("已满足", justify="right", style="green")
    table.add_column("满足率", justify="right")
    varied = any(tally.total < totals.scored for tally in totals.elements)
    if varied:  # some elements belong to only some reports' rubrics
        table.add_column("适用", justify="right", style="dim")
    for tally in totals.most_missed():
        title = Text(tally.title)
        if tally.required:
            title.append(" 必备", style="bold magenta")
        cells = [title, str(tally.counts["missing"]), str(tally.counts["partial"]), str(tally.counts["met"]), f"{tally.share('met') * 100:.0f}%"]
        table.add_row(*cells, *([f"{tally.total} 份"] if varied else []))
    return table
