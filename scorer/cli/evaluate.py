"""`rolscore evaluate`: how far the scorer agrees with a reviewer's labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorer.authoring.agreement import STATUSES, Evaluation, evaluate, evaluation_dict, load_gold
from scorer.api import Scorer
from scorer.cli.common import user_errors
from scorer.errors import ExitCode, UsageError
from scorer.engine.results import STATUS_TEXT


def evaluate_command(
    folder: Annotated[Path, typer.Argument(help="报告所在目录", show_default=False)],
    gold: Annotated[Path, typer.Option("--gold", help="人工标注文件（格式同 seeds/expected.yaml）", show_default=False)],
    rubric: Annotated[str, typer.Option("--rubric", "-r", help="评分细则：内置 id 或 YAML 文件路径")] = "national",
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：table 或 json")] = "table",
    min_agreement: Annotated[Optional[float], typer.Option("--min-agreement", help="总体一致率低于此值（0–1）时退出码为 1", min=0, max=1)] = None,
) -> None:
    """对照人工标注，统计评分结果的一致率、精确率、召回率和混淆矩阵。"""
    with user_errors():
        if fmt not in ("table", "json"):
            raise UsageError(f"不支持的输出格式 “{fmt}”（可用：table、json）")
        if not folder.is_dir():
            raise UsageError(f"{folder}: 不是目录（请给出报告所在的目录）")
        scorer = Scorer.open(rubric)
        labels = load_gold(gold)
    evaluation = evaluate(labels, folder, scorer)
    if fmt == "json":
        sys.stdout.write(json.dumps(evaluation_dict(evaluation), ensure_ascii=False, indent=2) + "\n")
    else:
        print_evaluation(evaluation, Console(highlight=False))
    # Figures never fail the run by themselves; a labelled report that could not be
    # scored does, as in `audit`.
    if evaluation.errors or (min_agreement is not None and evaluation.agreement < min_agreement):
        raise typer.Exit(ExitCode.BELOW)


def print_evaluation(evaluation: Evaluation, console: Console) -> None:
    table = Table(
        title=f"逐要素一致性（评分细则 {evaluation.rubric_id}，{len(evaluation.files)} 份报告）",
        caption="精确率/召回率/F1 针对“存在”（满足或部分满足）；人工=… 三列为混淆矩阵，格内是评分结果 满足/部分/缺失 的个数",
        header_style="bold",
    )
    table.add_column("要素", overflow="fold", ratio=3)
    for name in ("标注", "一致率", "精确率", "召回率", "F1", "人工=满足", "人工=部分", "人工=缺失"):
        table.add_column(name, justify="right", no_wrap=True)
    for stats in evaluation.elements:
        precision, recall, f1 = stats.present_prf()
        cells = ["/".join(str(stats.confusion[g][p]) for p in STATUSES) for g in STATUSES]
        style = "green" if stats.agreement == 1 else "yellow" if stats.agreement >= 0.8 else "red"
        table.add_row(Text(stats.title), str(stats.total), Text(f"{stats.agreement:.0%}", style=style), f"{precision:.2f}", f"{recall:.2f}", f"{f1:.2f}", *cells)
    console.print(table)
    console.print(
        f"[bold]总体：[/]{evaluation.total} 个标注，一致率 [bold]{evaluation.agreement:.1%}[/]，"
        f"宏平均 F1 [bold]{evaluation.macro_f1():.3f}[/]（“存在”指满足或部分满足）"
    )
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
    for error in evaluation.errors:
        console.print(Text("错误：", style="bold red").append(error))
