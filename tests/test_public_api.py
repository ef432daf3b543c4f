"""The curated public API: ``genomap.__all__`` is sorted, complete and importable, and the
quickstart in the package docstring (and the rendering modules' examples) run as doctests."""

from __future__ import annotations

import doctest
import importlib
import types

import pytest

import genomap


def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps: CONSTANTS, then Classes, then the rest."""
    if name.isupper():
        return 0, name
    return (1 if name[0].isupper() else 2), name


def test_all_is_sorted_and_unique() -> None:
    assert genomap.__all__ == sorted(genomap.__all__, key=_isort_key)
    assert len(set(genomap.__all__)) == len(genomap.__all__)


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(genomap).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(genomap.__all__) == public | {"__version__"}


@pytest.mark.parametrize("name", genomap.__all__)
def test_each_name_is_importable(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from genomap import {name}", namespace)
    assert namespace[name] is getattr(genomap, name)


def test_the_promised_names_are_there() -> None:
    promised = {
        "load_file",
        "loads",
        "dump_yaml",
        "dump_json",
        "json_schema",
        "Document",
        "Person",
        "Union",
        "InputError",
        "GenomapError",
        "RenderError",
        "Diagnostic",
        "build_graph",
        "FamilyGraph",
        "layout_genogram",
        "GenogramLayout",
        "measure",
        "LayoutMetrics",
        "Style",
        "MCGOLDRICK",
        "NSGC",
        "style_for",
        "Theme",
        "DEFAULT_THEME",
        "BLACK_AND_WHITE",
        "theme_for",
        "draw",
        "render",
        "render_genogram",
        "render_to_file",
        "Scene",
        "__version__",
    }
    assert promised <= set(genomap.__all__)


@pytest.mark.parametrize(
    "module",
    ["genomap", "genomap.api", "genomap.render.pages", "genomap.render.raster"],
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
