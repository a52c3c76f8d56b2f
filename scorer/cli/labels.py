"""`rolscore labels export summary.xlsx`: a reviewer's 复核意见 as a labels file
(the format of seeds/expected.yaml), to keep under version control or merge with others."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from scorer.visible import SafeConsole as Console

from scorer.cli.common import new_app, user_errors
from scorer.errors import UsageError

labels_app = new_app("labels", "人工标注：把复核后的 summary.xlsx 中的复核意见导出为标注文件。")

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@labels_app.callback()
def labels_group() -> None:
    """人工标注工具。"""


@labels_app.command("export")
def export(
    workbook: Annotated[Path, typer.Argument(help="复核后的工作簿（rolscore audit 写出的 summary.xlsx）", show_default=False)],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="写入的标注文件（.yaml）；不给时输出到终端", show_default=False)] = None,
) -> None:
    """导出复核意见：认可 = 评分结果即标注，改为… = 改正后的结果，留空 = 不标注。格式同 seeds/expected.yaml，可用于 rolscore evaluate --gold。"""
    from scorer.batch.atomic import write_text
    from scorer.workbook.gold import read_reviews

    with user_errors():
        book = read_reviews(workbook)
    reviewed = [review for review in book.reviews if review.gold is not None]
    if not reviewed:
        with user_errors():
            raise UsageError(f"{workbook}: “复核”表的复核意见列全部为空，没有可导出的标注（请先在复核意见列选择“认可”或“改为…”）")
    corrected = sum(1 for review in reviewed if review.gold != review.verdict)
    text = labels_yaml(book.reviews, f"{workbook.name} 的复核意见：{len(reviewed)} 个标注，其中 {corrected} 个改正了评分结果")
    if out is None:
        sys.stdout.write(text)
        return
    with user_errors():
        write_text(out, text)
    files = len({review.file for review in reviewed})
    Console(stderr=True, highlight=False).print(f"已导出 {len(reviewed)} 个标注（{files} 份报告，改正 {corrected} 个）到 {out}", markup=False)


def labels_yaml(reviews, heading: str) -> str:
    """The labels as YAML, with the reviewer's 备注 kept as a comment beside each label.

    Written by hand because a YAML dumper drops comments; every key is quoted as a JSON
    string (valid YAML) unless it is a plain identifier.
    """
    lines = [f"# {heading}", "# 值：met（已满足）| partial（部分满足）| missing（缺失）；行尾注释是复核备注。"]
    by_file: dict[str, list] = {}
    for review in reviews:
        if review.gold is not None:
            by_file.setdefault(review.file, []).append(review)  # rows may have been sorted by element
    for file, labelled in by_file.items():
        lines.append(f"{_key(file)}:")
        for review in labelled:
            note = " ".join(review.note.split())
            lines.append(f"  {_key(review.element)}: {review.gold}" + (f"  # {note}" if note else ""))
    return "\n".join(lines) + "\n"


def _key(text: str) -> str:
    return text if _PLAIN_KEY.match(text) else json.dumps(text, ensure_ascii=False)
