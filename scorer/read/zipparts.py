"""The parts of a zip package (.docx), read with hard byte caps.

A zip's directory states each part's size, and a forged one lies: a part declared at
1 KB may inflate to gigabytes, and `ZipFile.read` inflates all of its compressed data
in one call before cutting it to the declared size. So every part is read as a stream,
in small chunks, counting the bytes that really come out and stopping at the cap; the
declared sizes are only used to refuse early. What a later parser sees is a package
rebuilt from those bytes (stored, not compressed), whose sizes are true.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from scorer.errors import ReadError

_CHUNK = 64 * 1024
_MAX_PARTS = 10_000
# Deflate cannot expand more than about 1032:1; a directory claiming more is damaged.
_MAX_RATIO = 1100
# How a damaged zip fails: a bad CRC, a broken stream, an unknown method, a password.
_DAMAGE = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error, UnicodeDecodeError)


class PackageTooLarge(Exception):
    def __init__(self, unpacked: int) -> None:
        super().__init__(unpacked)
        self.unpacked = unpacked


def read_parts(path: str, data: bytes, max_total: int, max_markup: int) -> dict[str, bytes]:
    """Every part of the package by name. Raises `PackageTooLarge` past a cap (on the
    declared sizes or on the bytes that really come out), `ReadError` on a damaged zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _DAMAGE:
        raise _damaged(path) from None
    if any(not _plausible(info) for info in infos):
        raise _damaged(path)
    if len(infos) > _MAX_PARTS:
        raise PackageTooLarge(sum(info.file_size for info in infos))
    declared = sum(info.file_size for info in infos)
    if declared > max_total or sum(info.file_size for info in infos if _is_markup(info.filename)) > max_markup:
        raise PackageTooLarge(declared)
    parts: dict[str, bytes] = {}
    total = markup = 0
    try:
        for info in infos:
            if info.is_dir():
                continue
            chunks: list[bytes] = []
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    if _is_markup(info.filename):
                        markup += len(chunk)
                    if total > max_total or markup > max_markup:
                        raise PackageTooLarge(total)
                    chunks.append(chunk)
            parts[info.filename] = b"".join(chunks)
    except _DAMAGE:
        raise _damaged(path) from None
    return parts


def repack(parts: dict[str, bytes]) -> bytes:
    """A stored zip of `parts`: reading it back inflates nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, blob in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), blob)
    return buffer.getvalue()


def _plausible(info: zipfile.ZipInfo) -> bool:
    if info.compress_type == zipfile.ZIP_STORED:
        return info.file_size == info.compress_size
    return info.file_size <= info.compress_size * _MAX_RATIO + 1024


def _is_markup(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _damaged(path: str) -> ReadError:
    return ReadError(path, "Word 文件不完整或已损坏（可能下载或复制时中断）", "请重新下载，或用 Word、WPS 打开后另存为 .docx")
