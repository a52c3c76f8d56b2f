"""One table of exit codes, carried by the error classes, reached through one handler."""

from __future__ import annotations

import ast
from pathlib import Path

from typer.testing import CliRunner

from scorer.cli import app
from scorer.errors import ExitCode, ReadError, RubricError, ScorerError, UsageError

CLI = Path(__file__).parent.parent / "scorer" / "cli"


def test_every_error_class_carries_the_usage_exit_code():
    for error in (ScorerError, ReadError, RubricError, UsageError):
        assert error.exit_code is ExitCode.USAGE
    assert [int(code) for code in ExitCode] == [0, 1, 2, 130]


def test_no_command_module_defines_its_own_exit_codes():
    for path in CLI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                names += [e.id for t in node.targets if isinstance(t, ast.Tuple) for e in t.elts if isinstance(e, ast.Name)]
                assert not [n for n in names if n.startswith("EXIT")], f"{path.name} re-aliases exit codes: {names}"


def test_a_usage_mistake_in_each_command_is_one_line_and_exit_2(tmp_path):
    runner = CliRunner()
    missing = str(tmp_path / "无此目录")
    for args in (["score", missing + ".txt"], ["audit", missing], ["evaluate", missing, "--gold", missing + ".yaml"],
                 ["score", "--rubric", "no_such_rubric", missing], ["rubric", "schema", "-o", str(tmp_path / "无" / "s.json")]):
        result = runner.invoke(app, args)
        assert result.exit_code == ExitCode.USAGE, (args, result.output)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("错误："), (args, result.stderr)


def test_score_and_audit_share_their_option_declarations():
    runner = CliRunner()
    for option in ("--rubric", "--fail-under", "--strict", "--max-size"):
        helps = []
        for command in ("score", "audit"):
            text = " ".join(runner.invoke(app, [command, "--help"], terminal_width=400).output.split())
            helps.append(option in text)
        assert helps == [True, True], option
    source_score = (CLI / "score.py").read_text(encoding="utf-8")
    source_audit = (CLI / "audit.py").read_text(encoding="utf-8")
    for alias in ("RubricOption", "FailUnderOption", "StrictOption", "MaxSizeOption"):
        assert alias in source_score and alias in source_audit
        assert '"--fail-under"' not in source_score + source_audit
