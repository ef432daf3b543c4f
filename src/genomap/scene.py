"""Backend-neutral drawing primitives: shapes, text, groups, definitions and the Scene."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from genomap._quick import quick_init
from genomap.geometry import Box, Point
from genomap.text import text_width

TextAnchor = Literal["start", "middle", "end"]
LineCap = Literal["butt", "round", "square"]
LineJoin = Literal["miter", "round", "bevel"]


@quick_init
@dataclass(frozen=True, slots=True)
class Ref:
    """A paint taken from a definition (a pattern), by the definition's id."""

    id: str


Paint = str | Ref | None
"""A colour (``"#1a1a1a"``), a pattern reference, or None for no paint."""


@quick_init
@dataclass(frozen=True, slots=True)
class Stroke:
    """How an outline is drawn: colour, width, dash lengths (empty = solid), caps and joins."""

    colour: str
    width: float
    dash: tuple[float, ...] = ()
    cap: LineCap = "butt"
    join: LineJoin = "miter"


@quick_init
@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle with optional rounded corners."""

    x: float
    y: float
    width: float
    height: float
    rx: float = 0.0
    fill: Paint = None
    stroke: Stroke | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Circle:
    """A circle."""

    cx: float
    cy: float
    r: float
    fill: Paint = None
    stroke: Stroke | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed polygon."""

    points: tuple[Point, ...]
    fill: Paint = None
    stroke: Stroke | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Polyline:
    """An open chain of straight segments (never filled)."""

    points: tuple[Point, ...]
    stroke: Stroke | None = None


PathCommand = tuple[str, tuple[float, ...]]
"""One path command: ``("M", (x, y))``, ``("L", (x, y))``, ``("Q", (cx, cy, x, y))``,
``("A", (rx, ry, rotation, large_arc, sweep, x, y))`` or ``("Z", ())``."""


@quick_init
@dataclass(frozen=True, slots=True)
class Path:
    """A general outline made of move, line, quadratic, arc and close commands."""

    commands: tuple[PathCommand, ...]
    fill: Paint = None
    stroke: Stroke | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Text:
    """One line of text; ``y`` is the baseline and ``anchor`` the horizontal alignment."""

    x: float
    y: float
    text: str
    size: float
    anchor: TextAnchor = "middle"
    bold: bool = False
    italic: bool = False
    fill: str = "#000000"


@quick_init
@dataclass(frozen=True, slots=True)
class Group:
    """A group of elements with an optional id, CSS class, data attributes and title."""

    children: tuple[Element, ...]
    id: str | None = None
    css_class: str | None = None
    data: tuple[tuple[str, str], ...] = ()
    title: str | None = None
    clip: str | None = None


Element = Rect | Circle | Polygon | Polyline | Path | Text | Group
"""Anything that can appear in a Scene's body."""

Shape = Rect | Circle | Polygon | Path
"""Elements that can serve as a clipping outline."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """A repeating fill in user-space units, rotated by ``angle`` degrees."""

    id: str
    width: float
    height: float
    children: tuple[Element, ...]
    angle: float = 0.0


@dataclass(frozen=True, slots=True)
class ClipPath:
    """A clipping region: only what falls inside ``shape`` is painted."""

    id: str
    shape: Shape


Definition = Pattern | ClipPath
"""Reusable definitions referenced by id."""


@dataclass(frozen=True, slots=True)
class Scene:
    """A whole drawing: its size, the visible region, accessible text, definitions and body."""

    width: float
    height: float
    view_box: Box
    title: str
    description: str
    children: tuple[Element, ...]
    defs: tuple[Definition, ...] = ()
    id_prefix: str = "g"
    font_family: str = "DejaVu Sans, Verdana, Arial, sans-serif"
    background: str | None = "#ffffff"


@quick_init
@dataclass(frozen=True, slots=True)
class Drawn:
    """Elements plus the definitions they reference, as returned by drawing functions."""

    elements: tuple[Element, ...] = ()
    defs: tuple[Definition, ...] = ()

    def __add__(self, other: Drawn) -> Drawn:
        return Drawn(self.elements + other.elements, self.defs + other.defs)


def walk(elements: tuple[Element, ...]) -> Iterator[Element]:
    """Every element, depth first, groups before their children."""
    for element in elements:
        yield element
        if isinstance(element, Group):
            yield from walk(element.children)


def bounds(element: Element) -> Box | None:
    """An element's bounding box (stroke widths ignored; text measured), or None if empty."""
    if isinstance(element, Rect):
        return Box(element.x, element.y, element.x + element.width, element.y + element.height)
    if isinstance(element, Circle):
        return Box.around(element.cx, element.cy, 2 * element.r, 2 * element.r)
    if isinstance(element, Polygon | Polyline):
        return _points_box(element.points)
    if isinstance(element, Path):
        return _points_box(
            tuple(Point(c[1][-2], c[1][-1]) for c in element.commands if len(c[1]) >= 2)
        )
    if isinstance(element, Text):
        width = text_width(element.text, element.size, bold=element.bold)
        left = {"start": 0.0, "middle": width / 2, "end": width}[element.anchor]
        top = element.y - element.size * 0.8
        return Box(element.x - left, top, element.x - left + width, element.y + element.size * 0.25)
    return union_bounds(element.children)


def union_bounds(elements: tuple[Element, ...]) -> Box | None:
    """The box holding every element's bounds, or None when there is nothing."""
    extent = _extent(elements)
    return None if extent is None else Box(*extent)


Extent = tuple[float, float, float, float]


def _extent(elements: tuple[Element, ...]) -> Extent | None:
    """:func:`union_bounds` as plain numbers: the same comparisons as ``Box.union`` (the same
    result to the bit), without a Box per element. Whole drawings pass through here."""
    found = False
    left = top = right = bottom = 0.0
    for element in elements:
        box: Extent | None
        # Exact types first (the common case, quickest to test), then anything else.
        if type(element) is Group:
            box = _extent(element.children)
        elif type(element) is Text:
            box = _text_extent(element)
        elif type(element) is Rect:
            x, y = element.x, element.y
            box = (x, y, x + element.width, y + element.height)
        elif type(element) is Circle:
            half = 2 * element.r / 2  # as Box.around(cx, cy, 2r, 2r) has it
            box = (element.cx - half, element.cy - half, element.cx + half, element.cy + half)
        elif type(element) is Polyline or type(element) is Polygon:
            box = _points_extent(element.points)
        else:
            whole = bounds(element)
            box = None if whole is None else (whole.left, whole.top, whole.right, whole.bottom)
        if box is None:
            continue
        if not found:
            left, top, right, bottom = box
            found = True
            continue
        b_left, b_top, b_right, b_bottom = box
        # min(a, b) and max(a, b) keep ``a`` on ties, as Box.union does.
        if b_left < left:
            left = b_left
        if b_top < top:
            top = b_top
        if b_right > right:
            right = b_right
        if b_bottom > bottom:
            bottom = b_bottom
    return (left, top, right, bottom) if found else None


def _points_extent(points: tuple[Point, ...]) -> Extent | None:
    """:func:`_points_box` as numbers; a single segment (most lines) without lists."""
    if len(points) == 2:
        a, b = points
        # What min() and max() of the two give: the first unless the second is beyond it.
        return (
            b.x if b.x < a.x else a.x,
            b.y if b.y < a.y else a.y,
            b.x if b.x > a.x else a.x,
            b.y if b.y > a.y else a.y,
        )
    if not points:
        return None
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


_EMS: dict[tuple[str, bool], float] = {}
"""Text widths at size 1 (``width(size) == width(1) * size`` exactly), by text and weight."""


def _text_extent(element: Text) -> Extent:
    key = (element.text, element.bold)
    em = _EMS.get(key)
    if em is None:
        if len(_EMS) > 100_000:
            _EMS.clear()
        em = _EMS[key] = text_width(element.text, 1.0, bold=element.bold)
    width = em * element.size
    anchor = element.anchor
    left = 0.0 if anchor == "start" else width / 2 if anchor == "middle" else width
    x = element.x - left
    return (x, element.y - element.size * 0.8, x + width, element.y + element.size * 0.25)


def _points_box(points: tuple[Point, ...]) -> Box | None:
    if not points:
        return None
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))
