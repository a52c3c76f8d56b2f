"""The registry of rule kinds. A kind is a module here (found by name, not listed by hand) that declares
`MODEL` (its YAML model, with `kind: Literal[...]`), `ORDER` and `summary(rule)` (its `rubric show` line);
its matcher is the same-named module of `scorer.match`. The rule union of the rubric model, the schema
error tables and `rubric show` are all derived from `KINDS`.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Annotated, Union

from pydantic import BaseModel, Field

_HELPERS = {"phrases"}


def _discover() -> dict[str, ModuleType]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name in _HELPERS:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(module)
    found.sort(key=lambda module: module.ORDER)
    return {module.MODEL.model_fields["kind"].annotation.__args__[0]: module for module in found}


KINDS: dict[str, ModuleType] = _discover()
RULE_KINDS: tuple[str, ...] = tuple(KINDS)
RULE_MODELS: dict[str, type[BaseModel]] = {kind: module.MODEL for kind, module in KINDS.items()}

Rule = Annotated[Union[tuple(RULE_MODELS.values())], Field(discriminator="kind")]


def summary(rule: BaseModel) -> str:
    """One line per rule for `rubric show`, naming its kind and what it looks for."""
    return KINDS[rule.kind].summary(rule)
