"""Arc-length maths on polylines: length, points and tangents along, offsets, pieces, chaining."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from genomap.geometry import EPS, Point, Segment

Path = tuple[Point, ...]
"""A polyline: at least two points when it is drawable."""


def length(path: Sequence[Point]) -> float:
    """Total length of the polyline."""
    return sum(math.dist((a.x, a.y), (b.x, b.y)) for a, b in itertools.pairwise(path))


def point_at(path: Sequence[Point], distance: float) -> tuple[Point, tuple[float, float]]:
    """The point ``distance`` along the path and the unit tangent there (clamped to the ends)."""
    remaining = max(distance, 0.0)
    last = (1.0, 0.0)
    for a, b in itertools.pairwise(path):
        seg = math.dist((a.x, a.y), (b.x, b.y))
        if seg < EPS:
            continue
        last = ((b.x - a.x) / seg, (b.y - a.y) / seg)
        if remaining <= seg:
            t = remaining / seg
            return Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), last
        remaining -= seg
    end = path[-1] if path else Point(0.0, 0.0)
    return end, last


def normal(tangent: tuple[float, float]) -> tuple[float, float]:
    """The tangent turned a quarter clockwise on screen (y down): (1, 0) gives (0, 1)."""
    return (-tangent[1], tangent[0])


def sub_path(path: Sequence[Point], start: float, end: float) -> Path:
    """The piece of the path between two distances along it."""
    if end <= start:
        return ()
    first, _ = point_at(path, start)
    points = [first]
    travelled = 0.0
    for a, b in itertools.pairwise(path):
        travelled += math.dist((a.x, a.y), (b.x, b.y))
        if start < travelled < end:
            points.append(b)
    last, _ = point_at(path, end)
    points.append(last)
    return tuple(points)


def points_at(
    path: Sequence[Point], distances: Sequence[float]
) -> list[tuple[Point, tuple[float, float]]]:
    """:func:`point_at` for many increasing distances in one pass along the path."""
    result: list[tuple[Point, tuple[float, float]]] = []
    segments = [(a, b, math.dist((a.x, a.y), (b.x, b.y))) for a, b in itertools.pairwise(path)]
    segments = [s for s in segments if s[2] >= EPS]
    if not segments:
        end = path[-1] if path else Point(0.0, 0.0)
        return [(end, (1.0, 0.0)) for _ in distances]
    index, start = 0, 0.0
    for distance in distances:
        while index < len(segments) - 1 and distance > start + segments[index][2]:
            start += segments[index][2]
            index += 1
        a, b, seg = segments[index]
        t = min(max((distance - start) / seg, 0.0), 1.0)
        tangent = ((b.x - a.x) / seg, (b.y - a.y) / seg)
        result.append((Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), tangent))
    return result


def resample(path: Sequence[Point], step: float) -> Path:
    """Points every ``step`` along the path, always including both ends."""
    total = length(path)
    if total < EPS:
        return tuple(path)
    count = max(1, round(total / step))
    return tuple(p for p, _ in points_at(path, [total * i / count for i in range(count + 1)]))


def offset(path: Sequence[Point], distance: float) -> Path:
    """The path moved sideways by ``distance`` (positive: to the right of travel on screen).

    Corners use the mitre of the two neighbouring segments, so right-angled pedigree lines keep
    their corners square.
    """
    points = [p for i, p in enumerate(path) if i == 0 or _far(p, path[i - 1])]
    if len(points) < 2:
        return tuple(points)
    result: list[Point] = []
    for i, p in enumerate(points):
        before = _direction(points[i - 1], p) if i > 0 else None
        after = _direction(p, points[i + 1]) if i + 1 < len(points) else None
        if before is None and after is not None:
            nx, ny = normal(after)
        elif after is None and before is not None:
            nx, ny = normal(before)
        elif before is not None and after is not None:
            n1, n2 = normal(before), normal(after)
            mx, my = n1[0] + n2[0], n1[1] + n2[1]
            scale = mx * n1[0] + my * n1[1]
            # A hairpin has no finite mitre: fall back to the incoming normal.
            nx, ny = (mx / scale, my / scale) if abs(scale) > 0.2 else n1
        else:
            nx, ny = 0.0, 0.0
        result.append(Point(p.x + nx * distance, p.y + ny * distance))
    return tuple(result)


def quadratic(start: Point, control: Point, end: Point, step: float) -> Path:
    """A quadratic Bézier curve sampled about every ``step`` units."""
    rough = math.dist((start.x, start.y), (control.x, control.y)) + math.dist(
        (control.x, control.y), (end.x, end.y)
    )
    count = max(2, math.ceil(rough / step))
    points = []
    for i in range(count + 1):
        t = i / count
        u = 1 - t
        points.append(
            Point(
                u * u * start.x + 2 * u * t * control.x + t * t * end.x,
                u * u * start.y + 2 * u * t * control.y + t * t * end.y,
            )
        )
    return tuple(points)


_new = object.__new__
_set_x = Point.x.__set__  # type: ignore[attr-defined,misc]
_set_y = Point.y.__set__  # type: ignore[attr-defined,misc]


def _point(x: float, y: float) -> Point:
    """``Point(x, y)`` in half the time: the slots set directly, as ``scene.quick_init`` does
    (a frozen dataclass's own ``__init__`` goes through ``object.__setattr__``). Drawings
    chain thousands of lines."""
    point = _new(Point)
    _set_x(point, x)
    _set_y(point, y)
    return point


def chain(segments: Sequence[Segment]) -> list[Path]:
    """Join segments that share end points into polylines, in the given order."""
    if len(segments) == 1:
        seg = segments[0]
        return [(_point(seg.x1, seg.y1), _point(seg.x2, seg.y2))]
    # Plain (x, y) pairs while joining: a Point is made once per point of the result. Every
    # drawing chains thousands of short lines, so the end tests are written out: each is
    # ``_near(end, point)``, the same point within 1e-3 both ways (NaN counts as near).
    paths: list[list[_XY]] = []
    for seg in segments:
        ax, ay, bx, by = seg.x1, seg.y1, seg.x2, seg.y2
        for path in paths:
            ex, ey = path[-1]
            if not (abs(ex - ax) > _TOLERANCE or abs(ey - ay) > _TOLERANCE):
                path.append((bx, by))
                break
            if not (abs(ex - bx) > _TOLERANCE or abs(ey - by) > _TOLERANCE):
                path.append((ax, ay))
                break
            sx, sy = path[0]
            if not (abs(sx - bx) > _TOLERANCE or abs(sy - by) > _TOLERANCE):
                path.insert(0, (ax, ay))
                break
            if not (abs(sx - ax) > _TOLERANCE or abs(sy - ay) > _TOLERANCE):
                path.insert(0, (bx, by))
                break
        else:
            paths.append([(ax, ay), (bx, by)])
    if len(paths) > 1:
        paths = _merge(paths)
    return [tuple([_point(x, y) for x, y in p]) for p in paths]


_XY = tuple[float, float]
_TOLERANCE = 1e-3
"""Ends closer than this both ways are the same point."""


def _near(a: _XY, b: _XY) -> bool:
    """``not _far(a, b)`` for plain pairs: the same point within 1e-3 both ways."""
    return not (abs(a[0] - b[0]) > _TOLERANCE or abs(a[1] - b[1]) > _TOLERANCE)


def _merge(paths: list[list[_XY]]) -> list[list[_XY]]:
    """Join polylines whose ends meet, until none do."""
    merged = True
    while merged:
        merged = False
        for i, first in enumerate(paths):
            head, tail = first[0], first[-1]
            for j in range(i + 1, len(paths)):
                second = paths[j]
                if _near(tail, second[0]):
                    joined = first + second[1:]
                elif _near(tail, second[-1]):
                    joined = first + second[-2::-1]
                elif _near(head, second[-1]):
                    joined = second + first[1:]
                elif _near(head, second[0]):
                    joined = second[::-1] + first[1:]
                else:
                    continue
                paths[i] = joined
                del paths[j]
                merged = True
                break
            if merged:
                break
    return paths


def _far(a: Point, b: Point) -> bool:
    return abs(a.x - b.x) > 1e-3 or abs(a.y - b.y) > 1e-3


def _direction(a: Point, b: Point) -> tuple[float, float]:
    d = math.dist((a.x, a.y), (b.x, b.y))
    return ((b.x - a.x) / d, (b.y - a.y) / d)
