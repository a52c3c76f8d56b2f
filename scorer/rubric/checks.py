"""What the schema cannot say about one rubric file: unique ids, regexes that compile,
term lists that are not empty, and phrases that could never match a report.

Every check yields (location, element id, message, severity); the caller turns the
location into a line and column.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from scorer.chars import fold_characters
from scorer.rubric.fields import ROLE_FIELDS, RULE_FIELDS
from scorer.rubric.layer import ElementOverride, RubricFile
from scorer.rubric.model import PREAMBLE, ChecklistRule, Element, FiguresRule, Patterns

Finding = tuple[tuple, str | None, str, str]  # (loc, element id, message, severity)

_CJK_SPACE = re.compile(r"[\u4e00-\u9fff]\s+|\s+[\u4e00-\u9fff]")
_RE_ERRORS = {
    "missing ), unterminated subpattern": "缺少右括号“)”",
    "unbalanced parenthesis": "括号不配对，多了右括号“)”",
    "unterminated character set": "方括号“[”没有闭合",
    "nothing to repeat": "量词（* + ? {}）前面没有可重复的内容",
    "multiple repeat": "量词重复（如 ** 或 +?+）",
    "bad escape": "无效的转义",
    "look-behind requires fixed-width pattern": "向后查找 (?<=…)/(?<!…) 里的内容必须定长",
    "unknown extension": "未知的括号写法（?…）",
    "missing group name": "缺少组名",
    "bad character range": "方括号里的字符范围无效",
}


def walk(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every nested model instance with its location, keys spelled as in the file."""
    if isinstance(value, BaseModel):
        yield loc, value
        for name, field in type(value).model_fields.items():
            yield from walk(getattr(value, name), loc + (field.alias or name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, loc + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, loc + (key,))


def check_file(rubric: RubricFile) -> list[Finding]:
    found: list[Finding] = []
    found += _duplicate_ids(rubric)
    for loc, model in walk(rubric):
        found += _model_checks(model, loc, _owner(rubric, loc))
    for i, element in enumerate(rubric.elements):
        if not element.met and not element.partial:
            found.append((("elements", i, "id"), element.id, "没有任何规则（met 和 partial 都为空），永远是缺失；请至少写一条规则", "error"))
    found += _base_or_layer(rubric)
    for i, override in enumerate(rubric.overrides):
        found += _override_additions(override, i)
    return found


def check_valid_parts(data: dict) -> list[Finding]:
    """For a file that fails the schema: the checks of every element and override that
    passes it on its own, so that one run of `rubric validate` reports every mistake."""
    found: list[Finding] = []
    for section, model in (("elements", Element), ("overrides", ElementOverride)):
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                part = model.model_validate(item)
            except ValidationError:
                continue  # its schema errors are reported already
            for loc, inner in walk(part, (section, i)):
                found += _model_checks(inner, loc, part.id)
            if isinstance(part, Element) and not part.met and not part.partial:
                found.append(((section, i, "id"), part.id, "没有任何规则（met 和 partial 都为空），永远是缺失；请至少写一条规则", "error"))
            if isinstance(part, ElementOverride):
                found += _override_additions(part, i)
    return found


def _model_checks(model: BaseModel, loc: tuple, owner: str | None) -> list[Finding]:
    if isinstance(model, Patterns):
        return [(where, owner, message, severity) for where, message, severity in check_patterns(model, loc)]
    if isinstance(model, ChecklistRule):
        return _checklist(model, loc, owner)
    if isinstance(model, FiguresRule) and model.partial_at > model.met_at:
        return [(loc + ("partial_at",), owner, f"partial_at（{model.partial_at}）大于 met_at（{model.met_at}），部分满足永远达不到", "error")]
    return []


def _override_additions(override: ElementOverride, i: int) -> list[Finding]:
    found: list[Finding] = []
    for name in ("add_terms", "add_regex"):
        addition = getattr(override, name)
        if addition is not None and addition.is_empty():
            found.append((("overrides", i, name), override.id, f"{name} 没有任何词语", "warning"))
        if addition is not None and name == "add_regex":
            for key, items in [("met", addition.met), ("partial", addition.partial)] + [
                (("checks", check), items) for check, items in addition.checks.items()
            ]:
                where = ("overrides", i, name) + (key if isinstance(key, tuple) else (key,))
                for j, expression in enumerate(items):
                    found += [(w, override.id, m, s) for w, m, s in _regex(expression, where + (j,))]
        if addition is not None and name == "add_terms":
            for key, items in [("met", addition.met), ("partial", addition.partial)] + [
                (("checks", check), items) for check, items in addition.checks.items()
            ]:
                where = ("overrides", i, name) + (key if isinstance(key, tuple) else (key,))
                for j, term in enumerate(items):
                    found += [(w, override.id, m, s) for w, m, s in _term(term, where + (j,))]
    return found


def check_patterns(patterns: Patterns, loc: tuple) -> list[tuple[tuple, str, str]]:
    out: list[tuple[tuple, str, str]] = []
    if patterns.is_empty():
        out.append((loc, "词表为空（any 和 regex 都没有内容），这条规则什么也找不到；请填写要查找的词", "error"))
    for i, term in enumerate(patterns.any):
        out += _term(term, loc + ("any", i))
    for i, expression in enumerate(patterns.regex):
        out += _regex(expression, loc + ("regex", i))
    return out


def _term(term: str, loc: tuple) -> list[tuple[tuple, str, str]]:
    if not term.strip():
        return [(loc, "词表里有空字符串；请删去这一项", "error")]
    return _never_matches(term, loc, "词语")


def _regex(expression: str, loc: tuple) -> list[tuple[tuple, str, str]]:
    try:
        compiled = re.compile(expression)
    except re.error as exc:
        return [(loc, f"正则表达式 “{expression}” 无效：{_plain_re_error(exc)}", "error")]
    out = []
    if compiled.match("") is not None:
        out.append((loc, f"正则表达式 “{expression}” 可以匹配空字符串（检查 | 两侧是否有空分支），空匹配会被忽略", "warning"))
    return out + _never_matches(expression, loc, "正则表达式")


def _never_matches(pattern: str, loc: tuple, what: str) -> list[tuple[tuple, str, str]]:
    """Reports are folded to simplified, half-width text before matching: a pattern that is
    not folded itself can never match (Vale's users' most common silent failure)."""
    folded = fold_characters(pattern)
    if folded != pattern:
        return [(loc, f"{what} “{pattern}” 含繁体字或全角字符，报告在匹配前已转为简体、半角，按原样永远不会命中；请改写为 “{folded}”", "warning")]
    if _CJK_SPACE.search(pattern):
        return [(loc, f"{what} “{pattern}” 在汉字旁有空格，报告在匹配前会删去这些空格，按原样永远不会命中；请删去空格", "warning")]
    return []


def _plain_re_error(exc: re.error) -> str:
    message = exc.msg
    for english, chinese in _RE_ERRORS.items():
        if message.startswith(english):
            message = chinese
            break
    return f"{message}（第 {exc.pos + 1} 个字符处）" if exc.pos is not None else message


def _checklist(rule: ChecklistRule, loc: tuple, owner: str | None) -> list[Finding]:
    found: list[Finding] = []
    if rule.met_at is not None and rule.met_at > len(rule.checks):
        found.append((loc + ("met_at",), owner, f"met_at（{rule.met_at}）大于子项数（{len(rule.checks)}），永远不会满足", "error"))
    seen: set[str] = set()
    for i, check in enumerate(rule.checks):
        if check.id in seen:
            found.append((loc + ("checks", i, "id"), owner, f"子项 id “{check.id}” 重复", "error"))
        seen.add(check.id)
    return found


def _duplicate_ids(rubric: RubricFile) -> list[Finding]:
    found: list[Finding] = []
    for section, label in (("elements", "要素"), ("overrides", "覆盖"), ("disable", "停用"), ("roles", "角色")):
        first: dict[str, int] = {}
        for i, item in enumerate(getattr(rubric, section) or []):
            if item.id in first:
                found.append(((section, i, "id"), item.id if section != "roles" else None,
                              f"{label} id “{item.id}” 重复（{section} 第 {first[item.id] + 1} 项已有）；每个 id 只能出现一次", "error"))
            else:
                first[item.id] = i
    disabled = {d.id for d in rubric.disable}
    for i, override in enumerate(rubric.overrides):
        if override.id in disabled:
            found.append((("overrides", i, "id"), override.id, "同一文件里既停用又覆盖这个要素；请只保留一处", "error"))
    new_ids = {e.id for e in rubric.elements}
    for i, override in enumerate(rubric.overrides):
        if override.id in new_ids:
            found.append((("overrides", i, "id"), override.id, "这个要素是本文件新增的，直接改 elements 里的定义即可，不必覆盖", "error"))
    return found


def _base_or_layer(rubric: RubricFile) -> list[Finding]:
    """A base rubric defines everything itself; only a layer may override or disable."""
    found: list[Finding] = []
    if rubric.extends is None:
        for key in ("roles", "default_role", "defaults", "negation"):
            if getattr(rubric, key) is None:
                found.append(((), None, f"缺少必填的键 “{key}”（没有 extends 的评分细则要自己定义它；或写 extends: national 继承全国基准）", "error"))
        if not rubric.elements:
            found.append(((), None, "没有任何要素（elements 为空）；或写 extends: national 继承全国基准", "error"))
        if rubric.roles == []:
            found.append((("roles",), None, "roles 为空：至少要定义一个报告部分（参见内置的 national.yaml）", "error"))
        for key in ("overrides", "disable"):
            if getattr(rubric, key):
                found.append(((key,), None, f"{key} 只能用在有 extends 的评分细则里（要继承哪个细则？）", "error"))
        if rubric.roles is not None and rubric.default_role is not None:
            found += _role_references(rubric, {r.id for r in rubric.roles})
    return found


def _role_references(rubric: RubricFile, role_ids: set[str]) -> list[Finding]:
    """Roles named by defaults and elements must be defined (checked per file for a base rubric)."""
    known = role_ids | {PREAMBLE}
    found: list[Finding] = []
    if rubric.default_role is not None and rubric.default_role not in role_ids:
        found.append((("default_role",), None, f"default_role “{rubric.default_role}” 不在 roles 中；已定义：{_list(role_ids)}", "error"))
    if rubric.defaults is not None:
        for key in ("scope", "capped_in"):
            for i, role in enumerate(getattr(rubric.defaults, key)):
                if role not in known:
                    found.append((("defaults", key, i), None, f"引用了未定义的角色 “{role}”；已定义：{_list(known)}", "error"))
    for i, element in enumerate(rubric.elements):
        found += [(("elements", i) + loc, element.id, message, "error") for loc, message in element_role_problems(element, known)]
    return found


def element_role_problems(element: Element | BaseModel, known: set[str]) -> list[tuple[tuple, str]]:
    """Undefined roles named by an element's scope, capped_in or section rules."""
    out: list[tuple[tuple, str]] = []
    for key in ROLE_FIELDS:
        for i, role in enumerate(getattr(element, key, None) or []):
            if role not in known:
                out.append(((key, i), f"{key} 引用了未定义的角色 “{role}”；已定义：{_list(known)}"))
    for group in RULE_FIELDS:
        for i, rule in enumerate(getattr(element, group, None) or []):
            role = getattr(rule, "role", None)
            if role is not None and role not in known:
                out.append(((group, i, "role"), f"section 规则引用了未定义的角色 “{role}”；已定义：{_list(known)}"))
            for key in ("roles", "except_roles"):
                for j, role in enumerate(getattr(rule, key, None) or []):
                    if role not in known:
                        out.append(((group, i, key, j), f"规则的 {key} 引用了未定义的角色 “{role}”；已定义：{_list(known)}"))
    return out


def _owner(rubric: RubricFile, loc: tuple) -> str | None:
    if len(loc) >= 2 and loc[0] in ("elements", "overrides", "disable") and isinstance(loc[1], int):
        return getattr(rubric, loc[0])[loc[1]].id
    return None


def _list(items: set[str]) -> str:
    return ", ".join(sorted(items))
