"""The audit's building blocks: safe output names, atomic writes, a pool that survives a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.batch import atomic
from scorer.batch.tasks import discover
from scorer.errors import ScorerError
from scorer.batch.outnames import safe_name, unique_names
from scorer.batch.pool import Crashed, run_parallel
from scorer.render.csv_out import safe_cell

# Path parts as users and archives produce them: Chinese, spaces, dots, separators, tricks.
part = st.text(
    alphabet=st.sampled_from(list("ab.. -_~$/\\:*?\"<>|\t报告市局（）()") + ["\u3000", "Ａ", "é", "\x00", "\U0001f600"]),
    min_size=0,
    max_size=40,
)
relative = st.lists(part, min_size=1, max_size=4).map("/".join)


@given(st.lists(relative, min_size=1, max_size=30))
def test_output_names_are_safe_and_unique(relatives):
    names = unique_names(relatives)
    assert len(names) == len(relatives)
    assert len({name.casefold() for name in names}) == len(names)
    out = Path("/out/reports")
    for name in names:
        assert name.endswith(".html")
        assert "/" not in name and "\\" not in name and "\x00" not in name
        assert not name.startswith((".", "-"))
        assert len(name.encode("utf-8")) <= 200
        assert (out / name).parent == out
        assert not any(ch in name for ch in ':*?"<>|')


def test_output_names_keep_chinese_and_folders():
    assert unique_names(["2023/市应急局/年度报告.txt", "年度报告.txt", "年度报告.docx"]) == [
        "2023__市应急局__年度报告.html",
        "年度报告.html",
        "年度报告~2.html",
    ]
    assert unique_names(["../../etc/passwd", "con.txt", ".hidden.txt"]) == ["etc__passwd.html", "_con.html", "hidden.html"]


@given(part)
def test_safe_name_is_one_harmless_path_part(name):
    cleaned = safe_name(name)
    assert cleaned and "/" not in cleaned and not cleaned.startswith(".")


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "index.html"
    atomic.write_text(target, "old")
    atomic.write_text(target, "新的内容")
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_failed_atomic_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "index.html"
    atomic.write_text(target, "good")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(ScorerError) as caught:
        atomic.write_text(target, "half")
    assert "index.html" in caught.value.line() and "\n" not in caught.value.line()
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"], "the temporary file is removed"


def test_atomic_write_gives_normal_permissions(tmp_path):
    target = tmp_path / "page.html"
    atomic.write_text(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def _square_or_die(n: int) -> int:
    if n == 13:
        os._exit(3)  # a worker killed mid-file, as by the OOM killer
    return n * n


def test_a_crashing_worker_costs_only_its_own_item():
    results: dict[int, object] = {}
    run_parallel(_square_or_die, list(range(20)), 2, results.__setitem__)
    assert sorted(results) == list(range(20)), "every item reported once"
    assert results[13] == Crashed()
    assert [results[i] for i in range(20) if i != 13] == [n * n for n in range(20) if n != 13]


def test_discover_walks_subfolders_and_counts_skips(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ["x.txt", "a/y.TXT", "a/b/z.md", "a/~$lock.txt", "a/pic.png", ".git/config.txt"]:
        (tmp_path / name).write_text("x")
    found = discover(tmp_path, [".txt", ".md"])
    assert found.reports == ["a/b/z.md", "a/y.TXT", "x.txt"]
    assert found.skipped == {"隐藏文件或临时文件": ["a/~$lock.txt"], "类型不支持": ["a/pic.png"]}
    assert discover(tmp_path, [".txt", ".md"], pattern="a/*").reports == ["a/y.TXT"]


@settings(max_examples=200)
@given(st.text(max_size=20))
def test_csv_cells_never_start_a_formula(value):
    cell = safe_cell(value)
    assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert str(cell).endswith(value)


def test_a_bug_in_one_file_becomes_its_error_row(tmp_path, monkeypatch):
    from scorer.batch import tasks as audit

    real = audit.Scorer.score_path

    def flaky(self, path):
        if str(path).endswith("b.txt"):
            raise RuntimeError("boom\nsecond line")
        return real(self, path)

    monkeypatch.setattr(audit.Scorer, "score_path", flaky)
    seed = next(iter(sorted(Path(__file__).parents[1].joinpath("seeds").glob("*.txt"))))
    for name in ["a.txt", "b.txt"]:
        (tmp_path / name).write_bytes(seed.read_bytes())
    tasks = [audit.Task(str(tmp_path / name), str(tmp_path / "out" / f"{name}.html")) for name in ["a.txt", "b.txt"]]
    outcomes: dict[int, audit.Outcome] = {}
    audit.score_tasks(tasks, "national", jobs=1, max_bytes=10**7, on_done=outcomes.__setitem__)
    first, second = outcomes[0], outcomes[1]
    assert first.summary is not None and first.error is None and json.loads(first.line)["file"] == tasks[0].path
    assert second.summary is None
    assert "RuntimeError: boom second line" in second.error and "\n" not in second.error
    assert json.loads(second.line) == {"file": tasks[1].path, "error": second.error}
    assert (tmp_path / "out" / "a.txt.html").is_file() and not (tmp_path / "out" / "b.txt.html").exists()


def test_atomic_lines_come_out_in_order_or_not_at_all(tmp_path):
    target = tmp_path / "results.jsonl"
    with atomic.AtomicLines(target) as lines:
        for index in [2, 0, 3, 1]:
            lines.put(index, f"line {index}")
        lines.commit()
    assert target.read_text() == "line 0\nline 1\nline 2\nline 3\n"
    with pytest.raises(KeyboardInterrupt):
        with atomic.AtomicLines(target) as lines:
            lines.put(0, "new")
            raise KeyboardInterrupt
    assert target.read_text().startswith("line 0"), "an interrupted run leaves the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]
