"""The rubrics a drafter may choose on the page: 自动, the bundled ones, then the office's own.

A client sends only a key from this list; the path behind a key stays on the server,
so no upload can make the service open a file it was not told about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scorer.api import RubricError, Scorer, bundled_rubric_ids

AUTO = "auto"
AUTO_TITLE = "自动选择（按报告单位和地名选省级细则，并叠加部门细则）"
RUBRIC_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class RubricChoice:
    key: str  # what a client sends
    spec: str  # what `Scorer.open` gets; never shown
    title: str
    version: str
    origin: str  # auto | bundled | local

    def public(self) -> dict:
        return {"id": self.key, "title": self.title, "version": self.version, "origin": self.origin}


@dataclass(frozen=True)
class Catalogue:
    choices: tuple[RubricChoice, ...]
    default: str

    def get(self, key: str | None) -> RubricChoice | None:
        wanted = key or self.default
        return next((choice for choice in self.choices if choice.key == wanted), None)

    def by_origin(self, origin: str) -> list[RubricChoice]:
        return [choice for choice in self.choices if choice.origin == origin]

    def public(self) -> dict:
        return {"default": self.default, "rubrics": [choice.public() for choice in self.choices]}


def _choice(spec: str, origin: str, key: str | None = None) -> RubricChoice:
    rubric = Scorer.open(spec).compiled.rubric
    return RubricChoice(key or rubric.id, spec, rubric.title, rubric.version, origin)


def build_catalogue(default: str = AUTO, rubrics_dir: Path | None = None) -> Catalogue:
    """Every choice loaded (and checked) now: a broken rubric stops the service before it starts."""
    choices: dict[str, RubricChoice] = {AUTO: RubricChoice(AUTO, AUTO, AUTO_TITLE, "", AUTO)}
    for rubric_id in bundled_rubric_ids():
        choices[rubric_id] = _choice(rubric_id, "bundled")
    if rubrics_dir is not None:
        for choice in local_choices(rubrics_dir, taken=set(choices)):
            choices[choice.key] = choice
    if default not in choices:
        # A path or a composition (zhejiang+emergency) given with --rubric joins the list.
        given = _choice(str(Path(default).resolve()) if Path(default).is_file() else default, "local")
        choices.setdefault(given.key, given)
        default = given.key
    return Catalogue(tuple(choices.values()), default)


def local_choices(folder: Path, taken: set[str]) -> list[RubricChoice]:
    if not folder.is_dir():
        raise RubricError(str(folder), "评分细则目录不存在或不是目录", "请给 --rubrics-dir 一个存放 .yaml 评分细则的目录")
    found = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in RUBRIC_SUFFIXES and p.is_file()):
        choice = _choice(str(path.resolve()), "local")
        # The office's own file is listed beside a bundled one of the same id, never instead of it.
        key = choice.key if choice.key not in taken else f"{choice.key}@{path.stem}"
        taken.add(key)
        found.append(RubricChoice(key, choice.spec, choice.title, choice.version, "local"))
    return found
