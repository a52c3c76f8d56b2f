"""A rubric's YAML with its positions kept, so every problem can point at a line and column.

Parsing uses PyYAML's safe loader only: a rubric is data from other people, and no tag
may construct a Python object. PyYAML silently keeps the last of two equal keys, so
duplicate keys are found here and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import yaml


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlTree:
    data: Any
    root: yaml.Node | None

    def position(self, loc: tuple, key: bool = True) -> Position | None:
        """Where a location (keys and list indexes) stands in the file.

        With `key`, a mapping entry is pointed at by its key (`wieght:`), otherwise by its
        value. A location that does not exist points at the deepest part that does.
        """
        node = self.root
        if node is None:
            return None
        mark = node.start_mark
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
                if pair is None:
                    break
                key_node, node = pair
                mark = key_node.start_mark if key else node.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return Position(mark.line + 1, mark.column + 1)

    def value_position(self, loc: tuple) -> Position | None:
        return self.position(loc, key=False)


class YamlSyntaxError(Exception):
    def __init__(self, message: str, position: Position | None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# libyaml's parser when PyYAML was built with it: the pure-Python one takes about 0.1 s
# for national.yaml, and a worker loads several rubric chains.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> YamlTree:
    """Parse once: the node tree (for line numbers) and the data built from it."""
    try:
        loader = _SafeLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        position = Position(mark.line + 1, mark.column + 1) if mark else None
        raise YamlSyntaxError(_plain_yaml_problem(exc), position) from None
    return YamlTree(data=data, root=root)


_YAML_PROBLEMS = {
    "could not determine a constructor for the tag": "不允许使用 YAML 标签（{detail}）：评分细则只能写普通数据",
    "mapping values are not allowed here": "这里不能出现冒号“:”（通常是缩进不对，或文字里的冒号后面缺空格/需要加引号）",
    # libyaml's wording of the same problem
    "mapping values are not allowed in this context": "这里不能出现冒号“:”（通常是缩进不对，或文字里的冒号后面缺空格/需要加引号）",
    "found character '\\t' that cannot start any token": "不能用制表符（Tab）缩进，请改用空格",
    "found a tab character": "不能用制表符（Tab）缩进，请改用空格",
    "did not find expected key": "缩进不对齐，找不到应有的键",
    "did not find expected '-' indicator": "列表缩进不对齐，找不到应有的“-”",
    "found undefined alias": "引用了未定义的锚点（{detail}）",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合）",
    "found unknown escape character": "双引号字符串里有无效的转义（正则表达式请用单引号括起来）",
}


def _plain_yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    for english, chinese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            detail = problem[len(english) :].strip(" '\"") or problem
            return "YAML 语法错误：" + chinese.format(detail=detail)
    return f"YAML 语法错误：{problem}"


def duplicate_keys(root: yaml.Node | None) -> Iterator[tuple[str, Position, Position]]:
    """(key, where it is repeated, where it first stood) for every repeated mapping key."""
    stack = [root] if root is not None else []
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    if key.value in first:
                        earlier = first[key.value].start_mark
                        yield key.value, Position(key.start_mark.line + 1, key.start_mark.column + 1), Position(earlier.line + 1, earlier.column + 1)
                    else:
                        first[key.value] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
