"""What every command shares: the one-line error, and exit codes that never depend on
the output format."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from scorer.errors import ScorerError

EXIT_OK, EXIT_BELOW, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> None:
    # The message holds a file name, and a name like 报告[终稿][b].txt is not markup.
    Console(stderr=True, highlight=False).print(f"[bold red]错误：[/]{escape(message)}", markup=True, soft_wrap=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """A user's mistake (a `ScorerError`) ends the command: one line, exit code 2."""
    try:
        yield
    except ScorerError as exc:
        fail(exc.line())
        raise typer.Exit(EXIT_ERROR) from None
