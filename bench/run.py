"""Benchmark rolscore on a generated corpus and write bench/RESULTS.md.

Measures, in one run on this machine:
- `rolscore audit` throughput (reports/s) over the corpus with all cores;
- the cold start of `rolscore score` on one seed report (wall time of the whole process);
- the audit's peak memory (resident memory of the whole process tree, sampled);
- the floor: `grep -c -F -f TERMS` over the same files with every term of the rubric.

Usage: python bench/run.py [--count 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import build  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SEED = ROOT / "seeds" / "001_3b1234c597bca51d.txt"
TARGETS = {"throughput": 1000.0, "cold_start": 0.5, "peak_mb": 300.0, "grep_ratio": 10.0}


def rubric_terms(rubric: str = "national") -> list[str]:
    """Every plain term of the rubric, as a fixed-string grep would look for them."""
    from scorer.engine.compiled import get_compiled
    from scorer.text.patterns import readable_words

    compiled = get_compiled(rubric)
    terms: set[str] = set()
    for role in compiled.rubric.roles:
        terms.update(role.heading.any)
        terms.update(word for rx in role.heading.regex for word in readable_words(rx))
    for item in compiled.elements:
        for rule in item.element.met + item.element.partial:
            for patterns in [rule, *getattr(rule, "checks", []), getattr(rule, "with_", None), getattr(rule, "named", None)]:
                if patterns is None or not hasattr(patterns, "any"):
                    continue
                terms.update(patterns.any)
                terms.update(word for rx in patterns.regex for word in readable_words(rx))
    return sorted(terms)


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled every 20 ms."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in _tree(self.pid)))
            time.sleep(0.02)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(command: list[str], **kwargs) -> tuple[float, int, subprocess.CompletedProcess | None]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    with TreeMemory(process.pid) as memory:
        _, err = process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])} failed with exit {process.returncode}: {err.decode()[-500:]}")
    return elapsed, memory.peak_kb, None


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark rolscore against the grep floor.")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the median is reported")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rolscore-bench-"))
    corpus = args.keep or work / "corpus"
    files = build(corpus, args.count) if not (corpus.is_dir() and len(list(corpus.glob("*.txt"))) == args.count) else sorted(corpus.glob("*.txt"))
    size_mb = sum(path.stat().st_size for path in files) / 1048576
    terms = work / "terms.txt"
    terms.write_text("\n".join(rubric_terms()) + "\n", encoding="utf-8")

    audits, peaks = [], []
    for run in range(args.repeat):
        out = work / f"audit{run}"
        elapsed, peak, _ = timed([str(BIN / "rolscore"), "audit", str(corpus), "--out", str(out), "--quiet", "--format", "json"])
        audits.append(elapsed)
        peaks.append(peak)
        shutil.rmtree(out, ignore_errors=True)
    greps = []
    for _ in range(args.repeat):
        elapsed, _, _ = timed(["grep", "-c", "-F", "-f", str(terms), *map(str, files)])
        greps.append(elapsed)
    colds = []
    for _ in range(max(5, args.repeat)):
        elapsed, _, _ = timed([str(BIN / "rolscore"), "score", str(SEED), "--format", "json"])
        colds.append(elapsed)

    audit_s, grep_s, cold_s = statistics.median(audits), statistics.median(greps), statistics.median(colds)
    figures = {
        "throughput": len(files) / audit_s,
        "cold_start": cold_s,
        "peak_mb": max(peaks) / 1024,
        "grep_ratio": audit_s / grep_s,
    }
    report = render(figures, len(files), size_mb, audit_s, grep_s, len(rubric_terms()), args.repeat)
    args.results.write_text(report, encoding="utf-8")
    print(report)
    shutil.rmtree(work, ignore_errors=True)


def render(figures: dict[str, float], count: int, size_mb: float, audit_s: float, grep_s: float, term_count: int, repeat: int) -> str:
    def verdict(name: str, higher_is_better: bool = False) -> str:
        ok = figures[name] >= TARGETS[name] if higher_is_better else figures[name] <= TARGETS[name]
        return "达标" if ok else "未达标"

    return f"""# 性能基准结果 / Benchmark results

机器 / machine: {machine()}

语料 / corpus: {count} 份由样本报告重组的报告（2–60 KB，约 10% 繁体、10% GBK 编码），共 {size_mb:.1f} MB。
每项计时取 {repeat} 次运行的中位数（整个进程的墙钟时间）；内存为审计进程及其所有子进程常驻内存之和的峰值。

| 指标 / figure | 结果 / result | 目标 / target | |
| --- | --- | --- | --- |
| `rolscore audit` 吞吐量 | {figures['throughput']:.0f} 份/秒（{audit_s:.1f} s） | ≥ {TARGETS['throughput']:.0f} 份/秒 | {verdict('throughput', True)} |
| `rolscore score` 单份冷启动 | {figures['cold_start']:.3f} s | ≤ {TARGETS['cold_start']} s | {verdict('cold_start')} |
| 审计峰值内存 | {figures['peak_mb']:.0f} MB | ≤ {TARGETS['peak_mb']:.0f} MB | {verdict('peak_mb')} |
| 与 grep 下限之比 | {figures['grep_ratio']:.1f}×（grep {grep_s:.2f} s，{term_count} 个词） | ≤ {TARGETS['grep_ratio']:.0f}× | {verdict('grep_ratio')} |

grep 下限 / floor: `grep -c -F -f TERMS` over the same files, TERMS being every plain term of the national rubric.
Re-run with `.venv/bin/python bench/run.py` (about three minutes on 2 cores with the default three runs; `--repeat 1` for one).
"""


if __name__ == "__main__":
    main()
