"""Run every hostile input of the "no input may fool the reviewer or the machine" review
through the real command and print one table: the input, what the user saw, the exit
code, the peak memory and the wall time of that process.

Each case is one `rolscore` process; its peak resident memory comes from the kernel's
accounting for that child (os.wait4), not from sampling.

Usage: python bench/hostile.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import codecs
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
ROLSCORE = str(Path(sys.executable).parent / "rolscore")
SEED = ROOT / "seeds" / "000_1c506430314c2da3.txt"
GOOD = ROOT / "seeds" / "003_2df10a55c3c90a0f.txt"
MEGABYTE = 1024 * 1024
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\r得分 100 / 100    等级 优秀"


@dataclass
class Case:
    name: str  # the hostile input, in a few words
    argv: list[str]
    shown: Callable[[str, str], str] | None = None  # picks what the user saw from (stdout, stderr)


@dataclass
class Outcome:
    saw: str
    code: int
    peak_mb: float
    seconds: float


def run(case: Case, cwd: Path) -> Outcome:
    started = time.perf_counter()
    process = _Popen([ROLSCORE, *case.argv], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "80"})
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    stdout, stderr = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    saw = case.shown(stdout, stderr) if case.shown else _first_line(stderr) or _first_line(stdout)
    return Outcome(saw, process.returncode, process.peak_kb / 1024, seconds)


class _Popen(subprocess.Popen):
    """Reaps its child with wait4, keeping that child's own peak resident memory (KB)
    (RUSAGE_CHILDREN would give the largest of all children so far)."""

    peak_kb = 0

    def _try_wait(self, wait_flags):  # type: ignore[override]
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return self.pid, 0
        if pid == self.pid:
            self.peak_kb = usage.ru_maxrss
        return pid, status


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _line_with(needle: str) -> Callable[[str, str], str]:
    def pick(stdout: str, stderr: str) -> str:
        for line in (stdout + "\n" + stderr).splitlines():
            if needle in line:
                return line.strip(" │")
        return _first_line(stderr) or "(没有含“" + needle + "”的行)"

    return pick


def _lying_docx(inflated_mb: int) -> bytes:
    """word/document.xml inflates to `inflated_mb` MB; the local header and the central
    directory both declare 1,000 bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            part.write(b"<w:document>")
            for _ in range(inflated_mb):
                part.write(b" " * MEGABYTE)
            part.write(b"</w:document>")
    raw = bytearray(buffer.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo("word/document.xml")
    struct.pack_into("<I", raw, info.header_offset + 22, 1000)
    entry = raw.find(b"PK\x01\x02")
    while raw[entry + 46 : entry + 46 + 17] != b"word/document.xml":
        entry = raw.find(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", raw, entry + 24, 1000)
    return bytes(raw)


def _docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    for line in GOOD.read_text(encoding="utf-8").splitlines()[:40]:
        document.add_paragraph(line)
    document.save(buffer)
    return buffer.getvalue()


def build(work: Path) -> None:
    """Write every hostile input into `work`."""
    report = GOOD.read_text(encoding="utf-8")
    escape_name = work / "报告\x1b[2J\u202eexe.txt"
    escape_name.write_text(report.replace("\n", ESCAPES + "\n", 3), encoding="utf-8")
    (work / "空\x1b[31m\u202e.txt").write_bytes(b"")
    (work / "lie.docx").write_bytes(_lying_docx(1024))  # 1 GB
    bomb = work / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            for _ in range(300):
                part.write(b" " * MEGABYTE)
    (work / "utf16-2units.txt").write_bytes(codecs.BOM_UTF16_LE + "\u4e00\uabcd".encode("utf-16-le"))
    (work / "english.txt").write_bytes(b"Annual report on building a government under the rule of law. " * 50)
    (work / "formula.txt").write_bytes(b"=1+1")
    flipped = bytearray(_docx())
    for position in range(200, len(flipped), 997):
        flipped[position] ^= 0xFF
    (work / "flipped.docx").write_bytes(bytes(flipped))
    (work / "legacy-as.docx").write_bytes(OLE)
    data = report.encode()
    (work / "stray-nul.txt").write_bytes(data[:3000] + b"\x00" + data[3000:6000] + b"\x00" + data[6000:])
    rubrics = work / "office"
    rubrics.mkdir()
    (work / "secret.yaml").write_text("id: secret\ntitle: 口令 hunter2\nversion: '1'\nbasis: [hunter2]\n", encoding="utf-8")
    (rubrics / "passwd.yaml").write_text("id: a\ntitle: a\nversion: '1'\nextends: /etc/passwd\nbasis: [a]\n", encoding="utf-8")
    (rubrics / "secret.yaml").write_text("id: b\ntitle: b\nversion: '1'\nextends: ../secret.yaml\nbasis: [b]\n", encoding="utf-8")
    (rubrics / "three.yaml").write_text(textwrap.dedent("""
        id: three
        title: 三处错误
        version: "1"
        extends: national
        basis: [测试]
        elements:
          - {id: a1, title: 甲, weight: 重, basis: 测试, suggestion: 甲, met: [{kind: terms, any: [甲乙]}]}
          - {id: a2, title: 乙, weight: 2, basis: 测试, suggestion: 乙, met: [{kind: terms, regex: ["调解(工作"]}]}
          - {id: a3, title: 丙, weight: 2, basis: 测试, suggestion: 丙, met: [{kind: checklist, met_at: 3, checks: [{id: x, title: 子, any: [人大]}]}]}
        """), encoding="utf-8")
    short = work / "short.txt"
    short.write_text("某市司法局2023年度法治政府建设工作报告\n一、主要举措和成效\n全年工作平稳推进，各项任务顺利完成。\n", encoding="utf-8")
    folder = work / "folder"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")


def build_cases(work: Path) -> list[Case]:
    """The commands that run the inputs `build` wrote."""
    escape_name = work / "报告\x1b[2J\u202eexe.txt"
    bomb = work / "bomb.docx"
    rubrics = work / "office"
    short = work / "short.txt"
    folder = work / "folder"
    return [
        Case("控制字符：报告正文与文件名（表格）", ["score", str(escape_name)], _line_with("报告␛")),
        Case("控制字符：文件名（错误行）", ["score", str(work / "空\x1b[31m\u202e.txt")]),
        Case("zip 目录谎报大小（声明 1 KB，实为 1 GB）", ["score", str(work / "lie.docx")]),
        Case("如实声明的 zip 炸弹（300 MB 空格）", ["score", str(bomb)]),
        Case("UTF-16 BOM + 两个码元", ["score", str(work / "utf16-2units.txt")]),
        Case("纯英文文本", ["score", str(work / "english.txt")]),
        Case("=1+1", ["score", str(work / "formula.txt")]),
        Case("字节被翻转的 .docx", ["score", str(work / "flipped.docx")]),
        Case("另存为 .docx 的旧版 .doc", ["score", str(work / "legacy-as.docx")]),
        Case("UTF-8 中夹两个 NUL 字节", ["score", str(work / "stray-nul.txt")], _line_with("编码")),
        Case("extends: /etc/passwd", ["score", "--rubric", str(rubrics / "passwd.yaml"), str(GOOD)]),
        Case("extends: ../secret.yaml", ["score", "--rubric", str(rubrics / "secret.yaml"), str(GOOD)]),
        Case("rubric validate：三处错误", ["rubric", "validate", str(rubrics / "three.yaml")], lambda out, err: f"{out.count(chr(10)) - 1} 行问题；{out.splitlines()[-1]}"),
        Case("score --html card.pdf", ["score", str(GOOD), "--html", str(work / "card.pdf")]),
        Case("--rubric zhejiang+gansu", ["score", "--rubric", "zhejiang+gansu", str(GOOD)]),
        Case("--max-size 0.001", ["score", "--max-size", "0.001", str(GOOD)]),
        Case("只有正则的规则的说明（标点）", ["score", "-f", "json", "--rubric", "national", str(short)], _explanation("major_decision_procedure")),
        Case("evaluate 管道输出 80 列", ["evaluate", str(ROOT / "seeds"), "--gold", str(ROOT / "seeds" / "expected.yaml")], _first_row),
        Case("必备要素缺失而得分≥90", ["score", str(SEED)], _line_with("等级 ")),
        Case("score 好文件 + 不存在的文件", ["score", str(GOOD), str(work / "不存在.txt")]),
        Case("audit：悬空链接和 FIFO", ["audit", str(folder), "--out", str(work / "out")], _line_with("共 ")),
    ]


def _explanation(element: str) -> Callable[[str, str], str]:
    def pick(stdout: str, stderr: str) -> str:
        import json

        try:
            data = json.loads(stdout)
        except ValueError:
            return _first_line(stderr)
        text = next(e["explanation"] for e in data["elements"] if e["id"] == element)
        return "…" + text[text.index("中查找") :]

    return pick


def _first_row(stdout: str, stderr: str) -> str:
    rows = [line for line in stdout.splitlines() if line.startswith("│")]
    return rows[0] if rows else _first_line(stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="写出输入文件的目录（默认用临时目录并删除）")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="rolscore-hostile-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.build_only:
        build(work)
        return
    # The inputs are written by a child: a process forked from a big parent would count
    # the parent's pages in its own peak memory.
    subprocess.run([sys.executable, __file__, "--build-only", "--keep", str(work)], check=True)
    sys.path.insert(0, str(ROOT))
    from scorer.visible import for_terminal

    try:
        cases = build_cases(work)
        print("| 输入 | 用户看到的 | 退出码 | 峰值内存 MB | 耗时 s |")
        print("| --- | --- | --: | --: | --: |")
        for case in cases:
            outcome = run(case, work)
            saw = for_terminal(outcome.saw.replace(f"{work}/", "")).replace("|", "\\|")
            saw = saw if len(saw) <= 110 else saw[:109] + "…"
            print(f"| {case.name} | {saw} | {outcome.code} | {outcome.peak_mb:.0f} | {outcome.seconds:.2f} |", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
