"""`rolscore rubric ...`: tools for the people who write rubrics. Each command only wires
a module of `scorer.rubric` to the terminal."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from scorer.visible import SafeConsole as Console
from rich.table import Table
from rich.text import Text

from scorer.cli.common import new_app, user_errors
from scorer.errors import ExitCode, UsageError
from scorer.rubric.chain import bundled_dir, label_for

rubric_app = new_app("rubric", "评分细则工具：检查、运行样例、查看继承、比较、生成 JSON Schema、挖掘新词。")



class ShowFormat(str, Enum):
    table = "table"
    tree = "tree"
    yaml = "yaml"


class SuggestFormat(str, Enum):
    table = "table"
    json = "json"


def _out() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _shipped() -> list[Path]:
    return sorted(bundled_dir().glob("*.yaml")) if bundled_dir() else []


def _resolve(spec: str):
    from scorer.rubric.loader import resolve_rubric

    with user_errors():
        return resolve_rubric(spec)


@rubric_app.command("validate")
def validate(
    files: Annotated[list[Path], typer.Argument(help="要检查的评分细则 YAML 文件", show_default=False)],
    strict: Annotated[bool, typer.Option("--strict", help="有提醒（如永远不会命中的词）时也以 1 退出")] = False,
) -> None:
    """检查评分细则：逐条列出错误（文件:行:列、要素、问题），有错误时退出码为 1。"""
    from scorer.rubric.validate import validate_file

    console = _out()
    bad = 0
    errors = warnings = 0
    for file in files:
        problems = validate_file(file)
        for problem in problems.items:
            style = "red" if problem.severity == "error" else "yellow"
            console.print(Text(problem.line_text(), style=style))
        errors += len(problems.errors)
        warnings += len(problems.warnings)
        if problems.errors or (strict and problems.warnings):
            bad += 1
        else:
            console.print(Text(f"✔ {label_for(file)} 没有错误", style="green"))
    summary = f"检查了 {len(files)} 个文件：{bad} 个未通过，共 {errors} 处错误、{warnings} 处提醒。"
    console.print(Text(summary, style="bold red" if bad else "bold green"))
    raise typer.Exit(ExitCode.BELOW if bad else ExitCode.OK)


@rubric_app.command("test")
def test(
    files: Annotated[Optional[list[str]], typer.Argument(help="评分细则（id 或 YAML 路径）；不写则测试全部内置细则", show_default=False)] = None,
    require_examples: Annotated[bool, typer.Option("--require-examples", help="有要素没有样例时也算失败")] = False,
) -> None:
    """运行评分细则里的样例（met / partial / missing），列出与预期不符的样例。"""
    from scorer.authoring.examples import elements_without_examples, example_cases, run_case
    from scorer.engine.compiled import get_compiled

    specs = files or [str(path) for path in _shipped()]
    console = _out()
    failed_any = False
    failures_table = _failures_table()
    for spec in specs:
        resolved = _resolve(spec)
        with user_errors():
            compiled = get_compiled(spec)
        outcomes = [run_case(compiled, case) for case in example_cases(resolved, spec)]
        failed = [o for o in outcomes if o.failed]
        todo = [o for o in outcomes if o.case.example.todo and not o.passed]
        fixed = [o for o in outcomes if o.todo_fixed]
        bare = elements_without_examples(resolved)
        for outcome in failed:
            _add_failure(failures_table, resolved.rubric.id, outcome)
        status = "✘" if failed or (require_examples and bare) else "✔"
        line = Text(f"{status} {label_for(resolved.layers[-1].path)}（{resolved.rubric.id}）：{len(outcomes)} 个样例，"
                    f"通过 {len(outcomes) - len(failed) - len(todo)}，失败 {len(failed)}",
                    style="red" if status == "✘" else "green")
        if todo:
            line.append(f"，已知未通过（todo）{len(todo)}", style="yellow")
        console.print(line)
        for outcome in fixed:
            console.print(Text(f"  ↑ {outcome.case.where()} {outcome.case.element} 的 todo 样例已能通过，请去掉 todo", style="cyan"))
        if bare:
            console.print(Text(f"  ！没有样例的要素：{'、'.join(bare)}", style="yellow"))
        failed_any = failed_any or bool(failed) or (require_examples and bool(bare))
    if failures_table.row_count:
        console.print(failures_table)
    raise typer.Exit(ExitCode.BELOW if failed_any else ExitCode.OK)


def _failures_table() -> Table:
    table = Table(title="与预期不符的样例", show_lines=True, expand=True, header_style="bold")
    table.add_column("要素 / 位置", ratio=2, overflow="fold")
    table.add_column("样例", overflow="fold", ratio=3)
    table.add_column("预期→结果", no_wrap=True)
    table.add_column("依据 / 说明", overflow="fold", ratio=4)
    return table


def _add_failure(table: Table, rubric_id: str, outcome) -> None:
    from scorer.engine.results import STATUS_TEXT

    case = outcome.case
    detail = Text()
    for evidence in outcome.evidence[:2]:
        detail.append(f"“{evidence.quote}”", style=None).append(f"（命中“{evidence.matched}”）\n", style="yellow")
    if outcome.evidence_missing:
        detail.append(outcome.evidence_missing + "\n", style="red")
    detail.append(outcome.explanation, style="dim")
    sample = " / ".join(line for line in case.example.text.strip().splitlines())
    where = Text(case.element, style="bold").append(f"\n{case.where()}", style="dim")
    verdict = Text(STATUS_TEXT[case.expected], style="green").append("\n→ ").append(STATUS_TEXT[outcome.got], style="red")
    table.add_row(where, sample, verdict, detail)


@rubric_app.command("show")
def show(
    rubric: Annotated[str, typer.Argument(help="评分细则：内置 id、YAML 路径，或叠加写法如 zhejiang+emergency", show_default=False)],
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="table：要素表；tree：连同每条规则；yaml：合并后的完整细则")] = ShowFormat.table,
) -> None:
    """显示合并后的评分细则，标出每个要素是继承、覆盖、新增还是停用。"""
    from scorer.authoring.show import render_show, render_yaml

    resolved = _resolve(rubric)
    if fmt is ShowFormat.yaml:
        sys.stdout.write(render_yaml(resolved))
        return
    render_show(resolved, Console(highlight=False), detail=fmt is ShowFormat.tree)


@rubric_app.command("diff")
def diff(
    a: Annotated[str, typer.Argument(help="评分细则 A", show_default=False)],
    b: Annotated[str, typer.Argument(help="评分细则 B", show_default=False)],
) -> None:
    """比较两个评分细则（合并继承后）：新增、删去、修改的要素和词语。"""
    from scorer.authoring.diff import diff_rubrics

    left, right = _resolve(a).rubric, _resolve(b).rubric
    result = diff_rubrics(left, right)
    console = _out()
    console.print(Text(f"A：{left.id}（{left.title}）\nB：{right.id}（{right.title}）", style="bold"))
    if result.empty:
        console.print(Text("两个评分细则没有差别。", style="green"))
        return
    for line in result.settings:
        console.print(Text(f"~ {line}", style="yellow"))
    table = Table(expand=True, show_lines=True, header_style="bold")
    table.add_column("", no_wrap=True, width=6)
    table.add_column("要素", ratio=2, overflow="fold")
    table.add_column("差别", ratio=6, overflow="fold")
    marks = {"added": ("✚ 仅 B", "green"), "removed": ("− 仅 A", "red"), "changed": ("~ 修改", "yellow")}
    for item in result.elements:
        mark, style = marks[item.kind]
        table.add_row(Text(mark, style=style), Text(item.id, style="bold").append(f"\n{item.title}"), "\n".join(item.lines))
    console.print(table)


@rubric_app.command("schema")
def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="写入文件而不是打印")] = None,
) -> None:
    """输出评分细则文件的 JSON Schema（供编辑器补全和检查）。"""
    from scorer.rubric.schema import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    from scorer.batch.atomic import write_text

    with user_errors():
        if not output.parent.is_dir():
            raise UsageError(f"{output}: 所在目录不存在（请先创建目录，或换一个路径）")
        try:
            write_text(output, text)
        except OSError as exc:
            raise UsageError(f"{output}: 无法写入：{exc.strerror or exc}（请检查目录权限）") from None
    _out().print(Text(f"已写入 {label_for(output)}", style="green"))


@rubric_app.command("suggest")
def suggest(
    folder: Annotated[Path, typer.Argument(help="某省报告所在的文件夹", show_default=False)],
    rubric: Annotated[str, typer.Option("--rubric", "-r", help="对照的评分细则（不在其中的词才列出）")] = "national",
    top: Annotated[int, typer.Option("--top", "-n", help="每个部分列出的词数", min=1)] = 15,
    min_reports: Annotated[Optional[int], typer.Option("--min-reports", help="至少出现在几份报告中（默认：报告数的一半，至少 1）", min=1)] = None,
    fmt: Annotated[SuggestFormat, typer.Option("--format", "-f", help="输出格式")] = SuggestFormat.table,
) -> None:
    """从一批报告中挖掘细则尚未覆盖的高频特色词（按报告部分列出，附例句）。"""
    from scorer.engine.compiled import get_compiled
    from scorer.authoring.suggest import render_suggestions, suggest_terms

    _resolve(rubric)  # reports a broken rubric in one line
    with user_errors():
        result = suggest_terms(folder, get_compiled(rubric), top=top, min_reports=min_reports)
    if fmt is SuggestFormat.json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    render_suggestions(result, Console(highlight=False))
