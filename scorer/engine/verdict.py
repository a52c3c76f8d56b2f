"""Decide one element: met / partial / missing, with its evidence and the reason why."""

from __future__ import annotations

from dataclasses import dataclass

from scorer.engine.compiled import CompiledElement
from scorer.text.document import Document
from scorer.match import Finding, Hit, Strength
from scorer.engine.results import Evidence, Status

MAX_EVIDENCE = 3
_STATUS = {Strength.MET: "met", Strength.PARTIAL: "partial", Strength.NONE: "missing"}


@dataclass
class Verdict:
    status: Status
    evidence: list[Evidence]
    missing_checks: list[str]
    explanation: str


def decide(compiled: CompiledElement, doc: Document) -> Verdict:
    ctx = compiled.context
    findings: list[Finding] = []
    for matcher in compiled.met:
        finding = matcher.run(doc, ctx)
        if finding.level < Strength.MET and not finding.missing_checks and finding.applicable:
            finding.note = None  # partial only through capped hits: their reasons explain it
        findings.append(finding)
    for matcher in compiled.partial:
        finding = matcher.run(doc, ctx)
        if finding.level == Strength.MET:
            finding.level = Strength.PARTIAL
            finding.hits = [_cap(hit) for hit in finding.hits]
        elif finding.note:
            finding.hits = [hit for hit in finding.hits if not hit.reason] or finding.hits
        findings.append(finding)
    level = max((finding.level for finding in findings), default=Strength.NONE)
    if level == Strength.NONE and findings and not any(finding.applicable for finding in findings):
        return Verdict("na", [], [], "；".join(f.note for f in findings if f.note) + "。")
    deciding = [finding for finding in findings if finding.level == level and level > Strength.NONE]
    candidates = [hit for finding in deciding for hit in finding.hits if hit.strength == level]
    hits = _best_hits(doc, sorted(candidates, key=lambda hit: hit.reason is not None))
    evidence = [_evidence(doc, hit) for hit in hits]
    missing_checks = _missing_checks(findings, level)
    explanation = _explain(compiled, doc, findings, deciding, level, hits, missing_checks)
    return Verdict(_STATUS[level], evidence, missing_checks, explanation)


def _cap(hit: Hit) -> Hit:
    return Hit(hit.start, hit.end, min(hit.strength, Strength.PARTIAL), hit.reason, hit.span)


def _best_hits(doc: Document, hits: list[Hit]) -> list[Hit]:
    """Up to three hits, one per sentence, in reading order."""
    chosen: list[Hit] = []
    sentences: set[tuple[int, int]] = set()
    for hit in hits:
        sentence = doc.sentence(hit.start)
        if sentence in sentences:
            continue
        sentences.add(sentence)
        chosen.append(hit)
        if len(chosen) == MAX_EVIDENCE:
            break
    # Reading order, but a bare heading after the sentences: the first quote is the one a
    # table shows, and the sentence under a heading is what proves the element.
    return sorted(chosen, key=lambda hit: (doc.in_heading(hit.start), hit.start))


def _evidence(doc: Document, hit: Hit) -> Evidence:
    left, right = hit.span or doc.quote_span(hit.start, hit.end)
    start, end = doc.original_span(left, right)
    m_start, m_end = doc.original_span(hit.start, hit.end)
    return Evidence(
        quote=doc.norm.original[start:end],
        start=start,
        end=end,
        section=doc.section_path(hit.start),
        matched=doc.norm.original[m_start:m_end],
        note=hit.reason,
    )


def _missing_checks(findings: list[Finding], level: Strength) -> list[str]:
    """The sub-checks still missing: those of the strongest finding, else of the first that has any."""
    if level == Strength.MET or not findings:
        return []
    best = max(findings, key=lambda finding: (finding.level, -len(finding.missing_checks)))
    if best.missing_checks:
        return list(best.missing_checks)
    return next((list(finding.missing_checks) for finding in findings if finding.missing_checks), [])


def _explain(compiled, doc, findings, deciding, level, hits, missing_checks) -> str:
    ctx = compiled.context
    if level == Strength.MET:
        if not hits:  # met on what the file says of itself (a page's date), not on a passage
            return "；".join(f.note for f in deciding if f.note) + "。"
        return f"找到 {len(hits)} 处依据。"
    if level == Strength.PARTIAL:
        reasons = []
        for finding in deciding:
            if finding.note:
                reasons.append(finding.note)
        if not reasons:
            for hit in hits:
                if hit.reason and hit.reason not in reasons:
                    reasons.append(hit.reason)
        if missing_checks:
            reasons.append("缺少：" + "、".join(missing_checks))
        return "部分满足：" + "；".join(reasons or ["只找到部分相符的表述"]) + "。"
    known = [finding.reason for finding in findings if finding.reason]
    if known:
        return "未满足：" + "；".join(known) + "。"
    looked = "；".join(filter(None, (matcher.describe(ctx) for matcher in compiled.met))) or "细则规定的表述"
    text = f"在{ctx.scope_titles()}中查找{looked}，均未找到。"
    near = [miss for finding in findings for miss in finding.near_misses]
    if near:
        text += "相近表述：" + "；".join(near[:2]) + "。"
    return text
