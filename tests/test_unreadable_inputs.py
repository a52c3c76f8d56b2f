"""Files the command cannot open are named in one Chinese line; the others are still scored."""

from __future__ import annotations

import json
import shutil

from tests.conftest import SEEDS
from tests.unprivileged import lock_out, open_folder, run_rolscore

SEED = SEEDS / "001_3b1234c597bca51d.txt"


def test_score_names_the_unreadable_file_and_scores_the_others():
    with open_folder() as folder:
        shutil.copy(SEED, folder / "好的报告.txt")
        shutil.copy(SEED, folder / "无权限.txt")
        lock_out(folder / "无权限.txt")
        done = run_rolscore("score", "好的报告.txt", "无权限.txt", "--format", "json", cwd=folder)
    assert done.returncode == 2
    entries = json.loads(done.stdout)
    assert [entry["file"] for entry in entries] == ["好的报告.txt", "无权限.txt"]
    assert entries[0]["score"] > 0
    assert set(entries[1]) == {"file", "error"} and "没有读取权限" in entries[1]["error"]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines == [line for line in lines if "无权限.txt" in line and "没有读取权限" in line] and len(lines) == 1


def test_score_table_still_shows_the_readable_report():
    with open_folder() as folder:
        shutil.copy(SEED, folder / "好的报告.txt")
        shutil.copy(SEED, folder / "无权限.txt")
        lock_out(folder / "无权限.txt")
        done = run_rolscore("score", "无权限.txt", "好的报告.txt", cwd=folder)
    assert done.returncode == 2
    assert "好的报告.txt" in done.stdout and "Usage" not in done.stderr + done.stdout
    assert "无权限.txt: 没有读取权限" in done.stderr


def test_a_single_unreadable_file_in_json_is_its_error_entry():
    with open_folder() as folder:
        shutil.copy(SEED, folder / "无权限.txt")
        lock_out(folder / "无权限.txt")
        done = run_rolscore("score", "无权限.txt", "--format", "json", cwd=folder)
    assert done.returncode == 2
    entry = json.loads(done.stdout)
    assert entry["file"] == "无权限.txt" and "没有读取权限" in entry["error"]
