"""`--rubric auto`: pick the rubric a report was written under, and say why.

The province comes from the place in the reporting agency's name (杭州市应急管理局 ->
Zhejiang) or, when the agency names no place (市应急管理局), from how often the text
names one province's places and platforms (开平, 江门, 广东 -> Guangdong). A department
overlay is stacked on top when the agency's name says what it is (应急管理 -> emergency).
Nothing found, or two provinces equally likely: the national baseline.

Which rubrics take part, and with which names, is data: each bundled rubric's
`applies_to`. Nothing here knows a place or a department.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scorer.rubric.chain import bundled_dir
from scorer.rubric.layer import RubricFile
from scorer.rubric.yamltree import parse_yaml

FALLBACK = "national"
MIN_MENTIONS = 2  # a single mention in the body may be a visit or a lesson learnt elsewhere
LEAD = 2  # the winner must be named at least twice as often as the runner-up
_SUFFIX = re.compile(r"法治政府建设年度报告评分细则$")


@dataclass(frozen=True)
class Candidate:
    id: str
    label: str  # 浙江省, 应急管理部门
    places: re.Pattern[str] | None
    agencies: re.Pattern[str] | None


@dataclass(frozen=True)
class Choice:
    spec: str
    reason: str


def choose(agency: str | None, title: str | None, text: str, place: str | None = None, national: bool = False) -> Choice:
    """`place` is the place the agency's name gives (江苏省南京市), `national` whether it is a
    national organ (司法部), both as the reader of the opening found them."""
    provinces, departments = catalogue()
    province, why_province = _province(provinces, agency, title, text, place, national)
    department, why_department = _department(departments, agency, title)
    parts = [c.id for c in (province, department) if c is not None]
    spec = "+".join(parts) if parts else FALLBACK
    reasons = [why for why in (why_province, why_department) if why]
    return Choice(spec, f"自动选择：{'；'.join(reasons)}")


def _province(
    candidates: list[Candidate], agency: str | None, title: str | None, text: str, place: str | None, national: bool
) -> tuple[Candidate | None, str]:
    for label, name in (("报告单位", agency), ("标题", title)):
        if not name:
            continue
        found = sorted((m.start(), m.group(), c) for c in candidates if c.places for m in [c.places.search(name)] if m)
        if found:
            _, place, winner = found[0]
            return winner, f"{label}“{name}”含地名“{place}”（{winner.label}）"
    place = place if agency else None
    if agency and national:
        return None, f"报告单位“{agency}”是中央国家机关，用全国基准"
    counts: list[tuple[int, Candidate, dict[str, int]]] = []
    for candidate in candidates:
        if candidate.places is None:
            continue
        named: dict[str, int] = {}
        for match in candidate.places.finditer(text):
            named[match.group()] = named.get(match.group(), 0) + 1
        if named:
            counts.append((sum(named.values()), candidate, named))
    counts.sort(key=lambda item: -item[0])
    if place:
        where = f"报告单位“{agency}”写明了地名“{place}”，但已有的省级细则（{_labels(candidates)}）的地名表中没有它"
        if not counts:
            province = _PROVINCE.match(place)
            if province:
                return None, f"报告单位“{agency}”写明了地名“{place}”，但{province.group()}暂无评分细则，用全国基准"
            return None, f"{where}，用全国基准"
    else:
        where = "报告单位未写地名" if agency else "未识别出报告单位"
    if not counts:
        return None, f"{where}，正文也没有可识别的省内地名，用全国基准"
    best, winner, named = counts[0]
    second = counts[1][0] if len(counts) > 1 else 0
    mentions = "、".join(f"“{name}”{n} 次" for name, n in sorted(named.items(), key=lambda kv: -kv[1])[:4])
    if best >= MIN_MENTIONS and best >= LEAD * second:
        return winner, f"{where}，正文提到{mentions}（{winner.label}）"
    if second:
        others = "、".join(c.label for _, c, _ in counts[:3])
        return None, f"{where}，正文提到多个省份（{others}）的地名，无法判断，用全国基准"
    return None, f"{where}，正文只提到{mentions}，不足以判断省份，用全国基准"


# A province-level name at the head of a place: 江苏省南京市, 内蒙古自治区, 上海市.
_PROVINCE = re.compile(r"(?:中共)?(?:[\u4e00-\u9fff]{2,3}?省|[\u4e00-\u9fff]{2,5}?自治区|北京市|上海市|天津市|重庆市)")


def _labels(candidates: list[Candidate]) -> str:
    return "、".join(c.label for c in candidates if c.places is not None)


def _department(candidates: list[Candidate], agency: str | None, title: str | None) -> tuple[Candidate | None, str]:
    for label, name in (("报告单位", agency), ("标题", title)):
        if not name:
            continue
        for candidate in candidates:
            match = candidate.agencies.search(name) if candidate.agencies else None
            if match:
                return candidate, f"{label}名称含“{match.group()}”（叠加{candidate.label}细则）"
    return None, ""


@lru_cache(maxsize=4)
def _catalogue(folder: str) -> tuple[list[Candidate], list[Candidate]]:
    provinces, departments = [], []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            rubric = RubricFile.model_validate(parse_yaml(path.read_text(encoding="utf-8-sig")).data)
        except Exception:  # an invalid bundled file is reported by `rubric validate`, not here
            continue
        target = rubric.applies_to
        if target is None:
            continue
        label = _SUFFIX.sub("", rubric.title) or rubric.id
        candidate = Candidate(rubric.id, label, _alternation(target.places + target.markers), _alternation(target.agencies))
        (departments if target.agencies else provinces).append(candidate)
    return provinces, departments


def catalogue() -> tuple[list[Candidate], list[Candidate]]:
    folder = bundled_dir()
    return _catalogue(str(folder)) if folder is not None else ([], [])


def _alternation(names: list[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile("|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True)))
