"""An audit as JSON: `audit --format json`, one document streamed from results.jsonl.

results.jsonl has a line per file: a scored file's line is exactly what
`score --format json` prints for it; a file that failed is `{"file": ..., "error": ...}`,
so a reader tells them apart by the `error` key. Those lines are written by the workers.
"""

from __future__ import annotations

import json
from scorer.visible import json_text
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from scorer.engine.summary import Totals


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


def write_audit_json(out: TextIO, totals: Totals, skipped: dict[str, list[str]], lines: Iterable[str]) -> None:
    """`{"totals": ..., "reports": [...], "skipped": ...}`, the reports in file order.

    Each report is copied as its JSON line stands, so memory does not grow with the batch.
    """
    out.write('{\n"totals": ' + json_text(json.dumps(totals_dict(totals), ensure_ascii=False, indent=2)) + ',\n"reports": [')
    first = True
    for line in lines:
        line = line.strip()
        if line:
            out.write(("\n" if first else ",\n") + line)
            first = False
    out.write('\n],\n"skipped": ' + json_text(json.dumps(skipped, ensure_ascii=False, indent=2)) + "\n}\n")
