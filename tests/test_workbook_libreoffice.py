"""The real client: LibreOffice opens summary.xlsx and shows what openpyxl reads, and a
workbook the reviewer saved back from LibreOffice still gives the same gold labels.

`make test` installs LibreOffice (soffice); each conversion uses a private profile so
that tests never share or touch a user's LibreOffice settings.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from scorer.cli import app
from scorer.workbook import sheet as layout
from scorer.workbook.gold import read_reviews
from tests.test_workbook_roundtrip import choose_opinions, expected_disagreements
from tests.workbook_helpers import FORMULA_LIKE, audited_folder, fill_reviews, header_columns

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
# Every sheet to its own CSV (token 12 = -1), UTF-8 (76), cells as shown (token 9).
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def soffice(source: Path, target_format: str, out_dir: Path, scratch: Path) -> None:
    if not Path(SOFFICE).exists():
        pytest.fail("没有找到 soffice：请运行 make test（以 root 安装 LibreOffice）")
    profile = scratch / f"lo-profile-{uuid.uuid4().hex}"
    out_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", target_format, "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("libreoffice")
    folder, out = audited_folder(root)
    return root, folder, out


def test_libreoffice_shows_every_sheet_as_written(audited):
    root, _, out = audited
    csv_dir = root / "csv"
    soffice(out / "summary.xlsx", ALL_SHEETS_CSV, csv_dir, root)
    book = load_workbook(out / "summary.xlsx")
    for sheet in book:
        shown = list(csv.reader(io.StringIO((csv_dir / f"summary-{sheet.title}.csv").read_text(encoding="utf-8"), newline="")))
        written = list(sheet.iter_rows())
        assert len(shown) == len(written), sheet.title
        for shown_row, row in zip(shown, written, strict=True):
            for c, cell in enumerate(row):
                if cell.value is None:
                    assert c >= len(shown_row) or shown_row[c] == "", cell.coordinate
                elif isinstance(cell.value, str):
                    # Text as written: no formula run (=1+2.txt stays itself), no number, no link text lost.
                    assert shown_row[c] == cell.value, (sheet.title, cell.coordinate)
                else:
                    assert shown_row[c] == _as_shown(cell), (sheet.title, cell.coordinate)
    ranking = list(csv.reader(io.StringIO((csv_dir / f"summary-{layout.SHEET_RANKING}.csv").read_text(encoding="utf-8"), newline="")))
    assert any(row[2] == FORMULA_LIKE for row in ranking)
    scores = [row[5] for row in ranking[1:] if row[0]]
    assert all(re.fullmatch(r"\d+\.\d", score) for score in scores)  # the score's one-decimal format


def _as_shown(cell) -> str:
    if "%" in cell.number_format:
        return f"{cell.value:.0%}"
    if cell.number_format == "0.0":
        return f"{cell.value:.1f}"
    return str(cell.value)


def test_libreoffice_follows_the_scorecard_links(audited):
    root, _, out = audited
    ods_dir = root / "ods"
    soffice(out / "summary.xlsx", "ods", ods_dir, root)
    content = zipfile.ZipFile(ods_dir / "summary.ods").read("content.xml").decode("utf-8")
    links = re.findall(r'xlink:href="([^"]+\.html)"', content)
    assert len(links) == 6  # one per scored report
    for link in links:
        # ODF resolves a link against the document as if it were a folder (hence one more ../):
        # the link LibreOffice read is the scorecard beside the workbook.
        assert (ods_dir / "summary.ods" / link).resolve() in set((out / "reports").iterdir()), link


# openpyxl says it drops LibreOffice's own extensions (conditional-format styling) when it loads the file.
@pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
def test_a_workbook_saved_back_by_libreoffice_gives_the_same_gold(audited, tmp_path):
    root, folder, out = audited
    opinions = choose_opinions(out / "summary.xlsx")
    filled = tmp_path / "summary.xlsx"
    fill_reviews(out / "summary.xlsx", filled, opinions, shuffle=11)
    resaved_dir = tmp_path / "resaved"
    soffice(filled, "xlsx", resaved_dir, tmp_path)
    resaved = resaved_dir / "summary.xlsx"
    assert read_reviews(resaved).gold() == read_reviews(filled).gold()
    result = CliRunner().invoke(app, ["evaluate", str(folder), "--gold", str(resaved), "--format", "json"])
    assert result.exit_code == 0, result.output
    got = {(d["file"], d["element"], d["gold"], d["got"]) for d in json.loads(result.stdout)["disagreements"]}
    assert got == expected_disagreements(out / "summary.xlsx", opinions)
    # What the reviewer keeps working with after LibreOffice: the dropdown and the hidden keys.
    sheet = load_workbook(resaved)[layout.SHEET_REVIEW]
    columns = header_columns(sheet)
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"认可,改为已满足,改为部分满足,改为缺失"'
    assert sheet.column_dimensions[sheet.cell(1, columns[layout.KEY_FILE]).column_letter].hidden
