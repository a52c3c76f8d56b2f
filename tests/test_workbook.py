"""summary.xlsx as `audit` writes it, opened with openpyxl: cells, colours, links, the
dropdown, frozen panes, filters, widths that fit Chinese and formula-like text kept text."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from scorer.workbook import sheet as layout
from scorer.render.cjk_width import display_width
from scorer.workbook.style import COLOURS, MARK, NOT_APPLICABLE, shown_status
from tests.workbook_helpers import FORMULA_LIKE, audited_folder, header_columns, results

STATUS_OF_MARK = {mark: status for status, mark in MARK.items()}


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    folder, out = audited_folder(tmp_path_factory.mktemp("workbook"))
    return folder, out, load_workbook(out / "summary.xlsx"), results(out)


def fill_of(cell) -> str:
    return "#" + cell.fill.fgColor.rgb[-6:]


def test_four_sheets_in_order(audited):
    _, _, book, _ = audited
    assert book.sheetnames == [layout.SHEET_RANKING, layout.SHEET_ELEMENTS, layout.SHEET_REVIEW, layout.SHEET_NOTES]


def test_ranking_rows_marks_colours_and_links(audited):
    _, out, book, scored = audited
    sheet = book[layout.SHEET_RANKING]
    columns = header_columns(sheet)
    assert list(columns)[:9] == ["排名", "报告单位", "文件", "评分细则", "报告年度", "得分", "等级", "未满足的必备要素", "评分卡"]
    rows = list(range(2, sheet.max_row + 1))
    assert len(rows) == len(scored) + 1  # the empty file keeps a row
    ranked = [sheet.cell(r, columns["文件"]).value for r in rows if sheet.cell(r, columns["排名"]).value is not None]
    scores = [scored[name]["score"] for name in ranked]
    assert scores == sorted(scores, reverse=True) and len(ranked) == len(scored)
    element_titles = {}
    for result in scored.values():
        element_titles.update({e["title"]: e["id"] for e in result["elements"]})
    marks_seen = set()
    for r in rows:
        name = sheet.cell(r, columns["文件"]).value
        if name not in scored:
            assert "空" in sheet.cell(r, columns["无法评分的原因"]).value
            continue
        result = scored[name]
        assert sheet.cell(r, columns["得分"]).value == result["score"]
        assert sheet.cell(r, columns["报告单位"]).value == result["metadata"]["agency"]
        assert sheet.cell(r, columns["评分细则"]).value == result["rubric"]["id"]
        statuses = {e["id"]: e["status"] for e in result["elements"]}
        for title, element_id in element_titles.items():
            cell = sheet.cell(r, columns[title])
            status = shown_status(statuses.get(element_id))
            assert cell.value == (MARK[status] if status else NOT_APPLICABLE)
            assert fill_of(cell) == COLOURS[status][1], (name, title)
            marks_seen.add(cell.value)
        link = sheet.cell(r, columns["评分卡"])
        # A relative link, as Excel writes one (with \\): it keeps working when the output folder moves.
        target = link.hyperlink.target.replace("\\", "/")
        assert target.startswith("reports/") and (out / target).is_file()
    assert marks_seen == {"✔", "◐", "✘", NOT_APPLICABLE}  # the seeds use all four


def test_ranking_is_frozen_filtered_printable_and_wide_enough_for_chinese(audited):
    _, _, book, _ = audited
    sheet = book[layout.SHEET_RANKING]
    assert sheet.freeze_panes == "D2"  # header row; rank, agency, file
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize in (9, "9")
    assert sheet.print_title_rows == "$1:$1"
    columns = header_columns(sheet)
    for title in ("报告单位", "文件", "评分细则"):
        letter = sheet.cell(1, columns[title]).column_letter
        widest = max(display_width(str(sheet.cell(r, columns[title]).value or "")) for r in range(1, sheet.max_row + 1))
        # Chinese counts double: a count of characters would leave 报告单位 half as wide as it needs.
        assert sheet.column_dimensions[letter].width >= widest, title


def test_elements_sheet_counts_sorted_by_missing(audited):
    _, _, book, scored = audited
    sheet = book[layout.SHEET_ELEMENTS]
    assert [c.value for c in sheet[1]] == ["要素", "必备", "缺失", "部分满足", "已满足", "适用报告", "满足率"]
    counted: dict[str, dict[str, int]] = {}
    for result in scored.values():
        for e in result["elements"]:
            counts = counted.setdefault(e["title"], {"met": 0, "partial": 0, "missing": 0})
            if e["status"] != "na":  # could not be checked on this report: not counted as applying
                counts[e["status"]] += 1
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert {row[0] for row in rows} == set(counted)
    for title, required, missing, partial, met, applies, share in rows:
        assert (missing, partial, met) == (counted[title]["missing"], counted[title]["partial"], counted[title]["met"])
        assert applies == missing + partial + met and share == pytest.approx(met / applies)
    order = [(row[2], row[3]) for row in rows]
    assert [m for m, _ in order] == sorted((m for m, _ in order), reverse=True)
    assert rows[0][2] > 0


def test_review_sheet_one_row_per_report_and_element(audited):
    _, _, book, scored = audited
    sheet = book[layout.SHEET_REVIEW]
    columns = header_columns(sheet)
    assert list(columns) == [*layout.VISIBLE_COLUMNS, *layout.KEY_COLUMNS]
    seen = set()
    for r in range(2, sheet.max_row + 1):
        value = lambda name: sheet.cell(r, columns[name]).value  # noqa: E731
        name, element_id = value(layout.KEY_FILE), value(layout.KEY_ELEMENT)
        element = next(e for e in scored[name]["elements"] if e["id"] == element_id)
        assert value(layout.REVIEW_FILE) == name and value(layout.REVIEW_ELEMENT) == element["title"]
        assert value(layout.KEY_VERDICT) == element["status"]
        assert value(layout.REVIEW_VERDICT) == {"met": "已满足", "partial": "部分满足", "missing": "缺失"}[element["status"]]
        assert fill_of(sheet.cell(r, columns[layout.REVIEW_VERDICT])) == COLOURS[element["status"]][1]
        assert value(layout.REVIEW_QUOTE) == (element["evidence"][0]["quote"] if element["evidence"] else None)
        assert value(layout.REVIEW_OPINION) is None and value(layout.REVIEW_NOTE) is None
        assert value(layout.KEY_RUBRIC) == scored[name]["rubric"]["id"]
        seen.add((name, element_id))
    assert seen == {(name, e["id"]) for name, result in scored.items() for e in result["elements"] if e["status"] != "na"}
    assert sheet.max_row - 1 == len(seen)
    for name in layout.KEY_COLUMNS:
        assert sheet.column_dimensions[sheet.cell(1, columns[name]).column_letter].hidden, name
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")


def test_review_dropdown_lists_the_four_opinions(audited):
    _, _, book, _ = audited
    sheet = book[layout.SHEET_REVIEW]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and validation.showErrorMessage and validation.errorStyle in (None, "stop")
    assert validation.formula1 == '"认可,改为已满足,改为部分满足,改为缺失"'
    letter = sheet.cell(1, header_columns(sheet)[layout.REVIEW_OPINION]).column_letter
    assert str(validation.sqref) == f"{letter}2:{letter}{sheet.max_row}"


def test_formula_like_text_stays_verbatim_text(audited):
    _, _, book, _ = audited
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value == FORMULA_LIKE]
    assert len(cells) >= 3  # 排名's file, 复核's file and its key, on every row of that report
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert not [cell.coordinate for sheet in book for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_notes_sheet_says_rubric_date_score_and_marks(audited):
    _, _, book, _ = audited
    sheet = book[layout.SHEET_NOTES]
    text = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert "自动选择" in text["评分细则"] and "zhejiang+emergency" in text["所用细则"]
    assert text["生成时间"][:4].isdigit() and text["生成时间"][4] == "-"
    assert "部分满足得一半" in text["得分计算"] and "90" in text["等级"]
    assert {MARK["met"], MARK["partial"], MARK["missing"], NOT_APPLICABLE} <= set(text)
    assert "rolscore evaluate --gold summary.xlsx" in text["复核结果的用途"]


def test_no_xlsx_leaves_the_workbook_out(tmp_path):
    import shutil

    from typer.testing import CliRunner

    from scorer.cli import app
    from tests.conftest import seed_files

    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(seed_files()[0], folder)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), "--no-xlsx"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert (out / "summary.csv").is_file() and not (out / "summary.xlsx").exists()
    assert "summary.xlsx" not in result.stdout
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out)], env={"COLUMNS": "200"})
    assert (out / "summary.xlsx").is_file() and "summary.xlsx（复核用工作簿）" in result.stdout.replace("\n", "")
