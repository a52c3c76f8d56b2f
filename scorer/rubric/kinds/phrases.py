"""How a rule's phrases read in `rubric show`."""

from __future__ import annotations

from scorer.rubric.blocks import Patterns


def phrases(patterns: Patterns) -> str:
    parts = [f"“{term}”" for term in patterns.any] + [f"/{expression}/" for expression in patterns.regex]
    return "、".join(parts)
