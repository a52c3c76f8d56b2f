"""The terminal view: one row per element, the best quote with its matched words lit."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scorer.engine.results import STATUS_TEXT, ElementResult, ReportResult

STATUS_STYLE = {"met": ("✔", "green"), "partial": ("◐", "yellow"), "missing": ("✘", "red"), "na": ("—", "dim")}
GRADE_STYLE = {"优秀": "bold green", "良好": "green", "合格": "yellow", "不合格": "bold red"}
QUOTE_WIDTH = 70


def render_table(result: ReportResult, console: Console) -> None:
    console.print(_header(result))
    console.print(_elements(result))
    console.print(_footer(result))


def _header(result: ReportResult) -> Panel:
    meta = result.metadata
    lines = Text()
    lines.append("报告单位：", style="bold").append(meta.agency or "未识别", style=None if meta.agency else "red")
    lines.append("    报告年度：", style="bold").append(str(meta.year) if meta.year else "未识别", style=None if meta.year else "red")
    if meta.date:
        lines.append("    日期：", style="bold").append(meta.date)
    lines.append("\n标题：", style="bold").append(meta.title or "（未找到标题）", style=None if meta.title else "dim")
    lines.append("\n评分细则：", style="bold").append(f"{result.rubric.id} {result.rubric.version}")
    lines.append("    编码：", style="bold").append(result.encoding)
    if result.rubric.reason:
        lines.append("\n细则选择：", style="bold").append(result.rubric.reason, style="dim")
    if result.grade_capped_from:
        lines.append("\n等级：", style="bold").append(grade_cap_note(result), style="bold red")
    return Panel(lines, title=Text(result.file, style="bold"), title_align="left", border_style="blue")


def _elements(result: ReportResult) -> Table:
    table = Table(show_lines=True, expand=True, header_style="bold")
    table.add_column("状态", no_wrap=True, width=10)
    table.add_column("要素", ratio=2, overflow="fold")
    table.add_column("权重", justify="right", width=4)
    table.add_column("得分", justify="right", width=5)
    table.add_column("依据 / 建议", ratio=6, overflow="fold")
    for element in result.elements:
        mark, colour = STATUS_STYLE[element.status]
        status = Text(f"{mark} {STATUS_TEXT[element.status]}", style=colour)
        title = Text(element.title)
        if element.required:
            title.append(" 必备", style="bold magenta")
        table.add_row(status, title, _num(element.weight), _num(element.points), _detail(element))
    return table


def _detail(element: ElementResult) -> Group | Text:
    parts: list[Text] = []
    if element.evidence:
        parts.append(_quote(element.evidence[0].quote, element.evidence[0].matched))
    if element.status in ("partial", "missing", "na"):
        parts.append(Text(element.explanation, style="dim", overflow="fold"))
        if element.suggestion:
            parts.append(Text("建议：", style="bold cyan", overflow="fold").append(element.suggestion, style="cyan"))
    return Group(*parts) if len(parts) > 1 else (parts[0] if parts else Text(""))


def _quote(quote: str, matched: str) -> Text:
    """The quote shortened around the matched words, which are highlighted."""
    flat = " ".join(quote.split())
    where = flat.find(" ".join(matched.split())) if matched else -1
    if len(flat) > QUOTE_WIDTH:
        centre = where + len(matched) // 2 if where >= 0 else 0
        left = max(0, min(centre - QUOTE_WIDTH // 2, len(flat) - QUOTE_WIDTH))
        flat = ("…" if left else "") + flat[left : left + QUOTE_WIDTH] + ("…" if left + QUOTE_WIDTH < len(flat) else "")
    text = Text("“" + flat + "”", overflow="fold")
    if matched:
        text.highlight_words([" ".join(matched.split())], style="bold black on yellow")
    return text


def _footer(result: ReportResult) -> Text:
    text = Text()
    text.append("得分 ", style="bold").append(f"{result.score:g}", style=GRADE_STYLE.get(result.grade, "bold"))
    text.append(" / 100    等级 ", style="bold").append(result.grade, style=GRADE_STYLE.get(result.grade, "bold"))
    if result.grade_capped_from:
        text.append(f"（按得分为{result.grade_capped_from}）", style="red")
    counts = {status: sum(1 for e in result.elements if e.status == status) for status in STATUS_TEXT}
    text.append(f"    已满足 {counts['met']} · 部分满足 {counts['partial']} · 缺失 {counts['missing']}")
    if counts["na"]:
        text.append(f" · 不适用 {counts['na']}")
    if result.required_missing:
        titles = {e.id: e.title for e in result.elements}
        text.append("\n必备要素未满足：", style="bold red").append("、".join(titles[i] for i in result.required_missing))
    return text


def grade_cap_note(result: ReportResult) -> str:
    return f"必备要素未满足，等级最高为{result.grade}（按得分为{result.grade_capped_from}）"


def _num(value: float) -> str:
    return f"{value:g}"
