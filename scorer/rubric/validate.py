"""`rubric validate`: every problem of a rubric file and the chain it extends."""

from __future__ import annotations

from pathlib import Path

from scorer.rubric.chain import label_for
from scorer.rubric.loader import resolve_spec
from scorer.rubric.problems import Problem, Problems


def validate_file(path: Path) -> Problems:
    problems = Problems()
    if not path.is_file():
        problems.add(Problem(label_for(path), None, None, None, "文件不存在；请检查路径"))
        return problems
    resolve_spec(str(path), problems)
    return problems.ordered()
