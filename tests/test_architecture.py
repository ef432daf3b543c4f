"""The one-way pipeline, read from the source with ``ast``: models -> graph -> layout -> scene
-> render. No stage imports a later one, and the drawing libraries stay in their modules."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "genomap"


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def imports(module: str, *, top_level_only: bool) -> frozenset[str]:
    """Every module a module imports (relative imports resolved), optionally only those
    executed at import time (not inside functions or methods)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import) and not (top_level_only and inside):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and not (top_level_only and inside):
                base = child.module or ""
                if child.level:
                    anchor = package.rsplit(".", child.level - 1)[0] if child.level > 1 else package
                    base = f"{anchor}.{base}" if base else anchor
                found.add(base)
                # "from genomap import api" imports the module genomap.api.
                found.update(
                    f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in MODULES
                )
            visit(child, inside)

    visit(tree, False)
    return frozenset(found)


def _imports_any(module: str, targets: tuple[str, ...], *, top_level_only: bool) -> list[str]:
    return sorted(
        name
        for name in imports(module, top_level_only=top_level_only)
        if any(name == t or name.startswith(t + ".") for t in targets)
    )


def _in(prefix: str) -> list[str]:
    return [m for m in MODULES if m == prefix or m.startswith(prefix + ".")]


def test_the_source_tree_is_found() -> None:
    assert {"genomap", "genomap.models", "genomap.layout", "genomap.render.svg"} <= set(MODULES)


def test_only_render_svg_imports_svgwrite() -> None:
    users = [m for m in MODULES if _imports_any(m, ("svgwrite",), top_level_only=False)]
    assert users == ["genomap.render.svg"]


def test_only_render_raster_imports_cairo() -> None:
    users = [m for m in MODULES if _imports_any(m, ("cairosvg", "cairocffi"), top_level_only=False)]
    assert users == ["genomap.render.raster"]


@pytest.mark.parametrize("module", _in("genomap.layout"))
def test_layout_never_draws(module: str) -> None:
    later = ("genomap.scene", "genomap.render", "genomap.compose", "svgwrite", "genomap.api")
    assert _imports_any(module, later, top_level_only=False) == []


@pytest.mark.parametrize("module", _in("genomap.models"))
def test_models_depend_on_nothing_heavy_at_import_time(module: str) -> None:
    heavy = ("networkx", "svgwrite", "genomap.render", "genomap.api", "genomap.graph")
    assert _imports_any(module, heavy, top_level_only=True) == []
    assert _imports_any(module, ("genomap.layout", "genomap.scene"), top_level_only=False) == []


def test_graph_does_not_know_about_layout() -> None:
    for module in ("genomap.graph", "genomap.kinship"):
        assert (
            _imports_any(
                module, ("genomap.layout", "genomap.scene", "genomap.render"), top_level_only=False
            )
            == []
        )


def test_scene_does_not_know_about_renderers() -> None:
    assert _imports_any("genomap.scene", ("genomap.render", "svgwrite"), top_level_only=False) == []


# The stages in pipeline order; a module may import its own stage and earlier ones only.
STAGES = (
    ("models", ("genomap.models",)),
    ("graph", ("genomap.graph", "genomap.kinship")),
    ("layout", ("genomap.layout",)),
    ("scene", ("genomap.scene",)),
    ("render", ("genomap.render",)),
)


@pytest.mark.parametrize("stage", range(len(STAGES)))
def test_the_pipeline_runs_one_way(stage: int) -> None:
    _, own = STAGES[stage]
    later = tuple(prefix for _, prefixes in STAGES[stage + 1 :] for prefix in prefixes)
    modules = [m for prefix in own for m in _in(prefix)]
    assert modules
    for module in modules:
        assert _imports_any(module, later, top_level_only=True) == [], module
