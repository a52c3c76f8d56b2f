"""The one error type a user may see (a message that names the file and says what to do), and the one
table of exit codes. Each error class carries the exit code it ends a command with."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of every command, the same whatever the output format."""

    OK = 0  # scored (or checked), nothing below the bar
    BELOW = 1  # scored, but a report is under --fail-under, misses a required element (--strict), could not be
    #            scored in an audit, agreement is under --min-agreement, or a rubric file or example failed
    USAGE = 2  # a mistake in how the command was called, an unreadable file or an invalid rubric: one line
    INTERRUPTED = 130  # stopped with Ctrl-C


class ScorerError(Exception):
    """A user-facing failure. `str()` is the single line the CLI prints."""

    exit_code = ExitCode.USAGE

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


class UsageError(ScorerError):
    """A mistake in how a command was called; the message is the whole line."""

    def __init__(self, line: str) -> None:
        super().__init__(None, line)
