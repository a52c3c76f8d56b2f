"""A report ready for matching: original text, normalised text, structure and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from scorer.rubric.model import PREAMBLE_TITLE
from scorer.text.opening import Metadata, extract_metadata
from scorer.text.normalize import NormalizedText, normalize
from scorer.read import RawDocument
from scorer.text.sections import RoleMatcher, Section, Structure, clause_bounds, clause_span, find_headings, find_structure
from scorer.text.words import is_whole_word

PATH_SEPARATOR = " › "
QUOTE_LIMIT = 160


@dataclass
class Document:
    raw: RawDocument
    norm: NormalizedText
    structure: Structure
    metadata: Metadata
    memo: dict = field(default_factory=dict)  # per-document answers shared by all elements

    @property
    def text(self) -> str:
        return self.norm.text

    def sentence(self, position: int) -> tuple[int, int]:
        return self.structure.sentence_span(position)

    @cached_property
    def _clause_bounds(self) -> list[int]:
        return clause_bounds(self.text)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return clause_span(self.text, start, end, self._clause_bounds)

    def role_at(self, position: int) -> str:
        return self.structure.role_at(position)

    def whole_word(self, start: int, end: int) -> bool:
        left, right = self.sentence(start)
        right = max(right, end)  # a hard cut in run-on text may fall inside the hit
        return is_whole_word(self.text[left:right], start - left, end - left)

    def in_heading(self, position: int) -> bool:
        section = self.structure.section_at(position)
        return section is not None and section.heading_start <= position < section.heading_end

    def in_empty_heading(self, position: int) -> bool:
        """True for a hit in a heading whose part has no content under it."""
        section = self.structure.section_at(position)
        if section is None or section.children or not (section.heading_start <= position < section.heading_end):
            return False
        return len(self.text[section.body_start : section.end].strip()) < 10

    @property
    def sections(self) -> list[Section]:
        return self.structure.sections

    def section_path(self, position: int) -> str:
        section = self.structure.section_at(position)
        names = []
        while section is not None:
            names.append(self.norm.original_slice(section.heading_start, section.heading_end).strip())
            section = self.sections[section.parent] if section.parent is not None else None
        return PATH_SEPARATOR.join(reversed(names)) if names else PREAMBLE_TITLE

    def quote_span(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding text[start:end], narrowed to clauses when it is long."""
        left, right = self.sentence(start)
        right = max(right, min(end, len(self.text)))
        left, right = _trim(self.text, left, right)
        if right - left <= QUOTE_LIMIT:
            return left, right
        c_left, c_right = self.clause(start, end)
        while c_right - c_left < QUOTE_LIMIT // 2:
            grown = False
            if c_left > left:
                c_left = self.clause(c_left - 1, c_left - 1)[0]
                grown = True
            if c_right < right and c_right - c_left < QUOTE_LIMIT // 2:
                c_right = self.clause(c_right + 1, c_right + 1)[1]
                grown = True
            if not grown:
                break
        return _trim(self.text, max(c_left, left), min(c_right, right))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)


def _trim(text: str, left: int, right: int) -> tuple[int, int]:
    while left < right and text[left] in " \n\t,;:":
        left += 1
    while right > left and text[right - 1] in " \n\t,;:":
        right -= 1
    return left, right


def build_document(raw: RawDocument, roles: list[RoleMatcher], default_role: str) -> Document:
    norm = normalize(raw.text)
    headings = find_headings(norm.text, roles)
    first_heading = headings[0].heading_start if headings else len(norm.text)
    # The year reported decides which headings are next year's plan (2024年重点工作).
    metadata = extract_metadata(norm.text, first_heading, norm.dropped, raw.hints)
    year = int(metadata.year.value) if metadata.year else None
    title = (metadata.title.start, metadata.title.end) if metadata.title else None
    structure = find_structure(norm.text, roles, default_role, year, headings, title)
    return Document(raw=raw, norm=norm, structure=structure, metadata=metadata)
