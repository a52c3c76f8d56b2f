"""Pydantic's validation errors, told in plain Chinese with the closest valid key suggested."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union

from pydantic import BaseModel

from scorer.rubric.kinds import RULE_KINDS, RULE_MODELS

_SECTIONS_WITH_IDS = ("elements", "overrides", "disable", "roles")


def clean_loc(loc: tuple) -> tuple:
    """Drop the union member pydantic inserts into a location (`met.0.terms.any` -> `met.0.any`)."""
    out: list = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and part in RULE_KINDS and i > 0 and isinstance(loc[i - 1], int):
            continue
        if isinstance(part, str) and part.startswith("function-"):  # BeforeValidator wrappers
            continue
        out.append(part)
    return tuple(out)


def owner_id(data: Any, loc: tuple) -> str | None:
    """The id of the element (or override, role) a location is inside, if it has one."""
    if len(loc) >= 2 and loc[0] in _SECTIONS_WITH_IDS and isinstance(loc[1], int):
        try:
            value = data[loc[0]][loc[1]].get("id")
        except (KeyError, IndexError, AttributeError, TypeError):
            return None
        return str(value) if value is not None else None
    return None


def model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class whose keys are valid at `loc` (for suggesting the closest key)."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field(current, part)
            if field is None:
                return None
            current = field.annotation
        elif _is_list_or_dict(current):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field(model: type[BaseModel], name: Any):
    for field_name, field in model.model_fields.items():
        if name in (field_name, field.alias):
            return field
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated, Optional and lists of one model down to what a key lookup needs."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _is_list_or_dict(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (list, dict)


def valid_keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def rule_model(data: Any, loc: tuple) -> type[BaseModel] | None:
    """For a key inside a rule, the rule kind's own model (chosen by its `kind`)."""
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    kind = node.get("kind") if isinstance(node, dict) else None
    return RULE_MODELS.get(kind)


def plain_message(error: dict[str, Any], loc: tuple, root: type[BaseModel], data: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    key = str(loc[-1]) if loc else ""
    path = ".".join(str(p) for p in loc)
    given = error.get("input")
    if kind == "extra_forbidden":
        parent = model_at(root, loc[:-1]) or rule_model(data, loc[:-1])
        return f"未知的键 “{key}”" + _suggest(key, valid_keys(parent) if parent else [])
    if kind == "missing":
        return f"缺少必填的键 “{key}”（位置 {path}）"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        return f"“{key}” 应为数字，实际是 {_show(given)}"
    if kind in ("greater_than", "greater_than_equal"):
        limit = _show(ctx.get("gt", ctx.get("ge")))
        return f"“{key}” 必须大于 {limit}，实际是 {_show(given)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"“{key}” 应为 true 或 false，实际是 {_show(given)}"
    if kind == "string_type":
        quote = "（数字请加引号，如 \"2026.1\"）" if isinstance(given, (int, float)) and not isinstance(given, bool) else ""
        return f"“{path}” 应为文字，实际是 {_show(given)}{quote}"
    if kind == "list_type":
        return f"“{key}” 应为列表（每项一行，以“- ”开头），实际是 {_show(given)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"“{path}” 应为映射（键: 值），实际是 {_show(given)}"
    if kind == "literal_error":
        return f"“{key}” 应为 {ctx.get('expected', '')} 之一，实际是 {_show(given)}"
    if kind == "string_pattern_mismatch":
        return f"“{key}” 的值 {_show(given)} 不合规：只能用小写字母、数字和下划线，并以字母开头"
    if kind in ("too_short", "string_too_short"):
        return f"“{key}” 不能为空"
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", given))
        return f"规则的 kind “{tag}” 未知，应为 {'、'.join(RULE_KINDS)} 之一" + _suggest(tag, list(RULE_KINDS))
    if kind == "value_error":  # a model's own check, already worded for the rubric author
        return f"“{key}” 的值不合法：{ctx.get('error', error['msg'])}"
    if kind == "union_tag_not_found":
        return f"规则缺少 kind，应为 {'、'.join(RULE_KINDS)} 之一"
    return f"“{path}” 的值不合法：{error['msg']}"


def _suggest(key: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.5)
    if close:
        return f"，是不是 “{close[0]}”？"
    return f"，可用的键：{', '.join(choices)}" if choices else ""


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    if value is None:
        return "空值"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return "一个映射"
    if isinstance(value, list):
        return "一个列表"
    return str(value)
