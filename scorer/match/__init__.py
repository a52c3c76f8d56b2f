"""Matcher kinds, one module each, found by name (not listed by hand). A kind module declares `KIND` (the
`kind:` of its rules, whose YAML model is the same-named module of `scorer.rubric.kinds`) and `MATCHER` (a class
built from the rule, with `run(doc, ctx) -> Finding` and `describe(ctx)`, the explanation of what it looked for).
"""

from __future__ import annotations

import importlib
import pkgutil

from scorer.match.base import ElementContext, Finding, Hit, Matcher, Strength

_HELPERS = {"base"}


def _discover() -> dict[str, type]:
    kinds = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name in _HELPERS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        kinds[module.KIND] = module.MATCHER
    return kinds


KINDS: dict[str, type] = _discover()


def build_matcher(rule) -> Matcher:
    return KINDS[rule.kind](rule)


__all__ = ["ElementContext", "Finding", "Hit", "Matcher", "Strength", "build_matcher", "KINDS"]
