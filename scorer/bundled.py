"""Where the sample reports shipped with rolscore are: in the installed wheel or the source checkout.

They are the background that tells a rubric author's distinctive terms (`rubric suggest`) and a
copied sentence (`compare`) from what every report says."""

from __future__ import annotations

from pathlib import Path

_SEED_DIRS = (
    Path(__file__).resolve().parent / "_bundled_seeds",  # installed wheel
    Path(__file__).resolve().parents[1] / "seeds",  # source checkout
)


def seeds_dir() -> Path | None:
    return next((folder for folder in _SEED_DIRS if folder.is_dir()), None)
