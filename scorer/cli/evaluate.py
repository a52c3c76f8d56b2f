"""`rolscore evaluate`: how far the scorer agrees with a reviewer's labels."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorer.api import Scorer
from scorer.authoring.agreement import STATUSES, Evaluation, evaluate, evaluation_dict, load_gold_with_why
from scorer.batch.atomic import write_text
from scorer.cli.common import user_errors
from scorer.errors import ExitCode, UsageError
from scorer.engine.results import STATUS_TEXT
from scorer.visible import SafeConsole, json_text


def evaluate_command(
    folder: Annotated[Path, typer.Argument(help="报告所在目录", show_default=False)],
    gold: Annotated[Path, typer.Option("--gold", help="人工标注文件（格式同 seeds/expected.yaml），或复核后的 summary.xlsx（读取“复核”表的复核意见）", show_default=False)],
    rubric: Annotated[Optional[str], typer.Option("--rubric", "-r", help="评分细则：内置 id 或 YAML 文件路径（默认 national；--gold 为 .xlsx 时默认用工作簿记录的每份报告所用细则）", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：table、json、markdown 或 html（自包含网页，逐条高亮不一致之处）")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="写入文件（html 格式时建议给出），不给则输出到终端", show_default=False)] = None,
    min_agreement: Annotated[Optional[float], typer.Option("--min-agreement", help="总体一致率低于此值（0–1）时退出码为 1", min=0, max=1)] = None,
) -> None:
    """对照人工标注，统计评分结果的一致率、精确率、召回率和混淆矩阵。"""
    with user_errors():
        if fmt not in ("table", "json", "markdown", "html"):
            raise UsageError(f"不支持的输出格式 “{fmt}”（可用：table、json、markdown、html）")
        if output is not None and not output.parent.is_dir():
            raise UsageError(f"{output}: 所在目录不存在（请先创建目录）")
        if not folder.is_dir():
            raise UsageError(f"{folder}: 不是目录（请给出报告所在的目录）")
        if gold.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            from scorer.workbook.evaluate import evaluate_workbook

            evaluation = evaluate_workbook(gold, folder, rubric)
        else:
            scorer = Scorer.open(rubric or "national")
            labels, why = load_gold_with_why(gold)
    if gold.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        evaluation = evaluate(labels, folder, scorer, why)
    if fmt == "json":
        _emit(json_text(json.dumps(evaluation_dict(evaluation), ensure_ascii=False, indent=2)) + "\n", output)
    elif fmt == "markdown":
        from scorer.authoring.agreement_markdown import render_markdown

        _emit(render_markdown(evaluation), output)
    elif fmt == "html":
        from scorer.authoring.agreement_page import render_evaluation

        _emit(render_evaluation(evaluation), output)
    elif output is not None:
        buffer = io.StringIO()
        print_evaluation(evaluation, SafeConsole(highlight=False, file=buffer, width=120, color_system=None))
        _emit(buffer.getvalue(), output)
    else:
        print_evaluation(evaluation, SafeConsole(highlight=False))
    # Figures never fail the run by themselves; a labelled report that could not be
    # scored does, as in `audit`.
    if evaluation.errors or (min_agreement is not None and evaluation.agreement < min_agreement):
        raise typer.Exit(ExitCode.BELOW)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


def print_evaluation(evaluation: Evaluation, console: Console) -> None:
    # Two narrow tables rather than one wide one: piped at 80 columns, one table of nine
    # columns squeezed the element names to nothing.
    table = Table(
        title=f"逐要素一致性（评分细则 {evaluation.rubric_id}，{len(evaluation.files)} 份报告）",
        caption="精确率/召回率/F1 针对“存在”（满足或部分满足）",
        header_style="bold",
    )
    table.add_column("要素", no_wrap=True, min_width=8)
    for name in ("标注", "一致率", "精确率", "召回率", "F1"):
        table.add_column(name, justify="right", no_wrap=True)
    matrix = Table(title="混淆矩阵", caption="行是人工标注，格内是评分结果 满足/部分/缺失 的个数", header_style="bold")
    matrix.add_column("要素", no_wrap=True, min_width=8)
    for name in ("人工=满足", "人工=部分", "人工=缺失"):
        matrix.add_column(name, justify="right", no_wrap=True)
    for stats in evaluation.elements:
        precision, recall, f1 = stats.present_prf()
        cells = ["/".join(str(stats.confusion[g][p]) for p in STATUSES) for g in STATUSES]
        style = "green" if stats.agreement == 1 else "yellow" if stats.agreement >= 0.8 else "red"
        table.add_row(Text(stats.title), str(stats.total), Text(f"{stats.agreement:.0%}", style=style), f"{precision:.2f}", f"{recall:.2f}", f"{f1:.2f}")
        matrix.add_row(Text(stats.title), *cells)
    console.print(table)
    console.print(matrix)
    console.print(
        f"[bold]总体：[/]{evaluation.total} 个标注，一致率 [bold]{evaluation.agreement:.1%}[/]，"
        f"宏平均 F1 [bold]{evaluation.macro_f1():.3f}[/]（“存在”指满足或部分满足）"
    )
    _print_overlap(evaluation, console)
    if evaluation.disagreements:
        console.print(f"\n[bold]不一致之处（{len(evaluation.disagreements)} 处）：[/]")
        for item in evaluation.disagreements:
            # File names, explanations and quotes come from reports: text, never markup.
            head = Text()
            head.append(item.file, style="bold").append(f" {item.element}：人工 ")
            head.append(STATUS_TEXT[item.gold], style="green").append("，评分 ").append(STATUS_TEXT[item.got], style="red")
            console.print(head)
            console.print(Text(f"  {item.explanation}", style="dim"))
            for quote in item.evidence:
                console.print(Text(f"  · {quote}"))
    if evaluation.overlap is not None and evaluation.overlap.misses:
        console.print(f"\n[bold]依据未引到人工所引原文之处（{len(evaluation.overlap.misses)} 处）：[/]")
        for case in evaluation.overlap.misses:
            console.print(Text().append(case.file, style="bold").append(f" {case.element}：人工引文 ").append(case.snippet, style="green"))
            for quote in case.evidence:
                console.print(Text(f"  · {quote}"))
    for error in evaluation.errors:
        console.print(Text("错误：", style="bold red").append(error))


def _print_overlap(evaluation: Evaluation, console: Console) -> None:
    overlap = evaluation.overlap
    if overlap is None:
        return
    line = Text("依据与人工引文：", style="bold")
    if overlap.rate is None:
        line.append("没有可比较的标注（需要人工与评分都认为存在，且标注带 why 引文）")
    else:
        line.append(f"{overlap.overlapping}/{len(overlap.checked)} = ")
        line.append(f"{overlap.rate:.1%}", style="bold")
        line.append("（人工标为满足或部分满足、评分也认为存在时，评分引用的原文至少一处与人工引文重叠；只比较由一句话证明的要素）")
    console.print(line)
    if overlap.not_found:
        console.print(Text(f"另有 {len(overlap.not_found)} 条人工引文在原文中找不到（请核对标注）", style="yellow"))
