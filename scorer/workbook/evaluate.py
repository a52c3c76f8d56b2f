"""`rolscore evaluate --gold summary.xlsx DIR`: the reviewer's opinions as gold labels.

Each report is rescored with the rubric the workbook records for it (with `--rubric
auto` the audit may have used a province's or a department's), unless `--rubric` names
one for all; the figures of every rubric are then added up.
"""

from __future__ import annotations

from pathlib import Path

from scorer.api import Scorer, ScorerError
from scorer.authoring.agreement import STATUSES, ElementStats, Evaluation, evaluate
from scorer.workbook.gold import read_reviews
from scorer.engine.selection import AUTO

FALLBACK_RUBRIC = "national"


def evaluate_workbook(path: Path, folder: Path, rubric: str | None) -> Evaluation:
    book = read_reviews(path)
    gold = book.gold()
    if not gold:
        raise ScorerError(str(path), "“复核”表的复核意见列全部为空，没有可对照的标注", "请先在复核意见列选择“认可”或“改为…”")
    recorded = book.rubrics()
    groups: dict[str, dict[str, dict[str, str]]] = {}
    for file, labels in gold.items():
        spec = rubric if rubric and rubric != AUTO else recorded.get(file, FALLBACK_RUBRIC)
        groups.setdefault(spec, {})[file] = labels
    parts = [evaluate(labels, folder, _scorer(path, spec, given=rubric is not None and rubric != AUTO)) for spec, labels in groups.items()]
    return parts[0] if len(parts) == 1 else _merged(parts, list(gold))


def _scorer(path: Path, spec: str, given: bool) -> Scorer:
    try:
        return Scorer.open(spec)
    except ScorerError as exc:
        if given:
            raise
        raise ScorerError(str(path), f"工作簿记录的评分细则“{spec}”无法加载（{exc.problem}）", "请用 --rubric 指定审核时所用的细则文件") from None


def _merged(parts: list[Evaluation], files: list[str]) -> Evaluation:
    """One evaluation over reports scored with different rubrics: the confusion matrices add up."""
    base = [item.element.id for item in Scorer.open(FALLBACK_RUBRIC).compiled.elements]
    stats: dict[str, ElementStats] = {}
    for part in parts:
        for element in part.elements:
            entry = stats.setdefault(element.id, ElementStats(element.id, element.title))
            for gold in STATUSES:
                for got in STATUSES:
                    entry.confusion[gold][got] += element.confusion[gold][got]
    first_seen = list(stats)
    ordered = sorted(stats.values(), key=lambda s: (base.index(s.id) if s.id in base else len(base) + first_seen.index(s.id)))
    position = {file: i for i, file in enumerate(files)}
    scored = sorted((file for part in parts for file in part.files), key=lambda f: position.get(f, len(position)))
    disagreements = sorted((d for part in parts for d in part.disagreements), key=lambda d: position.get(d.file, len(position)))
    return Evaluation(
        rubric_id="、".join(part.rubric_id for part in parts),
        files=scored,
        elements=ordered,
        disagreements=disagreements,
        errors=[error for part in parts for error in part.errors],
        texts={name: text for part in parts for name, text in part.texts.items()},
    )
