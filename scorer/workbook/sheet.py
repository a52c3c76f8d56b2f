"""The contract between the workbook `audit` writes and the reader that takes the
reviewer's corrections back: sheet names, column headers and the opinions allowed.

The reader finds sheets by name and columns by header text, so a workbook saved back
by Excel, WPS or LibreOffice with its sheets reordered, columns added or rows sorted
still reads. The key columns are hidden: a reviewer edits what they see, never the key.
"""

from __future__ import annotations

from typing import Literal

Status = Literal["met", "partial", "missing"]

SHEET_RANKING = "排名"
SHEET_ELEMENTS = "要素"
SHEET_REVIEW = "复核"
SHEET_NOTES = "说明"

# The 复核 sheet's columns, as the reviewer sees them.
REVIEW_RANK = "排名"
REVIEW_AGENCY = "报告单位"
REVIEW_FILE = "文件"
REVIEW_ELEMENT = "要素"
REVIEW_REQUIRED = "必备"
REVIEW_VERDICT = "评分结果"
REVIEW_QUOTE = "依据（第一处）"
REVIEW_EXPLANATION = "评分说明"
REVIEW_OPINION = "复核意见"
REVIEW_NOTE = "备注"
# The hidden key columns the read-back relies on.
KEY_FILE = "文件键（勿改）"
KEY_ELEMENT = "要素id（勿改）"
KEY_VERDICT = "评分结果id（勿改）"
KEY_RUBRIC = "评分细则id（勿改）"

VISIBLE_COLUMNS = (
    REVIEW_RANK, REVIEW_AGENCY, REVIEW_FILE, REVIEW_ELEMENT, REVIEW_REQUIRED, REVIEW_VERDICT,
    REVIEW_QUOTE, REVIEW_EXPLANATION, REVIEW_OPINION, REVIEW_NOTE,
)
KEY_COLUMNS = (KEY_FILE, KEY_ELEMENT, KEY_VERDICT, KEY_RUBRIC)

AGREE = "认可"
# An opinion that corrects the verdict, and the gold label it sets.
CORRECTIONS: dict[str, Status] = {"改为已满足": "met", "改为部分满足": "partial", "改为缺失": "missing"}
OPINIONS = (AGREE, *CORRECTIONS)
