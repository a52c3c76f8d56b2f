"""Rubrics: YAML files describing the elements a report must contain."""

from scorer.rubric.loader import load_rubric, resolve_rubric, resolve_rubric_path
from scorer.rubric.model import Rubric

__all__ = ["Rubric", "load_rubric", "resolve_rubric", "resolve_rubric_path"]
