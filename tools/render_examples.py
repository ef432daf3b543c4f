"""Render the genogram of every examples/*.yaml to an SVG and a PNG beside it.

Names follow ``genomap render``: ``NAME.svg`` for a document without an eco-map, and
``NAME-genogram.svg`` for one with an eco-map (whose drawing is ``NAME-ecomap.svg``).
tests/test_example_outputs.py checks that the committed SVGs equal a fresh render;
``pytest tests/test_example_outputs.py --update-golden`` rewrites them through this script.

Usage: python tools/render_examples.py [--check] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from genomap.api import drawings, output_paths, render
from genomap.io import load_file
from genomap.render.raster import render_png

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PNG_SCALE = 1.0


def svg_path(source: Path) -> Path:
    """Where the genogram of an example goes (see the module docstring)."""
    names = drawings(load_file(source))
    index = names.index("genogram")
    return output_paths(source.with_suffix(".svg"), names)[index]


def genogram_svg(source: Path) -> str:
    """The genogram of an example as the committed file holds it (with a final newline)."""
    return render(load_file(source), "svg", kind="genogram") + "\n"


def sources() -> list[Path]:
    """The example documents, by name."""
    return sorted(EXAMPLES.glob("*.yaml"))


def write(source: Path, scale: float = PNG_SCALE) -> tuple[Path, Path, float]:
    """Write an example's SVG and PNG; returns both paths and the seconds taken."""
    started = time.perf_counter()
    svg = genogram_svg(source)
    target = svg_path(source)
    target.write_text(svg, encoding="utf-8")
    png = target.with_suffix(".png")
    png.write_bytes(render_png(svg, scale=scale))
    return target, png, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report out-of-date SVGs")
    parser.add_argument("--scale", type=float, default=PNG_SCALE, help="PNG pixels per unit")
    args = parser.parse_args(argv)
    stale = 0
    for source in sources():
        if args.check:
            target = svg_path(source)
            if not target.is_file() or target.read_text(encoding="utf-8") != genogram_svg(source):
                print(f"out of date: {target.relative_to(ROOT)}")
                stale += 1
            continue
        svg, png, seconds = write(source, args.scale)
        print(f"{svg.relative_to(ROOT)}, {png.name}: {seconds:.2f} s")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
