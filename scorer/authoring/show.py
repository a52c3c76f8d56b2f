"""`rubric show`: a resolved rubric with where each element came from.

Each element is marked as inherited from the base, added by a layer, overridden by one
or more layers (with what changed and why), or disabled (with the reason).
"""

from __future__ import annotations

import yaml
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scorer.rubric.inherit import Resolved
from scorer.rubric.kinds import summary
from scorer.rubric.model import Element

MARKS = {
    "base": ("●", "dim"),
    "inherited": ("↳", "dim"),
    "added": ("✚", "green"),
    "overridden": ("✎", "yellow"),
    "disabled": ("⊘", "red"),
}
LABELS = {"base": "本细则", "inherited": "继承", "added": "新增", "overridden": "覆盖", "disabled": "停用"}


def element_state(resolved: Resolved, element_id: str) -> str:
    origin = resolved.origins[element_id]
    if origin.changes:
        return "overridden"
    if len(resolved.layers) == 1:
        return "base"
    return "inherited" if origin.added_by == resolved.layers[0].id else "added"


def render_show(resolved: Resolved, console: Console, detail: bool = False) -> None:
    console.print(_header(resolved))
    console.print(_table(resolved))
    if detail:
        console.print(_tree(resolved))
    console.print(_legend())


def render_yaml(resolved: Resolved) -> str:
    """The resolved rubric as one plain YAML file (what every layer adds up to)."""
    data = resolved.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def _header(resolved: Resolved) -> Panel:
    rubric = resolved.rubric
    text = Text()
    text.append("继承链：", style="bold").append(" → ".join(f"{layer.id}（{layer.label}）" for layer in resolved.layers))
    text.append("\n版本：", style="bold").append(rubric.version)
    counts = {state: 0 for state in MARKS}
    for element in rubric.elements:
        counts[element_state(resolved, element.id)] += 1
    counts["disabled"] = len(resolved.disabled)
    summary = "，".join(f"{LABELS[s]} {n}" for s, n in counts.items() if n)
    text.append("\n要素：", style="bold").append(f"{len(rubric.elements)} 个（{summary}），总权重 {sum(e.weight for e in rubric.elements):g}")
    changed = {key: layer for key, layer in resolved.settings.items() if layer != resolved.layers[0].id and key not in ("title", "version", "basis")}
    if changed:
        text.append("\n设置：", style="bold").append("，".join(f"{key} 由 {layer} 设定" for key, layer in changed.items()))
    text.append("\n依据：", style="bold")
    basis = Table.grid(padding=(0, 1))
    basis.add_column(no_wrap=True)
    basis.add_column(overflow="fold")
    for item in rubric.basis:
        basis.add_row("  ·", item)
    return Panel(Group(text, basis), title=f"[bold]{rubric.id}[/] {rubric.title}", title_align="left", border_style="blue")


def _table(resolved: Resolved) -> Table:
    table = Table(show_lines=False, expand=True, header_style="bold")
    table.add_column("来源", no_wrap=True, min_width=12)
    table.add_column("要素", min_width=26, max_width=30, overflow="fold")
    table.add_column("权重", justify="right", width=5)
    table.add_column("必备", width=4)
    table.add_column("样例", justify="right", width=4)
    table.add_column("变更（新增要素：依据）", ratio=1, overflow="fold")
    for element in resolved.rubric.elements:
        state = element_state(resolved, element.id)
        origin = resolved.origins[element.id]
        mark, style = MARKS[state]
        who = origin.added_by if state != "overridden" else "、".join(dict.fromkeys(c.layer for c in origin.changes))
        source = Text(f"{mark} {LABELS[state]} {who}", style=style)
        name = Text(element.id, style="bold").append(f"\n{element.title}", style=None)
        table.add_row(source, name, f"{element.weight:g}", "是" if element.required else "", str(_example_count(element)),
                      _detail(element, origin, show_basis=state in ("added", "base")))
    for gone in resolved.disabled:
        mark, style = MARKS["disabled"]
        table.add_row(Text(f"{mark} 停用 {gone.layer}", style=style), Text(gone.id, style="strike").append(f"\n{gone.title}"),
                      "", "", "", Text(f"理由：{gone.reason}", style=style))
    return table


def _detail(element: Element, origin, show_basis: bool) -> Text:
    lines = []
    for change in origin.changes:
        for what in change.what.split("；"):
            lines.append(Text(f"{change.layer}：", style="yellow").append(what.replace(" ", "\u00a0")))
        if change.reason:
            lines.append(Text(f"理由：{change.reason}", style="dim"))
    if show_basis:
        lines.append(Text(element.basis, style="dim"))
    return Text("\n").join(lines)


def _example_count(element: Element) -> int:
    return len(element.examples.items()) if element.examples else 0


def _tree(resolved: Resolved) -> Tree:
    root = Tree(f"[bold]{resolved.rubric.id}[/] 的规则")
    for element in resolved.rubric.elements:
        mark, style = MARKS[element_state(resolved, element.id)]
        branch = root.add(Text(f"{mark} {element.id} {element.title}", style=style))
        branch.add(Text(f"依据：{element.basis}", style="dim"))
        for group, rules in (("满足", element.met), ("部分满足", element.partial)):
            for rule in rules:
                branch.add(Text(f"{group}：", style="bold").append(summary(rule)))
    return root


def _legend() -> Group:
    text = Text("图例：", style="dim")
    for state, (mark, style) in MARKS.items():
        text.append(f"{mark} {LABELS[state]}  ", style=style)
    return Group(text)
