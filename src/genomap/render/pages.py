"""Print pages for a drawing: paper sizes, the readable scale, and the split into tiles.

Pure arithmetic, no drawing library: :mod:`genomap.render.raster` paints the tiles this module
plans. Lengths on paper are PostScript points (1/72 inch); lengths in the drawing are drawing
units (1 unit = 1 CSS pixel = 1/96 inch), so at scale 1 a unit prints as 0.75 pt.

The rule (see :func:`plan_pages`):

1. A drawing is *readable* when its symbols print at least ``min_symbol_mm`` wide (6 mm) and its
   body text at least ``min_text_pt`` (5 pt); that gives the minimum scale.
2. It is never enlarged beyond its natural size (``max_scale``, 1.0: a 40-unit symbol is
   10.6 mm).
3. If the whole drawing fits inside the margins at a readable scale, it gets one page, scaled
   down as little as needed and centred.
4. Otherwise it is split into a grid of tiles at the readable scale, neighbours overlapping by
   ``overlap_mm`` so the pages can be trimmed and taped; the scale then grows as far as that
   grid allows. Pages are numbered in reading order, row by row, left to right.
5. ``orientation="auto"`` tries both and keeps the one with fewer pages, then the larger scale,
   then portrait.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal, get_args

PageSize = Literal["a4", "letter"]
Orientation = Literal["portrait", "landscape", "auto"]

MM: Final = 72 / 25.4
"""Points per millimetre."""
PT_PER_UNIT: Final = 0.75
"""Points per drawing unit (a CSS pixel) at scale 1."""

PAGE_SIZES: Final[dict[str, tuple[float, float]]] = {
    "a4": (210 * MM, 297 * MM),
    "letter": (8.5 * 72, 11.0 * 72),
}
"""Portrait page width and height in points."""


@dataclass(frozen=True, slots=True)
class PageSetup:
    """How a drawing goes on paper.

    Attributes:
        size: ``"a4"`` or ``"letter"``.
        orientation: ``"portrait"``, ``"landscape"`` or ``"auto"`` (whichever fits better).
        margin_mm: white margin on every side; page labels sit in the bottom one.
        overlap_mm: how much neighbouring tiles of a split drawing share.
        min_symbol_mm: the smallest readable symbol width.
        min_text_pt: the smallest readable body text.
        max_scale: never print larger than this (1.0 = natural size).

    Example:
        >>> PageSetup(size="letter", orientation="landscape").page_size()
        (792.0, 612.0)
    """

    size: PageSize = "a4"
    orientation: Orientation = "auto"
    margin_mm: float = 12.0
    overlap_mm: float = 10.0
    min_symbol_mm: float = 6.0
    min_text_pt: float = 5.0
    max_scale: float = 1.0

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZES:
            raise ValueError(f"unknown page size {self.size!r}; expected one of: a4, letter")
        if self.orientation not in get_args(Orientation):
            raise ValueError(
                f"unknown orientation {self.orientation!r}; expected one of: "
                + ", ".join(get_args(Orientation))
            )
        width, height = PAGE_SIZES[self.size]
        if not 0 <= self.margin_mm * MM < min(width, height) / 3:
            raise ValueError("margin_mm must be between 0 and a third of the page width")
        if not 0 <= self.overlap_mm * MM < (min(width, height) - 2 * self.margin_mm * MM) / 2:
            raise ValueError("overlap_mm must be between 0 and half the printable width")
        if self.min_symbol_mm <= 0 or self.min_text_pt <= 0 or self.max_scale <= 0:
            raise ValueError("min_symbol_mm, min_text_pt and max_scale must be positive")

    def page_size(
        self, orientation: Literal["portrait", "landscape"] | None = None
    ) -> tuple[float, float]:
        """Page width and height in points for an orientation (default: this setup's; auto
        counts as portrait)."""
        width, height = PAGE_SIZES[self.size]
        chosen = orientation or self.orientation
        return (height, width) if chosen == "landscape" else (width, height)

    def readable_scale(self, symbol_size: float, font_size: float) -> float:
        """The smallest scale at which symbols of ``symbol_size`` units and text of
        ``font_size`` units are readable on paper.

        Example:
            >>> round(PageSetup().readable_scale(40, 11), 3)  # text decides: 5 pt / 8.25 pt
            0.606
        """
        by_symbol = self.min_symbol_mm * MM / (symbol_size * PT_PER_UNIT)
        by_text = self.min_text_pt / (font_size * PT_PER_UNIT)
        return max(by_symbol, by_text)


@dataclass(frozen=True, slots=True)
class Tile:
    """One page of a plan: its place in the grid, and the window of the scaled drawing it
    shows (in points, origin at the drawing's top left corner, before margins)."""

    number: int
    row: int
    column: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class PagePlan:
    """Where a drawing goes: page size and orientation, scale, and the tiles in reading order.

    Attributes:
        page_width: page width in points.
        page_height: page height in points.
        orientation: the chosen orientation.
        margin: the margin in points.
        scale: printed size over natural size.
        rows: rows of tiles.
        columns: columns of tiles.
        tiles: the pages, row by row, left to right.
    """

    page_width: float
    page_height: float
    orientation: Literal["portrait", "landscape"]
    margin: float
    scale: float
    rows: int
    columns: int
    tiles: tuple[Tile, ...]

    @property
    def pages(self) -> int:
        """How many pages the plan prints."""
        return len(self.tiles)

    @property
    def window(self) -> tuple[float, float]:
        """Width and height of the printable area of a page, in points."""
        return self.page_width - 2 * self.margin, self.page_height - 2 * self.margin

    def label(self, tile: Tile, title: str | None = None) -> str | None:
        """The footer of a page of a split drawing (None when the drawing fits on one page).

        Example:
            >>> plan = plan_pages(4000, 900, PageSetup(orientation="landscape"), min_scale=0.6)
            >>> plan.label(plan.tiles[1], "The Harris family")
            'The Harris family – page 2 of 3 (row 1 of 1, column 2 of 3)'
        """
        if self.pages == 1:
            return None
        where = f"row {tile.row} of {self.rows}, column {tile.column} of {self.columns}"
        text = f"page {tile.number} of {self.pages} ({where})"
        return f"{title} – {text}" if title else text[0].upper() + text[1:]


def _grid(extent: float, window: float, overlap: float) -> int:
    """Tiles needed along one axis to cover ``extent`` points with windows that overlap."""
    if extent <= window:
        return 1
    return math.ceil((extent - overlap) / (window - overlap) - 1e-9)


def _plan(
    width: float,
    height: float,
    setup: PageSetup,
    orientation: Literal["portrait", "landscape"],
    min_scale: float,
) -> PagePlan:
    page_w, page_h = setup.page_size(orientation)
    margin = setup.margin_mm * MM
    win_w, win_h = page_w - 2 * margin, page_h - 2 * margin
    natural_w, natural_h = width * PT_PER_UNIT, height * PT_PER_UNIT
    top = max(setup.max_scale, min_scale)
    fit = min(win_w / natural_w, win_h / natural_h, top)
    overlap = setup.overlap_mm * MM
    if fit >= min_scale:
        scale, cols, rows = fit, 1, 1
    else:
        cols = _grid(natural_w * min_scale, win_w, overlap)
        rows = _grid(natural_h * min_scale, win_h, overlap)
        # Grow into the grid: the largest scale that still needs no more tiles.
        scale = min(
            top,
            (cols * (win_w - overlap) + overlap) / natural_w,
            (rows * (win_h - overlap) + overlap) / natural_h,
        )
    step_w = win_w - overlap if cols > 1 else win_w
    step_h = win_h - overlap if rows > 1 else win_h
    # Centre the drawing on the area the grid covers.
    off_x = ((cols - 1) * step_w + win_w - natural_w * scale) / 2
    off_y = ((rows - 1) * step_h + win_h - natural_h * scale) / 2
    tiles = tuple(
        Tile(r * cols + c + 1, r + 1, c + 1, c * step_w - off_x, r * step_h - off_y)
        for r in range(rows)
        for c in range(cols)
    )
    return PagePlan(page_w, page_h, orientation, margin, scale, rows, cols, tiles)


def plan_pages(width: float, height: float, setup: PageSetup, *, min_scale: float) -> PagePlan:
    """Plan the pages for a drawing of ``width`` × ``height`` drawing units.

    Args:
        width: drawing width in drawing units (the SVG's ``width``).
        height: drawing height in drawing units.
        setup: paper, orientation and margins.
        min_scale: the smallest readable scale (see :meth:`PageSetup.readable_scale`).

    Returns:
        The plan: one centred page when the drawing fits at a readable scale, else a grid.

    Raises:
        ValueError: for a drawing without area.

    Example:
        >>> plan = plan_pages(1500, 1100, PageSetup(), min_scale=0.6)
        >>> plan.pages, plan.orientation, round(plan.scale, 2)
        (1, 'landscape', 0.64)
    """
    if not (width > 0 and height > 0 and math.isfinite(width * height)):
        raise ValueError(f"cannot print a drawing of {width} × {height} units")
    orientations: tuple[Literal["portrait", "landscape"], ...] = (
        ("portrait", "landscape") if setup.orientation == "auto" else (setup.orientation,)
    )
    plans = [_plan(width, height, setup, o, min_scale) for o in orientations]
    return min(plans, key=lambda p: (p.pages, -round(p.scale, 6), p.orientation != "portrait"))


__all__ = [
    "MM",
    "PAGE_SIZES",
    "PT_PER_UNIT",
    "Orientation",
    "PagePlan",
    "PageSetup",
    "PageSize",
    "Tile",
    "plan_pages",
]
