"""Load benchmark for `rolscore serve` (not a test): N clients upload seed-sized .docx files.

Starts `rolscore serve` on a free loopback port, makes one Word draft per seed report,
and has `--clients` keep-alive connections upload them `--count` times in all (after a
warm-up), each answer checked against `rolscore score --format json` for that file.
Prints p50/p95/p99 latency, throughput and the server's peak memory (its process and
workers), and appends a section to bench/RESULTS.md.

Usage: python bench/serve_load.py [--count 500] [--clients 16] [--workers N] [--route api|page]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import TreeMemory, _rss_kb, _tree, machine  # noqa: E402

from tests.make_formats import write_docx  # noqa: E402

BIN = Path(sys.executable).parent
TARGET_P95_MS = 150.0


def drafts(folder: Path) -> list[Path]:
    return [write_docx(seed.read_text(encoding="utf-8"), folder / f"{seed.stem}.docx", styled=True) for seed in sorted((ROOT / "seeds").glob("*.txt"))]


def cli_answers(files: list[Path]) -> dict[str, dict]:
    """What the command says for each file, run where the file is so `file` is its bare name."""
    answers = {}
    for path in files:
        out = subprocess.run([str(BIN / "rolscore"), "score", path.name, "--format", "json"], cwd=path.parent, capture_output=True, check=False)
        answers[path.name] = json.loads(out.stdout)
    return answers


def multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), boundary


class Client:
    """One keep-alive HTTP/1.1 connection, as light as can be so the load generator stays cheap."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def post(self, path: str, body: bytes, boundary: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n"
                f"Content-Length: {len(body)}\r\nAccept: application/json\r\n\r\n").encode()
        self.writer.write(head + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)


async def drive(host: str, port: int, route: str, uploads: list[tuple[str, bytes, str]], count: int, clients: int):
    latencies: list[float] = []
    answers: list[tuple[str, int, bytes]] = []
    next_index = 0

    async def one_client() -> None:
        nonlocal next_index
        client = Client(host, port)
        while next_index < count:
            name, body, boundary = uploads[next_index % len(uploads)]
            next_index += 1
            started = time.perf_counter()
            status, payload = await client.post(route, body, boundary)
            latencies.append((time.perf_counter() - started) * 1000)
            answers.append((name, status, payload))

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies, answers, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def check(answers, expected: dict[str, dict], route: str) -> list[str]:
    wrong = []
    for name, status, payload in answers:
        if status != 200:
            wrong.append(f"{name}: HTTP {status} {payload[:200]!r}")
        elif route == "/api/score" and json.loads(payload) != expected[name]:
            wrong.append(f"{name}: answer differs from the CLI's JSON")
        elif route == "/score" and f'<span class="n">{expected[name]["score"]:g}</span>'.encode() not in payload:
            wrong.append(f"{name}: scorecard shows another score")
    return wrong


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the given processes so far."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def start_server(workers: int | None, log: Path) -> tuple[subprocess.Popen, str, int, int]:
    command = [str(BIN / "rolscore"), "serve", "--port", "0"] + (["--workers", str(workers)] if workers else [])
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=open(log, "wb"), text=True, cwd=ROOT)
    line = process.stdout.readline()
    found = re.search(r"http://([\d.]+):(\d+)/（(\d+) ", line)
    if not found:
        process.kill()
        raise SystemExit(f"the service did not start: {line!r} {log.read_text(errors='replace')[-500:]}")
    return process, found.group(1), int(found.group(2)), int(found.group(3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=40)
    parser.add_argument("--workers", type=int, default=None, help="default: the service's own (one per core)")
    parser.add_argument("--route", choices=["api", "page"], default="api")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    route = "/api/score" if args.route == "api" else "/score"

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = drafts(folder)
        expected = cli_answers(files)
        uploads = [(path.name, *multipart(path)) for path in files]
        load_before = os.getloadavg()
        process, host, port, workers = start_server(args.workers, folder / "serve.log")
        try:
            asyncio.run(drive(host, port, route, uploads, args.warmup, args.clients))
            settled_kb = sum(_rss_kb(pid) for pid in _tree(process.pid))
            server_cpu, client_cpu = cpu_seconds(_tree(process.pid)), time.process_time()
            main_cpu = cpu_seconds([process.pid])
            with TreeMemory(process.pid) as memory:
                latencies, answers, elapsed = asyncio.run(drive(host, port, route, uploads, args.count, args.clients))
            server_cpu = cpu_seconds(_tree(process.pid)) - server_cpu
            main_cpu = cpu_seconds([process.pid]) - main_cpu
            client_cpu = time.process_time() - client_cpu
            end_kb = sum(_rss_kb(pid) for pid in _tree(process.pid))
        finally:
            process.terminate()
            process.wait(30)
        load_after = os.getloadavg()

    wrong = check(answers, expected, route)
    sizes = sorted(len(body) for _, body, _ in uploads)
    figures = {
        "p50": percentile(latencies, 0.50), "p95": percentile(latencies, 0.95), "p99": percentile(latencies, 0.99),
        "max": max(latencies), "throughput": len(latencies) / elapsed,
        "server_cpu_ms": server_cpu * 1000 / len(latencies), "main_cpu_ms": main_cpu * 1000 / len(latencies), "client_cpu_ms": client_cpu * 1000 / len(latencies),
    }
    print(f"{len(latencies)} uploads to {route}, {args.clients} at a time, {workers} workers: "
          f"p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, p99 {figures['p99']:.0f} ms, max {figures['max']:.0f} ms, "
          f"{figures['throughput']:.1f} uploads/s; CPU per upload {figures['server_cpu_ms']:.1f} ms in the service "
          f"({figures['main_cpu_ms']:.1f} ms of it in the web process), "
          f"{figures['client_cpu_ms']:.1f} ms in the clients; memory {settled_kb / 1024:.0f} MB after warm-up, peak {memory.peak_kb / 1024:.0f} MB, "
          f"{end_kb / 1024:.0f} MB at the end; {len(wrong)} wrong answers; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    for line in wrong[:10]:
        print("  ", line)
    if not args.no_write:
        write_results(args, route, workers, figures, settled_kb, memory.peak_kb, end_kb, wrong, sizes, load_before, load_after)
    raise SystemExit(1 if wrong else 0)


def write_results(args, route, workers, figures, settled_kb, peak_kb, end_kb, wrong, sizes, load_before, load_after) -> None:
    met = "达标" if figures["p95"] <= TARGET_P95_MS and not wrong else "未达标"
    cached = sum(1 for _ in (ROOT / "scorer").rglob("*.pyc"))
    bytecode = (f"{'设了' if os.environ.get('PYTHONDONTWRITEBYTECODE') else '未设'} PYTHONDONTWRITEBYTECODE，"
                f"scorer/ 下有 {cached} 个已缓存的 .pyc（只影响启动，不影响稳定后的延迟）")
    section = f"""
## `rolscore serve` 负载 / serve load ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})

机器 / machine: {machine()}；Python 字节码：{bytecode}，未设 PYTHONOPTIMIZE。
负载发生器与服务在同一台机器上（回环地址），共用这 {os.cpu_count()} 个核；
运行前后 1 分钟平均负载 {load_before[0]:.1f} / {load_after[0]:.1f}（机器同时在做其他工作时会偏高，结果随之变差）。

`{route}`：{args.count} 次上传（另有 {args.warmup} 次预热不计），{args.clients} 个客户端并发（keep-alive），{workers} 个评分进程；
文件为 5 份样本报告生成的 .docx（{sizes[0] // 1024}–{sizes[-1] // 1024} KB），每个答复都与 `rolscore score --format json` 对同一文件的输出比对。

| 指标 / figure | 结果 / result | 目标 / target | |
| --- | --- | --- | --- |
| p50 延迟 | {figures['p50']:.0f} ms | | |
| p95 延迟 | {figures['p95']:.0f} ms | ≤ {TARGET_P95_MS:.0f} ms | {met} |
| p99 延迟 | {figures['p99']:.0f} ms | | |
| 吞吐量 | {figures['throughput']:.1f} 次/秒 | | |
| 每次上传耗用 CPU | 服务 {figures['server_cpu_ms']:.1f} ms（其中网络主进程 {figures['main_cpu_ms']:.1f} ms，其余在评分进程），负载发生器 {figures['client_cpu_ms']:.1f} ms | | |
| 错误或不一致的答复 | {len(wrong)} | 0 | {'达标' if not wrong else '未达标'} |
| 服务内存（主进程 + 评分进程） | 预热后 {settled_kb / 1024:.0f} MB，峰值 {peak_kb / 1024:.0f} MB，结束时 {end_kb / 1024:.0f} MB | 平稳 | |

Re-run with `.venv/bin/python bench/serve_load.py --count {args.count} --clients {args.clients}{' --route page' if route == '/score' else ''}`.
"""
    results = ROOT / "bench" / "RESULTS.md"
    results.write_text(results.read_text(encoding="utf-8").rstrip("\n") + "\n" + section, encoding="utf-8")


if __name__ == "__main__":
    main()
