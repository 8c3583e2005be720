"""No import cycles in revdiff/: the imports of every module, read with `ast`, form no loop.

Two graphs are checked:

* the module-level imports, every edge counted: a loop there fails at import time;
* every import, those inside functions too (revdiff imports heavy stages lazily). A loop there
  works at run time but ties two layers together (a renderer that imports the orchestrator that
  calls it), so it fails too. One kind of edge is left out of this graph: a lazy import of a
  package that encloses the importing module (`from revdiff import __version__` inside a
  function of revdiff/render/html.py). Python initialises every enclosing package before the
  module, so such an import only reads a finished package, and a package's functions that import
  its own submodules lazily are what lazy loading means.

Imports under ``if TYPE_CHECKING:`` are for the type checker only and count in neither graph.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "revdiff"


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _imports(name: str, path: Path, modules: set[str]) -> Iterator[tuple[str, bool]]:
    """(imported module, whether the import is inside a function) for each import in `path`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST, lazy: bool) -> Iterator[tuple[str, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            inner = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                yield from ((alias.name, inner) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    kept = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*kept, base] if base else kept)
                submodules = [f"{base}.{a.name}" for a in child.names]
                found = [m for m in submodules if m in modules]
                # `from pkg import sub` imports the submodule; `from pkg import name`, pkg.
                yield from ((m, inner) for m in found)
                if len(found) < len(submodules):
                    yield base, inner
            yield from visit(child, inner)

    yield from visit(ast.parse(path.read_text(encoding="utf-8")), False)


def import_graph(*, lazy: bool) -> dict[str, set[str]]:
    modules = module_names()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for target, inside_function in _imports(name, path, set(modules)):
            if target not in modules or target == name:
                continue
            if inside_function and not lazy:
                continue
            if inside_function and name.startswith(target + "."):
                continue  # a lazy import of an enclosing package (see the module docstring)
            edges.add(target)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := walk(target)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)) is not None:
            return cycle
    return None


def test_no_module_level_import_cycle() -> None:
    cycle = find_cycle(import_graph(lazy=False))
    assert cycle is None, " -> ".join(cycle or ())


def test_no_import_cycle_counting_lazy_imports() -> None:
    cycle = find_cycle(import_graph(lazy=True))
    assert cycle is None, " -> ".join(cycle or ())


def test_the_walk_finds_a_cycle_and_reads_lazy_and_relative_imports() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    lazy = import_graph(lazy=True)
    assert "revdiff.render.text" in lazy["revdiff.render"]  # imported inside a function
    assert "revdiff.render.text" not in import_graph(lazy=False)["revdiff.render"]
    assert "revdiff.model" in lazy["revdiff.compare"]


def test_tests_import_their_helpers_one_way() -> None:
    # tests/ helpers are imported by their bare name (see tests/conftest.py); the same helper
    # imported as tests.strategies too would be a second module with its own state.
    tests = Path(__file__).resolve().parent
    offenders = [
        path.name
        for path in sorted(tests.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if any(name.startswith("tests.") for name in _imported_names(node))
    ]
    assert offenders == []


def _imported_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return []
