"""What one rubric file may say: a full rubric, or a layer over another one.

A file without `extends` is a base rubric and must define roles, defaults, negation and
elements. A file with `extends` is a layer: it names its parent (a bundled id or a path)
and changes it by element id:

- `elements`: new elements (an id the parent already has is an error);
- `overrides`: any field of an inherited element replaced, plus `add_terms`,
  `add_regex`, `add_rules` and `add_examples`, which append to what the parent has;
- `disable`: an inherited element dropped, with the reason.

The resolved rubric is a plain `Rubric`; `scorer.rubric.inherit` builds it.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, create_model

from scorer.rubric.fields import OVERRIDABLE
from scorer.rubric.model import Defaults, Element, Examples, Grades, Patterns, Role, RoleDef, Rule, Strict

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class AppliesTo(Strict):
    """How `--rubric auto` recognises a report this rubric is written for."""

    places: list[str] = Field(default_factory=list, description="地名：省、市、县（区），出现在报告单位或正文中")
    markers: list[str] = Field(default_factory=list, description="只有本省报告才会用的词，如本省政务平台名称")
    agencies: list[str] = Field(default_factory=list, description="部门细则：报告单位名称中的词，如“应急管理”")


class TermsAddition(Strict):
    """Phrases appended to an inherited element without repeating the parent's.

    `met` goes into the first `terms` rule of the element's `met` list (keeping its
    `with` / `unless` conditions), `partial` likewise, and `checks` into the named
    sub-check of a checklist rule.
    """

    met: list[str] = Field(default_factory=list)
    partial: list[str] = Field(default_factory=list)
    checks: dict[str, list[str]] = Field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.met and not self.partial and not any(self.checks.values())


class RulesAddition(Strict):
    """Whole rules appended to an inherited element's `met` or `partial` list."""

    met: list[Rule] = Field(default_factory=list)
    partial: list[Rule] = Field(default_factory=list)


class _OverrideBase(Strict):
    def replaced_fields(self) -> list[str]:
        """The `Element` fields this override sets, in the element's own field order."""
        return [name for name in OVERRIDABLE if name in self.model_fields_set]


def _optional(name: str) -> tuple[Any, Any]:
    """An `Element` field as an override states it: same type and constraints, or absent."""
    field = Element.model_fields[name]
    annotation = Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation
    return annotation | None, Field(default=None, description=field.description)


# Every `Element` field made optional (given: replaces the parent's), plus the keys only an
# override has. Derived, so a field added to `Element` can be overridden without a second list.
ElementOverride = create_model(
    "ElementOverride",
    __base__=_OverrideBase,
    __doc__="Changes to one inherited element, found by `id`. A field given replaces the parent's.",
    id=(str, Field(pattern=ID_PATTERN)),
    reason=(str | None, Field(default=None, description="为什么要改（显示在 rubric show 中）")),
    **{name: _optional(name) for name in OVERRIDABLE},
    add_terms=(TermsAddition | None, None),
    add_regex=(TermsAddition | None, None),
    add_rules=(RulesAddition | None, None),
    add_examples=(Examples | None, None),
)


class Disable(Strict):
    id: str = Field(pattern=ID_PATTERN)
    reason: str = Field(min_length=1, description="为什么本细则不检查这一要素")


class RubricFile(Strict):
    """One rubric YAML file, as written."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str
    version: str
    extends: str | None = Field(default=None, description="父细则：内置 id（如 national）或 YAML 文件路径")
    description: str | None = None
    applies_to: AppliesTo | None = None
    basis: list[str] = Field(min_length=1)
    roles: list[RoleDef] | None = None
    default_role: Role | None = None
    defaults: Defaults | None = None
    negation: Patterns | None = None
    intent: Patterns | None = Field(default=None, description="打算、计划、部署的提示词：所在分句的要素最多部分满足（与 negation 同样处理）")
    words: dict[str, list[str]] | None = Field(default=None, description="命名词表：在 any 中写 {{名称}} 展开为这些词，在 regex 中展开为它们的并列")
    grades: Grades | None = None
    elements: list[Element] = Field(default_factory=list)
    overrides: list[ElementOverride] = Field(default_factory=list)
    disable: list[Disable] = Field(default_factory=list)


LAYER_SETTINGS = ("roles", "default_role", "defaults", "negation", "intent", "grades")
