"""The words of each comment, in the reviewer's Chinese."""

from __future__ import annotations

from scorer.api import ElementResult, ReportResult, STATUS_TEXT


def summary(result: ReportResult, partial: int, missing: int) -> str:
    titles = {element.id: element.title for element in result.elements}
    rubric = result.rubric
    lines = [f"rolscore 评分：{result.score:g} 分（{result.grade}）"]
    if result.required_missing:
        lines.append("必备要素未满足：" + "、".join(titles.get(i, i) for i in result.required_missing))
    else:
        lines.append("必备要素均已满足。")
    lines.append(f"部分满足 {partial} 项，缺失 {missing} 项，已在相应位置加批注。")
    used = f"评分细则：{rubric.id}（{rubric.version}）"
    lines.append(used + (f"，{rubric.reason}" if rubric.reason else ""))
    return "\n".join(lines)


def _head(element: ElementResult) -> str:
    required = "，必备要素" if element.required else ""
    return f"【{STATUS_TEXT[element.status]}】{element.title}（{element.points:g}/{element.weight:g} 分{required}）"


def partial(element: ElementResult, note: str | None) -> str:
    lines = [_head(element), element.explanation]
    if note and note not in element.explanation:
        lines.append(f"此处：{note}")
    if element.missing_checks:
        lines.append("尚缺：" + "、".join(element.missing_checks))
    if element.suggestion:
        lines.append(f"建议：{element.suggestion}")
    lines.append(f"依据：{element.basis}")
    return "\n".join(lines)


def missing(element: ElementResult, wanted_part: str | None, here: str | None) -> str:
    lines = [_head(element), element.explanation]
    if wanted_part:
        lines.append(f"报告中没有“{wanted_part}”部分，批注放在标题上。")
    elif here:
        lines.append(f"应在“{here}”部分补写。")
    if element.suggestion:
        lines.append(f"应补写：{element.suggestion}")
    lines.append(f"依据：{element.basis}")
    return "\n".join(lines)


def met(element: ElementResult) -> str:
    return "\n".join([_head(element), element.explanation])


def elsewhere(quote: str) -> str:
    """For a quote in a part Word cannot comment on (a web page imported into the file)."""
    shown = quote if len(quote) <= 60 else quote[:60] + "……"
    return f"（所指原文在文档导入的网页内容中，批注放在其前一段：“{shown}”）"
