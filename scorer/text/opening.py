"""Find what a report says about itself: agency, year reported on, date and title.

Only the title lines and the opening (before the first heading) are searched for the
agency and the year, as a reviewer reads them; the body is not, because a report that
names itself only as 市应急管理局 has not named its place even if a document title in
the body does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ORGANS = ("人民政府办公室", "人民政府办公厅", "办公室", "委员会", "人民政府", "管委会", "政府", "办公厅", "局", "厅", "委", "办", "中心", "署")
# Characters that cannot begin a place name: 在省..., 和衢州市..., 我市, 全市.
_NOT_PLACE = set("在和与及对向由从经把将为是的了年度于据按至我全本各该其此每省市县区")
_REPORT_WORDS = re.compile(r"报告|情况|总结")
_TOPIC_WORDS = re.compile(r"法治|依法行政|法制")
_YEAR = re.compile(r"(?<![\d〔\[(—\-~])((?:19|20)\d{2}|[二][〇零○][〇零○一二三四五六七八九]{2})\s*年(?!\s*[—\-~至到])")
_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" "9")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_OPENING_CHARS = 400
_TITLE_LINES = 6
_TITLE_MAX = 70


@dataclass
class Found:
    value: str
    start: int
    end: int


@dataclass
class Metadata:
    agency: Found | None
    agency_has_place: bool
    year: Found | None
    date: str | None
    title: Found | None


def extract_metadata(text: str, first_heading: int, dropped: list[str], hints: dict[str, str]) -> Metadata:
    head_end = min(first_heading, len(text))
    title = _find_title(text, head_end) or _hinted_title(text, hints)
    opening = (0, min(head_end, _opening_end(text, head_end)))
    agency, has_place = _find_agency(text, title, opening)
    year = _find_year(text, title, opening)
    date = hints.get("date") or _find_date(dropped, text)
    return Metadata(agency=agency, agency_has_place=has_place, year=year, date=date, title=title)


def _lines(text: str, end: int):
    position = 0
    for line in text[:end].split("\n"):
        yield position, line
        position += len(line) + 1


def _find_title(text: str, head_end: int) -> Found | None:
    lines = [(p, line) for p, line in _lines(text, head_end)][:_TITLE_LINES]
    for i, (position, line) in enumerate(lines):
        if len(line) > _TITLE_MAX or "。" in line:
            break
        if not _REPORT_WORDS.search(line):
            continue
        start = position
        if not (_TOPIC_WORDS.search(line) or _has_year(line)):
            # A title broken over two lines: 市应急管理局2019年法治政府建设 / 情况报告
            previous = lines[i - 1][1] if i > 0 else ""
            if len(line) > 10 or not (_TOPIC_WORDS.search(previous) or _has_year(previous)):
                continue
            start = lines[i - 1][0]
        end = position + len(line)
        return Found(text[start:end].replace("\n", ""), start, end)
    return None


def _hinted_title(text: str, hints: dict[str, str]) -> Found | None:
    title = hints.get("title")
    if title:
        where = text.find(title)
        if where >= 0:
            return Found(title, where, where + len(title))
    return None


def _has_year(line: str) -> bool:
    return _YEAR.search(line) is not None


def _opening_end(text: str, head_end: int) -> int:
    """The title lines, header lines and the first paragraph of real prose."""
    position = 0
    for start, line in _lines(text, head_end):
        position = start + len(line)
        if len(line) > _TITLE_MAX or "。" in line:
            break
    return min(position, head_end, _OPENING_CHARS + len(text[:head_end]) - len(text[:head_end].lstrip()))


def _find_agency(text: str, title: Found | None, opening: tuple[int, int]) -> tuple[Found | None, bool]:
    regions = []
    if title:
        regions.append((title.start, title.end))
    regions.append(opening)
    unnamed: Found | None = None
    for start, end in regions:
        for candidate, has_place in _agency_candidates(text, start, end):
            if has_place:
                return candidate, True
            unnamed = unnamed or candidate
    return unnamed, False


_PLACE = r"(?:[\u4e00-\u9fff]{2,6}?(?:自治区|自治州|自治县|新区|地区|街道|苏木|省|市|县|区|州|盟|旗|镇|乡))"
# Words of a sentence, not of a place: 紧紧围绕县委 is not a place called 紧紧围绕县.
_NOT_PLACE_WORDS = re.compile(r"围绕|坚持|贯彻|落实|推进|加强|深入|认真|全面|紧紧|按照|根据|在|和|及")
# At most four nested places (省 市 县 区): an unbounded repeat of a lazy repeat
# backtracks exponentially over a line like 市市市市... .
_AGENCY = re.compile(
    rf"(?P<place>{_PLACE}{{1,4}})?(?:\([^()\n]{{1,20}}\))?(?P<bare>[省市县区州])?"
    rf"(?P<organ>[\u4e00-\u9fff]{{0,12}}?(?:{'|'.join(_ORGANS)}))"
)
# 现将我局…报告如下: words of the sentence around an agency, not of its name.
_SENTENCE_WORDS = re.compile(r"现将|我|本|将|对|向|由|为")
# 法治政府建设情况报告 names the subject, not an agency.
_NOT_AGENCY = re.compile(r"法治|法制|依法|建设")
# An agency is named where a clause begins: at a line start, after punctuation or a year.
_CLAUSE_START = re.compile(r"(?:^|(?<=[\n,:;。)”》]|年|度))", re.MULTILINE)


def _agency_candidates(text: str, start: int, end: int):
    for boundary in _CLAUSE_START.finditer(text, start, end):
        match = _AGENCY.match(text, boundary.start(), end)
        if match is None or _in_salutation(text, match.start()):
            continue
        # Skip a superior named in passing: 在衢州市政府的领导下 / 和市委、市政府.
        if match.end() < len(text) and text[match.end()] in "的和、与及":
            continue
        if _NOT_AGENCY.search(match.group("organ")):
            continue
        place = match.group("place")
        if place and _NOT_PLACE_WORDS.search(place):
            continue
        branch = None if place else _AGENCY.match(text, match.end(), end)
        if branch is not None and branch.group("place") and branch.group("place")[0] not in _NOT_PLACE:
            # A vertical agency and its local branch: 国家税务总局杭州市税务局.
            yield Found(text[match.start() : branch.end()], match.start(), branch.end()), True
            continue
        if place and place[0] not in _NOT_PLACE:
            yield Found(match.group(), match.start(), match.end()), True
        elif match.group("bare") or (
            match.group("organ")[0] not in _NOT_PLACE and len(match.group()) >= 3 and not _SENTENCE_WORDS.search(match.group("organ"))
        ):
            yield Found(match.group(), match.start(), match.end()), False


def _in_salutation(text: str, position: int) -> bool:
    """市委依法治市办： above the opening names who receives the report, not who wrote it."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return line.endswith(":") and len(line) <= 30


def _find_year(text: str, title: Found | None, opening: tuple[int, int]) -> Found | None:
    regions = ([(title.start, title.end)] if title else []) + [opening]
    for start, end in regions:
        match = _YEAR.search(text, start, end)
        if match:
            # 二〇二三年 is 2023.
            return Found(match.group(1).translate(_CHINESE_DIGITS), match.start(1), match.end(1))
    return None


def _find_date(dropped: list[str], text: str) -> str | None:
    for line in dropped:
        match = _DATE.search(line)
        if match:
            return _iso(match)
    tail = text[-200:]
    matches = list(_DATE.finditer(tail))
    return _iso(matches[-1]) if matches else None


def _iso(match: re.Match[str]) -> str | None:
    year, month, day = (int(g) for g in match.groups())
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None
