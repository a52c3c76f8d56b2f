"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from scorer.errors import ScorerError


def write_bytes(path: str | Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    The temporary file is in the same folder so that the rename stays on one file
    system, which is what makes `os.replace` atomic: no reader, and no crash of this
    process, ever sees half a file. `durable` also flushes the data to disk before the
    rename, so that it survives a power cut; it costs a disk flush per file, which a
    thousand scorecard pages (remade by any rerun) can do without.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise ScorerError(str(target), f"无法写入：{exc.strerror or exc}", "请检查输出目录是否存在且可写") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_UMASK)
        os.replace(temp, target)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ScorerError(str(target), f"无法写入：{exc.strerror or exc}", "请检查磁盘空间和写入权限") from None
        raise


def write_text(path: str | Path, text: str, encoding: str = "utf-8", durable: bool = True) -> None:
    write_bytes(path, text.encode(encoding), durable)


def write_chunks(path: str | Path, chunks: Iterable[str]) -> None:
    """Like `write_text` for text that comes in pieces (a large page as it is rendered)."""
    with AtomicLines(path) as out:
        out.write_raw(chunks)
        out.commit()


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files readable by the owner only; published pages should get the
# permissions any other new file gets. Read once: changing the umask is not thread-safe.
_UMASK = _read_umask()


class AtomicLines:
    """A text file written line by line, in index order, that appears whole or not at all.

    Lines may be handed over out of order (`put(index, line)`, as worker processes finish
    them); each is written as soon as all lines before it are, so only the few that
    arrive early wait in memory. `commit()` renames the finished file over `path`;
    leaving the `with` block without committing removes the temporary file.
    """

    def __init__(self, path: str | Path, encoding: str = "utf-8") -> None:
        self.target = Path(path)
        self.encoding = encoding
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            handle, self.temp = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".part")
        except OSError as exc:
            raise ScorerError(str(self.target), f"无法写入：{exc.strerror or exc}", "请检查输出目录是否存在且可写") from None
        self.out = os.fdopen(handle, "w", encoding=encoding, newline="\n")
        self.waiting: dict[int, str] = {}
        self.next = 0

    def put(self, index: int, line: str) -> None:
        self.waiting[index] = line
        try:
            while self.next in self.waiting:
                self.out.write(self.waiting.pop(self.next) + "\n")
                self.next += 1
        except OSError as exc:
            raise ScorerError(str(self.target), f"无法写入：{exc.strerror or exc}", "请检查磁盘空间和写入权限") from None

    def write_raw(self, chunks: Iterable[str]) -> None:
        """Text written as it stands, for a file that is not made of numbered lines."""
        try:
            for chunk in chunks:
                self.out.write(chunk)
        except OSError as exc:
            raise ScorerError(str(self.target), f"无法写入：{exc.strerror or exc}", "请检查磁盘空间和写入权限") from None

    def commit(self) -> None:
        if self.waiting:
            raise ValueError(f"lines missing before {min(self.waiting)}")
        try:
            self.out.flush()
            os.fsync(self.out.fileno())
            self.out.close()
            os.chmod(self.temp, 0o666 & ~_UMASK)
            os.replace(self.temp, self.target)
        except OSError as exc:
            self.discard()
            raise ScorerError(str(self.target), f"无法写入：{exc.strerror or exc}", "请检查磁盘空间和写入权限") from None

    def discard(self) -> None:
        self.out.close()
        try:
            os.unlink(self.temp)
        except OSError:
            pass

    def __enter__(self) -> AtomicLines:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if not self.out.closed:
            self.discard()
