"""Load a rubric YAML file into a validated `Rubric`, with errors that point at the line.

YAML is read with the safe loader only: a rubric is data from other people, and no tag
may construct a Python object.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scorer.errors import RubricError
from scorer.rubric.model import Patterns, Rubric

BUNDLED_DIRS = (
    Path(__file__).resolve().parent.parent / "_bundled_rubrics",  # installed wheel
    Path(__file__).resolve().parents[2] / "rubrics",  # source checkout
)


def bundled_dir() -> Path:
    for folder in BUNDLED_DIRS:
        if folder.is_dir():
            return folder
    raise RubricError(None, "找不到内置评分细则目录 rubrics/", "请重新安装 rolscore")


def resolve_rubric_path(name_or_path: str) -> Path:
    """A rubric is named by a path to a YAML file or by the id of a bundled rubric."""
    candidate = Path(name_or_path)
    if candidate.suffix in {".yaml", ".yml"} or candidate.exists():
        if not candidate.is_file():
            raise RubricError(name_or_path, "评分细则文件不存在", "请检查路径")
        return candidate
    found = bundled_dir() / f"{name_or_path}.yaml"
    if not found.is_file():
        known = ", ".join(sorted(p.stem for p in bundled_dir().glob("*.yaml")))
        raise RubricError(name_or_path, "没有这个评分细则", f"可用的内置细则：{known}；或给出 YAML 文件路径")
    return found


def load_rubric(name_or_path: str) -> Rubric:
    path = resolve_rubric_path(name_or_path)
    stat = path.stat()
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _load_cached(path: str, _mtime: int, _size: int) -> Rubric:
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(str(source), f"无法读取评分细则：{exc}", "请确认文件存在且为 UTF-8 编码") from None
    return parse_rubric(text, str(source))


def parse_rubric(text: str, source: str) -> Rubric:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RubricError(source, f"{where}YAML 语法错误：{problem}", "请检查缩进和冒号") from None
    if not isinstance(data, dict):
        raise RubricError(source, "评分细则应是一个 YAML 映射（键: 值）", "参见 rubrics/national.yaml")
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RubricError(source, _describe(first, node, data), "参见 rubrics/national.yaml 的写法") from None
    _check_semantics(rubric, source, node)
    return rubric


def _describe(error: dict[str, Any], node: yaml.Node | None, data: Any) -> str:
    loc = tuple(error["loc"])
    # Pydantic inserts the union member's tag (e.g. 'terms') into the location; drop it.
    loc = tuple(part for part in loc if not (isinstance(part, str) and part in _RULE_KINDS and _is_tag(loc, part)))
    line = _line_of(node, loc)
    where = f"第 {line} 行：" if line else ""
    element = _element_id(data, loc)
    about = f"要素 {element} 的" if element else ""
    key = ".".join(str(p) for p in loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{where}{about}未知的键 “{loc[-1]}”（位置 {key}）"
    if kind == "missing":
        return f"{where}{about}缺少必填的键 “{loc[-1]}”（位置 {key}）"
    return f"{where}{about}“{key}” 的值不合法：{error['msg']}"


_RULE_KINDS = {"terms", "checklist", "section", "figures", "metadata"}


def _is_tag(loc: tuple, part: str) -> bool:
    index = loc.index(part)
    return index > 0 and isinstance(loc[index - 1], int)


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """Follow a pydantic location through the composed YAML tree to a line number."""
    current = node
    last_line = current.start_mark.line + 1 if current is not None else None
    for part in loc:
        if isinstance(current, yaml.MappingNode):
            match = next((v for k, v in current.value if k.value == part), None)
            key_node = next((k for k, _ in current.value if k.value == part), None)
            if match is None:
                return last_line
            last_line = (key_node or match).start_mark.line + 1
            current = match
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int) and part < len(current.value):
            current = current.value[part]
            last_line = current.start_mark.line + 1
        else:
            return last_line
    return last_line


def _element_id(data: Any, loc: tuple) -> str | None:
    if len(loc) >= 2 and loc[0] == "elements" and isinstance(loc[1], int):
        try:
            return data["elements"][loc[1]].get("id")
        except (KeyError, IndexError, AttributeError, TypeError):
            return None
    return None


def _check_semantics(rubric: Rubric, source: str, node: yaml.Node | None) -> None:
    """What the schema cannot say: unique ids, known roles, regexes that compile."""
    role_ids = [role.id for role in rubric.roles]
    known_roles = set(role_ids) | {"preamble", rubric.default_role}
    _no_duplicates(role_ids, "角色", source)
    _no_duplicates([e.id for e in rubric.elements], "要素", source)
    if rubric.default_role not in role_ids:
        raise RubricError(source, f"default_role “{rubric.default_role}” 不在 roles 中", "请先在 roles 里定义它")
    for role in rubric.defaults.scope + rubric.defaults.capped_in:
        if role not in known_roles:
            raise RubricError(source, f"defaults 引用了未定义的角色 “{role}”", f"已定义：{', '.join(sorted(known_roles))}")
    _check_patterns(rubric.negation, source, "negation")
    for role in rubric.roles:
        _check_patterns(role.heading, source, f"角色 {role.id}")
        if role.cue:
            _check_patterns(role.cue, source, f"角色 {role.id}")
    for element in rubric.elements:
        where = f"要素 {element.id}"
        if not element.met and not element.partial:
            raise RubricError(source, f"{where} 没有任何规则（met 和 partial 都为空）", "至少写一条规则")
        for role in (element.scope or []) + (element.capped_in or []):
            if role not in known_roles:
                raise RubricError(source, f"{where} 引用了未定义的角色 “{role}”", f"已定义：{', '.join(sorted(known_roles))}")
        for rule in element.met + element.partial:
            for patterns in _patterns_of(rule):
                _check_patterns(patterns, source, where)
            for role in getattr(rule, "roles", None) or []:
                if role not in known_roles:
                    raise RubricError(source, f"{where} 的规则引用了未定义的角色 “{role}”", f"已定义：{', '.join(sorted(known_roles))}")
            role = getattr(rule, "role", None)
            if role is not None and role not in known_roles:
                raise RubricError(source, f"{where} 的 section 规则引用了未定义的角色 “{role}”", "请检查 role")


def _patterns_of(rule: Any) -> list[Patterns]:
    found: list[Patterns] = []
    if isinstance(rule, Patterns):
        found.append(rule)
    for attr in ("with_", "unless", "named", "context"):
        value = getattr(rule, attr, None)
        if isinstance(value, Patterns):
            found.append(value)
    found.extend(getattr(rule, "checks", []) or [])
    return found


def _check_patterns(patterns: Patterns, source: str, where: str) -> None:
    if getattr(patterns, "kind", "terms") == "terms" and patterns.is_empty():
        raise RubricError(source, f"{where} 有一组空的词表（any 和 regex 都为空）", "请填写要查找的词")
    for term in patterns.any:
        if not term.strip():
            raise RubricError(source, f"{where} 的词表里有空字符串", "请删去空词")
    for expression in patterns.regex:
        try:
            re.compile(expression)
        except re.error as exc:
            raise RubricError(source, f"{where} 的正则表达式 “{expression}” 无效：{exc}", "请修正正则表达式") from None


def _no_duplicates(ids: list[str], what: str, source: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise RubricError(source, f"{what} id “{item}” 重复", "每个 id 只能出现一次")
        seen.add(item)
