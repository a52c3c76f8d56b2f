"""The loop back: a reviewer's 复核意见 in summary.xlsx become gold labels for
`evaluate` and `labels export`, whatever the reviewer did to the sheet's order."""

from __future__ import annotations

import json
import zipfile
from itertools import cycle

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from scorer.cli import app
from scorer.authoring.agreement import load_gold
from scorer.workbook import sheet as layout
from scorer.workbook.carry import carried_reviews
from scorer.workbook.gold import read_reviews
from scorer.workbook.writer import UNTOUCHED_MARK
from tests.workbook_helpers import FORMULA_LIKE, audited_folder, fill_reviews, header_columns

runner = CliRunner()


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("roundtrip")
    folder, out = audited_folder(root)
    return root, folder, out


def choose_opinions(workbook) -> dict[tuple[str, str], tuple[str, str]]:
    """Every fifth row, cycling through the four opinions, with a note on the corrections."""
    rows = read_reviews(workbook).reviews
    opinions = {}
    for review, opinion in zip(rows[::5], cycle(layout.OPINIONS)):
        opinions[(review.file, review.element)] = (opinion, "依据不足" if opinion != layout.AGREE else "")
    return opinions


def expected_disagreements(workbook, opinions) -> set[tuple[str, str, str, str]]:
    verdicts = {(r.file, r.element): r.verdict for r in read_reviews(workbook).reviews}
    wanted = set()
    for key, (opinion, _) in opinions.items():
        gold = layout.CORRECTIONS.get(opinion)
        if gold is not None and gold != verdicts[key]:
            wanted.add((*key, gold, verdicts[key]))
    return wanted


def evaluate_json(folder, workbook, *extra: str) -> dict:
    result = runner.invoke(app, ["evaluate", str(folder), "--gold", str(workbook), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("reordered", [False, True], ids=["as-written", "sorted-moved-filtered"])
def test_evaluate_reports_exactly_the_reviewers_corrections(audited, tmp_path, reordered):
    _, folder, out = audited
    opinions = choose_opinions(out / "summary.xlsx")
    filled = tmp_path / "复核后.xlsx"
    fill_reviews(out / "summary.xlsx", filled, opinions, shuffle=7 if reordered else None)
    if reordered:
        assert load_workbook(filled, read_only=True).sheetnames[0] == layout.SHEET_REVIEW
    wanted = expected_disagreements(out / "summary.xlsx", opinions)
    assert len(wanted) >= 5 and len(wanted) < len(opinions)  # some corrections, some agreement
    data = evaluate_json(folder, filled)
    got = {(d["file"], d["element"], d["gold"], d["got"]) for d in data["disagreements"]}
    assert got == wanted
    assert data["labels"] == len(opinions)
    assert data["agreement"] == round(1 - len(wanted) / len(opinions), 4)
    assert not data["errors"]
    # Reports of several rubrics (auto chose provinces and departments): each rescored with its own.
    assert "+" in data["rubric"] and "、" in data["rubric"]


def test_unreviewed_rows_are_not_labels(audited, tmp_path):
    _, folder, out = audited
    one = read_reviews(out / "summary.xlsx").reviews[0]
    filled = tmp_path / "one.xlsx"
    fill_reviews(out / "summary.xlsx", filled, {(one.file, one.element): ("改为缺失" if one.verdict != "missing" else "改为已满足", "")})
    data = evaluate_json(folder, filled)
    assert data["labels"] == 1 and data["files"] == [one.file] and len(data["disagreements"]) == 1


def test_labels_export_writes_what_evaluate_reads(audited, tmp_path):
    _, folder, out = audited
    opinions = choose_opinions(out / "summary.xlsx")
    filled = tmp_path / "filled.xlsx"
    fill_reviews(out / "summary.xlsx", filled, opinions, shuffle=3)
    target = tmp_path / "labels.yaml"
    result = runner.invoke(app, ["labels", "export", str(filled), "-o", str(target)])
    assert result.exit_code == 0, result.output
    gold = load_gold(target)
    assert gold == read_reviews(filled).gold()
    assert sum(len(labels) for labels in gold.values()) == len(opinions)
    assert FORMULA_LIKE in gold or not any(f == FORMULA_LIKE for f, _ in opinions)
    assert "# 依据不足" in target.read_text(encoding="utf-8")  # the reviewer's note, kept beside the label
    # The exported file measures the scorer as the workbook does (same rubric for both here).
    from_yaml = runner.invoke(app, ["evaluate", str(folder), "--gold", str(target), "--rubric", "national", "--format", "json"])
    from_xlsx = runner.invoke(app, ["evaluate", str(folder), "--gold", str(filled), "--rubric", "national", "--format", "json"])
    assert json.loads(from_yaml.stdout)["disagreements"] == json.loads(from_xlsx.stdout)["disagreements"]


def test_rerunning_the_audit_keeps_the_reviewers_opinions(tmp_path):
    folder, out = audited_folder(tmp_path)
    reviews = read_reviews(out / "summary.xlsx").reviews
    agreed, corrected = reviews[0], reviews[1]
    fix = "改为缺失" if corrected.verdict != "missing" else "改为已满足"
    fill_reviews(out / "summary.xlsx", out / "summary.xlsx", {(agreed.file, agreed.element): ("认可", "看过"), (corrected.file, corrected.element): (fix, "漏了")})
    # The reviewer agreed with a verdict the scorer no longer gives: pretend it said "partial" then.
    book = load_workbook(out / "summary.xlsx")
    sheet = book[layout.SHEET_REVIEW]
    columns = header_columns(sheet)
    changed = next(r for r in reviews[2:] if r.verdict != "partial")
    for row in range(2, sheet.max_row + 1):
        if (sheet.cell(row, columns[layout.KEY_FILE]).value, sheet.cell(row, columns[layout.KEY_ELEMENT]).value) == (changed.file, changed.element):
            sheet.cell(row, columns[layout.KEY_VERDICT]).value = "partial"
            sheet.cell(row, columns[layout.REVIEW_OPINION]).value = "认可"
    book.save(out / "summary.xlsx")
    before = read_reviews(out / "summary.xlsx").gold()

    result = runner.invoke(app, ["audit", str(folder), "--out", str(out), "--jobs", "1"], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "保留了上次填写的 3 条复核意见" in result.stderr
    assert not (out / "summary.上次.xlsx").exists()  # nothing lost, nothing to keep
    after = read_reviews(out / "summary.xlsx")
    assert zipfile.ZipFile(out / "summary.xlsx").comment == UNTOUCHED_MARK  # so the next rerun need not read it
    assert after.gold() == before  # the same gold labels, though one verdict they rest on changed
    kept = {(r.file, r.element): (r.opinion, r.note) for r in after.reviews if r.opinion}
    assert kept[(agreed.file, agreed.element)] == ("认可", "看过")
    assert kept[(corrected.file, corrected.element)] == (fix, "漏了")
    assert kept[(changed.file, changed.element)] == ("改为部分满足", "")


def test_reviews_of_a_report_gone_from_the_folder_keep_the_old_workbook(tmp_path):
    folder, out = audited_folder(tmp_path)
    reviews = read_reviews(out / "summary.xlsx").reviews
    gone = next(r for r in reviews if r.file == FORMULA_LIKE)
    stays = next(r for r in reviews if r.file != FORMULA_LIKE)
    fill_reviews(out / "summary.xlsx", out / "summary.xlsx", {(gone.file, gone.element): ("认可", ""), (stays.file, stays.element): ("认可", "")})
    (folder / FORMULA_LIKE).unlink()
    result = runner.invoke(app, ["audit", str(folder), "--out", str(out), "--jobs", "1", "--quiet"])
    assert "1 条复核意见对应的报告或要素已不在本次审核中" in result.stderr
    previous = out / "summary.上次.xlsx"
    assert read_reviews(previous).gold() == {gone.file: {gone.element: gone.verdict}, stays.file: {stays.element: stays.verdict}}
    assert read_reviews(out / "summary.xlsx").gold() == {stays.file: {stays.element: stays.verdict}}


def test_a_workbook_nobody_edited_is_not_read_again(audited, monkeypatch):
    _, _, out = audited
    import scorer.workbook.carry as carry

    monkeypatch.setattr(carry, "read_reviews", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read")))
    assert carried_reviews(out / "summary.xlsx") == {}


def run_evaluate(folder, workbook):
    return runner.invoke(app, ["evaluate", str(folder), "--gold", str(workbook)])


def test_an_unknown_opinion_names_its_cell(audited, tmp_path):
    _, folder, out = audited
    book = load_workbook(out / "summary.xlsx")
    sheet = book[layout.SHEET_REVIEW]
    column = header_columns(sheet)[layout.REVIEW_OPINION]
    sheet.cell(5, column).value = "同意"
    target = tmp_path / "bad.xlsx"
    book.save(target)
    result = run_evaluate(folder, target)
    assert result.exit_code == 2
    letter = sheet.cell(5, column).column_letter
    assert f"复核!{letter}5" in result.stderr and "同意" in result.stderr and str(target) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_not_a_workbook_and_no_review_sheet_are_one_line(audited, tmp_path):
    _, folder, _ = audited
    fake = tmp_path / "summary.xlsx"
    fake.write_text("排名,文件\n1,a.txt\n", encoding="utf-8")
    result = run_evaluate(folder, fake)
    assert result.exit_code == 2 and "不是有效的 Excel 工作簿" in result.stderr and str(fake) in result.stderr
    other = tmp_path / "other.xlsx"
    book = Workbook()
    book.active.title = "Sheet1"
    book.save(other)
    result = run_evaluate(folder, other)
    assert result.exit_code == 2 and "没有“复核”工作表" in result.stderr and str(other) in result.stderr
    result = runner.invoke(app, ["labels", "export", str(other)])
    assert result.exit_code == 2 and "没有“复核”工作表" in result.stderr
    old = tmp_path / "summary.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_evaluate(folder, old)
    assert result.exit_code == 2 and "另存为 .xlsx" in result.stderr


def test_an_empty_review_column_is_said_plainly(audited):
    _, folder, out = audited
    result = run_evaluate(folder, out / "summary.xlsx")
    assert result.exit_code == 2 and "复核意见列全部为空" in result.stderr
    result = runner.invoke(app, ["labels", "export", str(out / "summary.xlsx")])
    assert result.exit_code == 2 and "复核意见列全部为空" in result.stderr


def test_conflicting_duplicate_rows_are_refused(audited, tmp_path):
    _, folder, out = audited
    book = load_workbook(out / "summary.xlsx")
    sheet = book[layout.SHEET_REVIEW]
    column = header_columns(sheet)[layout.REVIEW_OPINION]
    copy = [cell.value for cell in sheet[2]]
    sheet.append(copy)
    sheet.cell(2, column).value = "认可"
    sheet.cell(sheet.max_row, column).value = "改为缺失" if sheet.cell(2, header_columns(sheet)[layout.KEY_VERDICT]).value != "missing" else "改为已满足"
    target = tmp_path / "dup.xlsx"
    book.save(target)
    result = run_evaluate(folder, target)
    assert result.exit_code == 2 and "复核!" in result.stderr and "复核意见却不同" in result.stderr


def test_opinions_with_stray_spaces_are_read(audited, tmp_path):
    _, _, out = audited
    first = read_reviews(out / "summary.xlsx").reviews[0]
    filled = tmp_path / "spaces.xlsx"
    fill_reviews(out / "summary.xlsx", filled, {(first.file, first.element): (" 改为\u3000部分满足 ", "")})
    assert read_reviews(filled).gold() == {first.file: {first.element: "partial"}}
    yaml.safe_load(runner.invoke(app, ["labels", "export", str(filled)]).stdout)


def test_a_title_row_above_the_table_and_a_renamed_tab_order_are_fine(audited, tmp_path):
    _, _, out = audited
    opinions = choose_opinions(out / "summary.xlsx")
    filled = tmp_path / "titled.xlsx"
    fill_reviews(out / "summary.xlsx", filled, opinions)
    book = load_workbook(filled)
    sheet = book[layout.SHEET_REVIEW]
    sheet.insert_rows(1, 2)
    sheet.cell(1, 1).value = "2023年度法治政府建设报告复核表（张三）"
    book.move_sheet(layout.SHEET_NOTES, offset=-3)
    book.save(filled)
    reviews = read_reviews(filled)
    verdicts = {(r.file, r.element): r.verdict for r in read_reviews(out / "summary.xlsx").reviews}
    expected: dict[str, dict[str, str]] = {}
    for (file, element), (opinion, _) in opinions.items():
        verdict = verdicts[(file, element)]
        expected.setdefault(file, {})[element] = layout.CORRECTIONS.get(opinion, verdict)
    assert reviews.gold() == expected
    assert all(review.cell.startswith("复核!") and int(review.cell.split("!")[1][1:]) >= 4 for review in reviews.reviews)
