"""SVG to PNG, and to print-ready paged PDF, through CairoSVG (the ``png`` and ``pdf`` extras).

CairoSVG and cairocffi are imported on first use, so genomap works without them until a PNG or
PDF is asked for; then :class:`~genomap.errors.RenderError` says what to install.

A PDF is drawn once into a Cairo recording surface (vectors, not pixels), which is then painted
onto each page through a clip window: one page when the drawing fits at a readable scale, a
grid of overlapping tiles otherwise (the rule is in :mod:`genomap.render.pages`). The PDF has
no creation date, so the same drawing always gives the same bytes with the same Cairo.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from functools import cache
from types import ModuleType
from typing import Any, Final, Literal

from genomap.errors import RenderError
from genomap.render.pages import PagePlan, PageSetup, plan_pages

MAX_SIDE: Final = 32_767
"""Cairo cannot make an image wider or taller than this many pixels."""
MAX_PIXELS: Final = 100_000_000
"""The largest PNG drawn (400 MB of memory while drawing)."""
LABEL_PT: Final = 7.0
"""Size of the page labels of a split drawing, in points."""

_ROOT = re.compile(r"<svg\b[^>]*>")
_ATTRIBUTE = r'\s{}\s*=\s*"([^"]*)"'
_NUMBER = re.compile(r"\s*([0-9.eE+-]+)\s*(px)?\s*")


def _modules(format: Literal["png", "pdf"]) -> tuple[ModuleType, ModuleType, ModuleType]:
    """cairocffi, cairosvg.parser and cairosvg.surface, or a RenderError saying what to install."""
    try:
        import cairocffi
        import cairosvg.parser
        import cairosvg.surface
    except ImportError:
        raise RenderError(
            f"{format.upper()} output needs CairoSVG, which is not installed: "
            f'pip install "genomap[{format}]"'
        ) from None
    except OSError as exc:  # cairocffi is there but the Cairo C library is not
        raise RenderError(
            f"{format.upper()} output needs the Cairo graphics library ({exc}); install it "
            "with the system's package manager (for example apt install libcairo2, "
            "or brew install cairo)"
        ) from None
    return cairocffi, cairosvg.parser, cairosvg.surface


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height of an SVG document in drawing units (its root ``width`` and
    ``height`` in pixels, else its ``viewBox``).

    Raises:
        ValueError: when the text has no ``<svg>`` element with a size.

    Example:
        >>> svg_size('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80.5"/>')
        (120.0, 80.5)
    """
    root = _ROOT.search(svg)
    if root is None:
        raise ValueError("not an SVG document: no <svg> element")
    tag = root.group(0)

    def attribute(name: str) -> str | None:
        found = re.search(_ATTRIBUTE.format(name), tag)
        return found.group(1) if found else None

    width, height = attribute("width"), attribute("height")
    if width is not None and height is not None:
        sizes = [_NUMBER.fullmatch(width), _NUMBER.fullmatch(height)]
        if sizes[0] and sizes[1]:
            return float(sizes[0].group(1)), float(sizes[1].group(1))
    view_box = attribute("viewBox")
    if view_box is not None:
        parts = view_box.replace(",", " ").split()
        if len(parts) == 4:
            return float(parts[2]), float(parts[3])
    raise ValueError("the SVG document has no width and height in pixels and no viewBox")


def render_png(svg: str, *, scale: float = 1.0) -> bytes:
    """Rasterise an SVG document to PNG.

    Args:
        svg: the SVG text.
        scale: pixels per drawing unit (1 = natural size, 96 dpi; 2 for high-density screens;
            ``dpi / 96`` for a resolution).

    Returns:
        The PNG file's bytes.

    Raises:
        ValueError: for a scale that is not positive.
        RenderError: when CairoSVG is missing, or the image would be too large (more than
            :data:`MAX_SIDE` pixels across or :data:`MAX_PIXELS` in all).
    """
    if not (scale > 0 and math.isfinite(scale)):
        raise ValueError(f"scale must be a positive number, not {scale}")
    width, height = svg_size(svg)
    pixels_w, pixels_h = round(width * scale), round(height * scale)  # as CairoSVG sizes it
    if max(pixels_w, pixels_h) > MAX_SIDE or pixels_w * pixels_h > MAX_PIXELS:
        largest = min(MAX_SIDE / max(width, height), math.sqrt(MAX_PIXELS / (width * height)))
        raise RenderError(
            f"a PNG of {pixels_w:,} × {pixels_h:,} pixels is too large to draw; use a scale of "
            f"at most {math.floor(largest * 100) / 100:g}, or PDF output, which splits a "
            "large drawing across pages"
        )
    _modules("png")
    import cairosvg

    data: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
    return data


@cache
def _recorder() -> Any:
    """A CairoSVG surface that draws into a Cairo recording surface instead of a file."""
    cairo, _, surfaces = _modules("pdf")
    base: Any = surfaces.PDFSurface

    class Recorder(base):  # type: ignore[misc]
        # PDF device units (points), so the recording is at print size for scale 1.
        def _create_surface(self, width: float, height: float) -> tuple[Any, float, float]:
            extents = (0, 0, width, height)
            return cairo.RecordingSurface(cairo.CONTENT_COLOR_ALPHA, extents), width, height

    return Recorder


def plan_for(
    svg: str, setup: PageSetup | None = None, *, symbol_size: float = 40.0, font_size: float = 11.0
) -> PagePlan:
    """The pages :func:`render_pdf` would print for an SVG document (without drawing it)."""
    setup = setup or PageSetup()
    width, height = svg_size(svg)
    return plan_pages(width, height, setup, min_scale=setup.readable_scale(symbol_size, font_size))


def render_pdf(
    svg: str,
    setup: PageSetup | None = None,
    *,
    symbol_size: float = 40.0,
    font_size: float = 11.0,
    title: str | None = None,
) -> bytes:
    """Print an SVG document to PDF: one page if it fits at a readable scale, else several.

    Args:
        svg: the SVG text.
        setup: paper size, orientation and margins (A4, the better orientation, 12 mm).
        symbol_size: the drawing's symbol size in drawing units, for the readable scale.
        font_size: the drawing's body text size in drawing units, for the readable scale.
        title: the PDF's title, also used in the page labels of a split drawing.

    Returns:
        The PDF file's bytes.

    Raises:
        RenderError: when CairoSVG or Cairo is missing.
    """
    plan = plan_for(svg, setup, symbol_size=symbol_size, font_size=font_size)
    cairo, parser, _ = _modules("pdf")
    tree = parser.Tree(bytestring=svg.encode("utf-8"))
    recording = _recorder()(tree, None, 96).cairo
    output = io.BytesIO()
    pdf = cairo.PDFSurface(output, plan.page_width, plan.page_height)
    # Cairo before 1.16 has no metadata call, and writes no dates either.
    with contextlib.suppress(AttributeError):
        # An empty date leaves /CreationDate out, so the bytes depend on the drawing alone.
        pdf.set_metadata(cairo.PDF_METADATA_CREATE_DATE, "")
        pdf.set_metadata(cairo.PDF_METADATA_CREATOR, "genomap")
        if title:
            pdf.set_metadata(cairo.PDF_METADATA_TITLE, title)
    window_w, window_h = plan.window
    for tile in plan.tiles:
        context = cairo.Context(pdf)
        context.save()
        context.rectangle(plan.margin, plan.margin, window_w, window_h)
        context.clip()
        context.translate(plan.margin - tile.x, plan.margin - tile.y)
        context.scale(plan.scale, plan.scale)
        context.set_source_surface(recording, 0, 0)
        context.paint()
        context.restore()
        label = plan.label(tile, title)
        if label:
            _footer(context, label, plan)
        pdf.show_page()
    pdf.finish()
    return output.getvalue()


def _footer(context: Any, text: str, plan: PagePlan) -> None:
    """The page label, centred in the bottom margin."""
    context.select_font_face("DejaVu Sans")
    context.set_font_size(LABEL_PT)
    context.set_source_rgb(0.36, 0.36, 0.36)
    advance = context.text_extents(text)[4]
    baseline = plan.page_height - plan.margin / 2 + LABEL_PT / 3
    context.move_to((plan.page_width - advance) / 2, baseline)
    context.show_text(text)


__all__ = [
    "LABEL_PT",
    "MAX_PIXELS",
    "MAX_SIDE",
    "plan_for",
    "render_pdf",
    "render_png",
    "svg_size",
]
