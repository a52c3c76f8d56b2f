"""JSON output: the contract other tools read. Stable key order, UTF-8, no ASCII escapes."""

from __future__ import annotations

import json

from scorer.engine.results import ReportResult
from scorer.errors import ScorerError
from scorer.visible import json_text


def result_dict(result: ReportResult) -> dict:
    return result.model_dump(mode="json")


def render_json(results: list[ReportResult], single: bool) -> str:
    payload = result_dict(results[0]) if single and len(results) == 1 else [result_dict(r) for r in results]
    return json_text(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"


def render_entries(entries: list[dict], single: bool) -> str:
    """Reports as `result_dict` gives them, and files that failed as {file, error}."""
    payload = entries[0] if single and len(entries) == 1 else entries
    return json_text(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"


def failure_text(path: str, exc: ScorerError) -> str:
    """Why a file could not be scored, for its {file, error} entry (results.jsonl, `score
    --format json`): what went wrong and what to do; the source only when it is another file."""
    if exc.source == path:
        return exc.problem + (f"（{exc.hint}）" if exc.hint else "")
    return exc.line()


def failure_entry(path: str, error: str) -> dict[str, str]:
    return {"file": path, "error": error}
