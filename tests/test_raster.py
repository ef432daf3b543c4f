"""PNG and PDF output: the page plan (fit, split, overlap, order), CairoSVG's output, the
install hint when CairoSVG is missing, and byte-for-byte deterministic PDFs."""

from __future__ import annotations

import itertools
import math
import re
import struct
import sys
from collections.abc import Iterator
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from genomap.errors import RenderError
from genomap.render import raster
from genomap.render.pages import MM, PT_PER_UNIT, PagePlan, PageSetup, plan_pages

SMALL = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    '<rect x="0" y="0" width="200" height="100" fill="#ffffff"/>'
    '<circle cx="100" cy="50" r="20" fill="#1a1a1a"/><text x="10" y="90">Ann</text></svg>'
)


def wide(width: float, height: float) -> str:
    """A drawing of the given size with a grid of symbols-sized squares."""
    squares = "".join(
        f'<rect x="{x}" y="{y}" width="40" height="40" fill="none" stroke="#000"/>'
        for x in range(0, int(width) - 40, 200)
        for y in range(0, int(height) - 40, 200)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>Wide</title>{squares}</svg>'
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pdf_pages(data: bytes) -> int:
    assert data[:5] == b"%PDF-"
    counts = re.findall(rb"/Count (\d+)", data)
    assert len(counts) == 1
    return int(counts[0])


def media_box(data: bytes) -> tuple[float, float]:
    boxes = set(re.findall(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", data))
    assert len(boxes) == 1, boxes
    width, height = next(iter(boxes))
    return float(width), float(height)


# --------------------------------------------------------------------------- the page plan


def test_readable_scale() -> None:
    setup = PageSetup()
    # 40-unit symbols print 6 mm wide at 6 / (40 * 0.75 / MM); 11-unit text 5 pt at 5 / 8.25.
    assert setup.readable_scale(40, 11) == pytest.approx(5 / 8.25)
    assert setup.readable_scale(40, 20) == pytest.approx(6 * MM / 30)
    assert PageSetup(min_symbol_mm=12).readable_scale(40, 11) == pytest.approx(12 * MM / 30)


def test_small_drawing_is_centred_at_natural_size() -> None:
    plan = plan_pages(200, 100, PageSetup(orientation="portrait"), min_scale=0.6)
    assert (plan.pages, plan.scale, plan.orientation) == (1, 1.0, "portrait")
    window_w, window_h = plan.window
    tile = plan.tiles[0]
    assert -tile.x == pytest.approx((window_w - 200 * PT_PER_UNIT) / 2)
    assert -tile.y == pytest.approx((window_h - 100 * PT_PER_UNIT) / 2)
    assert plan.label(tile, "Title") is None


def test_drawing_that_fits_at_a_readable_scale_is_shrunk_onto_one_page() -> None:
    plan = plan_pages(1500, 1100, PageSetup(), min_scale=0.6)
    assert (plan.pages, plan.orientation) == (1, "landscape")
    window_w, window_h = plan.window
    assert plan.scale == pytest.approx(min(window_w / 1125, window_h / 825))
    assert plan.scale >= 0.6


def test_too_big_a_drawing_is_split_in_reading_order() -> None:
    plan = plan_pages(6000, 2500, PageSetup(size="letter"), min_scale=0.6)
    assert plan.pages == plan.rows * plan.columns > 1
    assert [(t.row, t.column) for t in plan.tiles] == [
        (r, c) for r in range(1, plan.rows + 1) for c in range(1, plan.columns + 1)
    ]
    assert [t.number for t in plan.tiles] == list(range(1, plan.pages + 1))
    second = plan.tiles[1]
    assert plan.label(second, "Big family") == (
        f"Big family – page 2 of {plan.pages} (row 1 of {plan.rows}, column 2 of {plan.columns})"
    )
    assert plan.label(second) is not None and plan.label(second).startswith("Page 2 of")


def _check_grid(plan: PagePlan, width: float, height: float, setup: PageSetup) -> None:
    window_w, window_h = plan.window
    overlap = setup.overlap_mm * MM
    drawn_w, drawn_h = width * PT_PER_UNIT * plan.scale, height * PT_PER_UNIT * plan.scale
    xs = sorted({t.x for t in plan.tiles})
    ys = sorted({t.y for t in plan.tiles})
    assert len(xs) == plan.columns and len(ys) == plan.rows
    # The windows cover the whole drawing ...
    assert xs[0] <= 1e-6 and xs[-1] + window_w >= drawn_w - 1e-6
    assert ys[0] <= 1e-6 and ys[-1] + window_h >= drawn_h - 1e-6
    # ... neighbours share exactly the overlap, and no tile is wasted.
    for a, b in itertools.pairwise(xs):
        assert a + window_w - b == pytest.approx(overlap)
    for a, b in itertools.pairwise(ys):
        assert a + window_h - b == pytest.approx(overlap)
    if plan.columns > 1:
        assert xs[-1] < drawn_w
    if plan.rows > 1:
        assert ys[-1] < drawn_h


@given(
    st.floats(50, 40_000),
    st.floats(50, 12_000),
    st.sampled_from(["portrait", "landscape", "auto"]),
    st.sampled_from(["a4", "letter"]),
    st.floats(0.3, 1.2),
)
def test_plans_cover_the_drawing_at_a_readable_scale(
    width: float, height: float, orientation: str, size: str, min_scale: float
) -> None:
    setup = PageSetup(size=size, orientation=orientation)
    plan = plan_pages(width, height, setup, min_scale=min_scale)
    assert plan.scale >= min_scale - 1e-9
    assert plan.scale <= max(setup.max_scale, min_scale) + 1e-9
    assert plan.orientation == orientation or orientation == "auto"
    _check_grid(plan, width, height, setup)
    if orientation == "auto":
        for fixed in ("portrait", "landscape"):
            other = plan_pages(
                width, height, PageSetup(size=size, orientation=fixed), min_scale=min_scale
            )
            assert plan.pages <= other.pages


def test_auto_orientation_prefers_fewer_pages_then_a_larger_scale() -> None:
    assert plan_pages(3000, 600, PageSetup(), min_scale=0.6).orientation == "landscape"
    assert plan_pages(600, 3000, PageSetup(), min_scale=0.6).orientation == "portrait"
    square = plan_pages(100, 100, PageSetup(), min_scale=0.6)
    assert (square.orientation, square.scale) == ("portrait", 1.0)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"size": "a3"}, "page size"),
        ({"orientation": "sideways"}, "orientation"),
        ({"margin_mm": -1}, "margin_mm"),
        ({"margin_mm": 100}, "margin_mm"),
        ({"overlap_mm": 500}, "overlap_mm"),
        ({"min_symbol_mm": 0}, "positive"),
    ],
)
def test_bad_page_setups_are_refused(changes: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        PageSetup(**changes)


def test_drawing_without_area_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot print"):
        plan_pages(0, 100, PageSetup(), min_scale=0.6)


# --------------------------------------------------------------------------- svg size


def test_svg_size() -> None:
    assert raster.svg_size(SMALL) == (200.0, 100.0)
    assert raster.svg_size('<?xml version="1.0"?>\n<svg width="10px" height="20px"/>') == (10, 20)
    assert raster.svg_size('<svg width="100%" viewBox="0 0 30,40"/>') == (30.0, 40.0)
    with pytest.raises(ValueError, match="no <svg>"):
        raster.svg_size("<html/>")
    with pytest.raises(ValueError, match="no width"):
        raster.svg_size('<svg width="10cm" height="5cm"/>')


# --------------------------------------------------------------------------- PNG


def test_png_has_the_scaled_size_and_is_deterministic() -> None:
    one = raster.render_png(SMALL)
    assert png_size(one) == (200, 100)
    assert raster.render_png(SMALL) == one
    assert png_size(raster.render_png(SMALL, scale=2.5)) == (500, 250)


def test_png_scale_must_be_positive() -> None:
    for scale in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="scale"):
            raster.render_png(SMALL, scale=scale)


def test_too_large_a_png_is_refused_with_advice() -> None:
    with pytest.raises(RenderError, match=r"too large to draw; use a scale of at most 3\.16"):
        raster.render_png(wide(10_000, 1_000), scale=4)


# --------------------------------------------------------------------------- PDF


def test_small_pdf_is_one_page_of_the_chosen_paper() -> None:
    data = raster.render_pdf(SMALL, PageSetup(size="letter", orientation="landscape"))
    assert pdf_pages(data) == 1
    assert media_box(data) == (792, 612)
    a4 = raster.render_pdf(SMALL, PageSetup(orientation="portrait"))
    assert media_box(a4) == pytest.approx((595.28, 841.89), abs=0.01)


def test_big_pdf_is_split_across_the_planned_pages() -> None:
    svg = wide(9000, 2600)
    setup = PageSetup()
    data = raster.render_pdf(svg, setup, title="Wide family")
    plan = raster.plan_for(svg, setup)
    assert pdf_pages(data) == plan.pages > 1
    assert b"Wide family" in data  # the title is the PDF's title


def test_pdf_is_deterministic_and_has_no_creation_date() -> None:
    first = raster.render_pdf(SMALL, title="Ann")
    assert raster.render_pdf(SMALL, title="Ann") == first
    assert b"CreationDate" not in first and b"ModDate" not in first


def test_pdf_readable_scale_follows_the_drawing_sizes() -> None:
    svg = wide(2400, 1400)
    big_symbols = raster.plan_for(svg, symbol_size=40, font_size=11)
    tiny_symbols = raster.plan_for(svg, symbol_size=10, font_size=3)
    assert tiny_symbols.pages > big_symbols.pages


# --------------------------------------------------------------------------- missing extras


class _Refuse(MetaPathFinder):
    """An import hook that makes some modules fail to import, as a broken install would."""

    def __init__(self, names: set[str], error: type[Exception]) -> None:
        self.names, self.error = names, error

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.split(".")[0] in self.names:
            raise self.error(f"no library called {fullname!r} was found")
        return None


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Call with (names, error) to make those modules unimportable for the test."""

    def hide(names: set[str], error: type[Exception]) -> None:
        for name in list(sys.modules):
            if name.split(".")[0] in names:
                monkeypatch.delitem(sys.modules, name)
        monkeypatch.setattr(sys, "meta_path", [_Refuse(names, error), *sys.meta_path])

    raster._recorder.cache_clear()
    yield hide
    raster._recorder.cache_clear()


@pytest.mark.parametrize(("format", "extra"), [("png", "png"), ("pdf", "pdf")])
def test_missing_cairosvg_gives_an_install_hint(without: object, format: str, extra: str) -> None:
    without({"cairosvg"}, ImportError)
    convert = raster.render_png if format == "png" else raster.render_pdf
    with pytest.raises(RenderError, match=re.escape(f'pip install "genomap[{extra}]"')):
        convert(SMALL)


def test_missing_cairo_library_names_it(without: object) -> None:
    without({"cairocffi", "cairosvg"}, OSError)
    with pytest.raises(RenderError, match="Cairo graphics library"):
        raster.render_pdf(SMALL)


def test_width_of_a_split_page_grid_is_minimal() -> None:
    setup = PageSetup(orientation="landscape")
    plan = plan_pages(9000, 500, setup, min_scale=0.6)
    window_w, _ = plan.window
    overlap = setup.overlap_mm * MM
    needed = 9000 * PT_PER_UNIT * 0.6
    assert plan.columns == math.ceil((needed - overlap) / (window_w - overlap))
