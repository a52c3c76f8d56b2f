"""A rubric compiled for matching: regexes built and matchers constructed once per process."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorer.match import ElementContext, Matcher, build_matcher
from scorer.text.patterns import CompiledPatterns, compile_patterns
from scorer.rubric import Rubric, resolve_rubric
from scorer.rubric.model import Element
from scorer.read import RawDocument
from scorer.text.document import Document, build_document
from scorer.rubric.model import PREAMBLE, PREAMBLE_TITLE
from scorer.text.sections import RoleMatcher



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
    layers: list[str] = field(default_factory=list)  # ids of the files applied, base first

    def document(self, raw: RawDocument) -> Document:
        """The report read with this rubric's parts (roles) and its default role."""
        return build_document(raw, self.roles, self.rubric.default_role)


def compile_rubric(rubric: Rubric, source: str = "") -> CompiledRubric:
    roles = [
        RoleMatcher(role.id, CompiledPatterns(role.heading), CompiledPatterns(role.cue) if role.cue else None, role.heading_year, role.nested)
        for role in rubric.roles
    ]
    titles = {role.id: role.title for role in rubric.roles} | {PREAMBLE: PREAMBLE_TITLE}
    role_order = (PREAMBLE, *(role.id for role in rubric.roles))
    negation = CompiledPatterns(rubric.negation)
    intent = compile_patterns(rubric.intent)
    defaults = rubric.defaults
    elements = []
    for element in rubric.elements:
        context = ElementContext(
            scope=frozenset(element.scope if element.scope is not None else defaults.scope),
            capped_in=frozenset(element.capped_in if element.capped_in is not None else defaults.capped_in),
            negation_caps=(element.negation or defaults.negation) == "cap",
            negation=negation,
            role_titles=titles,
            intent=intent,
            role_order=role_order,
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
    """The compiled rubric, built once per process for each version of its files.

    `name_or_path` is a bundled id, a YAML path or a composition (`zhejiang+emergency`);
    an inherited rubric is recompiled when any file of its chain changes.
    """
    resolved = resolve_rubric(name_or_path)
    key = (resolved.rubric.id, resolved.fingerprint())
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = compile_rubric(resolved.rubric, source=str(resolved.layers[-1].path))
        compiled.layers = resolved.layer_ids
        _COMPILED[key] = compiled
    return compiled


_COMPILED: dict[tuple, CompiledRubric] = {}
