"""Find and read the files of an inheritance chain: a rubric, its parent, its parent's parent.

A parent is named by `extends:` as a bundled id (`national`) or a path relative to the
file that names it. An id is looked up first beside the file (so a province office can
keep its own layers together), then among the bundled rubrics. Wherever the name leads,
the file must lie in the folder of the rubric the user named or among the bundled ones.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from scorer.rubric.checks import check_file, check_valid_parts
from scorer.rubric.layer import RubricFile
from scorer.rubric.problems import Problem, Problems
from scorer.rubric.schema_errors import clean_loc, owner_id, plain_message
from scorer.rubric.yamltree import YamlSyntaxError, YamlTree, duplicate_keys, parse_yaml

BUNDLED_DIRS = (
    Path(__file__).resolve().parent.parent / "_bundled_rubrics",  # installed wheel
    Path(__file__).resolve().parents[2] / "rubrics",  # source checkout
)
SUFFIXES = (".yaml", ".yml")
# `rolscore --rubrics-dir DIR`: one more folder `extends` may lead into. An environment
# variable, so that audit's worker processes see it too.
RUBRICS_DIR_ENV = "ROLSCORE_RUBRICS_DIR"


@dataclass
class Layer:
    path: Path  # resolved
    label: str  # as shown to users
    file: RubricFile
    tree: YamlTree

    @property
    def id(self) -> str:
        return self.file.id

    def problem(self, loc: tuple, element: str | None, message: str, severity: str = "error", key: bool = True) -> Problem:
        position = self.tree.position(loc, key=key)
        return Problem(self.label, position.line if position else None, position.column if position else None,
                       element, message, severity)  # type: ignore[arg-type]


def bundled_dir() -> Path | None:
    for folder in BUNDLED_DIRS:
        if folder.is_dir():
            return folder
    return None


def bundled_ids() -> list[str]:
    folder = bundled_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder else []


def label_for(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


def looks_like_path(name: str) -> bool:
    return name.endswith(SUFFIXES) or "/" in name or os.sep in name


_LAYERS: dict[tuple, Layer] = {}


def read_layer(path: Path, problems: Problems) -> Layer | None:
    """Read and check one file on its own, once per version of the file and process.

    Only a file without problems is remembered, so problems are reported every time.
    """
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, label_for(path))
    except OSError:
        key = None
    if key is not None and key in _LAYERS:
        return _LAYERS[key]
    found = Problems()
    layer = _read_layer(path, found)
    for problem in found.items:
        problems.add(problem)
    if key is not None and layer is not None and not found.items:
        _LAYERS[key] = layer
    return layer


def _read_layer(path: Path, problems: Problems) -> Layer | None:
    label = label_for(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.add(Problem(label, None, None, None, "文件不是 UTF-8 编码；请用 UTF-8 保存"))
        return None
    except OSError as exc:
        problems.add(Problem(label, None, None, None, f"无法读取：{exc.strerror or exc}"))
        return None
    try:
        tree = parse_yaml(text)
    except YamlSyntaxError as exc:
        where = exc.position
        problems.add(Problem(label, where.line if where else None, where.column if where else None, None, exc.message))
        return None
    for key, where, first in duplicate_keys(tree.root):
        problems.add(Problem(label, where.line, where.column, None,
                             f"键 “{key}” 重复（第 {first.line} 行已有），YAML 只会保留后一个；请删去或合并其中一个"))
    if not isinstance(tree.data, dict):
        problems.add(Problem(label, 1, 1, None, "评分细则应是一个 YAML 映射（键: 值），参见内置的 national.yaml"))
        return None
    try:
        rubric = RubricFile.model_validate(tree.data)
    except ValidationError as exc:
        for error in _without_misspelt_missing(exc.errors()):
            loc = clean_loc(tuple(error["loc"]))
            message = plain_message(error, loc, RubricFile, tree.data)
            where = tree.position(loc, key=error["type"] in ("extra_forbidden", "missing"))
            problems.add(Problem(label, where.line if where else None, where.column if where else None,
                                 owner_id(tree.data, loc), message))
        for loc, element, message, severity in check_valid_parts(tree.data):
            where = tree.position(loc, key=True)
            problems.add(Problem(label, where.line if where else None, where.column if where else None,
                                 element, message, severity))  # type: ignore[arg-type]
        return None
    layer = Layer(path=path.resolve(), label=label, file=rubric, tree=tree)
    for loc, element, message, severity in check_file(rubric):
        problems.add(layer.problem(loc, element, message, severity))
    return layer


def _without_misspelt_missing(errors: list[dict]) -> list[dict]:
    """`wieght: 3` gives both "unknown key wieght" and "missing weight": keep the first,
    whose message already suggests `weight`."""
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = clean_loc(tuple(error["loc"]))
            misspelt.add(loc[:-1])
    out = []
    for error in errors:
        loc = clean_loc(tuple(error["loc"]))
        if error["type"] == "missing" and loc[:-1] in misspelt and _close(loc[-1], errors, loc[:-1]):
            continue
        out.append(error)
    return out


def _close(missing: object, errors: list[dict], parent: tuple) -> bool:
    unknown = [str(clean_loc(tuple(e["loc"]))[-1]) for e in errors
               if e["type"] == "extra_forbidden" and clean_loc(tuple(e["loc"]))[:-1] == parent]
    return bool(difflib.get_close_matches(str(missing), unknown, n=1, cutoff=0.5))


def find_file(name: str, beside: Path | None = None) -> Path | None:
    """A rubric named by path or id; None when there is no such file."""
    if looks_like_path(name) or (beside is None and Path(name).is_file()):
        candidate = (beside / name) if beside is not None and not Path(name).is_absolute() else Path(name)
        return candidate if candidate.is_file() else None
    if beside is not None:
        for suffix in SUFFIXES:
            sibling = beside / f"{name}{suffix}"
            if sibling.is_file():
                return sibling
    folder = bundled_dir()
    if folder is not None and (folder / f"{name}.yaml").is_file():
        return folder / f"{name}.yaml"
    return None


def unknown_rubric_hint(name: str) -> str:
    known = bundled_ids()
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    guess = f"是不是 “{close[0]}”？" if close else ""
    return f"{guess}可用的内置细则：{', '.join(known)}；或写 YAML 文件路径"


def load_chain(start: Path, problems: Problems) -> list[Layer] | None:
    """The chain from the root rubric down to `start`. None when any link is broken."""
    chain: list[Layer] = []
    path = start
    roots = _allowed_roots(start)
    while True:
        layer = read_layer(path, problems)
        if layer is None:
            return None
        chain.append(layer)
        name = layer.file.extends
        if name is None:
            return list(reversed(chain))
        parent = find_file(name, beside=layer.path.parent)
        if parent is None:
            where = "（相对于本文件所在目录）" if looks_like_path(name) else ""
            problems.add(layer.problem(("extends",), None, f"找不到 extends 指向的评分细则 “{name}”{where}；{unknown_rubric_hint(name)}", key=False))
            return None
        parent = parent.resolve()
        if not any(parent.is_relative_to(root) for root in roots):
            # Never read it: its lines would come back quoted in the errors.
            problems.add(layer.problem(("extends",), None,
                                       f"extends: {name} 指向评分细则所在目录以外的文件，不予读取；"
                                       f"请写内置细则 id（{', '.join(bundled_ids())}），或本细则所在目录（或 --rubrics-dir 给出的目录）中的文件", key=False))
            return None
        if parent in [link.path for link in chain]:
            loop = " → ".join([link.label for link in chain] + [label_for(parent)])
            problems.add(layer.problem(("extends",), None, f"继承出现循环：{loop}；请删去其中一处 extends", key=False))
            return None
        if not looks_like_path(name):
            parent_id = _declared_id(parent)
            if parent_id is not None and parent_id != name:
                problems.add(layer.problem(("extends",), None,
                                           f"extends: {name} 找到的文件 {label_for(parent)} 的 id 是 “{parent_id}”；请改用文件路径或改正 id", key=False))
                return None
        path = parent


def _allowed_roots(start: Path) -> list[Path]:
    """Where `extends` may lead: the folder of the rubric the user named (and below it),
    and the bundled rubrics. A rubric file received from elsewhere cannot make the scorer
    read /etc/passwd or ../secret.yaml, through a path or a symbolic link."""
    roots = [start.resolve().parent]
    if os.environ.get(RUBRICS_DIR_ENV):
        roots.append(Path(os.environ[RUBRICS_DIR_ENV]).resolve())
    folder = bundled_dir()
    if folder is not None:
        roots.append(folder.resolve())
    return roots


def _declared_id(path: Path) -> str | None:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8-sig")).data
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None
    return str(data.get("id")) if isinstance(data, dict) and data.get("id") is not None else None
