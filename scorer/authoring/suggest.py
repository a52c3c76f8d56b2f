"""`rubric suggest`: distinctive terms of a folder of one province's reports that the
rubric does not cover yet, per report part, with an example sentence for each.

Terms are cut with jieba (a private tokenizer, so matching elsewhere is unaffected)
whose user dictionary keeps domain words whole: the curated `domain_words.txt` plus
every literal term of the bundled rubrics. A term is scored by TF-IDF, its frequency in
the folder against the bundled seed reports as background documents, and kept only if
the folder uses it clearly more often than the background does. A report of the folder
that is itself a bundled report is left out of the background.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scorer.engine.compiled import CompiledRubric
from scorer.text.document import Document
from scorer.errors import ReadError, ScorerError
from scorer.text.patterns import CompiledPatterns
from scorer.read import read_document, supported_suffixes
from scorer.rubric.chain import bundled_dir
from scorer.rubric.checks import walk
from scorer.rubric.model import PREAMBLE, PREAMBLE_TITLE, Patterns, Rubric
from scorer.bundled import seeds_dir

DOMAIN_WORDS = Path(__file__).with_name("domain_words.txt")
# Parts of speech worth a rubric term: nouns, domain words, verbal nouns, idioms, abbreviations.
KEEP_TAGS = {"n", "nz", "vn", "l", "i", "j", "an"}
DISTINCTIVE = 2.0  # at least twice as frequent in the folder as in the background
EXAMPLE_WIDTH = 70
_CJK = re.compile(r"^[\u4e00-\u9fff]{2,12}$")
_GENERIC = set(
    "工作 开展 加强 推进 进一步 全面 深入 积极 认真 扎实 切实 持续 不断 有效 提升 提高 完善 健全 落实 建立 规范 坚持 "
    "情况 方面 问题 全市 全省 全区 全县 全局 相关 有关 各类 部门 单位 制度 机制 体系 要求 水平 能力 建设 实施 组织 "
    "确保 做好 抓好 重点 主要 年度 今年 去年 一是 二是 三是 四是 同时 以及 通过 进行 实现 形成 领导 干部 人员 群众 "
    "企业 社会 政府 市委 市政府 党组 意见 通知 办法 规定 方案 工作机制 成效 举措 措施 任务 目标 责任 发展 服务 管理".split()
)


@dataclass
class Suggestion:
    term: str
    count: int
    reports: int
    score: float
    example: str
    file: str


@dataclass
class SuggestResult:
    folder: str
    rubric: str
    reports: int
    roles: list[tuple[str, str, list[Suggestion]]] = field(default_factory=list)  # (role id, title, terms)

    def as_dict(self) -> dict:
        return {
            "folder": self.folder,
            "rubric": self.rubric,
            "reports": self.reports,
            "roles": [
                {"role": role, "title": title, "terms": [vars(s) for s in terms]} for role, title, terms in self.roles
            ],
        }


def suggest_terms(folder: Path, compiled: CompiledRubric, top: int = 15, min_reports: int | None = None) -> SuggestResult:
    files = report_files(folder)
    tokenizer = _tokenizer(tuple(sorted(_rubric_literals(compiled.rubric))))
    # A report of the folder that is itself a bundled report is left out of the background.
    mined = frozenset(hashlib.sha256(file.read_bytes()).hexdigest() for file in files)
    background, background_total, background_docs = _background_counts(tokenizer, mined)
    counts: dict[str, Counter] = defaultdict(Counter)
    per_report: Counter = Counter()
    examples: dict[tuple[str, str], tuple[str, str]] = {}
    folder_total = Counter()
    for file in files:
        doc = compiled.document(read_document(file))
        seen_here: set[str] = set()
        for role, sentence, words in _sentences(doc, tokenizer):
            for word in words:
                counts[role][word] += 1
                folder_total[word] += 1
                seen_here.add(word)
                examples.setdefault((role, word), (_around(sentence, word), file.name))
        per_report.update(seen_here)
    covered = _covered(compiled.rubric)
    need = min_reports or max(1, math.ceil(len(files) / 2))
    size = sum(folder_total.values()) or 1
    result = SuggestResult(str(folder), compiled.rubric.id, len(files))
    for role in _role_order(compiled, counts):
        ranked = []
        for word, count in counts[role].items():
            if per_report[word] < need or folder_total[word] < 2 or covered(word):
                continue
            share = folder_total[word] / size
            background_share = (background.get(word, (0, 0))[0] + 0.5) / background_total
            if share < DISTINCTIVE * background_share:
                continue
            # TF-IDF with the folder as one document among the bundled reports: a word every
            # bundled report uses weighs almost nothing, one none of them uses weighs most.
            idf = math.log((background_docs + 2) / (background.get(word, (0, 0))[1] + 1))
            ranked.append(Suggestion(word, count, per_report[word], round(count * idf, 2), *examples[(role, word)]))
        ranked.sort(key=lambda s: (-s.score, s.term))
        if ranked:
            result.roles.append((role, compiled.role_titles.get(role, role), ranked[:top]))
    return result


def report_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ReadError(str(folder), "不是文件夹", "请给出存放报告的文件夹")
    suffixes = set(supported_suffixes())
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    if not files:
        raise ReadError(str(folder), "文件夹里没有可读的报告", f"支持：{' '.join(sorted(suffixes))}")
    return files


@lru_cache(maxsize=4)
def _background_counts(tokenizer, leave_out: frozenset[str]) -> tuple[dict[str, tuple[int, int]], int, int]:
    """(occurrences, reports) of each word in the bundled seed reports, their word count
    and how many reports there are."""
    folder = seeds_dir()
    if folder is None:
        raise ScorerError(None, "找不到内置的参考报告（seeds）", "请重新安装 rolscore")
    occurrences: Counter = Counter()
    documents: Counter = Counter()
    files = [f for f in sorted(folder.glob("*.txt")) if hashlib.sha256(f.read_bytes()).hexdigest() not in leave_out]
    from scorer.engine.compiled import get_compiled

    national = get_compiled("national")
    for file in files:
        doc = national.document(read_document(file))
        words = [word for _, _, ws in _sentences(doc, tokenizer) for word in ws]
        occurrences.update(words)
        documents.update(set(words))
    table = {word: (occurrences[word], documents[word]) for word in occurrences}
    return table, max(1, sum(occurrences.values())), len(files)


def _sentences(doc: Document, tokenizer):
    text = doc.text
    starts = doc.structure.sentence_starts + [len(text)]
    for left, right in zip(starts, starts[1:]):
        sentence = text[left:right]
        if len(sentence.strip()) < 4:
            continue
        words = [w for w, tag in tokenizer.cut(sentence) if _keep(w, tag)]
        if words:
            yield doc.role_at(left), doc.norm.original_slice(left, right).strip(), words


def _keep(word: str, tag: str) -> bool:
    return tag in KEEP_TAGS and bool(_CJK.match(word)) and word not in _GENERIC


@lru_cache(maxsize=4)
def _tokenizer(extra_words: tuple[str, ...]):
    """A private jieba tokenizer with the domain words as its user dictionary."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    base = jieba.Tokenizer()
    base.load_userdict(str(DOMAIN_WORDS))
    for word in extra_words:
        base.add_word(word, tag="nz")
    return jieba.posseg.POSTokenizer(base)


def _rubric_literals(rubric: Rubric) -> set[str]:
    """Every literal term of the bundled rubrics and of this one: domain words to keep whole."""
    words = {term for _, model in walk(rubric) if isinstance(model, Patterns) for term in model.any}
    folder = bundled_dir()
    if folder is not None:
        from scorer.rubric.loader import resolve_rubric

        for path in folder.glob("*.yaml"):
            try:
                resolved = resolve_rubric(str(path))
            except ScorerError:
                continue
            words |= {term for _, model in walk(resolved.rubric) if isinstance(model, Patterns) for term in model.any}
    return {w for w in words if _CJK.match(w)}


def _covered(rubric: Rubric):
    """A term is covered when a pattern of the rubric matches in it or a literal contains it."""
    patterns = [CompiledPatterns(m) for _, m in walk(rubric) if isinstance(m, Patterns) and not m.is_empty()]
    literals = [term for _, m in walk(rubric) if isinstance(m, Patterns) for term in m.any]

    def covered(word: str) -> bool:
        return any(p.search(word) for p in patterns) or any(word in term for term in literals)

    return covered


def _role_order(compiled: CompiledRubric, counts: dict[str, Counter]) -> list[str]:
    order = [PREAMBLE] + [role.id for role in compiled.rubric.roles]
    return [role for role in order if role in counts] + [role for role in counts if role not in order]


def _around(sentence: str, word: str) -> str:
    flat = " ".join(sentence.split())
    if len(flat) <= EXAMPLE_WIDTH:
        return flat
    where = max(0, flat.find(word))
    left = max(0, min(where - EXAMPLE_WIDTH // 3, len(flat) - EXAMPLE_WIDTH))
    return ("…" if left else "") + flat[left : left + EXAMPLE_WIDTH] + ("…" if left + EXAMPLE_WIDTH < len(flat) else "")


def render_suggestions(result: SuggestResult, console: Console) -> None:
    console.print(Text(f"{result.folder}：{result.reports} 份报告，对照评分细则 {result.rubric}", style="bold"))
    if not result.roles:
        console.print(Text("没有找到细则尚未覆盖的高频特色词（可用 --min-reports 放宽“至少出现在几份报告中”）。", style="yellow"))
        return
    for role, title, terms in result.roles:
        table = Table(title=f"{title or PREAMBLE_TITLE}（{role}）", title_justify="left", expand=True, header_style="bold")
        table.add_column("词语", no_wrap=True)
        table.add_column("次数", justify="right")
        table.add_column("报告数", justify="right")
        table.add_column("得分", justify="right")
        table.add_column("例句", ratio=1, overflow="fold")
        for item in terms:
            example = Text(f"“{item.example}”", overflow="fold")
            example.highlight_words([item.term], style="bold black on yellow")
            example.append(f"  —— {item.file}", style="dim")
            table.add_row(item.term, str(item.count), str(item.reports), f"{item.score:g}", example)
        console.print(table)
    console.print(Text("提示：把合适的词写进省级细则的 add_terms 或新要素，再用 rolscore rubric test 验证。", style="dim"))
