"""Run the real command as a user the file system can refuse.

Tests run as root in containers, and root reads every file: a file made unreadable
with chmod is still read. There the command runs as the unprivileged user `nobody`
(setpriv), in a folder under /tmp that user may enter.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534


def _prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no user the file system refuses")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@contextmanager
def open_folder() -> Iterator[Path]:
    """A fresh folder the unprivileged user can read and write."""
    folder = Path(tempfile.mkdtemp(prefix="rolscore-perm-"))
    try:
        folder.chmod(0o777)
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def run_rolscore(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "HOME": str(cwd), "COLUMNS": "200"}
    return subprocess.run([*_prefix(), sys.executable, "-m", "scorer", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environment)


def lock_out(path: Path) -> None:
    """No permission for anyone but root (and tests do not run the command as root)."""
    path.chmod(0)
