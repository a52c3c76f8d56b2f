"""What every command shares: the one-line error, and exit codes that never depend on
the output format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol

import typer
from scorer.visible import SafeConsole as Console
from rich.markup import escape

from scorer.errors import ExitCode, ScorerError


def new_app(name: str, help: str) -> typer.Typer:
    """A command group with the project's settings: Chinese help, and no pretty traceback
    (a user's mistake is one line; a bug's traceback stays plain)."""
    return typer.Typer(
        name=name,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
    )


def fail(message: str) -> None:
    # The message holds a file name, and a name like 报告[终稿][b].txt is not markup.
    Console(stderr=True, highlight=False).print(f"[bold red]错误：[/]{escape(message)}", markup=True, soft_wrap=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """The one handler: a user's mistake (a `ScorerError`) ends the command with one line and its exit code."""
    try:
        yield
    except ScorerError as exc:
        fail(exc.line())
        raise typer.Exit(exc.exit_code) from None


class HasVerdict(Protocol):
    score: float
    required_missing: list[str]


def verdict_exit(results: Iterable[HasVerdict], fail_under: float | None, strict: bool) -> int:
    """1 when a report scores under `--fail-under`, or (with `--strict`) misses a required
    element; 0 otherwise. The same for every output format."""
    results = list(results)
    below = fail_under is not None and any(r.score < fail_under for r in results)
    unmet = strict and any(r.required_missing for r in results)
    return ExitCode.BELOW if below or unmet else ExitCode.OK
