"""Read a report file into text. One module per format; each registers its suffixes.

A reader turns bytes into a `RawDocument`: the text every evidence offset points into
(for .txt the decoded file itself), the encoding or format used, and metadata the
format itself carries (an HTML page's title, for instance).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scorer.errors import ReadError

MAX_BYTES_DEFAULT = 20 * 1024 * 1024


@dataclass(frozen=True)
class RawDocument:
    path: str
    text: str
    encoding: str
    hints: dict[str, str] = field(default_factory=dict)


Reader = Callable[[str, bytes], RawDocument]
_READERS: dict[str, Reader] = {}


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    def decorate(reader: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix] = reader
        return reader

    return decorate


def supported_suffixes() -> list[str]:
    return sorted(_READERS)


def read_document(path: str | Path, max_bytes: int = MAX_BYTES_DEFAULT) -> RawDocument:
    name = str(path)
    file = Path(path)
    suffix = file.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ReadError(name, f"不支持的文件类型 “{suffix or '无扩展名'}”", f"支持：{' '.join(supported_suffixes())}")
    try:
        if not file.is_file():
            raise ReadError(name, "文件不存在或不是普通文件", "请检查路径")
        size = file.stat().st_size
        if size > max_bytes:
            raise ReadError(name, f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）", "确需评分时用 --max-size 提高上限")
        data = file.read_bytes()
    except PermissionError:
        raise ReadError(name, "没有读取权限", "请检查文件权限") from None
    except OSError as exc:
        raise ReadError(name, f"无法读取：{exc.strerror or exc}", "请检查文件是否损坏或被占用") from None
    document = reader(name, data)
    if not document.text.strip():
        raise ReadError(name, "文件没有可评分的文字（内容为空）", "请确认选对了文件")
    return document


# Format modules register themselves on import.
from scorer.read import text as _text  # noqa: E402,F401
