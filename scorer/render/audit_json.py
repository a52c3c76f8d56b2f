"""An audit as JSON: results.jsonl (a line per file) and `audit --format json` (one document).

A scored file's line is exactly what `score --format json` prints for it; a file that
failed is `{"file": ..., "error": ...}`, so a reader tells them apart by the `error` key.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from scorer.render.json_out import result_dict

if TYPE_CHECKING:
    from scorer.audit import Row, Totals


def row_dict(row: Row) -> dict:
    if row.result is None:
        return {"file": row.file, "error": row.error or ""}
    return result_dict(row.result)


def render_jsonl(rows: list[Row]) -> str:
    return "".join(json.dumps(row_dict(row), ensure_ascii=False) + "\n" for row in rows)


def totals_dict(totals: Totals) -> dict:
    return {
        "files": totals.files,
        "scored": totals.scored,
        "failed": totals.failed,
        "skipped": totals.skipped,
        "mean": totals.mean,
        "median": totals.median,
        "grades": totals.grades,
        "rubrics": totals.rubrics,
        "elements": [
            {"id": t.id, "title": t.title, "required": t.required, "applies": t.total, **t.counts, "share_met": round(t.share("met"), 4)}
            for t in totals.most_missed()
        ],
    }


def render_audit_json(rows: list[Row], totals: Totals, skipped: dict[str, list[str]]) -> str:
    payload = {"totals": totals_dict(totals), "reports": [row_dict(row) for row in rows], "skipped": skipped}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
