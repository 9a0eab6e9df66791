"""The stages' import shape, read from the sources with `ast` (nothing is imported, no model is needed).

Imports count wherever they are written, at module level or inside a function, except under
`if TYPE_CHECKING:`, which never runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "briefgen"



def _modules(package: Path) -> dict[str, Path]:
    """Dotted name of every module of `package` (a package by its `__init__.py`)."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _type_checking(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import under `node`, at any depth, skipping the body of `if TYPE_CHECKING:` (not its `else`)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif _type_checking(child):
            assert isinstance(child, ast.If)
            for other in child.orelse:
                yield from _import_nodes(ast.Module(body=[other], type_ignores=[]))
        else:
            yield from _import_nodes(child)


def _imports(name: str, path: Path, modules: Mapping[str, Path]) -> set[str]:
    """The package's modules that module `name` imports (`from pkg import sub` imports the module `pkg.sub`)."""
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
            base = ".".join([*here[: len(here) - node.level + 1], *([node.module] if node.module else [])])
        found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names)
    return {m for m in found if m in modules and m != name}


def _graph(package: Path) -> dict[str, set[str]]:
    modules = _modules(package)
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _cycles(graph: Mapping[str, set[str]]) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan), plus any module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group: set[str] = set()
            while not group or v not in group:
                group.add(stack.pop())
            if len(group) > 1:
                out.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


@cache
def _package() -> dict[str, set[str]]:
    return _graph(PACKAGE)


def _reaching(graph: Mapping[str, set[str]], importers: str, imported: tuple[str, ...]) -> dict[str, set[str]]:
    """Modules under `importers` that import a module under one of `imported`, with what they import."""

    def under(name: str, prefix: str) -> bool:
        return name == prefix or name.startswith(prefix + ".")

    out = {}
    for name, deps in graph.items():
        bad = {d for d in deps if any(under(d, p) for p in imported)}
        if under(name, importers) and bad:
            out[name] = bad
    return out


def test_the_package_has_no_import_cycle() -> None:
    assert _cycles(_package()) == []


def test_load_imports_nothing_from_reconcile() -> None:
    assert _reaching(_package(), "briefgen.load", ("briefgen.reconcile",)) == {}


def test_reconcile_imports_nothing_from_nlp() -> None:
    assert _reaching(_package(), "briefgen.reconcile", ("briefgen.nlp",)) == {}


def test_nlp_imports_no_later_stage() -> None:
    assert _reaching(_package(), "briefgen.nlp", ("briefgen.reconcile", "briefgen.render")) == {}


def _write(root: Path, files: Mapping[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "shop" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "shop"


def test_the_checker_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    shop = _write(
        tmp_path,
        {
            "__init__.py": "",
            "till.py": "def total():\n    from shop.stock import count\n    return count()\n",
            "stock/__init__.py": "",
            "stock/count.py": "from ..till import total\n",
        },
    )
    graph = _graph(shop)
    assert graph["shop.till"] == {"shop.stock.count"}
    assert graph["shop.stock.count"] == {"shop.till"}
    assert _cycles(graph) == [{"shop.till", "shop.stock.count"}]
    assert _reaching(graph, "shop.stock", ("shop.till",)) == {"shop.stock.count": {"shop.till"}}


def test_the_checker_ignores_type_checking_imports_but_not_their_else(tmp_path: Path) -> None:
    shop = _write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from shop import b\nelse:\n    import shop.c\n",
            "b.py": "import shop.a\n",
            "c.py": "",
        },
    )
    graph = _graph(shop)
    assert graph["shop.a"] == {"shop.c"}
    assert _cycles(graph) == []
