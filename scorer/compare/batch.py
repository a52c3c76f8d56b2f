"""Across a batch: reports of different agencies that share most of their rare sentences
(只是换了个单位名), and pairing each report with last year's report of the same agency.

Sentences are compared here by the hash of their masked key (years, numbers and the
agency's name masked), not by fuzzy similarity: a batch has thousands of reports, and a
copy with the agency's name swapped has exactly the same keys. A key that many reports
of the batch share is boilerplate and is left out.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scorer.compare.sentences import MIN_KEY, mask

_SENTENCE = re.compile(r"[^。！？!?;；\n]+")
BOILERPLATE_SHARE = 0.2  # a key in this share of the batch's reports (at least 3) is boilerplate
SHARED_MIN = 0.5  # share of the smaller report's rare sentences found in the other
SHARED_COUNT_MIN = 5  # and at least this many sentences


def fingerprints(text: str, agency: str | None) -> frozenset[int]:
    """The masked keys of a report's sentences, as 64-bit hashes (small enough to send between processes)."""
    names = (agency,) if agency else ()
    keys = set()
    for match in _SENTENCE.finditer(text):
        key = mask(match.group(), names)
        if len(key) >= MIN_KEY:
            keys.add(int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big"))
    return frozenset(keys)


@dataclass(frozen=True)
class SharedPair:
    a: int  # indexes into the batch
    b: int
    shared: int  # rare sentences both have
    share: float  # of the smaller report's rare sentences


def shared_pairs(reports: Sequence[frozenset[int]], agencies: Sequence[str | None]) -> list[SharedPair]:
    """Pairs of reports by different agencies sharing most of their rare sentences, most shared first."""
    holders: dict[int, list[int]] = defaultdict(list)
    for index, keys in enumerate(reports):
        for key in keys:
            holders[key].append(index)
    limit = max(3, math.ceil(BOILERPLATE_SHARE * len(reports)))
    rare = {key for key, who in holders.items() if len(who) < limit}
    sizes = [len(keys & rare) for keys in reports]
    together: dict[tuple[int, int], int] = defaultdict(int)
    for key in rare:
        who = holders[key]
        for i, a in enumerate(who):
            for b in who[i + 1 :]:
                together[(a, b)] += 1
    pairs = []
    for (a, b), shared in together.items():
        if agencies[a] and agencies[a] == agencies[b]:
            continue  # one agency's two reports (two years, two drafts): not a borrowed report
        smaller = min(sizes[a], sizes[b])
        share = shared / smaller if smaller else 0.0
        if shared >= SHARED_COUNT_MIN and share >= SHARED_MIN:
            pairs.append(SharedPair(a, b, shared, round(share, 3)))
    return sorted(pairs, key=lambda p: (-p.share, -p.shared, p.a, p.b))


@dataclass(frozen=True)
class Report:
    """What pairing needs of one report."""

    key: str  # the file, as the audit names it
    agency: str | None
    year: int | None


def agency_key(agency: str | None) -> str | None:
    """Agencies compare without spaces and the 中共/人民政府 variations a title may carry."""
    if not agency:
        return None
    return re.sub(r"\s+|^中共", "", agency)


def pair_with_previous(current: Iterable[Report], previous: Sequence[Report]) -> tuple[list[tuple[Report, Report]], list[Report], list[Report]]:
    """Each current report with the same agency's latest earlier report.

    Returns the pairs, the current reports with no earlier report, and the earlier reports
    no current one took.
    """
    by_agency: dict[str, list[Report]] = defaultdict(list)
    for report in previous:
        key = agency_key(report.agency)
        if key:
            by_agency[key].append(report)
    pairs, unpaired, taken = [], [], set()
    for report in current:
        key = agency_key(report.agency)
        earlier = [
            old for old in by_agency.get(key or "", [])
            if report.year is None or old.year is None or old.year < report.year
        ]
        if not earlier:
            unpaired.append(report)
            continue
        chosen = max(earlier, key=lambda old: (old.year or 0, old.key))
        pairs.append((report, chosen))
        taken.add(chosen.key)
    return pairs, unpaired, [report for report in previous if report.key not in taken]
