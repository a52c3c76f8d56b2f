"""A file that could not be scored, as results.jsonl and `score --format json` show it."""

from __future__ import annotations

from scorer.errors import ScorerError


def failure_text(path: str, exc: ScorerError) -> str:
    """What went wrong and what to do; the file is named beside it, so only another source is."""
    if exc.source == path:
        return exc.problem + (f"（{exc.hint}）" if exc.hint else "")
    return exc.line()


def failure_entry(path: str, error: str) -> dict[str, str]:
    return {"file": path, "error": error}
