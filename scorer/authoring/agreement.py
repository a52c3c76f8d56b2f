"""Agreement between the scorer and a reviewer's labels (the format of seeds/expected.yaml).

For each element: counts, exact agreement, precision/recall/F1 for "present" (met or
partial) and a 3x3 confusion matrix; overall exact agreement and macro-F1 over the three
statuses; and every disagreement with the scorer's evidence, so a rubric author sees why.
With the labeller's snippets (a `why:` map per report), also how often the scorer quotes
the sentence the labeller quoted (`scorer.authoring.overlap`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scorer.errors import ScorerError
from scorer.api import Scorer
from scorer.authoring.overlap import EvidenceOverlap, one_sentence_elements, overlap_case
from scorer.engine.results import ElementResult

STATUSES = ("met", "partial", "missing")


@dataclass
class Disagreement:
    file: str
    element: str
    gold: str
    got: str
    explanation: str
    evidence: list[str]
    evidence_spans: list[tuple[int, int]] = field(default_factory=list)  # in the original text
    snippet: str | None = None  # the labeller's `why:`, if any


@dataclass
class ElementStats:
    id: str
    title: str
    confusion: dict[str, dict[str, int]] = field(default_factory=lambda: {g: {p: 0 for p in STATUSES} for g in STATUSES})

    @property
    def total(self) -> int:
        return sum(sum(row.values()) for row in self.confusion.values())

    @property
    def agreed(self) -> int:
        return sum(self.confusion[s][s] for s in STATUSES)

    @property
    def agreement(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    def present_prf(self) -> tuple[float, float, float]:
        present = ("met", "partial")
        tp = sum(self.confusion[g][p] for g in present for p in present)
        fp = sum(self.confusion["missing"][p] for p in present)
        fn = sum(self.confusion[g]["missing"] for g in present)
        return _prf(tp, fp, fn)


@dataclass
class Evaluation:
    rubric_id: str
    files: list[str]
    elements: list[ElementStats]
    disagreements: list[Disagreement]
    errors: list[str]
    overlap: EvidenceOverlap | None = None  # when the gold file carries `why:` snippets
    texts: dict[str, str] = field(default_factory=dict)  # original texts of reports to show

    @property
    def total(self) -> int:
        return sum(stats.total for stats in self.elements)

    @property
    def agreement(self) -> float:
        return sum(stats.agreed for stats in self.elements) / self.total if self.total else 0.0

    def macro_f1(self) -> float:
        """Mean over the three statuses of each status's F1 across all labelled pairs."""
        scores = []
        for status in STATUSES:
            tp = sum(s.confusion[status][status] for s in self.elements)
            fp = sum(s.confusion[g][status] for s in self.elements for g in STATUSES if g != status)
            fn = sum(s.confusion[status][p] for s in self.elements for p in STATUSES if p != status)
            if tp + fp + fn:
                scores.append(_prf(tp, fp, fn)[2])
        return sum(scores) / len(scores) if scores else 0.0


def load_gold(path: Path) -> dict[str, dict[str, str]]:
    return load_gold_with_why(path)[0]


def load_gold_with_why(path: Path) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """The labels, and the labeller's snippets (`why:`) per report and element."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ScorerError(str(path), f"无法读取标注文件：{exc}", "请确认路径正确、编码为 UTF-8") from None
    except yaml.YAMLError as exc:
        raise ScorerError(str(path), f"标注文件不是合法的 YAML：{exc}", "格式参见 seeds/expected.yaml") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ScorerError(str(path), "标注文件应把文件名映射到 {要素id: met|partial|missing}", "格式参见 seeds/expected.yaml")
    why: dict[str, dict[str, str]] = {}
    for name, labels in data.items():
        if not isinstance(name, str) or not all(isinstance(element, str) for element in labels):
            raise ScorerError(str(path), f"标注文件中的键 “{name}” 不是文字", "文件名和要素 id 请加引号，如 \"2023.txt\":")
        # `why:` maps elements to the labeller's verbatim snippet: evidence to compare, not a label.
        snippets = labels.pop("why", None)
        if snippets is not None:
            if not isinstance(snippets, dict) or not all(isinstance(v, str) for v in snippets.values()):
                raise ScorerError(str(path), f"{name} 的 why 应把要素 id 映射到原文片段", "请修正标注")
            why[name] = {str(element): snippet for element, snippet in snippets.items()}
        for element, status in labels.items():
            if status not in STATUSES:
                raise ScorerError(str(path), f"{name} 的 {element} 标注为 “{status}”，只能是 met、partial 或 missing", "请修正标注")
    return data, why


def evaluate(
    gold: dict[str, dict[str, str]], folder: Path, scorer: Scorer, why: dict[str, dict[str, str]] | None = None
) -> Evaluation:
    compiled = scorer.compiled
    titles = {item.element.id: item.element.title for item in compiled.elements}
    stats: dict[str, ElementStats] = {}
    disagreements: list[Disagreement] = []
    errors: list[str] = []
    files: list[str] = []
    overlap = EvidenceOverlap(one_sentence_elements(compiled)) if why else None
    texts: dict[str, str] = {}
    for name, labels in gold.items():
        path = folder / name
        try:
            scored = scorer.score_path(path)
        except ScorerError as exc:
            errors.append(exc.line())
            continue
        files.append(name)
        snippets = (why or {}).get(name, {})
        got = {element.id: element for element in scored.result.elements}
        for element_id, gold_status in labels.items():
            if element_id not in got:
                errors.append(f"{name}: 评分细则 {compiled.rubric.id} 中没有要素 {element_id}，该标注未计入")
                continue
            element = got[element_id]
            entry = stats.setdefault(element_id, ElementStats(element_id, titles.get(element_id, element_id)))
            entry.confusion[gold_status][element.status] += 1
            snippet = snippets.get(element_id)
            if element.status != gold_status:
                disagreements.append(_disagreement(name, element, gold_status, snippet))
                texts[name] = scored.text
            both_present = gold_status != "missing" and element.status != "missing"
            if overlap is not None and snippet and both_present and element_id in overlap.elements:
                case = overlap_case(name, element, snippet, scored.text)
                overlap.cases.append(case)
                if not case.overlaps:
                    texts[name] = scored.text
    order = [item.element.id for item in compiled.elements]
    ranked = sorted(stats.values(), key=lambda s: order.index(s.id) if s.id in order else len(order))
    return Evaluation(compiled.rubric.id, files, ranked, disagreements, errors, overlap, texts)


def _disagreement(name: str, element: ElementResult, gold: str, snippet: str | None = None) -> Disagreement:
    quotes = [f"{e.section}：{e.quote}" for e in element.evidence]
    spans = [(e.start, e.end) for e in element.evidence]
    return Disagreement(name, element.id, gold, element.status, element.explanation, quotes, spans, snippet)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluation_dict(evaluation: Evaluation) -> dict:
    return {
        "rubric": evaluation.rubric_id,
        "files": evaluation.files,
        "labels": evaluation.total,
        "agreement": round(evaluation.agreement, 4),
        "macro_f1": round(evaluation.macro_f1(), 4),
        "elements": [
            {
                "id": s.id,
                "title": s.title,
                "labels": s.total,
                "agreement": round(s.agreement, 4),
                "present": dict(zip(("precision", "recall", "f1"), (round(v, 4) for v in s.present_prf()))),
                "confusion": s.confusion,
            }
            for s in evaluation.elements
        ],
        "disagreements": [d.__dict__ for d in evaluation.disagreements],
        "evidence_overlap": _overlap_dict(evaluation.overlap),
        "errors": evaluation.errors,
    }


def _overlap_dict(overlap: EvidenceOverlap | None) -> dict | None:
    if overlap is None:
        return None
    rate = overlap.rate
    return {
        "elements": overlap.elements,
        "checked": len(overlap.checked),
        "overlapping": overlap.overlapping,
        "rate": None if rate is None else round(rate, 4),
        "misses": [{"file": c.file, "element": c.element, "snippet": c.snippet, "evidence": c.evidence} for c in overlap.misses],
        "snippets_not_found": [{"file": c.file, "element": c.element, "snippet": c.snippet} for c in overlap.not_found],
    }
