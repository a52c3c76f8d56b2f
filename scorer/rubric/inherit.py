"""Apply a chain of rubric layers into one resolved `Rubric`, remembering where each value
came from (SQLFluff's lesson: layered configuration needs provenance).

Each layer may replace top-level settings, disable inherited elements, override fields
of inherited elements by id, append terms / rules / examples to them, and add new
elements. Every problem points at the line of the layer that caused it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from scorer.rubric.chain import Layer
from scorer.rubric.checks import element_role_problems
from scorer.rubric.fields import FIELD_TITLES, NOT_NULL, ROLE_FIELDS, RULE_FIELDS
from scorer.rubric.layer import LAYER_SETTINGS, ElementOverride, TermsAddition
from scorer.rubric.model import PREAMBLE, ChecklistRule, Element, Examples, Rubric, TermsRule
from scorer.rubric.problems import Problems
from scorer.rubric.vocabulary import expand
from scorer.rubric.yamltree import Position

@dataclass
class Change:
    layer: str
    what: str
    reason: str | None = None


@dataclass
class Origin:
    added_by: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Disabled:
    id: str
    title: str
    layer: str
    reason: str


@dataclass
class ExampleSource:
    layer: str
    file: str
    position: Position | None


@dataclass
class Resolved:
    rubric: Rubric
    layers: list[Layer]
    origins: dict[str, Origin]
    disabled: list[Disabled]
    settings: dict[str, str]  # top-level setting -> id of the layer that set it last
    example_sources: dict[tuple[str, str, int], ExampleSource]

    @property
    def layer_ids(self) -> list[str]:
        return [layer.id for layer in self.layers]

    def fingerprint(self) -> tuple:
        out = []
        for layer in self.layers:
            stat = layer.path.stat()
            out.append((str(layer.path), stat.st_mtime_ns, stat.st_size))
        return tuple(out)


@dataclass
class _Merge:
    meta: dict[str, Any]
    elements: dict[str, Element]
    origins: dict[str, Origin]
    disabled: list[Disabled]
    settings: dict[str, str]
    example_sources: dict[tuple[str, str, int], ExampleSource]
    defined_in: dict[str, str]  # element id -> id of the layer that defined it


def resolve_layers(layers: list[Layer], problems: Problems, rubric_id: str | None = None, title: str | None = None) -> Resolved | None:
    base = layers[0]
    state = _Merge(meta={}, elements={}, origins={}, disabled=[], settings={}, example_sources={}, defined_in={})
    _start(state, base)
    for layer in layers[1:]:
        _apply(state, layer, problems)
    if problems.errors:
        return None
    meta = dict(state.meta)
    if rubric_id:
        meta["id"] = rubric_id
    if title:
        meta["title"] = title
    if not state.elements:
        problems.add(layers[-1].problem(("disable",), None, "所有要素都被停用了，评分细则至少要有一个要素"))
        return None
    if meta.get("intent") is None:
        meta.pop("intent", None)
    try:
        rubric = Rubric.model_validate({**meta, "elements": list(state.elements.values())})
        rubric = _expand_words(rubric, layers[-1], problems)
        if rubric is None:
            return None
    except ValidationError as exc:
        for error in exc.errors():
            problems.add(layers[-1].problem((), None, f"合并后的评分细则不合法：{'.'.join(map(str, error['loc']))}：{error['msg']}"))
        return None
    return Resolved(rubric, layers, state.origins, state.disabled, state.settings, state.example_sources)


def _expand_words(rubric: Rubric, layer: Layer, problems: Problems) -> Rubric | None:
    """Every `{{name}}` of the pattern lists replaced by the named word list."""
    unknown: set[str] = set()
    data = expand(rubric.model_dump(by_alias=True, exclude={"words"}), rubric.words, unknown)
    if unknown:
        known = "、".join(sorted(rubric.words)) or "（无）"
        for name in sorted(unknown):
            problems.add(layer.problem((), None, f"引用了未定义的词表 “{{{{{name}}}}}”；已定义的词表：{known}", "error"))
        return None
    return Rubric.model_validate({**data, "words": rubric.words})


def _start(state: _Merge, layer: Layer) -> None:
    file = layer.file
    state.meta = {
        "id": file.id, "title": file.title, "version": file.version, "basis": list(file.basis),
        "roles": file.roles, "default_role": file.default_role, "defaults": file.defaults, "negation": file.negation,
        "intent": file.intent, "words": dict(file.words or {}),
    }
    if file.grades is not None:
        state.meta["grades"] = file.grades
    state.settings = {key: file.id for key in ("title", "version", "basis", *LAYER_SETTINGS)}
    for i, element in enumerate(file.elements):
        if element.id not in state.elements:  # a repeated id is reported by checks.py
            _add_element(state, layer, i, element)


def _add_element(state: _Merge, layer: Layer, index: int, element: Element) -> None:
    state.elements[element.id] = element
    state.origins[element.id] = Origin(added_by=layer.id)
    state.defined_in[element.id] = layer.id
    _record_examples(state, layer, element, ("elements", index, "examples"), start={})


def _record_examples(state: _Merge, layer: Layer, element: Element, loc: tuple, start: dict[str, int]) -> None:
    """Remember which file each example came from; `start` skips the inherited ones."""
    if element.examples is None:
        return
    for status, index, _ in element.examples.items():
        if index < start.get(status, 0):
            continue
        position = layer.tree.value_position(loc + (status, index - start.get(status, 0)))
        state.example_sources[(element.id, status, index)] = ExampleSource(layer.id, layer.label, position)


def _apply(state: _Merge, layer: Layer, problems: Problems) -> None:
    file = layer.file
    state.meta.update(id=file.id, title=file.title, version=file.version)
    state.meta["basis"] = list(dict.fromkeys(state.meta["basis"] + file.basis))
    for key in ("title", "version"):
        state.settings[key] = file.id
    state.settings["basis"] = file.id
    for key in LAYER_SETTINGS:
        if key in file.model_fields_set and getattr(file, key) is not None:
            state.meta[key] = getattr(file, key)
            state.settings[key] = file.id
    if file.words:
        # A layer adds word lists or replaces one by name; the parent's others stay usable.
        state.meta["words"] = {**state.meta.get("words", {}), **file.words}
    for i, disable in enumerate(file.disable):
        element = _inherited(state, layer, ("disable", i, "id"), disable.id, "停用", problems)
        if element is not None:
            del state.elements[disable.id]
            state.disabled.append(Disabled(disable.id, element.title, file.id, disable.reason))
    for i, override in enumerate(file.overrides):
        element = _inherited(state, layer, ("overrides", i, "id"), override.id, "覆盖", problems)
        if element is not None:
            state.elements[override.id] = _override(state, layer, i, element, override, problems)
    for i, element in enumerate(file.elements):
        if element.id in state.elements and state.defined_in[element.id] == layer.id:
            continue  # a repeated id within this file, reported by checks.py
        if element.id in state.elements:
            problems.add(layer.problem(("elements", i, "id"), element.id,
                                       f"这个要素已在 {state.defined_in[element.id]} 中定义；要修改它请写在 overrides 里（id: {element.id}）"))
            continue
        _add_element(state, layer, i, element)
    _check_roles(state, layer, problems)


def _inherited(state: _Merge, layer: Layer, loc: tuple, element_id: str, verb: str, problems: Problems) -> Element | None:
    if element_id in state.elements:
        return state.elements[element_id]
    gone = next((d for d in state.disabled if d.id == element_id), None)
    if gone is not None:
        message = f"要{verb}的要素已被 {gone.layer} 停用（{gone.reason}）"
    else:
        parents = "、".join(sorted(set(state.defined_in.values()))) or "父细则"
        close = difflib.get_close_matches(element_id, list(state.elements), n=1, cutoff=0.6)
        guess = f"是不是 “{close[0]}”？" if close else f"可用的要素：{', '.join(state.elements)}"
        message = f"要{verb}的要素 “{element_id}” 不在父细则（{parents}）中；{guess}"
    problems.add(layer.problem(loc, element_id, message, key=False))
    return None


def _override(state: _Merge, layer: Layer, index: int, element: Element, override: ElementOverride, problems: Problems) -> Element:
    loc = ("overrides", index)
    update: dict[str, Any] = {}
    changes: list[str] = []
    for name in override.replaced_fields():
        value = getattr(override, name)
        if value is None and name in NOT_NULL:
            problems.add(layer.problem(loc + (name,), element.id, f"“{name}” 不能设为空；要去掉这个要素请用 disable"))
            continue
        update[name] = value
        changes.append(_describe(name, getattr(element, name), value))
    met = list(update.get("met", element.met))
    partial = list(update.get("partial", element.partial))
    for attr, addition in (("any", override.add_terms), ("regex", override.add_regex)):
        if addition is not None:
            key = "add_terms" if attr == "any" else "add_regex"
            met, partial, added = _add_phrases(layer, loc + (key,), element.id, met, partial, addition, attr, problems)
            changes += added
    if override.add_rules is not None:
        met += override.add_rules.met
        partial += override.add_rules.partial
        for group, rules in (("满足规则", override.add_rules.met), ("部分满足规则", override.add_rules.partial)):
            if rules:
                changes.append(f"追加 {len(rules)} 条{group}")
    if met != list(element.met):
        update["met"] = met
    if partial != list(element.partial):
        update["partial"] = partial
    kept = update.get("examples", element.examples)
    if "examples" in update:
        for key in [k for k in state.example_sources if k[0] == element.id]:
            del state.example_sources[key]
    if override.add_examples is not None:
        kept = _merge_examples(kept, override.add_examples)
        changes.append(f"追加 {len(override.add_examples.items())} 个样例")
        update["examples"] = kept
    new = element.model_copy(update=update)
    if "examples" in override.model_fields_set:
        _record_examples(state, layer, new, loc + ("examples",), start={})
    if override.add_examples is not None:
        inherited = element.examples if "examples" not in override.model_fields_set else override.examples
        start = {status: len(getattr(inherited, status)) if inherited else 0 for status in ("met", "partial", "missing")}
        _record_examples(state, layer, new, loc + ("add_examples",), start=start)
    if changes:
        state.origins[element.id].changes.append(Change(layer.id, "；".join(changes), override.reason))
    return new


def _merge_examples(base: Examples | None, extra: Examples) -> Examples:
    if base is None:
        return extra
    return Examples(met=base.met + extra.met, partial=base.partial + extra.partial, missing=base.missing + extra.missing)


def _add_phrases(layer: Layer, loc: tuple, element_id: str, met: list, partial: list, addition: TermsAddition,
                 attr: str, problems: Problems) -> tuple[list, list, list[str]]:
    """Append phrases to the element's first terms rule (or a checklist's sub-check)."""
    what = "词语" if attr == "any" else "正则"
    changes: list[str] = []
    for group, rules, phrases in (("met", met, addition.met), ("partial", partial, addition.partial)):
        if not phrases:
            continue
        index = next((i for i, rule in enumerate(rules) if isinstance(rule, TermsRule)), None)
        if index is None:
            problems.add(layer.problem(loc + (group,), element_id,
                                       f"这个要素的 {group} 里没有 terms 规则，{what}无处可加；请用 add_rules 追加一条规则"))
            continue
        rules[index], added = _extend(rules[index], attr, phrases, layer, loc + (group,), element_id, problems)
        if added:
            changes.append(f"{FIELD_TITLES[group]}追加{what}：{'、'.join(added)}")
    for check_id, phrases in addition.checks.items():
        found = False
        for rules in (met, partial):
            for i, rule in enumerate(rules):
                if isinstance(rule, ChecklistRule):
                    checks = list(rule.checks)
                    for j, check in enumerate(checks):
                        if check.id == check_id:
                            checks[j], added = _extend(check, attr, phrases, layer, loc + ("checks", check_id), element_id, problems)
                            rules[i] = rule.model_copy(update={"checks": checks})
                            found = True
                            if added:
                                changes.append(f"子项“{check.title}”追加{what}：{'、'.join(added)}")
        if not found:
            known = [c.id for rules in (met, partial) for r in rules if isinstance(r, ChecklistRule) for c in r.checks]
            close = difflib.get_close_matches(check_id, known, n=1, cutoff=0.5)
            guess = f"是不是 “{close[0]}”？" if close else ""
            hint = f"{guess}可用的子项：{', '.join(known)}" if known else "这个要素没有 checklist 规则"
            problems.add(layer.problem(loc + ("checks", check_id), element_id, f"没有 id 为 “{check_id}” 的子项；{hint}"))
    return met, partial, changes


def _extend(rule, attr: str, phrases: list[str], layer: Layer, loc: tuple, element_id: str, problems: Problems):
    old = list(getattr(rule, attr))
    added = []
    for i, phrase in enumerate(phrases):
        if phrase in old or phrase in added:
            problems.add(layer.problem(loc + (i,), element_id, f"“{phrase}” 已在父细则的这条规则里，无需重复", "warning", key=False))
        else:
            added.append(phrase)
    return rule.model_copy(update={attr: old + added}), added


def _describe(name: str, old: Any, new: Any) -> str:
    title = FIELD_TITLES.get(name, name)
    if name == "weight":
        return f"{title} {old:g} → {new:g}"
    if name == "required":
        return f"{title} {'是' if old else '否'} → {'是' if new else '否'}"
    if name in ROLE_FIELDS:
        return f"{title} {_roles(old)} → {_roles(new)}"
    if name == "negation":
        return f"{title} {old or '默认'} → {new or '默认'}"
    if name in RULE_FIELDS:
        return f"{title}改为 {len(new)} 条"
    return f"{title}改写"


def _roles(value: list[str] | None) -> str:
    return "默认" if value is None else "[" + ", ".join(value) + "]"


def _check_roles(state: _Merge, layer: Layer, problems: Problems) -> None:
    """Roles named by what this layer wrote must exist in the roles now in force."""
    roles = state.meta.get("roles") or []
    known = {role.id for role in roles} | {PREAMBLE}
    file = layer.file
    if state.meta.get("default_role") not in known:
        problems.add(layer.problem(("default_role",), None, f"default_role “{state.meta.get('default_role')}” 不在 roles 中"))
    defaults = state.meta.get("defaults")
    if "defaults" in file.model_fields_set and defaults is not None:
        for key in ("scope", "capped_in"):
            for i, role in enumerate(getattr(defaults, key)):
                if role not in known:
                    problems.add(layer.problem(("defaults", key, i), None, f"引用了未定义的角色 “{role}”", key=False))
    for i, element in enumerate(file.elements):
        for loc, message in element_role_problems(element, known):
            problems.add(layer.problem(("elements", i) + loc, element.id, message, key=False))
    for i, override in enumerate(file.overrides):
        for loc, message in element_role_problems(override, known):
            problems.add(layer.problem(("overrides", i) + loc, override.id, message, key=False))
        if override.add_rules is not None:
            for loc, message in element_role_problems(override.add_rules, known):
                problems.add(layer.problem(("overrides", i, "add_rules") + loc, override.id, message, key=False))
    if "roles" in file.model_fields_set:
        for element_id, element in state.elements.items():
            if state.origins[element_id].added_by != layer.id:
                for _, message in element_role_problems(element, known):
                    problems.add(layer.problem(("roles",), element_id, f"替换 roles 后，继承的要素{message}"))
