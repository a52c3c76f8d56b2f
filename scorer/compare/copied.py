"""Which of NEW's sentences repeat OLD's, and how much that weighs.

Two sentences are the same when their masked keys are near-identical (rapidfuzz's
normalised Indel similarity, which has no junk heuristic to distort Chinese text). A
sentence's weight is its rarity: one that many reports of the background corpus also
contain (坚持以习近平新时代中国特色社会主义思想为指导……) is boilerplate, not copying.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from scorer.compare.sentences import Sentence

SIMILAR = 85.0  # 0-100: at or above, NEW's sentence repeats OLD's, bar a few words
BOILERPLATE_SHARE = 0.4  # found in this share of background reports (at least two): boilerplate


@dataclass(frozen=True)
class Copied:
    new: Sentence
    old: Sentence
    similarity: float  # 0-100
    weight: float  # the sentence's rarity, 0-1


@dataclass(frozen=True)
class CopiedText:
    share: float  # rarity-weighted share of NEW's sentences found in OLD, 0-1
    pairs: list[Copied]
    compared: int  # NEW's sentences long enough to compare
    boilerplate: int  # of those, how many weigh nothing


def rarity_weights(keys: Sequence[str], background: Sequence[Sequence[str]]) -> list[float]:
    """1 for a sentence no background report has, falling to 0 at the boilerplate share."""
    if not background or not keys:
        return [1.0] * len(keys)
    limit = max(2, math.ceil(BOILERPLATE_SHARE * len(background)))
    found = [0] * len(keys)
    for report in background:
        choices = list(report)
        for i, key in enumerate(keys):
            if choices and process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=SIMILAR) is not None:
                found[i] += 1
    return [max(0.0, 1.0 - count / limit) for count in found]


def copied_text(new: Sequence[Sentence], old: Sequence[Sentence], weights: Sequence[float]) -> CopiedText:
    if not new:
        return CopiedText(0.0, [], 0, 0)
    pairs: list[Copied] = []
    old_keys = [s.key for s in old]
    for i, sentence in enumerate(new):
        best = process.extractOne(sentence.key, old_keys, scorer=fuzz.ratio, score_cutoff=SIMILAR) if old_keys else None
        if best is not None:
            _, similarity, j = best
            pairs.append(Copied(sentence, old[j], round(float(similarity), 1), weights[i]))
    total = sum(weights)
    share = sum(pair.weight for pair in pairs) / total if total else 0.0
    return CopiedText(share, pairs, len(new), sum(1 for w in weights if w == 0))
