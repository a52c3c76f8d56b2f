"""Load a rubric by spec: a bundled id, a YAML path, or a composition `province+department`.

`zhejiang+emergency` applies the department overlay's own layers (those not shared with
the province's chain) on top of the resolved province rubric, so a department overlay
written against the national baseline works in every province.

Resolution is cached per process and re-done when any file of the chain changes.
"""

from __future__ import annotations

import os
from pathlib import Path

from scorer.errors import RubricError
from scorer.rubric.chain import Layer, bundled_dir as _bundled_dir, find_file, load_chain, unknown_rubric_hint
from scorer.rubric.inherit import Resolved, resolve_layers
from scorer.rubric.model import Rubric
from scorer.rubric.problems import Problem, Problems

_CACHE: dict[tuple[str, str], tuple[tuple, Resolved]] = {}


def bundled_dir() -> Path:
    folder = _bundled_dir()
    if folder is None:
        raise RubricError(None, "找不到内置评分细则目录 rubrics/", "请重新安装 rolscore")
    return folder


def spec_parts(spec: str) -> list[str]:
    """`zhejiang+emergency` -> two parts; a path that exists is one part even with a `+`."""
    if Path(spec).is_file() or "+" not in spec:
        return [spec]
    return [part.strip() for part in spec.split("+")]


def _not_found(part: str) -> str:
    """Why a rubric named by id or path could not be found, in words that point the right way."""
    path = Path(part)
    if path.is_dir():
        return "是目录，不是评分细则 YAML 文件；请给出 .yaml 文件的路径"
    if part.endswith((".yaml", ".yml")) or "/" in part or "\\" in part:
        return "评分细则文件不存在；请检查路径"
    return f"没有这个评分细则；{unknown_rubric_hint(part)}"


def resolve_spec(spec: str, problems: Problems) -> Resolved | None:
    """Resolve without raising; every problem found goes into `problems`."""
    parts = spec_parts(spec)
    layers: list[Layer] = []
    titles: list[str] = []
    ids: list[str] = []
    for part in parts:
        path = find_file(part)
        if path is None:
            problems.add(Problem(part, None, None, None, _not_found(part)))
            return None
        chain = load_chain(path, problems)
        if chain is None:
            return None
        clash = _two_regions(layers, chain)
        if clash is not None:
            # Two regions' rules at once fit neither region's reports.
            problems.add(Problem(spec, None, None, None,
                                 f"{clash[0].id} 和 {clash[1].id} 是两个地方（省级）细则，不能叠加；请只选一个地方细则，"
                                 "再按需要叠加部门细则（如 zhejiang+emergency）"))
            return None
        if layers:
            known = {layer.path for layer in layers}
            if chain[0].path not in known:
                problems.add(Problem(chain[-1].label, None, None, None,
                                     f"不能叠加在 {ids[0]} 上：{chain[-1].id} 继承自 {chain[0].id}，而 {ids[0]} 不是从它派生的"))
                return None
            chain = [layer for layer in chain if layer.path not in known]
        layers.extend(chain)
        titles.append(chain[-1].file.title if chain else part)
        ids.append(chain[-1].id if chain else part)
    composed = len(parts) > 1
    return resolve_layers(layers, problems, rubric_id="+".join(ids) if composed else None,
                          title=" + ".join(titles) if composed else None)


def _two_regions(earlier: list[Layer], chain: list[Layer]) -> tuple[Layer, Layer] | None:
    """A region's rubric stacked on another region's that it does not derive from
    (zhejiang+gansu; a city rubric extending zhejiang may follow zhejiang)."""
    regional = [layer for layer in earlier if _is_regional(layer)]
    if not regional or regional[-1].path in {layer.path for layer in chain}:
        return None
    other = next((layer for layer in chain if _is_regional(layer)), None)
    return (regional[-1], other) if other is not None else None


def _is_regional(layer: Layer) -> bool:
    """A rubric for a region names its places (`applies_to.places`); a department's names agencies."""
    applies = layer.file.applies_to
    return applies is not None and bool(applies.places)


def resolve_rubric(spec: str) -> Resolved:
    """The resolved rubric; a `RubricError` with the first problem when it is not valid."""
    key = (spec, os.getcwd())
    cached = _CACHE.get(key)
    if cached is not None:
        seen, resolved = cached
        try:
            if resolved.fingerprint() == seen:
                return resolved
        except OSError:
            pass
    problems = Problems()
    resolved = resolve_spec(spec, problems)
    problems.raise_first()
    if resolved is None:  # pragma: no cover - resolve_spec always reports why
        raise RubricError(spec, "无法加载评分细则", "运行 rolscore rubric validate 查看原因")
    _CACHE[key] = (resolved.fingerprint(), resolved)
    return resolved


def load_rubric(spec: str) -> Rubric:
    return resolve_rubric(spec).rubric
