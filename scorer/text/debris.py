"""Debris inside a line that breaks the words a reviewer reads through.

Scraped and mirrored pages damage words, not only lines:
- pinyin residue left by a conversion tool after characters: 應(yīng)急, 責(zé)任;
- GBK text decoded one byte out of step, so a run of characters turns into others
  until an ASCII byte brings the decoder back in step: `?。ㄒ唬┥钊雽W` for
  `　（一）深入學`, `?,F` for `。現`;
- gambling spam pasted over a word (betway必威体育法治思想).

Each finding is an `Edit` of a span of the line: dropped (replacement "") or replaced by
a shorter text, so the normalised text can still map every character back to one of
the original's (see normalize.py).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str = ""


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A syllable in brackets carrying a tone mark: never report prose, always converter residue.
# Brackets may be full- or half-width: this runs before widths are folded.
_PINYIN = re.compile(rf"[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")


def pinyin_residue(line: str) -> list[Edit]:
    return [Edit(m.start(), m.end()) for m in _PINYIN.finditer(line)]


# Out-of-step GBK. The decoder's replacement mark stands for the byte it lost, the first
# byte of a full-width punctuation mark (GBK rows A1 and A3: 　、。（）， ...).
_LOST_MARK = re.compile("[?\ufffd]")
_LOST_LEADS = (b"\xa1", b"\xa3")
_MAX_RUN = 24
_OPENS_WITH = set("　。，、；：！？（）“”《》")
# Characters an out-of-step decoder produces and prose does not: Latin letters among
# Chinese, Greek, Cyrillic, box drawing, kana, bopomofo, private use.
_GARBLE = re.compile(r"[A-Za-z\u0370-\u04ff\u2460-\u24ff\u2500-\u257f\u3040-\u30ff\u3100-\u312f\ue000-\uf8ff]")
# The corpus or a converter may already have folded the full-width marks of a garbled
# run to ASCII: read them back as the two GBK bytes they were.
_FULL_WIDTH_OF = {ch: chr(ord(ch) + 0xFEE0) for ch in ",;:()!?"}


def gbk_out_of_step(line: str) -> list[Edit]:
    edits: list[Edit] = []
    for mark in _LOST_MARK.finditer(line):
        if edits and mark.start() < edits[-1].end:
            continue
        repaired = _realign(line, mark.end())
        if repaired is not None:
            end, text = repaired
            edits.append(Edit(mark.start(), end, text))
    return edits


def _realign(line: str, start: int) -> tuple[int, str] | None:
    """(end of the garbled run, what it said) when the run after a lost byte re-decodes."""
    for lead in _LOST_LEADS:
        decoder = codecs.getincrementaldecoder("gbk")()
        decoded = decoder.decode(lead)
        for end in range(start, min(len(line), start + _MAX_RUN)):
            ch = line[end]
            try:
                piece = _FULL_WIDTH_OF.get(ch, ch).encode("gbk")
                decoded += decoder.decode(piece)
            except (UnicodeEncodeError, UnicodeDecodeError):
                break
            in_step = decoder.getstate()[0] == b""
            if not in_step:
                continue
            run = line[start : end + 1]
            if decoded and decoded[0] in _OPENS_WITH and _GARBLE.search(run) and len(decoded) <= len(run) + 1:
                return end + 1, decoded
            break
    return None


# Gambling brands pasted into mirrored pages: a Latin name holding a betting word, or a
# Latin name with a domain ending, with an optional Chinese brand and betting word after.
_BETTING = "体育|體育|娱乐|娛樂|棋牌|彩票|电竞|電競|真人|博彩"
_SPAM = re.compile(
    r"[A-Za-z]*(?:bet|casino|poker|slot|lottery)[A-Za-z0-9]*(?:\s?(?:com|net|vip|cc))?"
    rf"(?:[\u4e00-\u9fff]{{0,4}}?(?:{_BETTING}|官网|官網|平台|app|APP))?"
    # A brand without a betting word in its Latin part: kaiyun开云体育, leyu乐鱼体育.
    rf"|[A-Za-z]{{2,}}[\u4e00-\u9fff]{{0,4}}?(?:{_BETTING})(?:官网|官網|平台|app|APP)?",
    re.IGNORECASE,
)
# What spam most often replaces on these pages is the leader's name, and before these
# words no other name can stand: read it back so the phrase is whole again.
_AFTER_THE_NAME = re.compile(r"\s*(?:新时代中国特色社会主义思想|新時代中國特色社會主義思想|法治思想|总书记|總書記|同志为核心|同志為核心|生态文明思想|生態文明思想)")
_THE_NAME = "习近平"


def spam(line: str) -> list[Edit]:
    edits = []
    for match in _SPAM.finditer(line):
        if len(match.group()) < 6:
            continue
        after = _AFTER_THE_NAME.match(line, match.end())
        edits.append(Edit(match.start(), match.end(), _THE_NAME if after else ""))
    return edits


def word_debris(line: str) -> list[Edit]:
    """Every edit for one line of the original text, sorted and not overlapping."""
    found = sorted(gbk_out_of_step(line) + spam(line) + pinyin_residue(line), key=lambda e: (e.start, -e.end))
    edits: list[Edit] = []
    for edit in found:
        if not edits or edit.start >= edits[-1].end:
            edits.append(edit)
    return edits
