"""Plain-text reports: UTF-8 (with or without BOM), UTF-16, GB18030/GBK."""

from __future__ import annotations

import codecs

from scorer.errors import ReadError
from scorer.read import RawDocument, register


@register(".txt", ".md", ".text")
def read_text(path: str, data: bytes) -> RawDocument:
    text, encoding = decode(path, data)
    return RawDocument(path=path, text=text, encoding=encoding)


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Decode bytes, trying the encodings Chinese government files actually use.

    GB18030 accepts almost any byte string, so its result must still look like text;
    otherwise a binary file would be scored as mojibake instead of being refused.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), "utf-16"
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return _strict(path, data, encoding), encoding
    if b"\x00" in data:
        raise ReadError(path, "这是二进制文件，不是文本", "请提供报告的 .txt/.docx/.pdf/.html 文件")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(path, "无法识别文件编码（不是 UTF-8、UTF-16 或 GBK）", "请另存为 UTF-8 编码的文本") from None
    if not looks_like_text(text):
        raise ReadError(path, "文件内容无法解码为正常文字", "请确认这是文本报告，或另存为 UTF-8")
    return text, "gb18030"


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ReadError(path, f"文件声明为 {encoding} 但内容损坏", "请重新导出为 UTF-8 文本") from None
    return text.lstrip("\ufeff")


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    zeros = sample.count(0)
    return zeros > len(sample) // 8 and (sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4)


def looks_like_text(text: str) -> bool:
    """Most characters of a real report are CJK, ASCII text or common punctuation."""
    if not text:
        return True
    sample = text[:20000]
    good = sum(1 for ch in sample if _ordinary(ch))
    return good / len(sample) > 0.9


def _ordinary(ch: str) -> bool:
    code = ord(ch)
    return (
        ch.isspace()
        or 0x20 <= code < 0x7F
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2010 <= code <= 0x206F  # general punctuation: quotes, dashes
        or 0x00B7 == code
        or 0x2460 <= code <= 0x24FF  # circled numbers
    )
