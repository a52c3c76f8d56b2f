"""An audited folder with a workbook, and a reviewer who fills it in with openpyxl."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from scorer.cli import app
from scorer.workbook import sheet as layout
from tests.conftest import seed_files

FORMULA_LIKE = "=1+2.txt"  # a file name Excel would run as a formula if it were not kept text


def audited_folder(root: Path) -> tuple[Path, Path]:
    """The five seeds (one in a subfolder), a copy under a formula-like name and a broken file; audited."""
    folder = root / "reports"
    (folder / "2023").mkdir(parents=True)
    seeds = seed_files()
    for seed in seeds[:4]:
        shutil.copy(seed, folder / seed.name)
    shutil.copy(seeds[4], folder / "2023" / seeds[4].name)
    shutil.copy(seeds[2], folder / FORMULA_LIKE)
    (folder / "empty.txt").write_bytes(b"")
    out = root / "out"
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), "--jobs", "1", "--quiet"])
    assert result.exit_code == 1, result.output  # the empty file
    return folder, out


def results(out: Path) -> dict[str, dict]:
    """results.jsonl by the file's path relative to the audited folder."""
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return {line["file"].split("reports/", 1)[1]: line for line in lines if "error" not in line}


def header_columns(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1] if cell.value}


def fill_reviews(source: Path, target: Path, opinions: dict[tuple[str, str], tuple[str, str]], shuffle: int | None = None) -> None:
    """What a reviewer does in Excel: picks opinions, types notes; optionally also sorts the rows,
    moves the sheet first, adds a column of their own and hides some rows with a filter."""
    book = load_workbook(source)
    sheet = book[layout.SHEET_REVIEW]
    columns = header_columns(sheet)
    for row in range(2, sheet.max_row + 1):
        key = (sheet.cell(row, columns[layout.KEY_FILE]).value, sheet.cell(row, columns[layout.KEY_ELEMENT]).value)
        if key in opinions:
            opinion, note = opinions[key]
            sheet.cell(row, columns[layout.REVIEW_OPINION]).value = opinion
            sheet.cell(row, columns[layout.REVIEW_NOTE]).value = note or None
    if shuffle is not None:
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        random.Random(shuffle).shuffle(rows)
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                cell = sheet.cell(r, c)
                cell.value = value
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # openpyxl would make it a formula; Excel keeps a text cell text when sorting
        sheet.insert_cols(1)
        sheet.cell(1, 1).value = "我的分工"
        for r in range(2, sheet.max_row + 1, 3):
            sheet.cell(r, 1).value = "张三"
            sheet.row_dimensions[r].hidden = True  # filtered out: still a reviewed row
        book.move_sheet(layout.SHEET_REVIEW, offset=-book.sheetnames.index(layout.SHEET_REVIEW))
    book.save(target)
