"""Character folding shared by the engine and rubric checks: traditional to simplified (opencc) and
full-width forms to ASCII, one character for one character so offsets stay one-to-one."""

from __future__ import annotations

import re
from functools import lru_cache


def fold_characters(text: str) -> str:
    """Simplified characters and half-width forms, one character for one character."""
    text = _fold_widths(text)
    converted = _t2s(text)
    if len(converted) == len(text):
        return converted
    # opencc may rewrite a phrase to a different length; fall back line by line, then
    # character by character, so the offset map stays one-to-one.
    parts = []
    for line in text.splitlines(keepends=True):
        done = _t2s(line)
        if len(done) != len(line):
            done = "".join(c if len(c := _t2s(ch)) == 1 else ch for ch in line)
        parts.append(done)
    return "".join(parts)


_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _fold_widths(text: str) -> str:
    """Full-width forms to ASCII. A report holds a dozen distinct ones used hundreds of
    times: replacing each distinct one is far faster than translating every character."""
    for ch in set(_FULL_WIDTH.findall(text)):
        text = text.replace(ch, " " if ch == "\u3000" else chr(ord(ch) - 0xFEE0))
    return text


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    return _converter().convert(text)
