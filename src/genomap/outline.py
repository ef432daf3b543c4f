"""The rounded outline of a union of rectangles (household boundaries drawn as one shape)."""

from __future__ import annotations

from collections.abc import Sequence

from genomap.geometry import Box, Point
from genomap.scene import PathCommand


def bridge(boxes: Sequence[Box], max_gap: float) -> list[Box]:
    """The boxes plus a connecting strip between vertically stacked boxes that overlap in x.

    Household boxes come one per row; the strip joins a row's box to the next row's so the
    household reads as one region instead of separate frames.
    """
    result = list(boxes)
    ordered = sorted(boxes, key=lambda b: (b.top, b.left))
    for i, upper in enumerate(ordered):
        for lower in ordered[i + 1 :]:
            gap = lower.top - upper.bottom
            left, right = max(upper.left, lower.left), min(upper.right, lower.right)
            if 0 < gap <= max_gap and right - left > 1.0:
                result.append(Box(left, upper.bottom - 1.0, right, lower.top + 1.0))
    return result


def loops(boxes: Sequence[Box]) -> list[list[Point]]:
    """The boundary loops of the union of the boxes, clockwise on screen, corners only."""
    xs = sorted({v for b in boxes for v in (b.left, b.right)})
    ys = sorted({v for b in boxes for v in (b.top, b.bottom)})
    filled = {
        (i, j)
        for i in range(len(xs) - 1)
        for j in range(len(ys) - 1)
        if any(
            b.left <= (xs[i] + xs[i + 1]) / 2 <= b.right
            and b.top <= (ys[j] + ys[j + 1]) / 2 <= b.bottom
            for b in boxes
        )
    }
    edges: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def add(a: tuple[int, int], b: tuple[int, int]) -> None:
        edges.setdefault(a, []).append(b)

    for i, j in sorted(filled):
        if (i, j - 1) not in filled:
            add((i, j), (i + 1, j))
        if (i + 1, j) not in filled:
            add((i + 1, j), (i + 1, j + 1))
        if (i, j + 1) not in filled:
            add((i + 1, j + 1), (i, j + 1))
        if (i - 1, j) not in filled:
            add((i, j + 1), (i, j))
    result: list[list[Point]] = []
    for start in sorted(edges):
        while edges.get(start):
            loop = [start]
            here = edges[start].pop(0)
            while here != start:
                loop.append(here)
                here = edges[here].pop(0)
            corners = _corners(loop)
            result.append([Point(xs[i], ys[j]) for i, j in corners])
    return result


def _corners(loop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop the points where the loop goes straight on."""
    kept = []
    n = len(loop)
    for k, (i, j) in enumerate(loop):
        pi, pj = loop[k - 1]
        ni, nj = loop[(k + 1) % n]
        if (i - pi, j - pj) != (0, 0) and (ni - i) * (j - pj) - (nj - j) * (i - pi) != 0:
            kept.append((i, j))
    return kept


def rounded(loop: Sequence[Point], radius: float) -> tuple[PathCommand, ...]:
    """Path commands for a closed loop with its corners rounded by up to ``radius``."""
    n = len(loop)
    if n < 3:
        return ()
    commands: list[PathCommand] = []
    for k in range(n):
        prev, corner, nxt = loop[k - 1], loop[k], loop[(k + 1) % n]
        r = min(radius, _dist(prev, corner) / 2, _dist(corner, nxt) / 2)
        before = _toward(corner, prev, r)
        after = _toward(corner, nxt, r)
        commands.append(("M" if k == 0 else "L", (before.x, before.y)))
        commands.append(("Q", (corner.x, corner.y, after.x, after.y)))
    commands.append(("Z", ()))
    return tuple(commands)


def _dist(a: Point, b: Point) -> float:
    return float(abs(a.x - b.x) + abs(a.y - b.y))


def _toward(a: Point, b: Point, r: float) -> Point:
    d = _dist(a, b)
    if d == 0:
        return a
    return Point(a.x + (b.x - a.x) * r / d, a.y + (b.y - a.y) * r / d)
