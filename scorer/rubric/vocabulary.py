"""Named word lists (`words:`) that a rubric writes once and uses in many rules.

In an `any` list, an item `{{name}}` stands for every word of the list; inside a
`regex` it stands for their alternation `(?:词1|词2)`, each word escaped. Written once,
the copies cannot drift apart (the pronouns 我局、我们… that three cues need were three
hand-kept lists, and they differed).
"""

from __future__ import annotations

import re
from typing import Any

REFERENCE = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
_PATTERN_KEYS = ("any", "regex")
_NOT_PATTERNS = ("examples", "words", "add_examples")


def expand(data: Any, words: dict[str, list[str]], unknown: set[str]) -> Any:
    """`data` (a dumped rubric) with every `{{name}}` in its pattern lists replaced.

    Names not in `words` are left as written and collected in `unknown`.
    """
    if isinstance(data, list):
        return [expand(item, words, unknown) for item in data]
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        if key in _NOT_PATTERNS:
            out[key] = value
        elif key == "any" and isinstance(value, list):
            out[key] = _expand_any(value, words, unknown)
        elif key == "regex" and isinstance(value, list):
            out[key] = [_expand_regex(item, words, unknown) if isinstance(item, str) else item for item in value]
        else:
            out[key] = expand(value, words, unknown)
    return out


def _expand_any(items: list, words: dict[str, list[str]], unknown: set[str]) -> list:
    out: list = []
    for item in items:
        whole = REFERENCE.fullmatch(item.strip()) if isinstance(item, str) else None
        if whole and whole.group(1) in words:
            out.extend(words[whole.group(1)])
        elif whole:
            unknown.add(whole.group(1))
            out.append(item)
        else:
            out.append(item)  # a literal phrase: braces inside it are text
    return list(dict.fromkeys(out))


def _expand_regex(expression: str, words: dict[str, list[str]], unknown: set[str]) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in words:
            unknown.add(name)
            return match.group(0)
        listed = sorted(words[name], key=len, reverse=True)  # longest first: 我局们 before 我局
        return "(?:" + "|".join(re.escape(word) for word in listed) + ")"

    return REFERENCE.sub(replace, expression)
