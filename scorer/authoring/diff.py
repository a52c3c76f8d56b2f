"""`rubric diff A B`: what differs between two resolved rubrics, element by element."""

from __future__ import annotations

from dataclasses import dataclass

from scorer.rubric.checks import walk
from scorer.rubric.fields import FIELD_TITLES, PLAIN_FIELDS, RULE_FIELDS
from scorer.rubric.model import Element, Patterns, Rubric

@dataclass
class ElementDiff:
    id: str
    title: str
    kind: str  # "added" | "removed" | "changed"
    lines: list[str]


@dataclass
class RubricDiff:
    settings: list[str]
    elements: list[ElementDiff]

    @property
    def empty(self) -> bool:
        return not self.settings and not self.elements


def diff_rubrics(a: Rubric, b: Rubric) -> RubricDiff:
    settings = []
    for key in ("title", "version", "grades", "default_role", "defaults", "negation", "intent", "words"):
        if getattr(a, key) != getattr(b, key):
            settings.append(f"{key}：{_short(getattr(a, key))} → {_short(getattr(b, key))}")
    settings += _phrase_lines("角色", {r.id: r for r in a.roles}, {r.id: r for r in b.roles})
    only_a = [e for e in a.elements if e.id not in {x.id for x in b.elements}]
    only_b = [e for e in b.elements if e.id not in {x.id for x in a.elements}]
    elements = [ElementDiff(e.id, e.title, "removed", [f"权重 {e.weight:g}"]) for e in only_a]
    elements += [ElementDiff(e.id, e.title, "added", [f"权重 {e.weight:g}", e.basis]) for e in only_b]
    b_by_id = {e.id: e for e in b.elements}
    for old in a.elements:
        new = b_by_id.get(old.id)
        if new is not None:
            lines = element_changes(old, new)
            if lines:
                elements.append(ElementDiff(old.id, new.title, "changed", lines))
    return RubricDiff(settings, elements)


def element_changes(old: Element, new: Element) -> list[str]:
    lines = []
    for key in PLAIN_FIELDS:
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            lines.append(f"{FIELD_TITLES[key]}：{_short(before)} → {_short(after)}")
    for group in RULE_FIELDS:
        before, after = _phrases(getattr(old, group)), _phrases(getattr(new, group))
        added, removed = sorted(after - before), sorted(before - after)
        if added:
            lines.append(f"{FIELD_TITLES[group]}新增：" + "、".join(added))
        if removed:
            lines.append(f"{FIELD_TITLES[group]}删去：" + "、".join(removed))
        if not added and not removed and _shape(getattr(old, group)) != _shape(getattr(new, group)):
            lines.append(f"{FIELD_TITLES[group]}的结构或参数不同")
    count_old = len(old.examples.items()) if old.examples else 0
    count_new = len(new.examples.items()) if new.examples else 0
    if count_old != count_new:
        lines.append(f"样例 {count_old} → {count_new} 个")
    return lines


def _phrases(rules: list) -> set[str]:
    found = set()
    for _, model in walk(rules):
        if isinstance(model, Patterns):
            found |= {f"“{term}”" for term in model.any} | {f"/{expression}/" for expression in model.regex}
    return found


def _shape(rules: list) -> list:
    """A rule list with its phrases removed: what is left is kinds and parameters."""
    return [rule.model_dump(exclude={"any", "regex", "note"}) for rule in rules]


def _phrase_lines(what: str, a: dict, b: dict) -> list[str]:
    lines = [f"{what} {key} 只在 A 中" for key in a if key not in b] + [f"{what} {key} 只在 B 中" for key in b if key not in a]
    lines += [f"{what} {key} 的定义不同" for key in a if key in b and a[key] != b[key]]
    return lines


def _short(value, limit: int = 60) -> str:
    if value is None:
        return "（默认）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if hasattr(value, "model_dump"):
        value = value.model_dump(exclude_defaults=True)
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
