"""Symbol boxes, glyph descriptions, outlines and fill regions, in unit coordinates.

A :class:`Frame` is a symbol's box; ``Frame.pt`` maps *unit* coordinates (the box spans
-0.5..0.5 both ways around the centre) into it, so one drawing function serves every size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

from genomap._quick import quick_init
from genomap.geometry import Point
from genomap.models import ConditionStatus
from genomap.scene import Circle, Paint, Path, Polygon, Rect, Shape, Stroke
from genomap.theme import Theme

ShapeName = Literal["square", "circle", "diamond", "triangle", "hexagon", "none"]


@quick_init
@dataclass(frozen=True, slots=True)
class Frame:
    """A symbol's box: centre and side; ``unit`` is the standard size S (0: the same as size).

    ``pt`` maps unit coordinates into the box. Marks and strokes scale with S rather than with
    the box, so a small symbol (a pregnancy loss) keeps full-size arrows and line widths.
    """

    cx: float
    cy: float
    size: float
    unit: float = 0.0

    @property
    def s(self) -> float:
        """The standard symbol size S."""
        return self.unit or self.size

    def pt(self, u: float, v: float) -> Point:
        """The point at unit coordinates (u, v); (0, 0) is the centre, ±0.5 the box edges."""
        return Point(self.cx + u * self.size, self.cy + v * self.size)

    def anchors(self) -> dict[str, Point]:
        """Named anchor points: top, bottom, left, right and center."""
        return {
            "top": self.pt(0, -0.5),
            "bottom": self.pt(0, 0.5),
            "left": self.pt(-0.5, 0),
            "right": self.pt(0.5, 0),
            "center": self.pt(0, 0),
        }


@dataclass(frozen=True, slots=True)
class Fill:
    """A shaded region of a symbol: where (a :data:`REGIONS` key), which status, which colour.

    The theme turns ``status`` into a pattern (current: solid; suspected, in recovery, past and
    carrier: distinct hatches). ``colour`` is a theme role: ``illness``, ``substance``,
    ``other``, ``ink`` or ``c<N>`` for the N-th NSGC condition. ``index`` and ``count`` place a
    ``sector`` region.
    """

    region: str
    status: ConditionStatus
    colour: str
    index: int = 0
    count: int = 1


@dataclass(frozen=True, slots=True)
class Glyph:
    """Everything drawn for one person symbol."""

    shape: ShapeName
    solid: bool = False
    fills: tuple[Fill, ...] = ()
    marks: tuple[str, ...] = ()
    inside: str | None = None


# --------------------------------------------------------------------------- outlines


def outline(shape: ShapeName, f: Frame) -> Shape | None:
    """The outline of a shape in the frame, unpainted (None for ``none``)."""
    if shape == "square":
        return Rect(f.cx - f.size / 2, f.cy - f.size / 2, f.size, f.size)
    if shape == "circle":
        return Circle(f.cx, f.cy, f.size / 2)
    if shape == "diamond":
        return Polygon((f.pt(0, -0.5), f.pt(0.5, 0), f.pt(0, 0.5), f.pt(-0.5, 0)))
    if shape == "triangle":
        return Polygon((f.pt(0, -0.5), f.pt(0.5, 0.5), f.pt(-0.5, 0.5)))
    if shape == "hexagon":
        # Pointy top and bottom, so child lines meet a vertex like they meet a square's edge.
        return Polygon(
            tuple(
                f.pt(0.5 * math.cos(math.radians(a)), 0.5 * math.sin(math.radians(a)))
                for a in (-90, -30, 30, 90, 150, 210)
            )
        )
    return None


def painted(shape: Shape, fill: Paint, stroke: Stroke | None) -> Shape:
    """The same outline with another fill and stroke (``dataclasses.replace``, but quicker)."""
    if isinstance(shape, Rect):
        return Rect(shape.x, shape.y, shape.width, shape.height, shape.rx, fill, stroke)
    if isinstance(shape, Circle):
        return Circle(shape.cx, shape.cy, shape.r, fill, stroke)
    if isinstance(shape, Polygon):
        return Polygon(shape.points, fill, stroke)
    return Path(shape.commands, fill, stroke)


# --------------------------------------------------------------------------- regions


def _box(f: Frame, u0: float, v0: float, u1: float, v1: float) -> Polygon:
    return Polygon((f.pt(u0, v0), f.pt(u1, v0), f.pt(u1, v1), f.pt(u0, v1)))


QUADRANTS = ((-0.6, -0.6, 0, 0), (0, -0.6, 0.6, 0), (0, 0, 0.6, 0.6), (-0.6, 0, 0, 0.6))
"""Upper-left, upper-right, lower-right, lower-left: condition 1 upper-left, then clockwise."""


def _sector(f: Frame, index: int, count: int) -> Polygon:
    if count <= 1:
        return _box(f, -0.6, -0.6, 0.6, 0.6)
    if count <= 4:
        return _box(f, *QUADRANTS[index % 4])
    # More than four conditions: equal pie slices from the upper left, clockwise on screen.
    start = 180.0 + 45.0 + index * 360.0 / count
    steps = max(2, math.ceil(360.0 / count / 10.0))
    arc = [
        f.pt(0.8 * math.cos(math.radians(a)), 0.8 * math.sin(math.radians(a)))
        for a in (start + i * 360.0 / count / steps for i in range(steps + 1))
    ]
    return Polygon((f.pt(0, 0), *arc))


REGIONS: Mapping[str, Callable[[Frame, Fill], Polygon]] = MappingProxyType(
    {
        "whole": lambda f, _: _box(f, -0.6, -0.6, 0.6, 0.6),
        "left": lambda f, _: _box(f, -0.6, -0.6, 0, 0.6),
        "lower": lambda f, _: _box(f, -0.6, 0, 0.6, 0.6),
        "upper-right": lambda f, _: _box(f, 0, -0.6, 0.6, 0),
        "sector": lambda f, fill: _sector(f, fill.index, fill.count),
    }
)
"""Fill regions in unit coordinates (overshooting the box: the outline clips them)."""


def outline_stroke(f: Frame, t: Theme) -> Stroke:
    """The one outline stroke of every symbol (conventions §1): a width relative to S."""
    return _round_stroke(t.ink, t.outline_s * f.s)


@lru_cache(maxsize=256)
def _round_stroke(colour: str, width: float) -> Stroke:
    # Strokes are immutable: every symbol of a drawing shares one.
    return Stroke(colour, width, cap="round")
