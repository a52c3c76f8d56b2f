"""`rolscore evaluate --format markdown`: the figures as a Markdown table, dated, for a
project's docs (no report text: only figures, so third-party texts stay out of the repo)."""

from __future__ import annotations

from datetime import date

from scorer.authoring.agreement import STATUSES, Evaluation


def render_markdown(evaluation: Evaluation, today: date | None = None) -> str:
    day = (today or date.today()).isoformat()
    lines = [
        f"评分细则 `{evaluation.rubric_id}`，{len(evaluation.files)} 份报告，{evaluation.total} 个标注（{day}）",
        "",
        "| 要素 | 标注 | 一致率 | 精确率 | 召回率 | F1 | 人工=满足 | 人工=部分 | 人工=缺失 |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for stats in evaluation.elements:
        precision, recall, f1 = stats.present_prf()
        cells = ["/".join(str(stats.confusion[g][p]) for p in STATUSES) for g in STATUSES]
        lines.append(
            f"| {stats.title} (`{stats.id}`) | {stats.total} | {stats.agreement:.1%} | {precision:.2f} | {recall:.2f} | {f1:.2f} | "
            + " | ".join(cells) + " |"
        )
    lines += ["", f"总体：一致率 **{evaluation.agreement:.1%}**（{sum(s.agreed for s in evaluation.elements)}/{evaluation.total}），宏平均 F1 **{evaluation.macro_f1():.3f}**。"]
    overlap = evaluation.overlap
    if overlap is not None and overlap.rate is not None:
        lines.append(f"依据与人工引文重叠：**{overlap.overlapping}/{len(overlap.checked)} = {overlap.rate:.1%}**。")
    return "\n".join(lines) + "\n"
