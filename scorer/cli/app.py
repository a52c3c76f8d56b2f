"""The `rolscore` command: it only wires the subcommands (one module each in `scorer.cli`)
and the options every subcommand shares."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorer import __version__
from scorer.cli.audit import audit as audit_command
from scorer.cli.common import new_app, user_errors
from scorer.cli.compare import compare_command
from scorer.cli.evaluate import evaluate_command
from scorer.cli.labels import labels_app
from scorer.cli.rubric import rubric_app
from scorer.cli.score import score_command
from scorer.cli.serve import serve as serve_command
from scorer.errors import UsageError
from scorer.rubric.chain import RUBRICS_DIR_ENV

app = new_app("rolscore", "法治政府建设年度报告评分工具：按评分细则逐项检查报告，给出依据、得分和修改建议。")

app.command("score")(score_command)
app.command("evaluate")(evaluate_command)
app.command("audit")(audit_command)
app.command("compare")(compare_command)
app.command("serve")(serve_command)
app.add_typer(rubric_app, name="rubric")
app.add_typer(labels_app, name="labels")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rolscore {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号")] = False,
    rubrics_dir: Annotated[Optional[Path], typer.Option("--rubrics-dir", help="评分细则的 extends 除内置细则和细则所在目录外，还可以指向这个目录中的文件", show_default=False)] = None,
) -> None:
    """法治政府建设年度报告评分工具。"""
    if rubrics_dir is not None:
        with user_errors():
            if not rubrics_dir.is_dir():
                raise UsageError(f"{rubrics_dir}: --rubrics-dir 不是目录（请给出存放评分细则的目录）")
        os.environ[RUBRICS_DIR_ENV] = str(rubrics_dir.resolve())


def main() -> None:
    app()
