"""Read a report file into text. One module per format; each registers its suffixes.

A reader turns bytes into a `RawDocument`: the text every evidence offset points into
(for .txt the decoded file itself, for .docx/.pdf/.html the text extracted from it),
the encoding or format used, and metadata the format itself carries (an HTML page's
title and publish date, for instance).

Whatever a file holds, reading it either gives a document with text or raises a
`ReadError` whose one line names the file and says what to do.
"""

from __future__ import annotations

import errno
import importlib
import os
import pkgutil
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scorer.errors import ReadError, ScorerError, UnsupportedFormat
from scorer.read.sniff import NOT_A_REPORT, sniff

MAX_BYTES_DEFAULT = 20 * 1024 * 1024


@dataclass(frozen=True)
class RawDocument:
    path: str
    text: str
    encoding: str
    hints: dict[str, str] = field(default_factory=dict)


Reader = Callable[[str, bytes], RawDocument]
_READERS: dict[str, Reader] = {}
_REFUSED: set[str] = set()  # suffixes recognised only to explain why they cannot be read
_BY_CONTENT: dict[str, Reader] = {}  # what `sniff` says a file is -> the reader that takes it


def register(*suffixes: str, sniffed: tuple[str, ...] = (), readable: bool = True) -> Callable[[Reader], Reader]:
    """A reader declares the suffixes it reads and the content kinds (`sniff.sniff`) it takes whatever the name."""

    def decorate(reader: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix] = reader
            if not readable:
                _REFUSED.add(suffix)
        for kind in sniffed:
            _BY_CONTENT[kind] = reader
        return reader

    return decorate


def supported_suffixes() -> list[str]:
    return sorted(suffix for suffix in _READERS if suffix not in _REFUSED)


def read_document(path: str | Path, max_bytes: int = MAX_BYTES_DEFAULT) -> RawDocument:
    name = str(path)
    suffix = Path(path).suffix.lower()
    return read_document_bytes(name, read_bytes(name, max_bytes), suffix)


def read_document_bytes(name: str, data: bytes, suffix: str | None = None) -> RawDocument:
    """A report held in memory (a web upload): `name` only labels it and gives the suffix."""
    if suffix is None:
        suffix = Path(name).suffix.lower()
    if not data:
        raise ReadError(name, "文件是空的（0 字节）", "请确认选对了文件，或重新导出报告")
    reader = _reader_for(name, suffix, sniff(data))
    try:
        document = reader(name, data)
    except ScorerError:
        raise
    except Exception as exc:  # a parser's own failure on a damaged file is still the file's fault
        raise ReadError(name, f"文件内容已损坏，无法解析（{type(exc).__name__}）", "请用原来的程序打开它，重新另存后再试") from None
    if not document.text.strip():
        raise ReadError(name, "文件没有可评分的文字（内容为空）", "请确认选对了文件")
    return document


def read_report(path: str | Path, max_bytes: int = MAX_BYTES_DEFAULT) -> RawDocument:
    """A file to be scored: readable, and with enough Chinese to be a report."""
    return require_report_text(read_document(path, max_bytes))


def read_report_bytes(name: str, data: bytes) -> RawDocument:
    return require_report_text(read_document_bytes(name, data))


def require_report_text(document: RawDocument) -> RawDocument:
    """A few bytes of garbage, an English text or a spreadsheet formula is no report:
    scored, it would be listed as a 不合格 report instead of as the wrong file."""
    hanzi = _hanzi_count(document.text, MIN_HANZI)
    if hanzi < MIN_HANZI:
        raise ReadError(document.path, f"内容过少，不像一份报告（只有 {hanzi} 个汉字）", "请确认选对了文件，报告正文应为中文")
    return document


# Even a title and one sentence of a real report have more Chinese than this.
MIN_HANZI = 20
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _hanzi_count(text: str, enough: int) -> int:
    count = 0
    for _ in _HANZI.finditer(text):
        count += 1
        if count >= enough:
            break
    return count


def _reader_for(name: str, suffix: str, kind: str | None) -> Reader:
    """The reader for what the file is; its name decides only when its content does not."""
    if kind in NOT_A_REPORT:
        what, hint = NOT_A_REPORT[kind]
        space = " " if what[:1].isascii() else ""
        raise UnsupportedFormat(name, f"文件内容是{space}{what}，不是报告文字", hint)
    if kind in _BY_CONTENT:
        return _BY_CONTENT[kind]
    reader = _READERS.get(suffix)
    if reader is None:
        shown = suffix or "无扩展名"
        raise UnsupportedFormat(name, f"不支持的文件类型 “{shown}”", f"支持：{' '.join(supported_suffixes())}")
    return reader


def read_bytes(name: str, max_bytes: int) -> bytes:
    """The file's bytes, at most `max_bytes`, with a clear error for whatever stands in the way."""
    try:
        info = os.stat(name)
    except OSError as exc:
        raise _os_error(name, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(name, "这是文件夹，不是文件", "请给出文件夹里的报告文件")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(name, "不是普通文件（设备、管道或套接字）", "请给出报告文件本身")
    if info.st_size > max_bytes:
        raise _too_big(name, info.st_size, max_bytes)
    try:
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _os_error(name, exc) from None
    if len(data) > max_bytes:  # the file grew while we looked
        raise _too_big(name, len(data), max_bytes)
    return data


def _too_big(name: str, size: int, max_bytes: int) -> ReadError:
    return ReadError(
        name,
        f"文件过大（{_size(size, '.1f')}，上限 {_size(max_bytes, '.3g')}）",
        "确需评分时用 --max-size 提高上限",
    )


def _size(count: int, spec: str) -> str:
    """Bytes as a person reads them: 20 MB, 1.02 KB (not 0.000999451 MB)."""
    for unit, scale in (("MB", 1048576), ("KB", 1024)):
        if count >= scale:
            return f"{format(count / scale, spec)} {unit}"
    return f"{count} 字节"


def _os_error(name: str, exc: OSError) -> ReadError:
    code = exc.errno
    if isinstance(exc, PermissionError):
        return ReadError(name, "没有读取权限", "请检查文件权限，或用有权限的账号运行")
    if code == errno.ELOOP:
        return ReadError(name, "符号链接形成了循环，无法打开", "请修复或删除这个链接")
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(name):
            return ReadError(name, "符号链接指向的文件不存在", "请修复或删除这个链接")
        return ReadError(name, "文件不存在", "请检查路径和文件名")
    if isinstance(exc, IsADirectoryError):
        return ReadError(name, "这是文件夹，不是文件", "请给出文件夹里的报告文件")
    if code == errno.ENAMETOOLONG:
        return ReadError(name, "文件路径过长", "请把文件移到路径较短的文件夹")
    if code == errno.EIO:
        return ReadError(name, "磁盘读取出错", "文件可能位于损坏的磁盘或断开的网络盘上，请复制到本地后再试")
    return ReadError(name, f"无法读取文件（{exc.strerror or type(exc).__name__}）", "请检查文件是否被占用或已损坏")


def _discover() -> None:
    """Every module of this package is imported once; the format modules register themselves."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


_discover()
