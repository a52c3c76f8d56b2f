"""The element field lists that inheritance, checks and `rubric diff` need, read from the
`Label` marks of `Element`: a field added there reaches all of them."""

from __future__ import annotations

import types
from typing import Union, get_args, get_origin

from scorer.rubric.model import Element, Label


def _label(name: str) -> Label:
    return next(mark for mark in Element.model_fields[name].metadata if isinstance(mark, Label))


def _admits_none(annotation) -> bool:
    return get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(annotation)


# Every field but `id` may be replaced by a layer, in the element's own field order.
OVERRIDABLE = tuple(name for name in Element.model_fields if name != "id")
FIELD_TITLES = {name: _label(name).text for name in OVERRIDABLE}
# A layer may not blank these out (the element would be invalid); it disables the element instead.
NOT_NULL = frozenset(name for name in OVERRIDABLE if not _admits_none(Element.model_fields[name].annotation))
ROLE_FIELDS = tuple(name for name in OVERRIDABLE if _label(name).holds == "roles")
RULE_FIELDS = tuple(name for name in OVERRIDABLE if _label(name).holds == "rules")
# Compared value by value by `rubric diff`; rules are compared by phrase, examples by count.
PLAIN_FIELDS = tuple(name for name in OVERRIDABLE if _label(name).holds in ("value", "roles"))
