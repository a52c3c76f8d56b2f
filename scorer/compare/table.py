"""`rolscore compare` in the terminal: scores side by side, then what was copied and
which of last year's plans and problems went unmentioned."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from scorer.compare.followup import FOLLOWED, FollowUp
from scorer.compare.model import CHANGE_TEXT, FOLLOW_TEXT, HIGH, SOME, Comparison
from scorer.engine.results import STATUS_TEXT

SHOWN_PAIRS = 12
CUT = 60
CHANGE_STYLE = {"gained": "green", "lost": "bold red", "unchanged": "dim", "new": "yellow", "na": "dim"}


def _cut(text: str, limit: int = CUT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_comparison(c: Comparison, console: Console) -> None:
    console.print(_header(c))
    console.print(_elements(c))
    console.print(_copied(c))
    for title, items in ((f"{c.old_label}的工作安排是否落实", c.promises), (f"{c.old_label}所列问题是否整改", c.problems)):
        if items:
            console.print(_follow(title, items, c))


def _header(c: Comparison) -> Panel:
    lines = Text()
    for label, side in ((c.old_label, c.old), (c.new_label, c.new)):
        meta = side.result.metadata
        lines.append(f"{label}：", style="bold").append(side.file)
        lines.append(f"（{meta.agency or '单位未识别'}，{meta.year or '年度未识别'}年度，{side.result.score:g} 分 {side.result.grade}）\n")
    change = c.score_change
    lines.append("得分变化：", style="bold").append(f"{change:+g}", style="green" if change > 0 else "red" if change < 0 else None)
    share = c.copied.share
    style = "bold red" if share >= HIGH else "yellow" if share >= SOME else "green"
    lines.append("\n结论：", style="bold").append(c.verdict, style=style)
    return Panel(lines, title="报告对比", title_align="left", border_style="blue")


def _elements(c: Comparison) -> Table:
    table = Table(title="逐项对比", header_style="bold", expand=True)
    table.add_column("要素", ratio=3, overflow="fold")
    table.add_column(c.old_label, ratio=2)
    table.add_column(c.new_label, ratio=2)
    table.add_column("变化", ratio=1, no_wrap=True)
    for e in c.elements:
        table.add_row(e.title, STATUS_TEXT.get(e.old or "", "—"), STATUS_TEXT[e.new], Text(CHANGE_TEXT[e.change], style=CHANGE_STYLE[e.change]))
    return table


def _copied(c: Comparison) -> Table:
    copied = c.copied
    caption = f"比较 {copied.compared} 句；其中 {copied.boilerplate} 句为多数报告共有的套话，不计入照搬比例"
    table = Table(title=f"与{c.old_label}相同或近似的句子（{len(copied.pairs)} 句）", caption=caption, header_style="bold", expand=True, show_lines=True)
    table.add_column("本报告", ratio=5, overflow="fold")
    table.add_column(c.old_label, ratio=5, overflow="fold")
    table.add_column("相似度", justify="right", no_wrap=True)
    ranked = sorted(copied.pairs, key=lambda p: (-p.weight, -p.similarity, p.new.start))
    for pair in ranked[:SHOWN_PAIRS]:
        table.add_row(_cut(c.new.text[pair.new.start : pair.new.end]), _cut(c.old.text[pair.old.start : pair.old.end]), f"{pair.similarity:.0f}%")
    if len(ranked) > SHOWN_PAIRS:
        table.add_row(Text(f"另有 {len(ranked) - SHOWN_PAIRS} 句，见 --html 或 --format json", style="dim"), "", "")
    return table


def _follow(title: str, items: list[FollowUp], c: Comparison) -> Table:
    done = sum(1 for f in items if f.status == FOLLOWED)
    table = Table(title=f"{title}（{done}/{len(items)} 项有跟进）", header_style="bold", expand=True, show_lines=True)
    table.add_column(c.old_label, ratio=5, overflow="fold")
    table.add_column("状态", no_wrap=True)
    table.add_column("本报告中的依据 / 关键词", ratio=5, overflow="fold")
    for f in items:
        style = "green" if f.status == FOLLOWED else "red" if f.status != "too_general" else "dim"
        where = _cut(c.new.text[f.evidence.start : f.evidence.end]) if f.evidence else "关键词：" + "、".join(f.terms)
        table.add_row(_cut(c.old.text[f.item.start : f.item.end]), Text(FOLLOW_TEXT[f.status], style=style), where)
    return table
