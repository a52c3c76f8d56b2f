"""Plain-text reports: UTF-8 (with or without BOM), UTF-16/32, GB18030/GBK.

A file that cannot be decoded is an error, never mojibake scored as zero: GB18030
accepts almost any byte string, so its result must still read like Chinese, and UTF-8
with a damaged byte or two is told apart from GBK by how much of it is valid UTF-8.
"""

from __future__ import annotations

import codecs
import re

from scorer.errors import ReadError
from scorer.read import RawDocument, register

# A damaged UTF-8 file (a bad copy, a cut-off download) keeps being UTF-8 if at most
# this share of its non-ASCII characters are broken; beyond it, it is refused.
_DAMAGE_TOLERATED = 0.001
_DAMAGE_MAX = 20
# Of the non-ASCII characters a GBK file decodes to as UTF-8, about a third are valid;
# a UTF-8 file is valid throughout. Above this share a file is UTF-8, damaged or not.
_UTF8_SHARE = 0.9
_CONTROL_MAX = 0.05
# At most this share of zero bytes in otherwise valid UTF-8 is damage, not binary.
_STRAY_NUL_SHARE = 0.01
_LATIN_MAX = 0.5
# Real reports measure 0.98-1.0 here, mis-decoded bytes 0.4-0.7.
_COMMON_SHARE = 0.85


@register(".txt", ".md", ".text")
def read_text(path: str, data: bytes) -> RawDocument:
    text, encoding = decode(path, data)
    return RawDocument(path=path, text=text, encoding=encoding)


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Decode bytes, trying the encodings Chinese government files actually use."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(path, _strict(path, data[len(bom) :], encoding)), _LABELS.get(encoding, encoding)
    if b"\x00" in data:
        return _wide(path, data)
    try:
        return _checked(path, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # A download cut off inside the last character: keep everything before it.
            return _checked(path, data[: exc.start].decode("utf-8")), "utf-8"
    return _not_utf8(path, data)


# UTF-32 first: its little-endian BOM begins with UTF-16's.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_LABELS = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32", "utf-32-be": "utf-32"}


def _wide(path: str, data: bytes) -> tuple[str, str]:
    """NUL bytes: UTF-16 without a BOM, or a binary file."""
    if len(data) % 2 == 0:
        # ASCII in UTF-16-LE puts its zero bytes at odd positions; guess the likelier first.
        order = ("utf-16-le", "utf-16-be") if data[1::2].count(0) >= data[0::2].count(0) else ("utf-16-be", "utf-16-le")
        for encoding in order:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if looks_like_text(text) and reads_as_chinese(text):
                return text, encoding
    stripped = data.rstrip(b"\x00")
    if stripped and b"\x00" not in stripped:
        # Some editors leave the end of a file padded with zero bytes.
        return decode(path, stripped)
    stray = data.count(0)
    if stray <= _STRAY_NUL_SHARE * len(data):
        # A few zero bytes inside good UTF-8 (a bad copy, a sync tool) are dropped; the
        # text without them is what every evidence offset then points into.
        try:
            text = data.replace(b"\x00", b"").decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return _checked(path, text), f"utf-8（已删除 {stray} 个空字节）"
    raise ReadError(path, "这是二进制文件，不是文本", "请提供报告的 .txt、.docx、.pdf 或 .html 文件")


def _not_utf8(path: str, data: bytes) -> tuple[str, str]:
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    wide = _non_ascii(lenient) - broken
    if wide and wide / (wide + broken) >= _UTF8_SHARE:
        if broken <= _DAMAGE_MAX and broken <= _DAMAGE_TOLERATED * wide:
            label = f"utf-8（{broken} 处损坏的字节已替换为 �）"
            return _checked(path, lenient), label
        line = lenient[: lenient.index("\ufffd")].count("\n") + 1
        raise ReadError(path, f"UTF-8 文件有 {broken} 处损坏的字节（第一处在第 {line} 行）", "文件可能已损坏或混用了编码，请打开原文件重新另存为 UTF-8")
    # UTF-16 without a BOM has no zero byte when it is all Chinese: tried last, it only
    # passes when nearly every character is a common one.
    wide = ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ()
    for encoding in ("gb18030", "big5", *wide):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text) and reads_as_chinese(text):
            return _checked(path, text), encoding
    raise ReadError(path, "无法识别文件编码（不是 UTF-8、UTF-16 或 GBK），或不是文本文件", "请用记事本或 WPS 打开后另存为 UTF-8 编码的文本")


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ReadError(path, f"文件声明为 {encoding} 编码，但内容已损坏", "请重新导出为 UTF-8 文本") from None
    return text.lstrip("\ufeff")


def _checked(path: str, text: str) -> str:
    """Valid UTF-8 can still be no report: binary (control characters), or Chinese that
    was once decoded as Latin-1 and saved again (法治 → æ³•æ²»)."""
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    wide = _non_ascii(sample)
    latin = len(_LATIN1.findall(sample))
    if wide and latin / wide > _LATIN_MAX and not _HANZI.search(sample, 0, 2000):
        raise ReadError(path, "文件内容是乱码（中文的编码被错误转换过）", "请找到原始文件，或在原来的程序中另存为 UTF-8")
    if sample and controls / len(sample) > _CONTROL_MAX:
        raise ReadError(path, "这是二进制文件，不是文本", "请提供报告的 .txt、.docx、.pdf 或 .html 文件")
    return text


# Character classes counted with regexes: a per-character Python loop costs more than
# reading and scoring a report.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # not \t \n \v \f \r
_LATIN1 = re.compile(r"[\x80-\xff]")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
_NOT_HANZI = re.compile(r"[^\u4e00-\u9fff]+")
_UNUSUAL = re.compile(
    r"[^\s\x20-\x7e\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\u00b7\u2460-\u24ff]"
)


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def looks_like_text(text: str) -> bool:
    """Most characters of a real report are CJK, ASCII text or common punctuation."""
    if not text:
        return True
    sample = text[:20000]
    return 1 - len(_UNUSUAL.findall(sample)) / len(sample) > 0.9


def reads_as_chinese(text: str) -> bool:
    """Real Chinese, simplified or traditional, is almost all common characters;
    bytes decoded with the wrong one of GBK, Big5 and UTF-8 are not (about 40-70%)."""
    hanzi = _NOT_HANZI.sub("", text[:20000])
    if len(hanzi) < 20:
        return True
    # Every GB2312 hanzi encodes to two bytes: count them at C speed, then look at the
    # rest one by one only when that alone falls short (traditional text).
    common = len(hanzi.encode("gb2312", errors="ignore")) // 2
    if common / len(hanzi) < _COMMON_SHARE:
        common = sum(1 for ch in hanzi if _common(ch))
    return common / len(hanzi) >= _COMMON_SHARE


def _common(ch: str) -> bool:
    """In GB2312 (the 6,763 common simplified) or Big5 level 1 (5,401 common traditional)."""
    try:
        return len(ch.encode("gb2312")) == 2
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False
