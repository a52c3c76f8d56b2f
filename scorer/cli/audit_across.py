"""What `audit` finds across its reports: reports of different agencies that share most of
their rare sentences (只是换了个单位名), and, with `--previous`, each report against the same
agency's report of an earlier year (score change, copied share, last year's plans not
followed up), one comparison page each."""

from __future__ import annotations

from pathlib import Path

from scorer.api import Scorer, ScorerError, supported_suffixes
from scorer.batch.atomic import write_text
from scorer.batch.outnames import unique_names
from scorer.batch.tasks import discover
from scorer.compare.batch import Report, pair_with_previous, shared_pairs
from scorer.compare.page import render_comparison_html
from scorer.compare.run import compare_reports, load
from scorer.engine.summary import Row
from scorer.render.pages import render_scorecard

COMPARE_DIR = "compare"
# Every report's keys are held at once to find the pairs; past this many the check is left out.
SHARED_CHECK_MAX = 5000


def shared_findings(rows: list[Row], prints: dict[int, bytes]) -> dict:
    scored = [i for i, row in enumerate(rows) if row.summary is not None and i in prints]
    if len(scored) > SHARED_CHECK_MAX:
        return {"shared": [], "shared_skipped": f"报告超过 {SHARED_CHECK_MAX} 份，未做不同单位之间的相同句子比对（可分批审核）。"}
    agencies = [rows[i].summary.agency for i in scored]
    pairs = shared_pairs([prints[i] for i in scored], agencies)
    found = []
    for pair in pairs:
        a, b = rows[scored[pair.a]], rows[scored[pair.b]]
        found.append({
            "a_agency": a.summary.agency, "a_file": a.relative, "a_page": a.page,
            "b_agency": b.summary.agency, "b_file": b.relative, "b_page": b.page,
            "shared": pair.shared, "share": pair.share,
        })
    return {"shared": found}


def previous_findings(rows: list[Row], previous: Path, scorer: Scorer, stage: Path, index: str) -> dict:
    """Pairs each scored report with last year's by agency, writes a comparison page per pair
    into `stage/compare/`, and returns the index's rows (links relative to the output folder)."""
    found = discover(previous, supported_suffixes())
    earlier, reports = {}, []
    for relative in found.reports:
        try:
            loaded = load(found.path(relative), scorer)
        except ScorerError:
            continue  # a file of last year's folder that cannot be read simply pairs with nothing
        earlier[relative] = loaded
        reports.append(Report(relative, loaded.side.agency or None, loaded.side.result.metadata.year))
    current = [Report(row.relative, row.summary.agency, row.summary.year) for row in rows if row.summary is not None]
    pairs, unpaired, unused = pair_with_previous(current, reports)
    by_relative = {row.relative: row for row in rows}
    names = unique_names([new.key for new, _ in pairs])
    out = []
    for (new, old), name in zip(pairs, names, strict=True):
        row = by_relative[new.key]
        try:
            current_report = load(row.file, scorer)
            comparison = compare_reports(earlier[old.key], current_report)
        except ScorerError:
            continue
        write_text(stage / COMPARE_DIR / name, render_comparison_html(comparison), durable=False)
        found_pair = {
            "agency": new.agency, "file": new.key, "page": row.page, "previous_file": old.key,
            "score_change": comparison.score_change, "copied_share": comparison.copied.share,
            "unfollowed": len(comparison.unfollowed()), "promises": len(comparison.promises),
            "compare_page": f"{COMPARE_DIR}/{name}",
        }
        out.append(found_pair)
        if row.page is not None:  # the report's scorecard, written by a worker, gets the comparison too
            side = current_report.side
            page = render_scorecard(side.result, side.text, index_href=f"../{index}", previous=found_pair)
            write_text(stage / row.page, page, durable=False)
    return {"folder": str(previous), "pairs": out, "unpaired": [r.key for r in unpaired], "unused": [r.key for r in unused]}
