"""The one-way flow of the package, enforced over every import (module level, lazy and TYPE_CHECKING).

LAYERS is the one table of that flow, lowest first. A module may import its own package and any package of
a LOWER layer; packages that share a layer are peers and never import each other. A package that is not
in the table fails the test: a new package (the web service, the report comparison, a new writer) is placed
here first. README.md ("Code layout") and CONTRIBUTING.md describe the same table.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

LAYERS: list[tuple[str, ...]] = [
    ("scorer", "scorer.errors", "scorer.chars", "scorer.headings"),  # version, errors and exit codes, character folding, heading grammar
    ("scorer.rubric", "scorer.read"),  # rubric files -> Rubric model; bytes -> text. Neither runs the engine
    ("scorer.text",),  # text -> Document: normalise, headings, sections and roles, opening, words, patterns
    ("scorer.match",),  # one module per matcher kind: Document + rule -> findings
    ("scorer.engine",),  # compile a rubric, decide each element, score, choose the rubric per report
    ("scorer.render",),  # results -> table, JSON, CSV, HTML (and later Word comments, Excel workbooks)
    ("scorer.api",),  # the one public scoring entry: Scorer, Scored and the re-exports
    ("scorer.annotate",),  # a scored report's findings as Word comments (批注) on the drafter's own file
    ("scorer.batch", "scorer.authoring", "scorer.compare"),  # many reports; rubric authors' tools; report comparison
    ("scorer.workbook", "scorer.web"),  # the reviewer's Excel workbook and its review read back as gold labels; the web service
    ("scorer.cli",),  # the `rolscore` command (`rolscore serve` starts the web service)
    ("scorer.__main__",),
]

PACKAGE_ROOT = Path(__file__).resolve().parent.parent / "scorer"


def unit_of(module: str) -> str:
    """The table entry a module belongs to: the longest entry that is the module or one of its parents."""
    best = None
    for layer in LAYERS:
        for name in layer:
            if (module == name or module.startswith(name + ".")) and (best is None or len(name) > len(best)):
                best = name
    if best is None:
        raise AssertionError(f"{module} belongs to no layer: add its package to LAYERS in tests/test_layers.py")
    return best


def rank_of(unit: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every `scorer...` module a file imports, wherever the import statement sits."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from scorer import api` imports the submodule, not only the package
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names if (PACKAGE_ROOT.parent / f"{target}.{alias.name}".replace(".", "/")).with_suffix(".py").exists()]
    return [(line, target) for line, target in found if target == "scorer" or target.startswith("scorer.")]


MODULES = sorted(PACKAGE_ROOT.rglob("*.py"))


def edges() -> list[tuple[str, int, str, str, str]]:
    """(file, line, imported module, importer's unit, imported unit) for every import that crosses units."""
    out = []
    for path in MODULES:
        here = unit_of(module_name(path))
        for line, target in imports_of(path):
            there = unit_of(target)
            if there != here and not (here != "scorer" and there == "scorer" and target == "scorer"):
                out.append((str(path.relative_to(PACKAGE_ROOT.parent)), line, target, here, there))
    return out


def test_every_module_belongs_to_a_layer():
    for path in MODULES:
        unit_of(module_name(path))


def test_imports_follow_the_flow():
    against = [
        f"{file}:{line} imports {target} ({here} may import only lower layers, {there} is not lower)"
        for file, line, target, here, there in edges()
        if rank_of(there) >= rank_of(here)
    ]
    assert not against, "imports against the flow:\n" + "\n".join(against)


def test_no_cycle_between_packages():
    graph = defaultdict(set)
    for _file, _line, _target, here, there in edges():
        graph[here].add(there)
    seen: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                raise AssertionError("cycle between packages: " + " -> ".join(trail[trail.index(nxt):] + [nxt]))
            if nxt not in seen:
                visit(nxt, trail + [nxt])
        seen[node] = 2

    for node in sorted(graph):
        if node not in seen:
            visit(node, [node])


@pytest.mark.parametrize("source, expected", [
    ("from scorer.engine.compiled import x\n", "scorer.engine.compiled"),
    ("def f():\n    import scorer.render.pages\n", "scorer.render.pages"),
    ("if TYPE_CHECKING:\n    from ..engine import summary\n", "scorer.engine"),
])
def test_the_reader_sees_every_kind_of_import(tmp_path, source, expected):
    fake_root = tmp_path / "scorer"
    (fake_root / "render").mkdir(parents=True)
    module = fake_root / "render" / "x.py"
    module.write_text(source, encoding="utf-8")
    globals()["PACKAGE_ROOT"] = fake_root
    try:
        assert expected in [target for _line, target in imports_of(module)]
    finally:
        globals()["PACKAGE_ROOT"] = Path(__file__).resolve().parent.parent / "scorer"


def test_an_import_against_the_flow_is_caught():
    assert rank_of(unit_of("scorer.engine.verdict")) > rank_of(unit_of("scorer.rubric.model"))
    assert rank_of(unit_of("scorer.cli.app")) > rank_of(unit_of("scorer.batch.tasks"))
    with pytest.raises(AssertionError, match="no layer"):
        unit_of("scorer_other.x")
