"""`rolscore audit DIR`: every output written, failed files kept as rows, exit codes."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from scorer.render.json_out import result_dict
from tests.conftest import SEEDS, seed_files

BROKEN = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "undecodable.txt": bytes(range(0x80, 0x100)) * 20,
}


def make_folder(root: Path) -> Path:
    """The five seeds and three broken files, one seed in a subfolder, plus files to skip."""
    folder = root / "reports"
    (folder / "2023").mkdir(parents=True)
    for seed in seed_files()[:4]:
        shutil.copy(seed, folder / seed.name)
    shutil.copy(seed_files()[4], folder / "2023" / seed_files()[4].name)
    for name, data in BROKEN.items():
        (folder / name).write_bytes(data)
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str):
    return CliRunner().invoke(app, ["audit", *args], env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    folder = make_folder(root)
    before = snapshot(folder)
    out = root / "out"
    result = run(str(folder), "--out", str(out), "--jobs", "2")
    return folder, out, result, before


def test_audit_with_broken_files_exits_1_and_writes_everything(audited):
    folder, out, result, before = audited
    assert result.exit_code == 1, result.stdout + result.stderr
    assert (out / "index.html").is_file()
    assert (out / "summary.csv").is_file()
    assert (out / "results.jsonl").is_file()
    pages = sorted(p.name for p in (out / "reports").iterdir())
    assert len(pages) == 5
    assert "2023__004_8ada07ac84392140.html" in pages
    assert snapshot(folder) == before, "the input folder must not be written to"
    assert not list(out.rglob("*.part")), "no temporary files left behind"


def test_results_jsonl_has_a_line_per_file_with_errors(audited):
    folder, out, _, _ = audited
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 8
    errors = {Path(line["file"]).name: line["error"] for line in lines if "error" in line}
    assert set(errors) == set(BROKEN)
    assert "空" in errors["empty.txt"]
    assert "二进制" in errors["binary.txt"]
    assert "编码" in errors["undecodable.txt"]
    assert all("\n" not in error for error in errors.values())


def test_results_jsonl_is_the_score_json_contract(audited):
    folder, out, _, _ = audited
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    scored = {line["file"]: line for line in lines if "error" not in line}
    assert len(scored) == 5
    for file, line in scored.items():
        single = CliRunner().invoke(app, ["score", file, "--format", "json"])
        assert line == json.loads(single.stdout)
    # --rubric auto picks each report's province and department rubric.
    assert {line["rubric"]["id"] for line in scored.values()} == {"zhejiang+emergency", "zhejiang+civil_defence", "guangdong+emergency", "gansu+emergency"}


def test_one_named_rubric_scores_every_report(tmp_path, national):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    result = run(str(folder), "--out", str(tmp_path / "out"), "--rubric", "national", "-f", "jsonl")
    assert result.exit_code == 0
    for line in map(json.loads, result.stdout.splitlines()):
        assert line == result_dict(national.score_path(line["file"]).result) | {"rubric": line["rubric"]}
        assert line["rubric"]["id"] == "national"


def test_summary_csv_opens_in_excel_and_lists_failures(audited, national):
    _, out, _, _ = audited
    data = (out / "summary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert len(body) == 8
    # The national elements first, then those only province or department rubrics add.
    national_titles = [element.title for element in national.compiled.rubric.elements]
    first = header.index(national_titles[0])
    assert header[first : first + len(national_titles)] == national_titles
    titles = header[first:]
    assert len(titles) > len(national_titles)
    scores = [float(row[header.index("得分")]) for row in body if row[header.index("得分")]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 5
    failed = [row for row in body if row[header.index("错误")]]
    assert {Path(row[header.index("文件")]).name for row in failed} == set(BROKEN)
    for row in body:
        if row[header.index("得分")]:
            assert set(row[-len(titles) :]) <= {"已满足", "部分满足", "缺失", "不适用"}
            # A national element applies to every report; only a check that cannot be made
            # on this one (no publication date) says 不适用.
            cells = dict(zip(national_titles, row[first : first + len(national_titles)]))
            checkable = {title: cell for title, cell in cells.items() if title != "按时公开"}
            assert "不适用" not in checkable.values()


def test_index_shows_every_report_and_every_error(audited):
    _, out, _, _ = audited
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in ["000_1c506430314c2da3", "2023/004_8ada07ac84392140", *BROKEN]:
        assert name in index
    assert index.count('class="failed"') == 3
    errors = [json.loads(line).get("error") for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    for error in filter(None, errors):
        assert html.escape(error, quote=False) in index
    for page in (out / "reports").iterdir():
        assert f'href="reports/{page.name}"' in index


def test_terminal_summary_has_rows_totals_and_most_missed(audited):
    _, _, result, _ = audited
    text = result.stdout
    assert "杭州市应急管理局" in text and "无法评分" in text
    assert "共 8 份报告" in text and "无法评分 3 份" in text and "跳过 2 个" in text
    assert "中位数" in text
    # The most often missing element first: 政务公开 is missing in three seeds.
    assert text.index("政务公开") < text.index("用数据说明成效")


def test_skipped_files_are_counted_not_scored(audited):
    _, out, _, _ = audited
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "notes.xlsx" in index and ".DS_Store" in index


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl"])
def test_exit_code_does_not_depend_on_format(tmp_path, fmt):
    folder = make_folder(tmp_path)
    result = run(str(folder), "--out", str(tmp_path / "out"), "--format", fmt, "--jobs", "1")
    assert result.exit_code == 1
    if fmt == "json":
        payload = json.loads(result.stdout)
        assert payload["totals"]["failed"] == 3 and payload["totals"]["scored"] == 5
        assert len(payload["reports"]) == 8
    if fmt == "jsonl":
        assert len(result.stdout.splitlines()) == 8
        assert result.stderr.count("错误：") == 3


def test_clean_folder_exits_0_and_fail_under_exits_1(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    assert run(str(folder), "--out", str(tmp_path / "a"), "-q").exit_code == 0
    # 002 scores 56.5: below 60.
    assert run(str(folder), "--out", str(tmp_path / "b"), "-q", "--fail-under", "60").exit_code == 1
    assert run(str(folder), "--out", str(tmp_path / "c"), "-q", "--fail-under", "50").exit_code == 0


def test_glob_limits_the_files(tmp_path):
    folder = make_folder(tmp_path)
    result = run(str(folder), "--out", str(tmp_path / "out"), "--glob", "00*.txt", "-f", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["totals"]["scored"] == 5
    assert sorted(payload["skipped"]["不匹配 --glob"]) == sorted([*BROKEN, "notes.xlsx"])


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda t: [str(t / "missing")], "不存在"),
        (lambda t: [str(t / "reports"), "--out", str(t / "reports" / "out")], "之内"),
        (lambda t: [str(t / "reports"), "--out", str(t / "reports")], "之内"),
        (lambda t: [str(t / "empty")], "没有找到"),
        (lambda t: [str(t / "reports"), "--rubric", "nosuch"], "没有这个评分细则"),
        (lambda t: [str(t / "reports"), "--out", str(t / "file.txt")], "同名文件"),
        (lambda t: [str(t / "reports" / "empty.txt")], "不是目录"),
    ],
)
def test_bad_usage_exits_2_with_one_line(tmp_path, make_args, message):
    folder = make_folder(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "file.txt").write_text("x")
    before = snapshot(folder)
    result = run(*make_args(tmp_path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(folder) == before


def test_default_output_folder_is_under_reports_out(tmp_path, monkeypatch):
    folder = tmp_path / "in" / "2023年报告"
    shutil.copytree(SEEDS, folder)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert run(str(folder), "-q").exit_code == 0
    assert (work / "reports_out" / "2023年报告" / "index.html").is_file()


def test_rerun_replaces_outputs(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    out = tmp_path / "out"
    run(str(folder), "--out", str(out), "-q")
    (folder / "001_3b1234c597bca51d.txt").write_bytes(b"")
    assert run(str(folder), "--out", str(out), "-q").exit_code == 1
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert sum('"error"' in line for line in lines) == 1
    assert not (out / "reports" / "001_3b1234c597bca51d.html").exists(), "no stale scorecard for a file that now fails"
    assert len(list((out / "reports").iterdir())) == 4


def _run_in_terminal(*args: str) -> str:
    """Run rolscore with its output on a pseudo-terminal, as a user at a console would."""
    import os
    import pty
    import subprocess
    import sys

    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "scorer", *args], stdin=child, stdout=child, stderr=child, env=env, close_fds=True)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal closes when the program ends
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    shown = _run_in_terminal("audit", str(folder), "--out", str(tmp_path / "a"), "--jobs", "1")
    assert "评分中" in shown and "/5" in shown and "份/秒" in shown and "剩余" in shown
    assert "报告排名" in shown
    quiet = _run_in_terminal("audit", str(folder), "--out", str(tmp_path / "b"), "--jobs", "1", "--quiet")
    assert "评分中" not in quiet and "报告排名" not in quiet
    piped = run(str(folder), "--out", str(tmp_path / "c"), "--jobs", "1")
    assert "评分中" not in piped.stdout and "报告排名" in piped.stdout


def test_report_folder_inside_the_output_folder_is_refused(tmp_path):
    reports = tmp_path / "out" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(SEEDS / "001_3b1234c597bca51d.txt", reports)
    result = CliRunner().invoke(app, ["audit", str(reports), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "输出目录" in result.stderr
    assert sorted(p.name for p in reports.iterdir()) == ["001_3b1234c597bca51d.txt"]


def test_earlier_scorecards_and_markup_like_names_in_a_folder(tmp_path):
    folder = tmp_path / "in[red]"
    folder.mkdir()
    shutil.copy(SEEDS / "001_3b1234c597bca51d.txt", folder / "b[red]c.txt")
    out = tmp_path / "out"
    first = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "b[red]c.txt" in first.stdout
    page = next((out / "reports").glob("*.html"))
    shutil.copy(page, folder / "old-scorecard.html")
    second = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), "--format", "json"])
    assert second.exit_code == 0
    assert len(list((out / "reports").glob("*.html"))) == 1  # the old page was not scored


def test_double_star_glob_includes_top_level_reports(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(SEEDS / "001_3b1234c597bca51d.txt", tmp_path / "top.txt")
    shutil.copy(SEEDS / "001_3b1234c597bca51d.txt", tmp_path / "sub" / "inner.txt")
    from scorer.batch.tasks import discover

    found = discover(tmp_path, [".txt"], "**/*.txt")
    assert found.reports == ["sub/inner.txt", "top.txt"]
