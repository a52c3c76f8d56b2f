"""Find a report's structure: the heading tree and the role of every part.

Headings follow the official numbering levels 一、 > (一) > 1. > (1), stand alone on a
line or start a paragraph (`(一)严格规范执法监督。出台了...`). A part's role
(measures, problems, first_responsible_person, plan, ...) comes from the words of its
own heading or, failing that, from its parent. A heading that joins two roles
(存在问题和下一步工作目标) switches role at the first sentence that opens with the second
role's cue (下一步，...); later sub-parts without their own role follow the switch.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from scorer.headings import LEVELS
from scorer.rubric.model import PREAMBLE
from scorer.text.patterns import CompiledPatterns

# The report's title: it names the agency and the year (read by the metadata), and no
# element's evidence; 某某区审计局 in a title is not audit supervision.
TITLE = "title"

_HEADING_MAX_ALONE = 60  # a line this short without 。 is a heading by itself
_HEADING_MAX_INLINE = 90  # an inline heading ends at a 。 within this many characters
_SENTENCE_END = re.compile(r"[。!?;\n]")
_CLAUSE_END = re.compile(r"[。!?;\n,:()]")
# Real sentences stay far below these; text without punctuation (a pasted table, a
# hostile file) must not make every hit scan the whole text, which is quadratic.
MAX_SENTENCE = 600
MAX_CLAUSE = 300


@dataclass
class RoleMatcher:
    id: str
    heading: CompiledPatterns
    cue: CompiledPatterns | None
    heading_year: str | None = None  # "next": a heading naming the year after the one reported
    nested: bool = True  # may a sub-part's heading switch into this role from its parent's?


@dataclass
class Section:
    index: int
    level: int
    heading_start: int
    heading_end: int
    body_start: int
    end: int
    parent: int | None
    heading: str
    own_roles: list[str] = field(default_factory=list)
    children: list[int] = field(default_factory=list)


@dataclass
class _RoleWalk:
    """The role in force; shared by sections that inherit it, so a switch carries on."""

    role: str
    pending: list[str]


@dataclass
class Structure:
    sections: list[Section]
    role_starts: list[int]
    roles: list[str]
    role_sections: list[int | None]
    sentence_starts: list[int]
    text_length: int

    def role_at(self, position: int) -> str:
        return self.roles[bisect_right(self.role_starts, position) - 1]

    def section_at(self, position: int) -> Section | None:
        index = self.role_sections[bisect_right(self.role_starts, position) - 1]
        return self.sections[index] if index is not None else None

    def sentence_span(self, position: int) -> tuple[int, int]:
        i = bisect_right(self.sentence_starts, position) - 1
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else self.text_length
        return self.sentence_starts[i], end

    def role_runs(self, role: str) -> list[tuple[int, int]]:
        """Every stretch of text with this role, sub-parts merged: (start, end)."""
        runs: list[tuple[int, int]] = []
        for i, name in enumerate(self.roles):
            end = self.role_starts[i + 1] if i + 1 < len(self.role_starts) else self.text_length
            if name != role or end <= self.role_starts[i]:
                continue
            if runs and runs[-1][1] == self.role_starts[i]:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((self.role_starts[i], end))
        return runs


def sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if match.end() < len(text):
            _split_long(text, starts, match.end())
            starts.append(match.end())
    _split_long(text, starts, len(text))
    return starts


def _split_long(text: str, starts: list[int], stop: int) -> None:
    """Break a run-on stretch before `stop` at clause ends, or hard, every MAX_SENTENCE."""
    while stop - starts[-1] > MAX_SENTENCE:
        limit = starts[-1] + MAX_SENTENCE
        cut = max(text.rfind(ch, starts[-1] + 1, limit) for ch in ",:")
        starts.append(cut + 1 if cut > starts[-1] else limit)


def clause_bounds(text: str) -> list[int]:
    """Positions of every clause-ending character, for `clause_span`."""
    return [match.start() for match in _CLAUSE_END.finditer(text)]


def clause_span(text: str, start: int, end: int, bounds: list[int] | None = None) -> tuple[int, int]:
    """The clause around text[start:end]: bounded by , : ( ) ; and sentence ends.

    A clause is looked for at most MAX_CLAUSE characters either side of the hit.
    """
    bounds = clause_bounds(text) if bounds is None else bounds
    i = bisect_right(bounds, start - 1) - 1
    left = bounds[i] + 1 if i >= 0 else 0
    j = bisect_right(bounds, end - 1)
    right = bounds[j] if j < len(bounds) else len(text)
    return max(left, start - MAX_CLAUSE, 0), max(min(right, end + MAX_CLAUSE), end)


def find_structure(
    text: str,
    roles: list[RoleMatcher],
    default_role: str,
    report_year: int | None = None,
    sections: list[Section] | None = None,
    title: tuple[int, int] | None = None,
) -> Structure:
    sections = find_headings(text) if sections is None else sections
    nestable = {role.id for role in roles if role.nested}
    for section in sections:
        found = _roles_in(section.heading, roles) or _roles_by_year(section.heading, roles, report_year)
        if section.parent is not None:
            # (一)创新工作思路 under the year's measures is not next year's plan: a sub-part
            # enters such a role only where its parent's heading already named it.
            allowed = nestable | set(sections[section.parent].own_roles)
            found = [role for role in found if role in allowed]
        section.own_roles = found
    cues = {role.id: role.cue for role in roles if role.cue is not None}
    starts = sentence_starts(text)
    role_starts, role_names, role_sections = [0], [PREAMBLE], [None]

    def mark(position: int, role: str, section: int | None) -> None:
        if role_names[-1] == role and role_sections[-1] == section:
            return
        if role_starts[-1] == position:
            role_names[-1], role_sections[-1] = role, section
        else:
            role_starts.append(position)
            role_names.append(role)
            role_sections.append(section)

    if title is not None and (not sections or title[1] <= sections[0].heading_start):
        mark(title[0], TITLE, None)
        mark(title[1], PREAMBLE, None)
    top_state = _RoleWalk(default_role, [])
    states: dict[int, _RoleWalk] = {}
    for section in sections:
        if section.own_roles:
            state = _RoleWalk(section.own_roles[0], list(section.own_roles[1:]))
        elif section.parent is not None:
            state = states[section.parent]
        else:
            state = top_state
        states[section.index] = state
        mark(section.heading_start, state.role, section.index)
        direct_end = sections[section.children[0]].heading_start if section.children else section.end
        _follow_cues(text, starts, section, direct_end, state, cues, mark)
    return Structure(sections, role_starts, role_names, role_sections, starts, len(text))


def _follow_cues(text, starts, section, direct_end, state, cues, mark) -> None:
    if not state.pending:
        return
    i = bisect_right(starts, section.body_start) - 1
    while i < len(starts) and starts[i] < direct_end and state.pending:
        position = starts[i]
        if position >= section.body_start:
            cue = cues.get(state.pending[0])
            sentence_end = starts[i + 1] if i + 1 < len(starts) else len(text)
            head = text[position:sentence_end].lstrip()
            if cue is not None and cue.regex is not None and cue.regex.match(head):
                state.role = state.pending.pop(0)
                mark(position, state.role, section.index)
        i += 1


_HEADING_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _roles_by_year(heading: str, roles: list[RoleMatcher], report_year: int | None) -> list[str]:
    """三、2024年重点工作 in a report on 2023 is next year's plan."""
    match = _HEADING_YEAR.search(heading)
    if report_year is None or match is None or int(match.group(1)) != report_year + 1:
        return []
    return [role.id for role in roles if role.heading_year == "next"][:1]


def _roles_in(heading: str, roles: list[RoleMatcher]) -> list[str]:
    found = []
    for role in roles:
        hit = role.heading.search(heading)
        if hit is not None:
            found.append((hit[0], role.id))
    return [role for _, role in sorted(found)]


def find_headings(text: str, roles: list[RoleMatcher] | None = None) -> list[Section]:
    """Numbered headings, and with `roles` also a short line of its own naming a part's role
    (存在的不足和原因, 下一年度工作安排): a Word file's styled headings lose their numbers
    when it is printed to PDF or pasted, and the parts must still be found. The first line
    is the title's place, never such a heading."""
    sections: list[Section] = []
    stack: list[Section] = []
    position = 0
    for line in text.split("\n"):
        heading = _heading_in(line) or (_unnumbered_heading(line, roles) if position else None)
        if heading is not None:
            level, heading_length, body_offset = heading
            while stack and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1] if stack else None
            section = Section(
                index=len(sections),
                level=level,
                heading_start=position,
                heading_end=position + heading_length,
                body_start=position + body_offset,
                end=len(text),
                parent=parent.index if parent else None,
                heading=line[:heading_length],
            )
            if parent:
                parent.children.append(section.index)
            sections.append(section)
            stack.append(section)
        position += len(line) + 1
    _close(sections, len(text))
    return _items_not_headings(text, sections)


_UNNUMBERED_MAX = 30
# A sentence, or a title: 报告 / 总结, or an agency and a year (某某局2023年法治政府建设工作情况).
_NOT_A_HEADING_LINE = re.compile(r"[。;,!?]|报告|总结|(?:局|厅|委|办|政府|部|镇|乡|街道|区|县|市)\s*(?:19|20)\d{2}\s*年")


def _unnumbered_heading(line: str, roles: list[RoleMatcher] | None) -> tuple[int, int, int] | None:
    bare = line.strip().rstrip(":")
    if not roles or not bare or len(bare) > _UNNUMBERED_MAX or _NOT_A_HEADING_LINE.search(bare):
        return None
    if any(role.heading.search(bare) is not None for role in roles):
        return 1, len(line), len(line)
    return None


_ITEM_MIN = 16  # (四)全面落实行政执法公示…制度。 is an item; (一)加强领导。 stays a heading


def _items_not_headings(text: str, sections: list[Section]) -> list[Section]:
    """A numbered line that is one whole sentence with nothing under it is an item of a
    list, whatever its numbering: its words are content, like those of 4.全面落实…。"""
    for section in sections:
        heading = text[section.heading_start : section.heading_end]
        rest = text[section.heading_end : section.end].strip()
        if section.children or not (rest == "。" or (not rest and heading.endswith("。"))):
            continue
        number = _number_end(heading)
        if number is not None and len(heading) - number >= _ITEM_MIN:
            section.heading_end = section.body_start = section.heading_start + number
            section.heading = heading[:number]
    return sections


def _number_end(heading: str) -> int | None:
    lead = _MARKUP.match(heading).end()
    for _, pattern in LEVELS:
        match = pattern.match(heading, lead)
        if match is not None:
            return match.end()
    return None


def _close(sections: list[Section], length: int) -> None:
    """A section ends where the next heading of the same or a higher level begins."""
    open_sections: list[Section] = []
    for section in sections:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop().end = section.heading_start - 1 if section.heading_start else 0
        open_sections.append(section)
    for section in open_sections:
        section.end = length


_LIST_ITEM = re.compile(r"[;,]\s*$|;")  # ends like a clause, or holds a ; (after width folding)
_HEADING_END = re.compile(r"[。;]")
_ONE_SENTENCE = re.compile(r"[^。]*。\s*$")  # 3.组织培训12期。: a whole sentence and nothing after


def _is_one_sentence(line: str, start: int, level: int) -> bool:
    """A numbered line that is one whole sentence is a list item, not a heading: at the
    1. and (1) levels always, at the (一) level when it reads as prose (has a comma);
    (一)加强组织领导。 alone on its line stays a heading."""
    if not _ONE_SENTENCE.match(line, start):
        return False
    return level >= 3 or (level == 2 and "," in line[start:])
_MARKUP = re.compile(r"(?:#{1,6}\s*|\*\*|__)?")


def _heading_in(line: str) -> tuple[int, int, int] | None:
    """(level, heading length, body offset) when the line starts with a heading number.

    Markdown markers before the number (## 一、..., **一、...**) are allowed.
    """
    lead = _MARKUP.match(line).end()
    for level, pattern in LEVELS:
        match = pattern.match(line, lead)
        if match is None:
            continue
        if _LIST_ITEM.search(line) or _is_one_sentence(line, match.end(), level):
            # 1.全年受理复议案件56件,办结52件; is an item of a list, not a heading: only its
            # number is taken, and its words are content.
            return level, match.end(), match.end()
        if len(line) <= _HEADING_MAX_ALONE and "。" not in line:
            return level, len(line), len(line)
        stop = _HEADING_END.search(line, match.end())
        if stop is not None and stop.start() <= _HEADING_MAX_INLINE:
            return level, stop.start(), stop.end()
        return level, match.end(), match.end()
    return None
