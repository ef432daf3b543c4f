"""Building blocks for line styles: plain, dashed, parallel, zigzag and wavy lines, midpoint
glyphs and arrowheads. Each turns a polyline into scene primitives; sizes are multiples of S."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from genomap import polyline as pl
from genomap.geometry import Point
from genomap.scene import Circle, Element, LineCap, Polygon, Polyline, Stroke, Text

Path = tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Pen:
    """What a line style draws with: the symbol size S, line width, ink and paper colours."""

    s: float
    width: float
    colour: str
    paper: str = "#ffffff"

    def stroke(self, dash: Sequence[float] = (), *, dotted: bool = False) -> Stroke:
        """A stroke in this pen; ``dash`` lengths are multiples of S."""
        return _stroke(self.colour, self.width, self.s, tuple(dash), dotted)


@lru_cache(maxsize=1024)
def _stroke(colour: str, width: float, s: float, dash: tuple[float, ...], dotted: bool) -> Stroke:
    # Strokes are immutable, so every line drawn with the same pen and dashes shares one.
    cap: LineCap = "round" if dotted else "butt"
    return Stroke(colour, width, tuple(d * s for d in dash), cap, "miter")


LineDraw = Callable[[Path, Pen], list[Element]]
"""A line style: polyline and pen in, primitives out."""

GlyphDraw = Callable[[Point, tuple[float, float], Pen], list[Element]]
"""A midpoint glyph: position, unit tangent and pen in, primitives out."""

DOTTED = (0.02, 0.1)
"""Round dots (short dashes with round caps)."""

DASH = (0.15, 0.1)
"""An ordinary dashed line."""

DASH_DOT = (0.25, 0.075, 0.05, 0.075)
"""Dash and dot."""


def plain(dash: Sequence[float] = (), *, dotted: bool = False) -> LineDraw:
    """One line, solid or dashed."""
    pattern = tuple(dash)

    def draw(path: Path, pen: Pen) -> list[Element]:
        return [Polyline(path, pen.stroke(pattern, dotted=dotted))]

    return draw


def lanes(*dashes: Sequence[float], spacing: float = 0.1) -> LineDraw:
    """Parallel lines ``spacing`` S apart, centred on the path, one per dash pattern."""
    patterns = tuple(tuple(d) for d in dashes)

    def draw(path: Path, pen: Pen) -> list[Element]:
        middle = (len(patterns) - 1) / 2
        return [
            Polyline(pl.offset(path, (i - middle) * spacing * pen.s), pen.stroke(pattern))
            for i, pattern in enumerate(patterns)
        ]

    return draw


def parallel(count: int, spacing: float = 0.1, dash: Sequence[float] = ()) -> LineDraw:
    """``count`` parallel lines ``spacing`` S apart, centred on the path."""
    return lanes(*([tuple(dash)] * count), spacing=spacing)


def shifted(part: LineDraw, distance: float) -> LineDraw:
    """A line style drawn ``distance`` S to the side of the path."""

    def draw(path: Path, pen: Pen) -> list[Element]:
        return part(pl.offset(path, distance * pen.s), pen)

    return draw


def combine(*parts: LineDraw) -> LineDraw:
    """Several line styles drawn on the same path, in order."""

    def draw(path: Path, pen: Pen) -> list[Element]:
        return [element for part in parts for element in part(path, pen)]

    return draw


def zigzag(amplitude: float = 0.12, period: float = 0.25) -> LineDraw:
    """A zigzag along the path (conventions §10: fine halves, very fine quarters the values)."""

    def draw(path: Path, pen: Pen) -> list[Element]:
        total = pl.length(path)
        half = period * pen.s / 2
        count = max(2, round(total / half))
        points = []
        spots = pl.points_at(path, [total * i / count for i in range(count + 1)])
        for i, (at, tangent) in enumerate(spots):
            side = 0.0 if i in (0, count) else (1.0 if i % 2 else -1.0)
            nx, ny = pl.normal(tangent)
            points.append(
                Point(at.x + nx * side * amplitude * pen.s, at.y + ny * side * amplitude * pen.s)
            )
        return [Polyline(tuple(points), Stroke(pen.colour, pen.width * 0.9, join="miter"))]

    return draw


def wave(amplitude: float = 0.07, period: float = 0.5) -> LineDraw:
    """A smooth wave: rounded where the hostile zigzag is sharp."""

    def draw(path: Path, pen: Pen) -> list[Element]:
        total = pl.length(path)
        waves = max(1, round(total / (period * pen.s)))
        steps = waves * 12
        points = []
        spots = pl.points_at(path, [total * i / steps for i in range(steps + 1)])
        for i, (at, tangent) in enumerate(spots):
            side = math.sin(2 * math.pi * i / 12) * amplitude * pen.s
            nx, ny = pl.normal(tangent)
            points.append(Point(at.x + nx * side, at.y + ny * side))
        return [Polyline(tuple(points), Stroke(pen.colour, pen.width, cap="round", join="round"))]

    return draw


def ladder(spacing: float = 0.1, step: float = 0.08) -> LineDraw:
    """Rungs across a pair of parallel lines (best friends)."""

    def draw(path: Path, pen: Pen) -> list[Element]:
        total = pl.length(path)
        count = max(1, int(total / (step * pen.s)))
        rungs: list[Element] = []
        for at, tangent in pl.points_at(path, [total * i / count for i in range(1, count)]):
            nx, ny = pl.normal(tangent)
            h = spacing * pen.s / 2
            a, b = Point(at.x - nx * h, at.y - ny * h), Point(at.x + nx * h, at.y + ny * h)
            rungs.append(Polyline((a, b), Stroke(pen.colour, pen.width * 0.7)))
        return rungs

    return draw


def circle_chain(radius: float = 0.06) -> LineDraw:
    """A chain of small open circles along the whole path (emotional connection)."""

    def draw(path: Path, pen: Pen) -> list[Element]:
        total = pl.length(path)
        r = radius * pen.s
        count = max(1, int(total / (2 * r)))
        start = (total - count * 2 * r) / 2 + r
        centres = pl.points_at(path, [start + 2 * r * i for i in range(count)])
        return [
            Circle(p.x, p.y, r, pen.paper, Stroke(pen.colour, pen.width * 0.8)) for p, _ in centres
        ]

    return draw


# --------------------------------------------------------------------------- midpoint glyphs


def _along(at: Point, t: tuple[float, float], u: float, v: float, s: float) -> Point:
    """The point u S along the tangent and v S along the normal from ``at``."""
    n = pl.normal(t)
    return Point(at.x + (t[0] * u + n[0] * v) * s, at.y + (t[1] * u + n[1] * v) * s)


def _closed(
    at: Point, t: tuple[float, float], pen: Pen, corners: Sequence[tuple[float, float]]
) -> Polygon:
    points = tuple(_along(at, t, u, v, pen.s) for u, v in corners)
    return Polygon(points, pen.paper, Stroke(pen.colour, pen.width))


def glyph_circle(at: Point, t: tuple[float, float], pen: Pen) -> list[Element]:
    """One open circle (love, fan)."""
    return [Circle(at.x, at.y, 0.125 * pen.s, pen.paper, Stroke(pen.colour, pen.width))]


def glyph_two_circles(at: Point, t: tuple[float, float], pen: Pen) -> list[Element]:
    """Two overlapping open circles (in love, limerence)."""
    return [
        Circle(p.x, p.y, 0.11 * pen.s, pen.paper, Stroke(pen.colour, pen.width))
        for p in (_along(at, t, -0.08, 0, pen.s), _along(at, t, 0.08, 0, pen.s))
    ]


def glyph_x(at: Point, t: tuple[float, float], pen: Pen, boxed: bool = False) -> list[Element]:
    """An X across the line (manipulative); boxed: an X in a square (never met, controlling)."""
    h = 0.125
    items: list[Element] = []
    if boxed:
        items.append(_closed(at, t, pen, ((-h, -h), (h, -h), (h, h), (-h, h))))
    stroke = Stroke(pen.colour, pen.width)
    for a, b in (((-h, -h), (h, h)), ((-h, h), (h, -h))):
        items.append(Polyline((_along(at, t, *a, pen.s), _along(at, t, *b, pen.s)), stroke))
    return items


def glyph_boxed_x(at: Point, t: tuple[float, float], pen: Pen) -> list[Element]:
    """An X in a square."""
    return glyph_x(at, t, pen, boxed=True)


def glyph_diamond(at: Point, t: tuple[float, float], pen: Pen) -> list[Element]:
    """An open diamond (jealous)."""
    h = 0.14
    return [_closed(at, t, pen, ((-h, 0), (0, -h), (h, 0), (0, h)))]


def glyph_triangle(at: Point, t: tuple[float, float], pen: Pen) -> list[Element]:
    """An open triangle pointing along the line (caretaker)."""
    h = 0.13
    return [_closed(at, t, pen, ((-h, -h), (h, 0), (-h, h)))]


def glyph_spark(at: Point, t: tuple[float, float], pen: Pen) -> list[Element]:
    """A six-pointed asterisk (spiritual connection)."""
    stroke = Stroke(pen.colour, pen.width, cap="round")
    items: list[Element] = [glyph_circle(at, t, pen)[0]]
    for angle in (90.0, 30.0, 150.0):
        c, s = math.cos(math.radians(angle)) * 0.09, math.sin(math.radians(angle)) * 0.09
        items.append(Polyline((_along(at, t, -c, -s, pen.s), _along(at, t, c, s, pen.s)), stroke))
    return items


def glyph_bars(
    at: Point, t: tuple[float, float], pen: Pen, repaired: bool = False
) -> list[Element]:
    """Two bars across the line (cutoff); repaired: with a circle between them."""
    gap = 0.16 if repaired else 0.06
    stroke = Stroke(pen.colour, pen.width * 1.3)
    items: list[Element] = [
        Polyline((_along(at, t, u, -0.15, pen.s), _along(at, t, u, 0.15, pen.s)), stroke)
        for u in (-gap, gap)
    ]
    if repaired:
        items.append(Circle(at.x, at.y, 0.08 * pen.s, pen.paper, Stroke(pen.colour, pen.width)))
    return items


def glyph_repaired(at: Point, t: tuple[float, float], pen: Pen) -> list[Element]:
    """Cutoff repaired: two bars with a circle between them."""
    return glyph_bars(at, t, pen, repaired=True)


# --------------------------------------------------------------------------- arrowheads

ARROW_LENGTH = 0.2
"""Arrowhead length as a multiple of S (conventions §10)."""


def arrowhead(tip: Point, t: tuple[float, float], pen: Pen, kind: str) -> list[Element]:
    """An arrowhead at ``tip`` pointing along ``t``: filled, hollow, open (a V) or double."""
    length, half = ARROW_LENGTH, 0.085
    wing1 = _along(tip, t, -length, -half, pen.s)
    wing2 = _along(tip, t, -length, half, pen.s)
    stroke = Stroke(pen.colour, pen.width, join="miter")
    if kind == "open":
        return [Polyline((wing1, tip, wing2), stroke)]
    fill = pen.paper if kind == "hollow" else pen.colour
    head: list[Element] = [Polygon((tip, wing1, wing2), fill, stroke)]
    if kind == "double":
        back = _along(tip, t, -length * 0.7, 0, pen.s)
        head.append(
            Polygon(
                (
                    back,
                    _along(back, t, -length, -half, pen.s),
                    _along(back, t, -length, half, pen.s),
                ),
                fill,
                stroke,
            )
        )
    return head


def arrow_reach(kind: str) -> float:
    """How far back from the tip (in S) the line under an arrowhead must stop."""
    return {"open": 0.0, "double": ARROW_LENGTH * 1.7}.get(kind, ARROW_LENGTH)


def letter(at: Point, text: str, pen: Pen) -> Text:
    """A small letter beside a line (donor, surrogate)."""
    return Text(at.x, at.y, text, 0.28 * pen.s, "start", True, fill=pen.colour)
