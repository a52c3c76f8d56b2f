"""Find what a report says about itself: agency, year reported on, date and title.

Only the title lines and the opening (before the first heading) are searched for the
agency and the year, as a reviewer reads them; the body is not, because a report that
names itself only as 市应急管理局 has not named its place even if a document title in
the body does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scorer.text.agency_names import GENERIC_PLACE_CHARS, NATIONAL_ORGAN, NOT_A_PLACE, ORGAN_ENDINGS, SENTENCE_WORDS

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
    place: str | None = None  # the agency's place (江苏省南京市), for choosing a province's rubric
    national: bool = False  # a national organ (司法部): no province's rubric applies


def extract_metadata(text: str, first_heading: int, dropped: list[str], hints: dict[str, str]) -> Metadata:
    head_end = min(first_heading, len(text))
    title = _find_title(text, head_end) or _hinted_title(text, hints)
    opening = (0, min(head_end, _opening_end(text, head_end)))
    if _is_news_about_a_report(text, opening):
        # A page reporting on a report: its headline and lead name who published what,
        # they are not the report's own title or opening.
        return Metadata(agency=None, agency_has_place=False, year=None, date=hints.get("date") or _find_date(dropped, text), title=None)
    agency, has_place = _find_agency(text, title, opening)
    year = _find_year(text, title, opening) or _year_under_first_heading(text, head_end)
    date = hints.get("date") or _find_date(dropped, text)
    place = agency_place(agency.value) if agency is not None and has_place else None
    national = agency is not None and is_national(agency.value)
    return Metadata(agency=agency, agency_has_place=has_place, year=year, date=date, title=title, place=place, national=national)


# The framing of a news item: 记者从…获悉, 日前…发布了, 据…消息, 中新网…电.
_NEWS_LEAD = re.compile(
    r"记者[^。]{0,20}(?:获悉|了解到)|(?:日前|近日|昨日|今天|今日)[^。]{0,40}(?:发布|公布|印发)了?[^。]{0,40}报告"
    r"|据[^。]{0,20}消息|(?:新华社|中新网|新华网|人民网|央视网)[^。]{0,20}电|本报讯|讯\(记者"
)
# A news item that goes on to give the report itself in full.
_FULL_TEXT_FOLLOWS = re.compile(r"(?:具体|主要|全文|报告)内容如下|全文如下|原文如下|报告全文|现将全文")


def _is_news_about_a_report(text: str, opening: tuple[int, int]) -> bool:
    """Told by the lead sentence, the first sentence of the opening."""
    region_end = max(opening[1], min(len(text), opening[0] + _OPENING_CHARS))
    first_stop = text.find("。", opening[0], region_end)
    lead = text[opening[0] : first_stop if first_stop >= 0 else region_end]
    rest = text[opening[0] : region_end]
    return _NEWS_LEAD.search(lead) is not None and _FULL_TEXT_FOLLOWS.search(rest) is None


def _lines(text: str, end: int):
    position = 0
    for line in text[:end].split("\n"):
        yield position, line
        position += len(line) + 1


def _find_title(text: str, head_end: int) -> Found | None:
    lines = [(p, line) for p, line in _lines(text, head_end)][:_TITLE_LINES]
    for i, (position, line) in enumerate(lines):
        if len(line) > _TITLE_MAX or "。" in line or _HANDS_OVER.search(line):
            break
        if not _REPORT_WORDS.search(line) or line.endswith(":"):
            continue  # an addressee line (市委、市政府:) may stand above the title
        start = position
        previous = lines[i - 1][1] if i > 0 else ""
        if not (_TOPIC_WORDS.search(line) or _has_year(line)):
            # A title broken over two lines: 市应急管理局2019年法治政府建设 / 情况报告
            if len(line) > 10 or not (_TOPIC_WORDS.search(previous) or _has_year(previous)):
                continue
            start = lines[i - 1][0]
        elif previous and not line.startswith(previous) and (_names_only_an_agency(previous) or _agency_and_year_only(previous, line)):
            # The head of the title on a line of its own: 某某县司法局 / 2023年法治政府建设情况报告,
            # 某某县司法局2023年度 / 法治政府建设情况报告
            start = lines[i - 1][0]
        end = position + len(line)
        return Found(text[start:end].replace("\n", ""), start, end)
    return None


# A sentence that hands the report over, not a title: 现将我局…情况报告如下:
_HANDS_OVER = re.compile(r"如下|现将|现就")


def _names_only_an_agency(line: str) -> bool:
    if not line or len(line) > 30 or _REPORT_WORDS.search(line) or _YEAR.search(line):
        return False
    return any(found.end == len(line) for found, _ in _agency_candidates(line, 0, len(line), len(line)))


def _agency_and_year_only(previous: str, line: str) -> bool:
    if len(previous) > 30 or _REPORT_WORDS.search(previous) or _has_year(line) or not _has_year(previous):
        return False
    head = _YEAR.sub("", previous).rstrip("度")
    return not head or _names_only_an_agency(head)


def _year_under_first_heading(text: str, head_end: int) -> Found | None:
    """A preamble that only hands the report over (根据…现将…报告如下): the year stands in
    the first heading or the first sentence under it (一、2023年总体情况 / 2023年，我局…)."""
    if head_end >= len(text):
        return None
    line_end = text.find("\n", head_end)
    line_end = len(text) if line_end < 0 else line_end
    sentence_end = text.find("。", line_end)
    stop = min(len(text), sentence_end if sentence_end >= 0 else len(text), line_end + _TITLE_MAX * 2)
    match = _YEAR.search(text, head_end, stop)
    return Found(match.group(1).translate(_CHINESE_DIGITS), match.start(1), match.end(1)) if match else None


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
        # A government named by its place alone counts in a title or the first sentence:
        # later sentences name places of all kinds (长安镇获评…).
        first_sentence = text.find("。", start, end)
        for candidate, has_place in _agency_candidates(text, start, end, first_sentence if first_sentence >= 0 else end):
            if has_place:
                return candidate, True
            unnamed = unnamed or candidate
    resolved = _self_reference(text, *opening)
    if resolved is not None:
        return resolved, True
    return unnamed, False


_SELF = re.compile(r"(?:^|(?<=[\n,:;。]|年))我(市|区|县|镇|乡|街道)")


def _self_reference(text: str, start: int, end: int) -> Found | None:
    """我市 as the subject of the opening, and the opening names one city only (东莞市
    in 《东莞市法治政府建设规划》): 我市 is that city."""
    first_sentence = text.find("。", start, end)
    stop = first_sentence if first_sentence >= 0 else end
    self_named = _SELF.search(text, start, stop)
    if self_named is None:
        return None
    level = self_named.group(1)
    named: dict[str, Found] = {}
    for suffix in re.finditer(level, text[start:stop]):
        at = start + suffix.start()
        stem = text[at - 2 : at] if at - 2 >= start else ""
        place = stem + level
        if len(stem) == 2 and _STEM_CHAR.fullmatch(stem) and _is_place(place) and at - 2 != self_named.start():
            named.setdefault(place, Found(place, at - 2, at + len(level)))
    return next(iter(named.values())) if len(named) == 1 else None


# A place: a stem of two to six characters and an administrative ending. The stem holds
# no organ ending or function word, so 泾源县公安局在县委 is not one long place.
_STEM = r"(?:(?![局厅办署委在的与及和对向由从将为])[\u4e00-\u9fff])"
_PLACE = rf"(?:{_STEM}{{2,6}}?(?:自治区|自治州|自治县|新区|地区|街道|苏木|省|市|县|区|州|盟|旗|镇|乡))"
# Words of a sentence, not of a place: 紧紧围绕县委 is not a place called 紧紧围绕县.
_NOT_PLACE_WORDS = re.compile(r"围绕|坚持|贯彻|落实|推进|加强|深入|认真|全面|紧紧|按照|根据|现将|现就|在|和|及")
_ORGAN = rf"[\u4e00-\u9fff]{{0,12}}?(?:{'|'.join(ORGAN_ENDINGS)})"
# At most four nested places (省 市 县 区): an unbounded repeat of a lazy repeat
# backtracks exponentially over a line like 市市市市... .
_AGENCY = re.compile(
    rf"(?P<place>(?:中共)?{_PLACE}{{1,4}})?(?:\([^()\n]{{1,20}}\))?(?P<bare>[省市县区州乡镇])?(?P<organ>{_ORGAN})"
)
_MORE_ORGAN = re.compile(_ORGAN)
_PLACE_ONLY = re.compile(rf"(?:中共)?{_PLACE}{{1,4}}")
_STEM_CHAR = re.compile(rf"{_STEM}+")
# 现将我局…报告如下: words of the sentence around an agency, not of its name.
_SENTENCE_WORDS = re.compile(r"现将|我|本|将|对|向|由|为")
# 法治政府建设情况报告 names the subject, not an agency.
_NOT_AGENCY = re.compile(r"法治|法制|依法")
# 全面依法治市委员会 is an organ's name, not a sentence about 依法.
_RULE_OF_LAW_ORGAN = re.compile(r"全面依法治[省市县区州旗镇乡]")
# An agency is named where a clause begins: at a line start, after punctuation or a
# year, or after the formula that hands the report over (现将…报告如下, 现就…).
_CLAUSE_START = re.compile(
    r"(?:^|(?<=[\n,:;。)”》])|(?<=[\d〇零○一二三四五六七八九]年)|(?<=年度)|(?<=现将|现就|特将|现把|兹将)|(?<=现呈送))", re.MULTILINE
)
# A name followed by one of these is named in passing: 在衢州市政府的领导下 / 和市委、市政府.
_IN_PASSING = re.compile(r"[的和、与]|及(?!其)")


def _agency_candidates(text: str, start: int, end: int, places_until: int):
    """(name, names its place) for every agency named where a clause begins."""
    for boundary in _CLAUSE_START.finditer(text, start, end):
        position = boundary.start()
        if _in_salutation(text, position):
            continue
        national = NATIONAL_ORGAN.match(text, position, end)
        if national is not None and not SENTENCE_WORDS.search(national.group()) and not _IN_PASSING.match(text, national.end()):
            branch = _AGENCY.match(text, national.end(), end)
            stop = national.end()
            if branch is not None and branch.group("place") and _is_place(branch.group("place")):
                # A vertical agency and its local branch: 国家税务总局杭州市税务局.
                stop = _extend_organ(text, branch.end(), end)
            yield Found(text[position:stop], position, stop), True
            continue
        found = _organ_candidate(text, position, end)
        if found is not None:
            yield found
            continue
        place = _PLACE_ONLY.match(text, position, end) if position < places_until else None
        if place is not None and _is_place(place.group()) and not _IN_PASSING.match(text, place.end()):
            # 三张镇坚持…, 北京市2020年…: a government named by its place alone.
            yield Found(place.group(), place.start(), place.end()), True


def _organ_candidate(text: str, position: int, end: int) -> tuple[Found, bool] | None:
    match = _AGENCY.match(text, position, end)
    if match is None:
        return None
    stop = _extend_organ(text, match.end(), end)
    if stop < len(text) and _IN_PASSING.match(text, stop):
        return None
    organ = text[match.start("organ") : stop]
    words = _RULE_OF_LAW_ORGAN.sub("", organ)
    if _NOT_AGENCY.search(words) or SENTENCE_WORDS.search(words):
        return None
    place = match.group("place")
    found = Found(text[match.start() : stop], match.start(), stop)
    if place:
        return (found, True) if _is_place(place) else None
    branch = _AGENCY.match(text, stop, end)
    if branch is not None and branch.group("place") and _is_place(branch.group("place")):
        # A vertical agency and its local branch, the agency named without 国家.
        branch_end = _extend_organ(text, branch.end(), end)
        return Found(text[match.start() : branch_end], match.start(), branch_end), True
    if match.group("bare") or (organ[0] not in _NOT_PLACE and len(found.value) >= 3 and not _SENTENCE_WORDS.search(organ)):
        return found, False
    return None


def _extend_organ(text: str, stop: int, end: int) -> int:
    """A nested organ's whole name: 兰州新区管理委员会 + 应急管理局, 市委 + 全面依法治市委员会 + 办公室."""
    while stop < end:
        more = _MORE_ORGAN.match(text, stop, end)
        if more is None:
            return stop
        words = _RULE_OF_LAW_ORGAN.sub("", more.group())
        if text[stop] in "和及与、" or SENTENCE_WORDS.search(words) or _NOT_AGENCY.search(words):
            return stop
        stop = more.end()
    return stop


def agency_place(name: str) -> str | None:
    """The place an agency's name gives (江苏省南京市 for 江苏省南京市司法局), the national
    organ's own name for a national organ, or None for 市司法局 or 我局."""
    national = NATIONAL_ORGAN.match(name)
    if national is not None and is_national(name):
        return national.group()
    if national is not None:  # 国家税务总局 + 南京市税务局
        branch = _PLACE_ONLY.match(name, national.end())
        return branch.group() if branch is not None and _is_place(branch.group()) else None
    for found, has_place in _agency_candidates(name, 0, len(name), len(name)):
        if has_place:
            place = _PLACE_ONLY.match(name, found.start)
            return place.group() if place is not None else found.value
    return None


def is_national(name: str) -> bool:
    national = NATIONAL_ORGAN.match(name)
    return national is not None and _PLACE_ONLY.match(name, national.end()) is None


def _is_place(place: str) -> bool:
    place = place.removeprefix("中共")
    if set(place) <= GENERIC_PLACE_CHARS:
        return False
    return place[0] not in _NOT_PLACE and not _NOT_PLACE_WORDS.search(place) and not NOT_A_PLACE.search(place)


def _in_salutation(text: str, position: int) -> bool:
    """市委依法治市办： above the opening names who receives the report, not who wrote it."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return line.endswith(":") and len(line) <= 30 and not _HANDS_OVER_WORDS.search(line)


_HANDS_OVER_WORDS = re.compile(r"如下|现将|现就|报告")


def _find_year(text: str, title: Found | None, opening: tuple[int, int]) -> Found | None:
    regions = ([(title.start, title.end)] if title else []) + [opening]
    for start, end in regions:
        match = _YEAR.search(text, start, end)
        if match:
            # 二〇二三年 is 2023.
            return Found(match.group(1).translate(_CHINESE_DIGITS), match.start(1), match.end(1))
    return None


# A site's clock (今天是：2019年10月31日 星期四) is the day the page was fetched, not a date of the report.
_CLOCK = re.compile(r"今天是|今日是|当前时间|现在时间|星期[一二三四五六日天]")


def _find_date(dropped: list[str], text: str) -> str | None:
    for line in dropped:
        if _CLOCK.search(line):
            continue
        match = _DATE.search(line)
        if match:
            return _iso(match)
    tail = text[-200:]
    matches = [m for m in _DATE.finditer(tail) if not _CLOCK.search(_line_at(tail, m.start()))]
    return _iso(matches[-1]) if matches else None


def _line_at(text: str, position: int) -> str:
    end = text.find("\n", position)
    return text[text.rfind("\n", 0, position) + 1 : end if end >= 0 else len(text)]


def _iso(match: re.Match[str]) -> str | None:
    year, month, day = (int(g) for g in match.groups())
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_date_span(text: str, iso: str) -> tuple[int, int] | None:
    """Where a date (YYYY-MM-DD) is written in the text, in any of the usual forms, if it is."""
    year, month, day = (int(part) for part in iso.split("-"))
    for match in _DATE.finditer(text):
        if tuple(int(g) for g in match.groups()) == (year, month, day):
            return match.start(), match.end()
    return None
