"""Sentences as two reports are compared on: years, numbers and agency names masked.

"2022年我局办理复议案件12件" and "2023年市司法局办理复议案件15件" have the same key. The
batch check (reports that share most of their sentences) and `rolscore compare` both
read reports through these keys.
"""

from __future__ import annotations

import hashlib
from array import array

import regex

_YEAR = regex.compile(r"(?:19|20)\d{2}(?:\s*年)?|[〇零一二三四五六七八九]{4}年")
# Any other number, Arabic or Chinese, with its unit kept.
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*|[零一二两三四五六七八九十百千万亿]+(?=[件次个项名人家期场篇元份条批起户余多])")
_NOT_WORD = regex.compile(r"[^\p{Han}\p{L}\p{N}#]+")
_SENTENCE = regex.compile(r"[^。！？!?;；\n]+")
MIN_KEY = 8  # shorter sentences (a heading, 一是……) say too little to call copied


def mask(text: str, names: tuple[str, ...] = ()) -> str:
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, "〇")
    text = _YEAR.sub("#", text)
    text = _NUMBER.sub("#", text)
    return _NOT_WORD.sub("", text)


def fingerprints(text: str, agency: str | None) -> bytes:
    """The masked keys of a report's sentences as sorted 64-bit hashes, packed: small enough
    for a worker process to send back with every report of a large batch."""
    names = (agency,) if agency else ()
    keys = set()
    for match in _SENTENCE.finditer(text):
        key = mask(match.group(), names)
        if len(key) >= MIN_KEY:
            keys.add(int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big"))
    return array("Q", sorted(keys)).tobytes()


def unpack(packed: bytes) -> array:
    keys = array("Q")
    keys.frombytes(packed)
    return keys
