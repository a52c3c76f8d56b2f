"""Were last year's plan items and problems taken up this year?

An item (a sentence of OLD's plan part, or of its problems part) is matched on its key
terms: the words jieba finds in it, less the generic words every such item uses
(加强, 推进, 工作 …). NEW reports on it when one sentence of its work done (not its plan,
not its problems) holds at least half of those terms, and at least two.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from scorer.compare.sentences import Sentence

MAX_TERMS = 8
MIN_TERMS = 2  # an item with fewer specific words is too general to follow up
_HAN_WORD = regex.compile(r"^\p{Han}{2,}$")
_NUMERALS = regex.compile(r"^[零一二两三四五六七八九十百千万亿〇第]+$")

FOLLOWED = "followed"  # NEW reports work on it
NOT_MENTIONED = "not_mentioned"
STILL_A_PROBLEM = "still_a_problem"  # NEW names it among its problems again, with no work on it
TOO_GENERAL = "too_general"


@dataclass(frozen=True)
class FollowUp:
    item: Sentence
    terms: list[str]
    status: str
    found: list[str]  # the terms NEW's evidence holds
    evidence: Sentence | None


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    text = resources.files("scorer.compare").joinpath("generic_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def key_terms(sentence: str) -> list[str]:
    generic = _generic()
    terms: list[str] = []
    for word in _tokenizer().lcut(sentence):
        if _HAN_WORD.match(word) and not _NUMERALS.match(word) and word not in generic and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def follow_up(items: Sequence[Sentence], new: Sequence[Sentence], work_roles: frozenset[str], problem_role: str) -> list[FollowUp]:
    work = [s for s in new if s.role in work_roles]
    problems = [s for s in new if s.role == problem_role]
    out = []
    for item in items:
        terms = key_terms(item.text)
        if len(terms) < MIN_TERMS:
            out.append(FollowUp(item, terms, TOO_GENERAL, [], None))
            continue
        need = max(MIN_TERMS, math.ceil(len(terms) / 2))
        found, evidence = _best(terms, work)
        if len(found) >= need:
            out.append(FollowUp(item, terms, FOLLOWED, found, evidence))
            continue
        again, repeated = _best(terms, problems)
        if len(again) >= need:
            out.append(FollowUp(item, terms, STILL_A_PROBLEM, again, repeated))
        else:
            out.append(FollowUp(item, terms, NOT_MENTIONED, found, None))
    return out


def _best(terms: list[str], pool: Sequence[Sentence]) -> tuple[list[str], Sentence | None]:
    best: list[str] = []
    where = None
    for sentence in pool:
        found = [term for term in terms if term in sentence.text]
        if len(found) > len(best):
            best, where = found, sentence
    return best, where
