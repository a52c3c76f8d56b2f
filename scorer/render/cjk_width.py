"""How wide text shows in a spreadsheet column, for column widths that fit Chinese.

Excel's column width counts the digit '0' of the default font; a Chinese character is
about two of them, and Excel's own autofit (which counts characters) undersizes it.
Ambiguous-width marks (“ ” · ×) are full width in the Chinese fonts a reviewer uses.
"""

from __future__ import annotations

import unicodedata

WIDE = frozenset("WFA")


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in WIDE else 1 for ch in text)


def longest_line(text: str) -> int:
    return max((display_width(line) for line in text.splitlines()), default=0)


def column_width(widest: int, least: float = 4, most: float = 60) -> float:
    """The Excel width for a column whose widest cell is `widest` half-width cells wide,
    with room for the filter button and padding."""
    return float(min(most, max(least, widest * 1.05 + 2.5)))


# Excel draws a column of width w as 7w + 5 pixels; a 10-point character is about 6.7
# pixels per half-width cell, and the cell keeps a few pixels of padding.
HALF_WIDTH_PIXELS = 6.7
PADDING_PIXELS = 6


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped cell of this Excel width takes, for a row's height."""
    per_line = max(2, int((width * 7 + 5 - PADDING_PIXELS) / HALF_WIDTH_PIXELS))
    return sum(max(1, -(-display_width(line) // per_line)) for line in text.splitlines() or [""])
