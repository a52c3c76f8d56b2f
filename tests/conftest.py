"""Shared fixtures: the seed reports, their expected verdicts and the national rubric."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RUBRICS = ROOT / "rubrics"


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def expected_verdicts() -> dict[str, dict[str, str]]:
    return yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def national():
    from scorer.api import Scorer

    return Scorer.open("national")


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return seed_files()


@pytest.fixture(scope="session")
def expected() -> dict[str, dict[str, str]]:
    return expected_verdicts()
