"""`score --html PATH`: where each report's scorecard page goes, and writing it."""

from __future__ import annotations

from pathlib import Path

from scorer.batch.atomic import write_text
from scorer.errors import ScorerError
from scorer.batch.outnames import unique_names
from scorer.engine.pipeline import Scored

PAGE_SUFFIXES = {".html", ".htm"}


def page_paths(files: list[Path], html: Path) -> list[Path]:
    """PATH ending in .html is the page of a single report; an existing folder or a name
    without a suffix is a folder of pages; any other name (card.pdf) is refused."""
    if html.suffix.lower() in PAGE_SUFFIXES and not html.is_dir():
        if len(files) > 1:
            raise ScorerError(str(html), "多个报告不能写入同一个网页", "请给 --html 一个目录，或用 rolscore audit 审核整个目录")
        pages = [html]
    elif html.exists() and not html.is_dir():
        raise ScorerError(str(html), "已存在同名文件，不能作为评分卡目录", "请给出以 .html 结尾的文件名或一个目录")
    elif html.suffix and not html.is_dir():
        # card.pdf names a file, not a folder: making a folder of that name would surprise.
        raise ScorerError(str(html), f"评分卡是网页，文件名应以 .html 结尾（不能写成 {html.suffix}）", "单个报告请给 xxx.html；多个报告请给一个已有的目录或不带扩展名的目录名")
    else:
        pages = [html / name for name in unique_names([file.name for file in files])]
    inputs = {file.resolve() for file in files}
    for page in pages:
        if page.resolve() in inputs:
            raise ScorerError(str(page), "评分卡会覆盖报告本身", "请给 --html 另一个文件名或目录")
    return pages


def write_scorecard(scored: Scored, path: Path) -> None:
    from scorer.render.pages import render_scorecard  # jinja2 loads only when a page is written

    write_text(path, render_scorecard(scored.result, scored.text))
