"""Any text a report or a file name brings comes out of the workbook as the same text:
never a formula, a number or a link, and formula-like text carries Excel's quote prefix."""

from __future__ import annotations

import tempfile
from pathlib import Path

import xlsxwriter
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

from scorer.render.cjk_width import column_width, display_width, lines_needed
from scorer.workbook.style import Styles

# Text as it comes out of a report: any character XML can carry, formula starters and
# Excel's own escape syntax (_x0041_) included.
texts = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFFF),
        st.sampled_from("=+-@\t_x0041_中文，。“”1.5e3%"),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, min_size=1, max_size=8))
def test_text_round_trips_verbatim(values):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        styles = Styles(book)
        sheet = book.add_worksheet()
        for row, value in enumerate(values):
            styles.string(sheet, row, 0, value, wrap=row % 2 == 0)
        book.close()
        read = load_workbook(path)
        cells = [read.active.cell(row + 1, 1) for row in range(len(values))]
    for value, cell in zip(values, cells, strict=True):
        if value == "":
            continue
        assert cell.data_type == "s" and cell.value == value
        assert bool(cell.quotePrefix) == value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_chinese_counts_double_for_width():
    assert display_width("abc") == 3
    assert display_width("司法局") == 6
    assert display_width("“两平台”") == 10  # the Chinese quotation marks are full width in a Chinese font
    assert column_width(display_width("杭州市人民防空办公室")) > column_width(len("杭州市人民防空办公室")) + 8
    assert lines_needed("行政执法与刑事司法衔接", 9.0) > lines_needed("政务公开", 9.0)
