"""Pydantic models of a rubric file. Unknown keys are refused everywhere.

A rubric lists *elements*. Each element has rules in two lists: `met` (rules that can
prove the element met) and `partial` (rules that can prove at most partial). A rule is
one of a few matcher kinds, each implemented by one module in `scorer.match`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PositiveFloat, PositiveInt, WithJsonSchema


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Patterns(Strict):
    """Phrases to look for. `any` are literal phrases, `regex` regular expressions.

    Literal phrases are written in simplified Chinese; reports are normalised to
    simplified Chinese before matching, so traditional-character text matches too.
    With `whole_words`, a literal phrase counts only where it stands as a whole word
    (checked with jieba on the sentence around the hit), so that 应诉 does not fire
    inside 回应诉求.
    """

    any: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    whole_words: bool = False

    def is_empty(self) -> bool:
        return not self.any and not self.regex


class TermsRule(Patterns):
    """Met where a phrase is found in a sentence the element may draw evidence from.

    `roles` narrows or widens where this one rule looks (hits there count fully); by
    default the element's own scope applies.
    """

    kind: Literal["terms"]
    with_: Patterns | None = Field(default=None, alias="with")
    unless: Patterns | None = None
    within: Literal["clause", "sentence"] = "sentence"
    headings: bool = True
    roles: list[str] | None = None
    note: str | None = None


class Check(Patterns):
    """One named sub-check of a checklist (for example 行政执法公示 of 三项制度)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str


class ChecklistRule(Strict):
    """Several named sub-checks; met when `met_at` of them (default: all) are found."""

    kind: Literal["checklist"]
    checks: list[Check] = Field(min_length=1)
    met_at: PositiveInt | None = None
    named: Patterns | None = None
    context: Patterns | None = None
    note: str | None = None


class SectionRule(Strict):
    """Met when the report has a part with this role and at least `min_chars` of content."""

    kind: Literal["section"]
    role: str
    min_chars: PositiveInt = 40
    note: str | None = None


class FiguresRule(Strict):
    """Counts distinct concrete figures (counts, percentages, amounts) about the work."""

    kind: Literal["figures"]
    met_at: PositiveInt = 3
    partial_at: PositiveInt = 1
    units: list[str] = Field(min_length=1)
    note: str | None = None


class MetadataRule(Strict):
    """Checks what the title or opening names: the agency (with its place) and the year."""

    kind: Literal["metadata"]
    require: list[Literal["agency", "year"]] = Field(min_length=1)
    agency_needs_place: bool = True
    note: str | None = None


class YearsRule(Strict):
    """The year reported is the same throughout: no sentence of the work done speaks of an
    earlier year as the current one, and next year's plan names the year after it."""

    kind: Literal["years"]
    plan_role: str = "plan"
    note: str | None = None


class TitleFormRule(Strict):
    """The title names the agency and the year (`require`) and what is reported (`names`)."""

    kind: Literal["title_form"]
    require: list[Literal["agency", "year"]] = Field(default_factory=lambda: ["agency", "year"])
    names: Patterns
    names_label: str = Field(min_length=1)
    note: str | None = None


class PublishedRule(Strict):
    """Published by `deadline` (MM-DD) of the year after the one reported; unknown date: not applicable."""

    kind: Literal["published"]
    deadline: str = Field(default="03-31", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
    note: str | None = None


Rule = Annotated[
    Union[TermsRule, ChecklistRule, SectionRule, FiguresRule, MetadataRule, YearsRule, TitleFormRule, PublishedRule],
    Field(discriminator="kind"),
]

Role = str


class Example(Strict):
    """A short report text that must make its element met, partial or missing.

    `todo` marks a known miss (like Semgrep's `todoruleid`): the example states what
    should happen, the matcher does not do it yet, and the reason is given here.
    """

    text: str = Field(min_length=1)
    note: str | None = None
    todo: str | None = None


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


class Element(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    weight: PositiveFloat
    required: bool = False
    basis: str = Field(min_length=1)
    description: str | None = None
    scope: list[Role] | None = None
    capped_in: list[Role] | None = None
    negation: Literal["cap", "ignore"] | None = None
    met: list[Rule] = Field(default_factory=list)
    partial: list[Rule] = Field(default_factory=list)
    suggestion: str
    examples: Examples | None = None


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


class Grades(Strict):
    excellent: float = 90
    good: float = 75
    passing: float = 60


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
    grades: Grades = Field(default_factory=Grades)
    elements: list[Element] = Field(min_length=1)
