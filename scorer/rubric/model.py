"""Pydantic models of a rubric file. Unknown keys are refused everywhere.

A rubric lists *elements*. Each element has rules in two lists: `met` (rules that can
prove the element met) and `partial` (rules that can prove at most partial). A rule is
one of a few kinds: its YAML model is a module of `scorer.rubric.kinds`, its matcher the same-named
module of `scorer.match`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PositiveFloat, PositiveInt, WithJsonSchema

from scorer.rubric.blocks import Patterns, Strict
from scorer.rubric.kinds import Rule
from scorer.rubric.kinds.checklist import Check, ChecklistRule
from scorer.rubric.kinds.figures import FiguresRule
from scorer.rubric.kinds.metadata import MetadataRule
from scorer.rubric.kinds.section import SectionRule
from scorer.rubric.kinds.terms import TermsRule


Role = str

# The role of the text before the first heading (title, opening): every rubric has it without defining it.
PREAMBLE = "preamble"
PREAMBLE_TITLE = "开头"


class Example(Strict):
    """A short report text that must make its element met, partial or missing.

    `todo` marks a known miss (like Semgrep's `todoruleid`): the example states what
    should happen, the matcher does not do it yet, and the reason is given here.
    `quote` / `matched` pin the reason: some evidence must quote that text / match that phrase,
    so an example cannot pass on the wrong sentence.
    """

    text: str = Field(min_length=1)
    note: str | None = None
    todo: str | None = None
    quote: str | None = Field(default=None, min_length=1)
    matched: str | None = Field(default=None, min_length=1)


def _example_from_text(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


_EXAMPLE_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1, "description": "样例文字"},
        {
            "type": "object",
            "properties": {
                "text": {"type": "string", "minLength": 1, "description": "样例文字"},
                "note": {"type": "string", "description": "说明"},
                "todo": {"type": "string", "description": "已知未通过的原因"},
                "quote": {"type": "string", "minLength": 1, "description": "评分依据须包含的原文"},
                "matched": {"type": "string", "minLength": 1, "description": "评分依据须命中的词语"},
            },
            "required": ["text"],
            "additionalProperties": False,
        },
    ]
}

ExampleItem = Annotated[Example, BeforeValidator(_example_from_text), WithJsonSchema(_EXAMPLE_SCHEMA)]


class Examples(Strict):
    """Texts that must make the element met, partial or missing (`rolscore rubric test`)."""

    met: list[ExampleItem] = Field(default_factory=list)
    partial: list[ExampleItem] = Field(default_factory=list)
    missing: list[ExampleItem] = Field(default_factory=list)

    def items(self) -> list[tuple[str, int, Example]]:
        return [(status, i, ex) for status in ("met", "partial", "missing") for i, ex in enumerate(getattr(self, status))]


@dataclass(frozen=True)
class Label:
    """An element field's name as rubric authors read it (inheritance notes, `rubric diff`),
    and what it holds: the field lists that inheritance, checks and diff need are read from
    these marks (`scorer.rubric.fields`), so a new field is declared here once."""

    text: str
    holds: Literal["value", "roles", "rules", "examples"] = "value"


class Element(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Annotated[str, Label("标题")]
    weight: Annotated[PositiveFloat, Label("权重")]
    required: Annotated[bool, Label("必备")] = False
    basis: Annotated[str, Label("依据")] = Field(min_length=1)
    description: Annotated[str | None, Label("说明")] = None
    scope: Annotated[list[Role] | None, Label("计分部分", "roles")] = None
    capped_in: Annotated[list[Role] | None, Label("封顶部分", "roles")] = None
    negation: Annotated[Literal["cap", "ignore"] | None, Label("否定处理")] = None
    met: Annotated[list[Rule], Label("满足规则", "rules")] = Field(default_factory=list)
    partial: Annotated[list[Rule], Label("部分满足规则", "rules")] = Field(default_factory=list)
    suggestion: Annotated[str, Label("建议")]
    examples: Annotated[Examples | None, Label("样例", "examples")] = None


class RoleDef(Strict):
    """A part of a report, recognised by words in its heading.

    `cue` marks the sentence where this part begins inside a heading that joins two
    parts (存在问题和下一步工作目标: the plan starts at 下一步，...). With `heading_year:
    next`, a heading naming the year after the one reported (2024年重点工作) takes this
    role. With `nested: false`, a sub-part's heading words switch into this role only
    when its parent's heading named it too ((一)创新工作思路 is not a plan).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    heading: Patterns
    cue: Patterns | None = None
    heading_year: Literal["next"] | None = None
    nested: bool = True


class Defaults(Strict):
    scope: list[Role]
    capped_in: list[Role] = Field(default_factory=list)
    negation: Literal["cap", "ignore"] = "cap"


GRADE_NAMES = ("优秀", "良好", "合格", "不合格")


class Grades(Strict):
    """Score thresholds of the grades, and the highest grade a report may get while a
    required element is not met (a score of 92 next to 必备要素未满足 must not read 优秀)."""

    excellent: float = 90
    good: float = 75
    passing: float = 60
    cap_when_required_unmet: Literal["良好", "合格", "不合格"] | None = Field(
        default="良好", description="必备要素未全部满足时，等级最高为此；写 null 不设上限"
    )


class Rubric(Strict):
    """A resolved rubric: every inherited layer applied (see `scorer.rubric.inherit`).

    A composed rubric (a department overlay on a province) has an id like
    `zhejiang+emergency`.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_+-]*$")
    title: str
    version: str
    basis: list[str] = Field(min_length=1)
    roles: list[RoleDef] = Field(min_length=1)
    default_role: Role
    defaults: Defaults
    negation: Patterns
    intent: Patterns = Field(default_factory=Patterns)
    words: dict[str, list[str]] = Field(default_factory=dict)
    grades: Grades = Field(default_factory=Grades)
    elements: list[Element] = Field(min_length=1)
