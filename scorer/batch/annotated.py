"""`score --annotate PATH` and `audit --annotate`: where each commented Word copy goes,
and writing it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scorer.batch.atomic import write_bytes
from scorer.errors import ScorerError
from scorer.batch.outnames import unique_names
from scorer.api import Scored

SUFFIX = "-批注.docx"


@dataclass(frozen=True)
class AnnotateOptions:
    author: str = "rolscore"
    include_met: bool = False
    rubric: str | None = None  # the spec scored with, when it is a YAML file


def annotated_paths(files: list[Path], target: Path) -> list[Path]:
    """PATH ending in .docx is the copy of a single report; otherwise a folder of copies."""
    if target.suffix.lower() == ".docx" and not target.is_dir():
        if len(files) > 1:
            raise ScorerError(str(target), "多个报告不能写入同一个 Word 文件", "请给 --annotate 一个目录")
        paths = [target]
    elif target.exists() and not target.is_dir():
        raise ScorerError(str(target), "已存在同名文件，不能作为批注文件目录", "请给出以 .docx 结尾的文件名或一个目录")
    else:
        paths = [target / name for name in unique_names([file.name for file in files], suffix=SUFFIX)]
    inputs = {file.resolve() for file in files}
    for path in paths:
        if path.resolve() in inputs:
            raise ScorerError(str(path), "批注文件会覆盖报告本身", "请给 --annotate 另一个文件名或目录")
    return paths


def write_annotated(source: str | Path, scored: Scored, path: str | Path, options: AnnotateOptions, max_bytes: int, durable: bool = True) -> None:
    from scorer.annotate import annotate_bytes
    from scorer.read import read_bytes

    data = read_bytes(str(source), max_bytes)
    annotated = annotate_bytes(data, str(source), scored, rubric=options.rubric, author=options.author, include_met=options.include_met)
    write_bytes(path, annotated, durable=durable)
