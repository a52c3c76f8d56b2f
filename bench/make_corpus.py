"""Build a corpus of realistic reports from the seed reports, for the benchmark.

Each report gets a new title and agency, an opening, and parts recombined from the
seeds (measures, problems, plan), grown or cut to a size between 2 KB and 60 KB
(log-uniform, so most are seed-sized). Some are written in traditional characters, some
encoded in GBK, as real folders are. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import math
import random
import re
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
TOP_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+、", re.M)
PLACES = ["杭州市", "宁波市", "温州市", "衢州市", "兰州市", "天水市", "开平市", "江门市", "广州市", "佛山市", "成都市", "武汉市", "长沙市", "南京市", "苏州市", "西安市"]
DISTRICTS = ["", "", "", "西湖区", "城关区", "新会区", "高新区", "滨江区"]
ORGANS = ["应急管理局", "司法局", "市场监督管理局", "生态环境局", "交通运输局", "人民防空办公室", "自然资源和规划局", "卫生健康委员会", "人民政府"]
ROLE_WORDS = {
    "problems": re.compile(r"不足|问题"),
    "plan": re.compile(r"安排|下一步|下步|计划|打算"),
}


def seed_parts() -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {"opening": [], "measures": [], "problems": [], "plan": []}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = opencc.OpenCC("t2s").convert(path.read_text(encoding="utf-8"))
        starts = [m.start() for m in TOP_HEADING.finditer(text)]
        if not starts:
            continue
        parts["opening"].append(text[: starts[0]].strip().split("\n")[-1])
        for start, end in zip(starts, starts[1:] + [len(text)]):
            block = text[start:end].strip()
            heading = block.split("\n", 1)[0]
            role = next((r for r, rx in ROLE_WORDS.items() if rx.search(heading)), "measures")
            parts[role].append(block)
    return parts


def make_report(rng: random.Random, parts: dict[str, list[str]], target_bytes: int) -> str:
    place = rng.choice(PLACES) + rng.choice(DISTRICTS)
    agency = place + rng.choice(ORGANS)
    year = rng.randint(2019, 2024)
    lines = [f"{agency}关于{year}年度法治政府建设情况的报告", rng.choice(parts["opening"])]
    body: list[str] = []
    size = len("\n".join(lines).encode("utf-8"))
    while size < target_bytes * 0.8:
        block = rng.choice(parts["measures"])
        body.append(block)
        size += len(block.encode("utf-8"))
    tail = [rng.choice(parts["problems"]), rng.choice(parts["plan"])]
    text = "\n".join(lines + body + tail) + "\n"
    encoded = text.encode("utf-8")
    if len(encoded) > target_bytes:
        text = encoded[:target_bytes].decode("utf-8", errors="ignore")
    return _renumber(text)


def _renumber(text: str) -> str:
    numerals = "一二三四五六七八九十"
    counter = iter(range(10_000))

    def next_numeral(_match: re.Match[str]) -> str:
        n = next(counter)
        return (numerals[n] if n < 10 else "十" + numerals[n % 10 - 1] if n % 10 else "二十") + "、" if n < 20 else "二十、"

    return TOP_HEADING.sub(lambda m: m.group()[: len(m.group()) - len(m.group().lstrip())] + next_numeral(m), text)


def build(out: Path, count: int, seed: int = 7, min_kb: float = 2, max_kb: float = 60) -> list[Path]:
    rng = random.Random(seed)
    parts = seed_parts()
    to_traditional = opencc.OpenCC("s2t")
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        target = int(1024 * math.exp(rng.uniform(math.log(min_kb), math.log(max_kb))))
        text = make_report(rng, parts, target)
        kind = rng.random()
        if kind < 0.10:
            text = to_traditional.convert(text)
        path = out / f"{index:05d}.txt"
        data = text.encode("gb18030") if 0.10 <= kind < 0.20 else text.encode("utf-8")
        path.write_bytes(data)
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = build(args.out, args.count, args.seed)
    total = sum(path.stat().st_size for path in files)
    print(f"{len(files)} reports, {total / 1048576:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
