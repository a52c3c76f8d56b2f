"""The official heading grammar of a government report, in one place: 一、 （一） 1. （1） and 第一部分/章/节.

Headings are numbered by level (党政机关公文格式): 一、 for parts, （一） for sub-parts, 1. and （1） below.
Readers see the numbers as typed (either width, a space where typists put one); the engine sees them after
normalise has folded widths. Sections, normalise and the pdf/docx readers all build on these patterns.
"""

from __future__ import annotations

import re

NUMERAL = "[一二三四五六七八九十]{1,3}"  # 一 … 九十九
PART = rf"第{NUMERAL}(?:部分|章|节)"

# Where a numbered heading starts, as typed in a source file (full or half width).
SOURCE_START = rf"(?:{NUMERAL}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{{1,3}}\s*[)）]|\d{{1,2}}\s*[、.．](?!\d)|{PART})"
# The same after normalise, which folds full-width forms to half-width ones.
FOLDED_START = rf"(?:{NUMERAL}[、.]|\(\s*[一二三四五六七八九十\d]{{1,3}}\s*\)|\d{{1,2}}\s*[、.](?!\d)|{PART})"

# Each level's number in normalised text; used with .match(line, pos), so not anchored.
LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"(?:{NUMERAL}[、.]|{PART}\s*)")),
    (2, re.compile(rf"\(\s*{NUMERAL}\s*\)[、.]?")),
    (3, re.compile(r"\d{1,2}\s*[、.](?!\d)")),
    (4, re.compile(r"\(\s*\d{1,2}\s*\)[、.]?")),
]
