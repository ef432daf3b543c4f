"""Marks drawn over a person symbol: death marks, index outline, proband arrows, brackets."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from types import MappingProxyType

from genomap.geometry import Point
from genomap.scene import Circle, Element, Path, Polygon, Polyline, Stroke, Text
from genomap.shapes import Frame, Glyph, ShapeName, outline, outline_stroke, painted
from genomap.theme import Theme


def _line(a: Point, b: Point, stroke: Stroke) -> Polyline:
    return Polyline((a, b), stroke)


def _mark_x(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """McGoldrick deceased: an X across the symbol; also the small X of a termination.

    The X spans a square corner to corner and reaches a little past a circle or a diamond, so
    it reads as one mark through the symbol rather than a star around it.
    """
    s = outline_stroke(f, t)
    hu, hv = _X_REACH.get(g.shape, (0.5, 0.5))
    return [_line(f.pt(-hu, -hv), f.pt(hu, hv), s), _line(f.pt(-hu, hv), f.pt(hu, -hv), s)]


# A diamond's edges run at 45°, so its X is steeper than 45° to cross them instead of
# running alongside.
_X_REACH = {"circle": (0.42, 0.42), "diamond": (0.24, 0.5), "hexagon": (0.4, 0.4)}


def _mark_slash(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """NSGC deceased (and termination): one diagonal, lower left to upper right, past the box."""
    return [_line(f.pt(-0.7, 0.7), f.pt(0.7, -0.7), outline_stroke(f, t))]


def _mark_double(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """McGoldrick index person: a concentric second outline inside the first."""
    inner = Frame(f.cx, f.cy, f.size - 2 * t.index_gap_s * f.s)
    shape = outline(g.shape, inner)
    return [] if shape is None else [painted(shape, shape.fill, outline_stroke(f, t))]


def _lower_left(shape: ShapeName) -> tuple[float, float]:
    corner = {"circle": 0.354, "diamond": 0.25, "hexagon": 0.3}.get(shape, 0.5)
    return (-corner - 0.06, corner + 0.06)


def _arrow(f: Frame, g: Glyph, t: Theme, letter: str | None) -> list[Element]:
    tip_u, tip_v = _lower_left(g.shape)
    tip = f.pt(tip_u, tip_v)
    unit = f.s
    d = math.sqrt(0.5)
    tail = Point(tip.x - 0.6 * unit * d, tip.y + 0.6 * unit * d)
    head, half = 0.22 * unit, 0.09 * unit
    base = Point(tip.x - head * d, tip.y + head * d)
    wing1 = Point(base.x - half * d, base.y - half * d)
    wing2 = Point(base.x + half * d, base.y + half * d)
    stroke = outline_stroke(f, t)
    items: list[Element] = [
        _line(tail, base, stroke),
        Polygon((tip, wing1, wing2), fill=t.ink, stroke=Stroke(t.ink, stroke.width / 2)),
    ]
    if letter:
        size = 0.32 * unit
        items.append(Text(tail.x - 0.04 * unit, tail.y + size * 0.8, letter, size, "end", True))
    return items


def _mark_proband(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """NSGC proband: an arrow at the lower left pointing at the symbol, with a ``P``."""
    return _arrow(f, g, t, "P")


def _mark_consultand(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """NSGC consultand: the proband arrow without the ``P``."""
    return _arrow(f, g, t, None)


def _mark_vertical(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """NSGC presymptomatic carrier: a vertical line through the symbol."""
    return [_line(f.pt(0, -0.5), f.pt(0, 0.5), outline_stroke(f, t))]


def _mark_question(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """Status unknown: a ``?`` inside (beside the symbol when the inside holds text already)."""
    size = 0.5 * f.size
    if g.inside:
        at = f.pt(0.55, -0.3)
        return [Text(at.x, at.y, "?", size * 0.8, "start", True, fill=t.ink)]
    return [Text(f.cx, f.cy + size * 0.36, "?", size, "middle", True, fill=t.ink)]


def _mark_brackets(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """NSGC adoption: square brackets around the symbol."""
    stroke = outline_stroke(f, t)
    lip = 0.14
    left = (
        f.pt(-0.62 + lip, -0.62),
        f.pt(-0.62, -0.62),
        f.pt(-0.62, 0.62),
        f.pt(-0.62 + lip, 0.62),
    )
    right = (f.pt(0.62 - lip, -0.62), f.pt(0.62, -0.62), f.pt(0.62, 0.62), f.pt(0.62 - lip, 0.62))
    return [Polyline(left, stroke), Polyline(right, stroke)]


def _mark_paw(f: Frame, g: Glyph, t: Theme) -> list[Element]:
    """Pet: a paw print (one pad, four toes) inside the hexagon; the diamond is for gender."""
    r = f.size
    toes = ((-0.17, -0.04), (-0.065, -0.15), (0.065, -0.15), (0.17, -0.04))
    items: list[Element] = [
        Path(
            (
                ("M", _xy(f.pt(-0.16, 0.2))),
                ("Q", (*_xy(f.pt(0, -0.07)), *_xy(f.pt(0.16, 0.2)))),
                ("Q", (*_xy(f.pt(0, 0.3)), *_xy(f.pt(-0.16, 0.2)))),
                ("Z", ()),
            ),
            fill=t.ink,
        )
    ]
    items.extend(Circle(f.pt(u, v).x, f.pt(u, v).y, 0.055 * r, fill=t.ink) for u, v in toes)
    return items


def _xy(p: Point) -> tuple[float, float]:
    return (p.x, p.y)


MARKS: Mapping[str, Callable[[Frame, Glyph, Theme], list[Element]]] = MappingProxyType(
    {
        "x": _mark_x,
        "slash": _mark_slash,
        "double": _mark_double,
        "proband": _mark_proband,
        "consultand": _mark_consultand,
        "vertical": _mark_vertical,
        "question": _mark_question,
        "brackets": _mark_brackets,
        "paw": _mark_paw,
    }
)
"""Marks drawn over a symbol, by key."""
