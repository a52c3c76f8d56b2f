"""Word boundaries for Chinese, decided by jieba on the sentence around a hit.

jieba costs about 0.6 s to load and is only needed for short ambiguous terms, so it is
imported on first use and never run over a whole report.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenizer():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=4096)
def _token_starts(sentence: str) -> tuple[int, ...]:
    starts = []
    position = 0
    for token in _tokenizer().cut(sentence, HMM=False):
        starts.append(position)
        position += len(token)
    starts.append(position)
    return tuple(starts)


def is_whole_word(sentence: str, start: int, end: int) -> bool:
    """False when a word of the sentence crosses an edge of sentence[start:end].

    A hit may sit inside a longer word that contains it whole (应诉 in 出庭应诉), but not
    straddle two words (应诉 in 回应|诉求).
    """
    starts = _token_starts(sentence)
    first = bisect_right(starts, start) - 1  # token holding the hit's first character
    last = bisect_right(starts, end - 1) - 1  # token holding its last character
    if first == last:
        return True
    return starts[first] == start and starts[last + 1] == end
