"""The output folder of `rolscore audit` always holds one whole run: two runs at once,
an interrupted run and a killed run never leave scorecards that disagree with the index."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import app
from tests.conftest import SEEDS, seed_files
from tests.unprivileged import lock_out, open_folder, run_rolscore

MANY = 40  # enough reports that a run is still busy when the test acts on it


def _copies(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    seeds = seed_files()
    for number in range(count):
        shutil.copy(seeds[number % len(seeds)], folder / f"报告{number:03d}.txt")
    return folder


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _start(folder: Path, out: Path, jobs: int = 1) -> subprocess.Popen:
    command = [sys.executable, "-m", "scorer", "audit", str(folder), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for_cards(process: subprocess.Popen, out: Path, count: int = 2) -> None:
    """Until the running audit has written `count` new scorecards (in its staging folder,
    or, had it none, in the output folder itself)."""
    def cards(pattern: str) -> int:
        return len(list(out.parent.glob(pattern)))

    initial = cards(f"{out.name}/reports/*.html")
    deadline = time.monotonic() + 300  # a safety net for a hung run, not a measurement
    while time.monotonic() < deadline:
        assert process.poll() is None, "the audit ended before the test could act on it"
        if cards(f".{out.name}.*/reports/*.html") >= count or cards(f"{out.name}/reports/*.html") >= initial + count:
            return
        time.sleep(0.05)
    raise AssertionError("the audit wrote no scorecard")


def _audit(*args: str):
    return CliRunner().invoke(app, ["audit", *args, "-q"], env={"COLUMNS": "200"})


def _leftovers(out: Path) -> list[str]:
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and not p.name.endswith("rolscore-lock")]
    parts = [str(p) for p in out.rglob("*.part")] if out.exists() else []
    return beside + parts


def test_a_second_audit_into_a_folder_in_use_is_refused(tmp_path):
    folder, out = _copies(tmp_path / "很多报告", MANY), tmp_path / "out"
    first = _start(folder, out)
    try:
        _wait_for_cards(first, out)
        second = _audit(str(SEEDS), "--out", str(out))
        assert second.exit_code == 2
        lines = [line for line in second.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and str(out) in lines[0] and "正被另一个 rolscore audit 使用" in lines[0]
    finally:
        first.wait(timeout=600)
    assert first.returncode == 0, first.stderr
    results = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(results) == MANY and len(list((out / "reports").glob("*.html"))) == MANY
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f"报告{number:03d}.txt" in index for number in range(MANY))


def _previous_run(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    folder, out = _copies(tmp_path / "报告", 6), tmp_path / "out"
    assert _audit(str(folder), "--out", str(out)).exit_code == 0
    return folder, out, _snapshot(out)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_rerun_leaves_the_previous_run_whole(tmp_path, jobs):
    folder, out, before = _previous_run(tmp_path)
    _copies(folder, MANY)
    run = _start(folder, out, jobs)
    _wait_for_cards(run, out)
    os.killpg(run.pid, signal.SIGINT)  # Ctrl-C at a terminal signals the whole process group
    _, stderr = run.communicate(timeout=300)
    assert run.returncode == 130
    assert "已中断" in stderr and "保持上一次审核的结果" in stderr
    assert _snapshot(out) == before
    assert _leftovers(out) == []


def test_a_killed_run_leaves_the_previous_run_and_the_next_run_cleans_up(tmp_path):
    folder, out, before = _previous_run(tmp_path)
    _copies(folder, MANY)
    run = _start(folder, out)
    _wait_for_cards(run, out)
    os.killpg(run.pid, signal.SIGKILL)
    run.communicate(timeout=60)
    assert _snapshot(out) == before
    # The input loses reports: the next run's folder has cards for the remaining ones only.
    for path in sorted(folder.iterdir())[3:]:
        path.unlink()
    assert _audit(str(folder), "--out", str(out)).exit_code == 0
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["报告000.html", "报告001.html", "报告002.html"]
    assert len((out / "results.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    assert _leftovers(out) == []


def test_stale_temporary_files_of_an_older_run_are_removed(tmp_path):
    folder, out, _ = _previous_run(tmp_path)
    (out / ".results.jsonl.abc123.part").write_text("half a line", encoding="utf-8")
    (out / "reports" / ".报告000.html.xyz.part").write_text("<html", encoding="utf-8")
    (out.parent / f".{out.name}.rolscore-staging-99999").mkdir()
    assert _audit(str(folder), "--out", str(out)).exit_code == 0
    assert _leftovers(out) == []


def test_an_output_folder_holding_other_files_is_not_replaced(tmp_path):
    out = tmp_path / "桌面"
    out.mkdir()
    (out / "工作笔记.docx").write_bytes(b"PK")
    result = _audit(str(SEEDS), "--out", str(out))
    assert result.exit_code == 2
    assert "工作笔记.docx" in result.stderr and "新目录或空目录" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["工作笔记.docx"]


def test_hidden_entries_of_the_output_folder_are_kept(tmp_path):
    folder, out, _ = _previous_run(tmp_path)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    assert _audit(str(folder), "--out", str(out)).exit_code == 0
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"


def test_the_output_folder_keeps_its_permissions(tmp_path):
    folder, out, _ = _previous_run(tmp_path)
    out.chmod(0o2770)  # shared with a group, new files inheriting it
    assert _audit(str(folder), "--out", str(out)).exit_code == 0
    assert out.stat().st_mode & 0o7777 == 0o2770


def _rows(out: Path) -> dict[str, str | None]:
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return {Path(line["file"]).name: line.get("error") for line in lines}


def test_links_pipes_and_loops_are_rows_with_their_reason(tmp_path):
    folder = _copies(tmp_path / "报告", 2)
    os.symlink(tmp_path / "已删除.txt", folder / "断开的链接.txt")
    os.symlink(folder / "循环乙.txt", folder / "循环甲.txt")
    os.symlink(folder / "循环甲.txt", folder / "循环乙.txt")
    os.mkfifo(folder / "管道.txt")
    elsewhere = _copies(tmp_path / "别处", 1)
    os.symlink(elsewhere, folder / "链接目录")
    out = tmp_path / "out"
    result = _audit(str(folder), "--out", str(out), "--format", "json")
    assert result.exit_code == 1
    rows = _rows(out)
    assert rows["报告000.txt"] is None and rows["报告001.txt"] is None
    assert "指向的文件不存在" in rows["断开的链接.txt"]
    assert "循环" in rows["循环甲.txt"] and "循环" in rows["循环乙.txt"]
    assert "不是普通文件" in rows["管道.txt"]
    assert "符号链接" in rows["链接目录"] and "没有评分" in rows["链接目录"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(name in index for name in ["断开的链接.txt", "管道.txt", "链接目录"])


def test_a_subfolder_that_cannot_be_entered_is_a_row():
    with open_folder() as root:
        folder = _copies(root / "报告", 2)
        locked = _copies(folder / "2022年", 1)
        lock_out(locked)
        done = run_rolscore("audit", "报告", "--out", "out", "-q", cwd=root)
        rows = _rows(root / "out")
    assert done.returncode == 1, done.stderr
    assert rows["报告000.txt"] is None
    assert "无法进入这个文件夹" in rows["2022年"] and "没有读取权限" in rows["2022年"]
    assert "2022年" in done.stderr and "Traceback" not in done.stderr


def test_an_unreadable_report_folder_is_one_chinese_line():
    with open_folder() as root:
        folder = _copies(root / "报告", 1)
        lock_out(folder)
        done = run_rolscore("audit", "报告", "--out", "out", cwd=root)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "报告: 没有读取这个目录的权限" in lines[0]
