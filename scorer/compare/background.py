"""The background corpus that tells boilerplate from copying: the reports shipped with
rolscore, or, in an audit, the batch itself (every other report of it)."""

from __future__ import annotations

from functools import lru_cache

from scorer.compare.sentences import Sentence, sentences
from scorer.engine.compiled import get_compiled
from scorer.text.document import Document
from scorer.read import read_document
from scorer.bundled import seeds_dir

STRUCTURE_RUBRIC = "national"  # whose parts (measures, problems, plan) a comparison reads


def structure(raw) -> Document:
    return get_compiled(STRUCTURE_RUBRIC).document(raw)


@lru_cache(maxsize=1)
def bundled_background() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(text fingerprint, sentence keys) for each shipped sample report."""
    folder = seeds_dir()
    if folder is None:
        return ()
    out = []
    for path in sorted(folder.glob("*.txt")):
        raw = read_document(path)
        doc = structure(raw)
        agency = doc.metadata.agency.value if doc.metadata.agency else ""
        out.append((fingerprint(raw.text), tuple(s.key for s in sentences(doc, (agency,)))))
    return tuple(out)


def fingerprint(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def background_keys(exclude: set[str], names: tuple[str, ...]) -> list[list[str]]:
    """The shipped reports' keys, less the two being compared, re-masked with their names."""
    from scorer.text.masked import mask

    out = []
    for print_, keys in bundled_background():
        if print_ in exclude:
            continue
        out.append([mask(k, names) for k in keys] if names else list(keys))
    return out


__all__ = ["Sentence", "background_keys", "bundled_background", "structure"]
