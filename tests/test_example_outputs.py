"""The committed example drawings (examples/*.svg) equal a fresh render, and each has its PNG.

After a deliberate change to the drawing, rewrite them (SVG and PNG) with
``pytest tests/test_example_outputs.py --update-golden`` (or ``python tools/render_examples.py``)
and look at the PNGs before committing.
"""

from __future__ import annotations

import importlib.util
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

from genomap.render.raster import svg_size

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_examples", ROOT / "tools" / "render_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
SOURCES = TOOL.sources()


def test_every_example_is_drawn() -> None:
    stems = {p.stem for p in SOURCES}
    assert {"harris-family", "teaching-basics", "nsgc-pedigree", "conventions-gallery"} <= stems


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_example_svg_is_golden(source: Path, request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-golden"):
        TOOL.write(source)
    target = TOOL.svg_path(source)
    assert target.is_file(), f"no {target.name}: run python tools/render_examples.py"
    if target.read_text(encoding="utf-8") != TOOL.genogram_svg(source):
        pytest.fail(
            f"{target.name} differs from a fresh render: if the change is meant, run "
            "pytest tests/test_example_outputs.py --update-golden and look at the PNGs"
        )


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_example_png_matches_its_svg(source: Path) -> None:
    svg = TOOL.svg_path(source)
    data = svg.with_suffix(".png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    expected = svg_size(svg.read_text(encoding="utf-8"))
    scale = TOOL.PNG_SCALE
    assert (width, height) == (round(expected[0] * scale), round(expected[1] * scale))


def test_names_follow_the_render_command() -> None:
    names = {TOOL.svg_path(p).name for p in SOURCES}
    assert "harris-family.svg" in names
    assert "okafor-ecomap-genogram.svg" in names  # a document with an eco-map has two drawings
