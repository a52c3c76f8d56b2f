"""JSON output: the contract other tools read. Stable key order, UTF-8, no ASCII escapes."""

from __future__ import annotations

import json

from scorer.engine.results import ReportResult
from scorer.visible import json_text


def result_dict(result: ReportResult) -> dict:
    return result.model_dump(mode="json")


def render_json(results: list[ReportResult], single: bool) -> str:
    payload = result_dict(results[0]) if single and len(results) == 1 else [result_dict(r) for r in results]
    return json_text(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"
