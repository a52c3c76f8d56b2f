"""Rubrics: YAML files describing the elements a report must contain."""

from scorer.rubric.loader import load_rubric, resolve_rubric
from scorer.rubric.model import Rubric

__all__ = ["Rubric", "load_rubric", "resolve_rubric"]
