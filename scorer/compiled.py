"""A rubric compiled for matching: regexes built and matchers constructed once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer.match import ElementContext, Matcher, build_matcher
from scorer.patterns import CompiledPatterns
from scorer.rubric import Rubric, load_rubric, resolve_rubric_path
from scorer.rubric.model import Element
from scorer.sections import PREAMBLE, RoleMatcher

PREAMBLE_TITLE = "开头"


@dataclass
class CompiledElement:
    element: Element
    met: list[Matcher]
    partial: list[Matcher]
    context: ElementContext


@dataclass
class CompiledRubric:
    rubric: Rubric
    source: str
    roles: list[RoleMatcher]
    role_titles: dict[str, str]
    elements: list[CompiledElement]


def compile_rubric(rubric: Rubric, source: str = "") -> CompiledRubric:
    roles = [
        RoleMatcher(role.id, CompiledPatterns(role.heading), CompiledPatterns(role.cue) if role.cue else None, role.heading_year)
        for role in rubric.roles
    ]
    titles = {role.id: role.title for role in rubric.roles} | {PREAMBLE: PREAMBLE_TITLE}
    negation = CompiledPatterns(rubric.negation)
    defaults = rubric.defaults
    elements = []
    for element in rubric.elements:
        context = ElementContext(
            scope=frozenset(element.scope if element.scope is not None else defaults.scope),
            capped_in=frozenset(element.capped_in if element.capped_in is not None else defaults.capped_in),
            negation_caps=(element.negation or defaults.negation) == "cap",
            negation=negation,
            role_titles=titles,
        )
        elements.append(
            CompiledElement(
                element=element,
                met=[build_matcher(rule) for rule in element.met],
                partial=[build_matcher(rule) for rule in element.partial],
                context=context,
            )
        )
    return CompiledRubric(rubric=rubric, source=source, roles=roles, role_titles=titles, elements=elements)


def get_compiled(name_or_path: str) -> CompiledRubric:
    """The compiled rubric, built once per process for each file version."""
    path = resolve_rubric_path(name_or_path)
    stat = path.stat()
    return _compiled(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _compiled(path: str, _mtime: int, _size: int) -> CompiledRubric:
    return compile_rubric(load_rubric(path), source=str(Path(path)))
