"""Problems found in a rubric file: where (file, line, column, element) and what, in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scorer.errors import RubricError

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    element: str | None
    message: str
    severity: Severity = "error"

    def where(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def text(self) -> str:
        about = f"要素 {self.element}：" if self.element else ""
        return f"{about}{self.message}"

    def line_text(self) -> str:
        """The one line a terminal shows, in the `file:line:col: message` form editors link."""
        label = "" if self.severity == "error" else "提醒："
        return f"{self.where()}: {label}{self.text()}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        if problem not in self.items:
            self.items.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def ordered(self) -> "Problems":
        """Each file's problems in reading order, files in the order they were met."""
        files = list(dict.fromkeys(p.file for p in self.items))
        return Problems(sorted(self.items, key=lambda p: (files.index(p.file), p.line or 0, p.column or 0)))

    def raise_first(self) -> None:
        """Stop with the first error as the single line a user sees, pointing at `validate`."""
        errors = self.ordered().errors
        if not errors:
            return
        first = errors[0]
        hint = ""
        if len(errors) > 1:  # one error is already all there is to see
            hint = f"另有 {len(errors) - 1} 处错误，运行 rolscore rubric validate {first.file} 查看全部"
        raise RubricError(first.where(), first.text(), hint)
