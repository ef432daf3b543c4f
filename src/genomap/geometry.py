"""Plain geometry for layout and metrics: boxes and axis-aligned or slanted segments."""

from __future__ import annotations

from dataclasses import dataclass

from genomap._quick import quick_init

EPS = 1e-6
"""Tolerance for touching: shapes that only touch do not overlap."""


@quick_init
@dataclass(frozen=True, slots=True)
class Point:
    """A point in layout units (y grows downwards, as in SVG)."""

    x: float
    y: float


@quick_init
@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle given by its edges."""

    left: float
    top: float
    right: float
    bottom: float

    @classmethod
    def around(cls, cx: float, cy: float, width: float, height: float) -> Box:
        """The box of the given size centred on (cx, cy)."""
        return cls(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)

    @property
    def width(self) -> float:
        """Horizontal extent."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """Vertical extent."""
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        """Horizontal centre."""
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return (self.top + self.bottom) / 2

    def overlaps(self, other: Box, tol: float = EPS) -> bool:
        """True when the interiors intersect by more than ``tol``."""
        return (
            self.left < other.right - tol
            and other.left < self.right - tol
            and self.top < other.bottom - tol
            and other.top < self.bottom - tol
        )

    def expand(self, margin: float) -> Box:
        """The box grown by ``margin`` on every side."""
        return Box(self.left - margin, self.top - margin, self.right + margin, self.bottom + margin)

    def union(self, other: Box) -> Box:
        """The smallest box holding both."""
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def translate(self, dx: float, dy: float) -> Box:
        """The box moved by (dx, dy)."""
        return Box(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)


@quick_init
@dataclass(frozen=True, slots=True)
class Segment:
    """A straight line piece from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def is_horizontal(self) -> bool:
        """True when both ends share y."""
        return abs(self.y1 - self.y2) < EPS

    @property
    def is_vertical(self) -> bool:
        """True when both ends share x."""
        return abs(self.x1 - self.x2) < EPS

    @property
    def length(self) -> float:
        """Euclidean length."""
        return float(((self.x2 - self.x1) ** 2 + (self.y2 - self.y1) ** 2) ** 0.5)

    def translate(self, dx: float, dy: float) -> Segment:
        """The segment moved by (dx, dy)."""
        return Segment(self.x1 + dx, self.y1 + dy, self.x2 + dx, self.y2 + dy)

    def crosses_box(self, box: Box, tol: float = EPS) -> bool:
        """True when the segment passes through the box's interior (Liang–Barsky clipping)."""
        inner = box.expand(-tol)
        if inner.left >= inner.right or inner.top >= inner.bottom:
            return False
        dx, dy = self.x2 - self.x1, self.y2 - self.y1
        t0, t1 = 0.0, 1.0
        for p, q in (
            (-dx, self.x1 - inner.left),
            (dx, inner.right - self.x1),
            (-dy, self.y1 - inner.top),
            (dy, inner.bottom - self.y1),
        ):
            if abs(p) < EPS:
                if q <= 0:
                    return False
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 >= t1:
                return False
        return t1 - t0 > EPS
