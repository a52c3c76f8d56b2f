"""A report or a file name cannot send commands to the terminal or disguise itself on a page."""

from __future__ import annotations

import io
import json

import yaml
from rich.text import Text
from typer.testing import CliRunner

from scorer.cli import app
from scorer.visible import SafeConsole, for_page, for_terminal

# Clears the screen, sets the window title, and returns to the start of the line to
# print a fake score over the real one.
HOSTILE = "\x1b[2J\x1b]0;ok\x07\r得分 100 / 100    等级 优秀\x9b31m"
REPORT = (
    f"某市司法局2023年度法治政府建设工作报告{HOSTILE}\n"
    "一、主要举措和成效\n"
    f"全年办理行政复议案件12件{HOSTILE}，负责人出庭应诉3次。\n"
    + "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。\n" * 10
)
RAW = ("\x1b", "\x07", "\r", "\x9b", "\u202e")


def _assert_nothing_raw(output: str) -> None:
    for char in RAW:
        assert char not in output, repr(char)


def test_report_text_and_file_name_never_reach_the_terminal_raw(tmp_path):
    path = tmp_path / "报告\x1b[2J\u202eexe.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    _assert_nothing_raw(result.stdout)
    assert "␛[2J" in result.stdout and "<U+202E>" in result.stdout


def test_error_lines_show_controls_in_the_file_name(tmp_path):
    path = tmp_path / "空\x1b[31m\u202e.txt"
    path.write_bytes(b"")
    result = CliRunner().invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    _assert_nothing_raw(result.stderr)
    assert "空␛[31m<U+202E>.txt: 文件是空的" in result.stderr


def test_json_escapes_the_controls_it_would_leave_raw(tmp_path):
    path = tmp_path / "bidi\u202eexe.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["score", "--format", "json", str(path)])
    _assert_nothing_raw(result.stdout)
    data = json.loads(result.stdout)
    assert data["file"] == str(path)  # the same data once parsed
    assert data["metadata"]["title"].endswith("\x1b[2J\x1b]0;ok\x07")


def test_evaluate_shows_file_names_and_quotes_safely(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    name = "某市\x1b[2J.txt"
    (folder / name).write_text(REPORT, encoding="utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump({name: {"reconsideration_litigation": "missing"}}, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(folder), "--gold", str(gold)], env={"COLUMNS": "200"})
    assert "某市␛[2J.txt" in result.stdout
    _assert_nothing_raw(result.stdout + result.stderr)


def test_audit_rows_and_errors_show_controls(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "好\x1b]0;x\x07.txt").write_text(REPORT, encoding="utf-8")
    (folder / "坏\x1b[2J.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(tmp_path / "out")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    _assert_nothing_raw(result.stdout + result.stderr)
    assert "坏␛[2J.txt" in result.stdout


def test_a_colour_terminal_keeps_its_own_styles_but_not_the_reports():
    out = io.StringIO()
    console = SafeConsole(file=out, force_terminal=True, color_system="standard", width=120)
    console.print(Text("得分", style="bold red").append(HOSTILE))
    written = out.getvalue()
    assert "\x1b[1;31m" in written  # rich's own colour
    assert "\x1b[2J" not in written and "\x1b]0;" not in written and "\r" not in written


def test_visible_forms():
    assert for_terminal("a\tb\nc\x1b\x00\x7f\x85\u202e\u2066") == "a\tb\nc␛␀␡<U+0085><U+202E><U+2066>"
    assert for_page("bidi\u202eexe.txt") == "bidi<U+202E>exe.txt"


def test_pages_show_bidi_overrides_in_file_names(tmp_path):
    from playwright.sync_api import sync_playwright

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "bidi\u202eexe.txt").write_text(REPORT.replace(HOSTILE, ""), encoding="utf-8")
    (folder / "坏\u202efdp.txt").write_bytes(b"")
    out = tmp_path / "out"
    CliRunner().invoke(app, ["audit", str(folder), "--out", str(out)])
    pages = [out / "index.html", *sorted((out / "reports").glob("*.html"))]
    assert len(pages) == 2
    with sync_playwright() as play:
        browser = play.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        try:
            page = browser.new_page()
            for path in pages:
                page.goto(path.as_uri())
                shown = page.inner_text("body")
                assert "\u202e" not in shown
            assert "bidi<U+202E>exe.txt" in shown
        finally:
            browser.close()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "\u202e" not in index and "坏&lt;U+202E&gt;fdp.txt" in index
