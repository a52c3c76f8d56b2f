"""The five seed reports must be read as an experienced reviewer reads them."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS, expected_verdicts
from tests.helpers import assert_verbatim

CASES = [(name, element, status) for name, items in expected_verdicts().items() for element, status in items.items()]


@pytest.fixture(scope="module")
def seed_results(national):
    return {name: national.score_path(SEEDS / name).result for name in expected_verdicts()}


def test_there_are_eighty_reviewer_verdicts():
    assert len(CASES) == 80


@pytest.mark.parametrize(("name", "element", "status"), CASES, ids=[f"{n[:3]}-{e}" for n, e, _ in CASES])
def test_seed_verdict_matches_reviewer(seed_results, name, element, status):
    got = {item.id: item for item in seed_results[name].elements}[element]
    assert got.status == status, got.explanation


def test_every_seed_evidence_is_verbatim(seed_results):
    for name, result in seed_results.items():
        original = (SEEDS / name).read_text(encoding="utf-8")
        assert_verbatim(result, original)
