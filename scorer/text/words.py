"""Word boundaries for Chinese, decided by jieba on the sentence around a hit.

Loading jieba's full dictionary costs about 0.6 s, longer than scoring a report. A
boundary question only concerns words that contain the hit's first or last character
(does 应诉 straddle 回应|诉求?), so jieba is given a trimmed copy of its own dictionary:
those words plus every single character, with the full dictionary's total frequency so
that path scores stay as jieba computes them. The copy is made once and cached on disk.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rolscore"


@lru_cache(maxsize=8)
def _tokenizer(chars: frozenset[str]):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    dictionary, total = _trimmed_dictionary(chars, Path(jieba.__file__).with_name("dict.txt"))
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.initialize()
    tokenizer.total = total
    return tokenizer


def _trimmed_dictionary(chars: frozenset[str], source: Path) -> tuple[Path, int]:
    key = hashlib.sha1(("".join(sorted(chars)) + str(source.stat().st_size)).encode()).hexdigest()[:16]
    folder = _cache_dir()
    for cached in folder.glob(f"jieba-{key}-*.txt") if folder.is_dir() else ():
        return cached, int(cached.stem.rsplit("-", 1)[1])  # the full total is in the name
    kept, total = [], 0
    with source.open(encoding="utf-8") as full:
        for line in full:
            word, frequency = line.split(" ", 2)[:2]
            total += int(frequency)
            if len(word) == 1 or not chars.isdisjoint(word):
                kept.append(line)
    target = folder / f"jieba-{key}-{total}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp") as out:
            out.writelines(kept)
        os.replace(out.name, target)
        return target, total
    except OSError:
        # No writable cache: use a private temporary copy for this process.
        handle, name = tempfile.mkstemp(suffix=".txt", text=True)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.writelines(kept)
        return Path(name), total


@lru_cache(maxsize=4096)
def _token_starts(sentence: str, chars: frozenset[str]) -> tuple[int, ...]:
    starts = []
    position = 0
    for token in _tokenizer(chars).cut(sentence, HMM=False):
        starts.append(position)
        position += len(token)
    starts.append(position)
    return tuple(starts)


def is_whole_word(sentence: str, start: int, end: int) -> bool:
    """False when a word of the sentence crosses an edge of sentence[start:end].

    A hit may sit inside a longer word that contains it whole (应诉 in 出庭应诉), but not
    straddle two words (应诉 in 回应|诉求).
    """
    if end <= start:
        return False
    starts = _token_starts(sentence, frozenset((sentence[start], sentence[end - 1])))
    first = bisect_right(starts, start) - 1  # token holding the hit's first character
    last = bisect_right(starts, end - 1) - 1  # token holding its last character
    if first == last:
        return True
    return starts[first] == start and starts[last + 1] == end
