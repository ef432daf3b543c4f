"""Route emotional relationship lines over a finished layout, never moving anyone (§10).

Each line runs between the two people's symbols and is trimmed at their outlines. Several
candidate routes are tried (straight, then arcs bowing up or down by growing amounts); the one
crossing the fewest other symbols and labels, overlapping the fewest pedigree lines and earlier
emotional lines, wins, with ties going to the earlier (straighter) candidate. Pure geometry.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from genomap import polyline as pl
from genomap.geometry import Box, Point, Segment

STEP = 4.0
"""Sampling step along candidate routes, in drawing units."""

BENDS = (0.8, 1.5, 2.5, 4.0)
"""Arc heights tried, in multiples of S, each bowing up then down."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A person's symbol as a line end: centre, size and outline shape."""

    id: str
    x: float
    y: float
    size: float
    shape: str


@dataclass(frozen=True, slots=True)
class Obstacle:
    """Something a line should not cross: a symbol (heavy) or a label (lighter)."""

    box: Box
    weight: float
    owner: str


@dataclass(frozen=True, slots=True)
class Request:
    """One line to route, from ``source`` to ``target``."""

    key: str
    source: Endpoint
    target: Endpoint


def contains(end: Endpoint, x: float, y: float, pad: float = 0.0) -> bool:
    """True when (x, y) lies inside the symbol's outline grown by ``pad``."""
    dx, dy = x - end.x, y - end.y
    half = end.size / 2 + pad
    if end.shape in ("circle", "hexagon"):
        return dx * dx + dy * dy <= half * half
    if end.shape == "diamond":
        return abs(dx) + abs(dy) <= half + pad * 0.42
    if end.shape == "triangle":
        h = end.size / 2
        return -h - pad <= dy <= h + pad and abs(dx) <= (dy + h) / 2 + pad
    return abs(dx) <= half and abs(dy) <= half


class _Grid:
    """A uniform bucket grid for quick "what is near this point" queries."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[int]] = {}

    def add(self, index: int, box: Box) -> None:
        c = self.cell
        for ix in range(math.floor(box.left / c), math.floor(box.right / c) + 1):
            for iy in range(math.floor(box.top / c), math.floor(box.bottom / c) + 1):
                self.buckets.setdefault((ix, iy), []).append(index)

    def near(self, p: Point) -> list[int]:
        return self.buckets.get((math.floor(p.x / self.cell), math.floor(p.y / self.cell)), [])


def _distance(p: Point, seg: Segment) -> float:
    dx, dy = seg.x2 - seg.x1, seg.y2 - seg.y1
    span = dx * dx + dy * dy
    t = 0.0 if span == 0 else max(0.0, min(1.0, ((p.x - seg.x1) * dx + (p.y - seg.y1) * dy) / span))
    return math.hypot(p.x - seg.x1 - t * dx, p.y - seg.y1 - t * dy)


def _trim_start(path: pl.Path, end: Endpoint, pad: float) -> pl.Path:
    """Cut the path where it first leaves the symbol (grown by ``pad``)."""
    for i in range(1, len(path)):
        b = path[i]
        if contains(end, b.x, b.y, pad):
            continue
        a = path[i - 1]
        lo, hi = 0.0, 1.0
        for _ in range(24):
            mid = (lo + hi) / 2
            x, y = a.x + (b.x - a.x) * mid, a.y + (b.y - a.y) * mid
            lo, hi = (mid, hi) if contains(end, x, y, pad) else (lo, mid)
        cut = Point(a.x + (b.x - a.x) * hi, a.y + (b.y - a.y) * hi)
        return (cut, *path[i:])
    return ()


def candidates(source: Endpoint, target: Endpoint, s: float) -> list[pl.Path]:
    """Untrimmed candidate routes: the straight line, then arcs bowing up and down."""
    a, b = Point(source.x, source.y), Point(target.x, target.y)
    routes: list[pl.Path] = [(a, b)]
    dx, dy = b.x - a.x, b.y - a.y
    d = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / d, dx / d
    if ny > 0 or (ny == 0 and nx > 0):
        nx, ny = -nx, -ny  # the first bend of each pair bows upwards on screen
    mid = Point((a.x + b.x) / 2, (a.y + b.y) / 2)
    for bend in BENDS:
        for sign in (1.0, -1.0):
            # A quadratic's apex sits half-way to its control point, hence the doubling.
            h = 2 * bend * s * sign
            control = Point(mid.x + nx * h, mid.y + ny * h)
            routes.append(pl.quadratic(a, control, b, STEP))
    return routes


def route_emotions(
    requests: Sequence[Request],
    obstacles: Sequence[Obstacle],
    lines: Sequence[Segment],
    s: float,
) -> dict[str, pl.Path]:
    """Choose and trim a route for every request, in order (earlier lines are avoided later).

    Args:
        requests: the lines to route.
        obstacles: symbol and label boxes with their owners and weights.
        lines: pedigree line segments, which a route should cross rather than run along.
        s: the symbol size S.

    Returns:
        The trimmed route (source edge to target edge) of every request by key; an empty tuple
        when the two symbols touch or overlap.
    """
    grid = _Grid(2 * s)
    for i, obstacle in enumerate(obstacles):
        grid.add(i, obstacle.box)
    line_grid = _Grid(2 * s)
    for i, seg in enumerate(lines):
        line_grid.add(
            i,
            Box(
                min(seg.x1, seg.x2), min(seg.y1, seg.y2), max(seg.x1, seg.x2), max(seg.y1, seg.y2)
            ).expand(3),
        )
    drawn: list[Point] = []
    drawn_grid = _Grid(s)
    routes: dict[str, pl.Path] = {}
    pad = 0.08 * s
    for request in requests:
        best: tuple[float, pl.Path] | None = None
        for rank, raw in enumerate(candidates(request.source, request.target, s)):
            path = _trim_start(raw, request.source, pad)
            path = tuple(reversed(_trim_start(tuple(reversed(path)), request.target, pad)))
            if len(path) < 2:
                continue
            clash = _score(path, request, obstacles, grid, lines, line_grid, drawn, drawn_grid)
            score = clash + rank * 0.01 + pl.length(path) * 0.002
            if best is None or score < best[0] - 1e-9:
                best = (score, path)
            if clash == 0 and best[1] is path:
                break  # later candidates are longer and ranked later: none can do better
        chosen = best[1] if best is not None else ()
        routes[request.key] = chosen
        for p in pl.resample(chosen, STEP) if chosen else ():
            drawn_grid.add(len(drawn), Box(p.x, p.y, p.x, p.y).expand(STEP))
            drawn.append(p)
    return routes


def _score(
    path: pl.Path,
    request: Request,
    obstacles: Sequence[Obstacle],
    grid: _Grid,
    lines: Sequence[Segment],
    line_grid: _Grid,
    drawn: Sequence[Point],
    drawn_grid: _Grid,
) -> float:
    ends = {request.source.id, request.target.id}
    hit: set[int] = set()
    along_lines = 0
    along_drawn = 0
    for p in _samples(path):
        for i in grid.near(p):
            obstacle = obstacles[i]
            box = obstacle.box
            if box.left < p.x < box.right and box.top < p.y < box.bottom:
                if obstacle.owner in ends and obstacle.weight >= 50:
                    continue  # a line always starts inside its own people's symbols
                hit.add(i)
        if any(_distance(p, lines[i]) < 2.0 for i in line_grid.near(p)):
            along_lines += 1
        if any(math.dist((p.x, p.y), (drawn[i].x, drawn[i].y)) < STEP for i in drawn_grid.near(p)):
            along_drawn += 1
    weights = sorted(obstacles[i].weight for i in hit)
    return sum(weights) + 0.5 * along_lines + 1.0 * along_drawn


def _samples(path: pl.Path) -> Iterable[Point]:
    if len(path) == 2:
        return pl.resample(path, STEP)
    return path
