"""The audit's output folder: one run at a time, and always one whole run.

A run takes a lock on the folder (an flock on a hidden file beside it, which the system
releases however the run ends), so a second audit into the same folder is refused
instead of mixing its scorecards with the first one's. The run writes everything into a
staging folder beside the output and swaps it in at the end: until then the folder
holds the whole previous run, afterwards the whole new one, and scorecards of reports
no longer in the input go with the old run. Staging folders and temporary files a
killed run left behind are removed by the next run.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

from scorer.errors import ScorerError

LOCK = ".rolscore-lock"
STAGING = ".rolscore-staging-"
PREVIOUS = ".rolscore-previous-"
PART = ".part"


class OutputInUse(ScorerError):
    pass


class OutputFolder:
    """`with OutputFolder(out, ours) as output:` write into `output.staging`, then `output.commit()`.

    `ours` names the entries a run writes; any other visible entry in an existing output
    folder is the user's, and a swap would take it away, so the run is refused.
    """

    def __init__(self, target: Path, ours: set[str]) -> None:
        self.shown = str(target)
        self.target = target.resolve()  # a link to the folder: the folder it points to is swapped
        self.ours = ours
        self.staging = self.target.parent / f".{self.target.name}{STAGING}{os.getpid()}"
        self._lock: int | None = None
        self._committed = False

    def __enter__(self) -> OutputFolder:
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self._lock = os.open(parent / f".{self.target.name}{LOCK}", os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise _cannot_prepare(self.shown, exc) from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._release()
            raise OutputInUse(self.shown, "输出目录正被另一个 rolscore audit 使用", "请等它结束后再运行，或用 --out 指定其他目录") from None
        try:
            self._recover()
            self._refuse_foreign()
            self.staging.mkdir()
        except OSError as exc:
            self._release()
            raise _cannot_prepare(self.shown, exc) from None
        except BaseException:
            self._release()
            raise
        return self

    def commit(self) -> None:
        """Swap the finished run in place of the previous one."""
        for temporary in self.staging.rglob(f".*{PART}"):  # left by a worker that was killed
            temporary.unlink(missing_ok=True)
        previous = self.target.parent / f".{self.target.name}{PREVIOUS}{os.getpid()}"
        try:
            if self.target.exists():
                self._keep_hidden_entries()
                shutil.copymode(self.target, self.staging)  # a folder shared on purpose stays shared
                os.rename(self.target, previous)
            os.rename(self.staging, self.target)
        except OSError as exc:
            raise ScorerError(self.shown, f"无法替换输出目录：{exc.strerror or exc}", "请检查输出目录的写入权限") from None
        self._committed = True
        shutil.rmtree(previous, ignore_errors=True)

    def __exit__(self, kind, value, traceback) -> None:
        if not self._committed:
            shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the file releases the lock
            self._lock = None

    def _leftovers(self, kind: str) -> list[Path]:
        return sorted(self.target.parent.glob(f".{_glob_escape(self.target.name)}{kind}*"), key=lambda path: path.stat().st_mtime)

    def _recover(self) -> None:
        """Undo what a killed run left: a previous run moved aside but not yet replaced is
        put back; staging folders and moved-aside runs are removed."""
        previous = self._leftovers(PREVIOUS)
        if previous and not self.target.exists():
            os.rename(previous.pop(), self.target)
        for leftover in previous + self._leftovers(STAGING):
            shutil.rmtree(leftover, ignore_errors=True)
        if self.target.is_dir():
            for temporary in self.target.rglob(f".*{PART}"):
                temporary.unlink(missing_ok=True)

    def _refuse_foreign(self) -> None:
        if not self.target.is_dir():
            return
        foreign = sorted(entry.name for entry in self.target.iterdir() if entry.name not in self.ours and not entry.name.startswith("."))
        if foreign:
            raise ScorerError(
                self.shown,
                f"输出目录中有不是审核写出的文件（{'、'.join(foreign[:3])}{'等' if len(foreign) > 3 else ''}），每次审核会整体替换这个目录",
                "请用 --out 指定一个新目录或空目录",
            )

    def _keep_hidden_entries(self) -> None:
        """A user's hidden entries (.git, .DS_Store) go on into the new run's folder."""
        for entry in self.target.iterdir():
            if entry.name.startswith(".") and not entry.name.endswith(PART) and not (self.staging / entry.name).exists():
                os.rename(entry, self.staging / entry.name)


def _cannot_prepare(shown: str, exc: OSError) -> ScorerError:
    # The lock and the staging folder live beside the output folder, in its parent.
    return ScorerError(shown, f"无法准备输出目录：{exc.strerror or exc}", "审核需要对输出目录及其上一级目录有写入权限；请检查权限，或用 --out 指定其他位置")


def _glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)
