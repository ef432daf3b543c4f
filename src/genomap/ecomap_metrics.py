"""Eco-map quality metrics: overlapping circles and labels, crossing ties, ties through circles.

Every count should be 0 on a good map except ``line_crossings``, which the layout keeps low but
cannot always avoid (a tie to a member can have to pass round other ties). Two ties *cross*
when they meet at a point inside both; ties that only share an end do not count. A tie enters a
circle when it comes more than half a unit inside its outline; its own system and the point
where it meets the centre do not count.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import asdict, dataclass

from genomap.geometry import Box, Point
from genomap.layout.ecomap_model import Disc, EcomapLayout, RoutedConnection
from genomap.models import Document

TOLERANCE = 0.5
"""How far (drawing units) a line or label may graze an outline before it counts."""


@dataclass(frozen=True, slots=True)
class EcomapMetrics:
    """Quality figures of one eco-map layout."""

    systems: int
    systems_drawn: int
    connections: int
    connections_drawn: int
    curved_connections: int
    circle_overlaps: int
    label_overlaps: int
    line_crossings: int
    lines_through_circles: int
    lines_through_labels: int
    centre_radius: float
    ring_radius: float
    growth_steps: int
    width: float
    height: float
    layout_ms: float

    def to_dict(self) -> dict[str, float | int]:
        """Plain dict for JSON output."""
        return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def measure_ecomap(layout: EcomapLayout, document: Document) -> EcomapMetrics:
    """Compute every metric of an eco-map ``layout`` drawn from ``document``.

    Args:
        layout: the layout from :func:`genomap.api_ecomap.layout_ecomap`.
        document: the document it was made from (for the counts of what was asked for).
    """
    discs = [("centre", layout.centre.disc)] + [(p.id, p.disc) for p in layout.systems]
    labels = [(p.id, p.label.box) for p in layout.systems if not p.label_inside]
    labels += [(f"sector:{s.key}", s.title.box) for s in layout.sectors if s.title is not None]
    ecomap = document.ecomap
    return EcomapMetrics(
        systems=len(ecomap.systems) if ecomap else 0,
        systems_drawn=len(layout.systems),
        connections=len(ecomap.connections) if ecomap else 0,
        connections_drawn=len(layout.connections),
        curved_connections=sum(1 for c in layout.connections if c.curved),
        circle_overlaps=sum(
            1 for (_, a), (_, b) in itertools.combinations(discs, 2) if a.gap_to_disc(b) < 0
        ),
        label_overlaps=_label_overlaps(labels, discs),
        line_crossings=_crossings(layout.connections, layout.symbol_size),
        lines_through_circles=sum(_through_circles(tie, discs) for tie in layout.connections),
        lines_through_labels=sum(_through_labels(tie, labels) for tie in layout.connections),
        centre_radius=layout.centre.radius,
        ring_radius=layout.ring_radius,
        growth_steps=layout.growth_steps,
        width=layout.bounds.width,
        height=layout.bounds.height,
        layout_ms=layout.elapsed_ms,
    )


def _label_overlaps(labels: list[tuple[str, Box]], discs: list[tuple[str, Disc]]) -> int:
    """Pairs of labels that overlap, and labels over a circle that is not their system's."""
    count = sum(
        1 for (_, a), (_, b) in itertools.combinations(labels, 2) if a.overlaps(b, TOLERANCE)
    )
    return count + sum(
        1
        for owner, box in labels
        for other, disc in discs
        if owner != other and disc.gap_to_box(box) < -TOLERANCE
    )


def _pieces(path: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    return [(a, b) for a, b in itertools.pairwise(path) if a != b]


def _through_circles(tie: RoutedConnection, discs: list[tuple[str, Disc]]) -> int:
    """How many circles (other than the tie's own system) the tie enters."""
    return sum(
        1
        for owner, disc in discs
        if owner != tie.system
        and any(disc.distance_to_segment(a, b) < disc.r - TOLERANCE for a, b in _pieces(tie.path))
    )


def _through_labels(tie: RoutedConnection, labels: list[tuple[str, Box]]) -> int:
    """How many label boxes the tie passes through."""
    count = 0
    for _, box in labels:
        inner = box.expand(-TOLERANCE)
        if (
            inner.width > 0
            and inner.height > 0
            and any(_segment_hits_box(a, b, inner) for a, b in _pieces(tie.path))
        ):
            count += 1
    return count


def _segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """True when the segment a-b meets the box (Liang-Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b.x - a.x, b.y - a.y
    for p, q in (
        (-dx, a.x - box.left),
        (dx, box.right - a.x),
        (-dy, a.y - box.top),
        (dy, box.bottom - a.y),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _cross(a: tuple[Point, Point], b: tuple[Point, Point]) -> bool:
    """Proper intersection: the meeting point lies strictly inside both segments."""
    (p, q), (r, s) = a, b
    d1x, d1y = q.x - p.x, q.y - p.y
    d2x, d2y = s.x - r.x, s.y - r.y
    denom = d1x * d2y - d1y * d2x
    if abs(denom) < 1e-9:
        return False
    t = ((r.x - p.x) * d2y - (r.y - p.y) * d2x) / denom
    u = ((r.x - p.x) * d1y - (r.y - p.y) * d1x) / denom
    margin = 1e-3
    return margin < t < 1 - margin and margin < u < 1 - margin


def _crossings(ties: tuple[RoutedConnection, ...], s: float) -> int:
    """Pairs of ties that cross (each pair counted once, however often they cross)."""
    cell = 2 * s
    grid: dict[tuple[int, int], list[tuple[int, tuple[Point, Point]]]] = defaultdict(list)
    crossing: set[tuple[int, int]] = set()
    for index, tie in enumerate(ties):
        for piece in _pieces(tie.path):
            (a, b) = piece
            keys = [
                (i, j)
                for i in range(int(min(a.x, b.x) // cell), int(max(a.x, b.x) // cell) + 1)
                for j in range(int(min(a.y, b.y) // cell), int(max(a.y, b.y) // cell) + 1)
            ]
            for key in keys:
                for other, other_piece in grid[key]:
                    if (
                        other != index
                        and (other, index) not in crossing
                        and _cross(piece, other_piece)
                    ):
                        crossing.add((other, index))
            for key in keys:
                grid[key].append((index, piece))
    return len(crossing)


__all__ = ["EcomapMetrics", "measure_ecomap"]
