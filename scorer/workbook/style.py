"""What the workbook's sheets share: the formats, the heat map's marks and colours,
column widths that fit Chinese, the header row and the A4 print setup."""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from scorer.render.cjk_width import column_width, display_width, lines_needed
from scorer.render.csv_out import safe_cell

MARK = {"met": "✔", "partial": "◐", "missing": "✘"}
NOT_APPLICABLE = "·"


def shown_status(status: str | None) -> str | None:
    """The status a heat-map cell shows: None (not applicable) for an element the report's rubric
    lacks, and for one that could not be checked on it ("na", such as a publication date nobody gave)."""
    return None if status == "na" else status
# The heat map's colours (base.css): text and background per status.
COLOURS = {
    "met": ("#1A7F37", "#D7F5DD"),
    "partial": ("#8A5A00", "#FFEEB0"),
    "missing": ("#C62828", "#FFE1DF"),
    None: ("#AAB4BE", "#FAFBFC"),
}
HEADER_FILL = "#EEF1F4"
OPINION_FILL = "#FFF7D6"  # the cells the reviewer fills in
LINE_POINTS = 14.0  # a line of 10-point Chinese text
A4_LANDSCAPE_INCHES = 10.9  # printable width with 1 cm margins
A4_PORTRAIT_INCHES = 7.4
MIN_PRINT_SCALE = 70  # below this, 10-point text is too small to read on paper


class Styles:
    """The formats, made once: XlsxWriter keeps every format object for the file's style table."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"valign": "top", "font_size": 10}
        self.text = book.add_format(base)
        self.formula_like = book.add_format({**base, "quote_prefix": True})
        self.wrap = book.add_format({**base, "text_wrap": True})
        self.wrap_formula_like = book.add_format({**base, "text_wrap": True, "quote_prefix": True})
        self.header = book.add_format({**base, "bold": True, "bg_color": HEADER_FILL, "text_wrap": True, "valign": "vcenter", "border": 1, "border_color": "#D0D7DE"})
        self.opinion_header = book.add_format({**base, "bold": True, "bg_color": "#F0B429", "text_wrap": True, "valign": "vcenter", "border": 1, "border_color": "#D0D7DE"})
        self.integer = book.add_format({**base, "num_format": "0"})
        self.score = book.add_format({**base, "num_format": "0.0"})
        self.percent = book.add_format({**base, "num_format": "0%"})
        self.link = book.add_format({**base, "font_color": "#0B57D0", "underline": 1})
        self.failed = book.add_format({**base, "font_color": COLOURS["missing"][0], "text_wrap": True})
        self.bad_grade = book.add_format({**base, "font_color": COLOURS["missing"][0], "bold": True})
        self.opinion = book.add_format({**base, "bg_color": OPINION_FILL, "border": 1, "border_color": "#E3D7A8"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.label = book.add_format({**base, "bold": True})
        self.marks = {status: book.add_format({**base, "align": "center", "font_color": fg, "bg_color": bg, "border": 1, "border_color": "#FFFFFF"}) for status, (fg, bg) in COLOURS.items()}
        self.verdicts = {status: book.add_format({**base, "font_color": fg, "bg_color": bg}) for status, (fg, bg) in COLOURS.items() if status}

    def string(self, sheet: Worksheet, row: int, col: int, value: str, wrap: bool = False, fmt=None) -> None:
        if safe_cell(value) != value:
            fmt = self.wrap_formula_like if wrap else self.formula_like
        elif fmt is None:
            fmt = self.wrap if wrap else self.text
        sheet.write_string(row, col, value, fmt)


class Widths:
    """The widest cell of each column, as the rows are written."""

    def __init__(self, headers: list[str], fixed: dict[int, float]) -> None:
        self.widest = [display_width(h) for h in headers]
        self.fixed = fixed

    def see(self, col: int, text: str) -> None:
        if col in self.fixed:
            return  # a wrapped column of set width: its long texts need no measuring
        width = display_width(text)
        if width > self.widest[col]:
            self.widest[col] = width

    def apply(self, sheet: Worksheet, hidden: set[int] = frozenset()) -> list[float]:
        widths = [self.fixed.get(col, column_width(widest)) for col, widest in enumerate(self.widest)]
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width, None, {"hidden": col in hidden})
        return widths


def header_row(sheet: Worksheet, styles: Styles, headers: list[str], widths: dict[int, float], highlight: set[int] = frozenset()) -> None:
    tallest = max(lines_needed(h, widths.get(col, column_width(display_width(h)))) for col, h in enumerate(headers))
    sheet.set_row(0, tallest * LINE_POINTS + 6)
    for col, text in enumerate(headers):
        sheet.write_string(0, col, text, styles.opinion_header if col in highlight else styles.header)


def print_setup(sheet: Worksheet, widths: list[float], landscape: bool, repeat_columns: int = 0) -> None:
    sheet.set_paper(9)  # A4
    if landscape:
        sheet.set_landscape()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(0)
    if repeat_columns:
        sheet.repeat_columns(0, repeat_columns - 1)
    sheet.set_footer("&C第 &P 页，共 &N 页")
    sheet.hide_gridlines(0)  # print the cell borders: a table on paper needs them
    # Excel draws a column of width w as 7w + 5 pixels at 96 per inch.
    inches = sum(w * 7 + 5 for w in widths) / 96
    printable = A4_LANDSCAPE_INCHES if landscape else A4_PORTRAIT_INCHES
    if inches * MIN_PRINT_SCALE / 100 <= printable:
        sheet.fit_to_pages(1, 0)
    else:
        # Too wide to read on one page: legible print, continued across pages with the
        # report's rank, agency and file repeated on each.
        sheet.set_print_scale(MIN_PRINT_SCALE)
        sheet.print_across()
