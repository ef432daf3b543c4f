"""Route emotional relationship lines over a finished layout, never moving anyone (§10).

Each line runs between the two people's symbols and is trimmed at their outlines. Several
candidate routes are tried (straight, then arcs bowing up or down by growing amounts); the one
crossing the fewest other symbols and labels, overlapping the fewest pedigree lines and earlier
emotional lines, wins, with ties going to the earlier (straighter) candidate. Pure geometry.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from genomap import polyline as pl
from genomap.geometry import EPS, Box, Point, Segment

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


class Grid:
    """A uniform bucket grid of boxes for quick "what is near here" queries (by index)."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[int]] = {}

    def add(self, index: int, box: Box) -> None:
        """File ``index`` under every cell the box touches."""
        self.add_edges(index, box.left, box.top, box.right, box.bottom)

    def add_edges(self, index: int, left: float, top: float, right: float, bottom: float) -> None:
        """:meth:`add` for a box given by its edges."""
        c = self.cell
        for ix in range(math.floor(left / c), math.floor(right / c) + 1):
            for iy in range(math.floor(top / c), math.floor(bottom / c) + 1):
                self.buckets.setdefault((ix, iy), []).append(index)

    def near(self, p: Point) -> list[int]:
        """The indices filed under the point's cell."""
        return self.buckets.get((math.floor(p.x / self.cell), math.floor(p.y / self.cell)), [])

    def overlapping(self, box: Box) -> list[int]:
        """The indices filed under any cell the box touches, each once, in increasing order."""
        c = self.cell
        found: set[int] = set()
        for ix in range(math.floor(box.left / c), math.floor(box.right / c) + 1):
            for iy in range(math.floor(box.top / c), math.floor(box.bottom / c) + 1):
                found.update(self.buckets.get((ix, iy), ()))
        return sorted(found)


# Routes are worked out on plain (x, y) pairs, with the same arithmetic as the Point versions
# in genomap.polyline (so the same numbers); only the chosen route becomes Points. Long lines
# are sampled every STEP units, nine candidates each: Point objects would dominate the cost.
XY = tuple[float, float]
XYPath = tuple[XY, ...]


def _trim_start(path: XYPath, end: Endpoint, pad: float) -> XYPath:
    """Cut the path where it first leaves the symbol (grown by ``pad``)."""
    for i in range(1, len(path)):
        bx, by = path[i]
        if contains(end, bx, by, pad):
            continue
        ax, ay = path[i - 1]
        lo, hi = 0.0, 1.0
        for _ in range(24):
            mid = (lo + hi) / 2
            x, y = ax + (bx - ax) * mid, ay + (by - ay) * mid
            lo, hi = (mid, hi) if contains(end, x, y, pad) else (lo, mid)
        cut = (ax + (bx - ax) * hi, ay + (by - ay) * hi)
        return (cut, *path[i:])
    return ()


def _quadratic(start: XY, control: XY, end: XY, step: float) -> XYPath:
    """:func:`genomap.polyline.quadratic` on pairs."""
    (sx, sy), (cx, cy), (ex, ey) = start, control, end
    rough = math.dist(start, control) + math.dist(control, end)
    count = max(2, math.ceil(rough / step))
    points = []
    for i in range(count + 1):
        t = i / count
        u = 1 - t
        points.append(
            (u * u * sx + 2 * u * t * cx + t * t * ex, u * u * sy + 2 * u * t * cy + t * t * ey)
        )
    return tuple(points)


def _length(path: XYPath) -> float:
    """:func:`genomap.polyline.length` on pairs."""
    return sum(math.dist(a, b) for a, b in itertools.pairwise(path))


def _resample(path: XYPath, step: float) -> XYPath:
    """:func:`genomap.polyline.resample` (and ``points_at``) on pairs."""
    total = _length(path)
    if total < EPS:
        return tuple(path)
    count = max(1, round(total / step))
    segments = [(a, b, math.dist(a, b)) for a, b in itertools.pairwise(path)]
    segments = [seg for seg in segments if seg[2] >= EPS]
    if not segments:
        return tuple(path[-1] for _ in range(count + 1))
    result = []
    index, start = 0, 0.0
    for distance in [total * i / count for i in range(count + 1)]:
        while index < len(segments) - 1 and distance > start + segments[index][2]:
            start += segments[index][2]
            index += 1
        (ax, ay), (bx, by), seg = segments[index]
        t = min(max((distance - start) / seg, 0.0), 1.0)
        result.append((ax + (bx - ax) * t, ay + (by - ay) * t))
    return tuple(result)


def _candidates(source: Endpoint, target: Endpoint, s: float) -> Iterator[XYPath]:
    """Untrimmed candidate routes, made one at a time (routing often stops at the first)."""
    a, b = (source.x, source.y), (target.x, target.y)
    yield (a, b)
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / d, dx / d
    if ny > 0 or (ny == 0 and nx > 0):
        nx, ny = -nx, -ny  # the first bend of each pair bows upwards on screen
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    for bend in BENDS:
        for sign in (1.0, -1.0):
            # A quadratic's apex sits half-way to its control point, hence the doubling.
            h = 2 * bend * s * sign
            yield _quadratic(a, (mid[0] + nx * h, mid[1] + ny * h), b, STEP)


def candidates(source: Endpoint, target: Endpoint, s: float) -> list[pl.Path]:
    """Untrimmed candidate routes: the straight line, then arcs bowing up and down."""
    return [tuple(Point(x, y) for x, y in path) for path in _candidates(source, target, s)]


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
    router = _Router(obstacles, lines, s)
    routes: dict[str, pl.Path] = {}
    pad = 0.08 * s
    for request in requests:
        best: tuple[float, XYPath] | None = None
        for rank, raw in enumerate(_candidates(request.source, request.target, s)):
            path = _trim_start(raw, request.source, pad)
            path = tuple(reversed(_trim_start(tuple(reversed(path)), request.target, pad)))
            if len(path) < 2:
                continue
            clash = router.score(path, {request.source.id, request.target.id})
            score = clash + rank * 0.01 + _length(path) * 0.002
            if best is None or score < best[0] - 1e-9:
                best = (score, path)
            if clash == 0 and best[1] is path:
                break  # later candidates are longer and ranked later: none can do better
        chosen = best[1] if best is not None else ()
        routes[request.key] = tuple(Point(x, y) for x, y in chosen)
        if chosen:
            router.draw(chosen)
    return routes


class _Router:
    """What routes avoid, in grids: symbols and labels, pedigree lines, earlier routes."""

    def __init__(self, obstacles: Sequence[Obstacle], lines: Sequence[Segment], s: float) -> None:
        self.cell = 2 * s
        boxes = [(o.box, o.owner, o.weight) for o in obstacles]
        self.obstacles = [(b.left, b.top, b.right, b.bottom, own, w) for b, own, w in boxes]
        self.grid = Grid(self.cell)
        for i, obstacle in enumerate(obstacles):
            self.grid.add(i, obstacle.box)
        # Each segment as (x1, y1, dx, dy, squared length), for the distance to a point.
        self.lines = []
        for g in lines:
            dx, dy = g.x2 - g.x1, g.y2 - g.y1
            self.lines.append((g.x1, g.y1, dx, dy, dx * dx + dy * dy))
        self.line_grid = Grid(self.cell)
        for i, g in enumerate(lines):
            box = Box(min(g.x1, g.x2), min(g.y1, g.y2), max(g.x1, g.x2), max(g.y1, g.y2))
            self.line_grid.add(i, box.expand(3))
        self.drawn: list[XY] = []
        self.drawn_grid = Grid(s)

    def draw(self, route: XYPath) -> None:
        """Record a chosen route, so that later routes keep off it."""
        for x, y in _resample(route, STEP):
            # Box(x, y, x, y).expand(STEP), without the Box.
            self.drawn_grid.add_edges(len(self.drawn), x - STEP, y - STEP, x + STEP, y + STEP)
            self.drawn.append((x, y))

    def score(self, path: XYPath, ends: set[str]) -> float:
        """How badly a route clashes: symbols and labels crossed (by weight), samples along
        pedigree lines (a half each) and along earlier routes (one each)."""
        obstacles, lines, drawn = self.obstacles, self.lines, self.drawn
        cell, dcell = self.cell, self.drawn_grid.cell
        buckets, line_buckets = self.grid.buckets, self.line_grid.buckets
        drawn_buckets = self.drawn_grid.buckets
        hit: set[int] = set()
        along_lines = 0
        along_drawn = 0
        # Samples are STEP apart and cells far wider: look a cell up only when it changes.
        key = dkey = None
        near: list[int] = []
        near_lines: list[int] = []
        near_drawn: list[int] = []
        for p in _resample(path, STEP) if len(path) == 2 else path:
            x, y = p
            here = (math.floor(x / cell), math.floor(y / cell))
            if here != key:
                key = here
                near, near_lines = buckets.get(key, []), line_buckets.get(key, [])
            for i in near:
                left, top, right, bottom, owner, weight = obstacles[i]
                if left < x < right and top < y < bottom:
                    if owner in ends and weight >= 50:
                        continue  # a line always starts inside its own people's symbols
                    hit.add(i)
            for i in near_lines:
                x1, y1, dx, dy, span = lines[i]
                # The distance to the segment; max(0, min(1, t)) written out.
                t = 0.0
                if span != 0:
                    t = ((x - x1) * dx + (y - y1) * dy) / span
                    t = t if t < 1.0 else 1.0
                    t = t if t > 0.0 else 0.0
                if math.hypot(x - x1 - t * dx, y - y1 - t * dy) < 2.0:
                    along_lines += 1
                    break
            here = (math.floor(x / dcell), math.floor(y / dcell))
            if here != dkey:
                dkey = here
                near_drawn = drawn_buckets.get(dkey, [])
            for i in near_drawn:
                if math.dist(p, drawn[i]) < STEP:
                    along_drawn += 1
                    break
        weights = sorted(obstacles[i][5] for i in hit)
        return sum(weights) + 0.5 * along_lines + 1.0 * along_drawn
