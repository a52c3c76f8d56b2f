"""The one error type a user may see: a message that names the file and says what to do."""

from __future__ import annotations


class ScorerError(Exception):
    """A user-facing failure. `str()` is the single line the CLI prints."""

    def __init__(self, source: str | None, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        head = f"{self.source}: " if self.source else ""
        tail = f"（{self.hint}）" if self.hint else ""
        return f"{head}{self.problem}{tail}"


class ReadError(ScorerError):
    """The input file could not be read as a report."""


class UnsupportedFormat(ReadError):
    """The file is of a kind the scorer does not read (a picture, an archive, an old .doc)."""


class RubricError(ScorerError):
    """The rubric file is not valid."""
