"""Route eco-map ties (conventions §7, §10 step 6) between the centre circle and the systems.

A tie runs from the centre end to the system end. Several ties of one system leave it side by
side, ordered by the direction they come from, so they never cross at the system; several ties
of one member leave its anchor side by side in the same way. A household tie runs parallel to
the system's radius. A member tie is straight when the straight line keeps out of every circle;
otherwise it leaves the anchor radially, sweeps round on its own track in the free band between
the centre circle and the ring, and runs radially into the system, so it cannot enter a circle.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace

from genomap.geometry import Point
from genomap.layout.ecomap_model import (
    Centre,
    Disc,
    EcomapStyle,
    MemberAnchor,
    PlacedSystem,
    RoutedConnection,
    angle_of,
    polar,
    wrap_angle,
)
from genomap.models import Connection

TOLERANCE = 0.5
"""How far (drawing units) a line may graze a circle's outline before it counts as entering."""


@dataclass(frozen=True, slots=True)
class Tie:
    """A connection to draw, with its stable key and its member's anchor (None: the centre)."""

    conn: Connection
    key: str
    anchor: MemberAnchor | None


def route(
    ties: list[Tie],
    placed: list[PlacedSystem],
    centre: Centre,
    ring: float,
    eco: EcomapStyle,
    s: float,
) -> tuple[list[RoutedConnection], bool]:
    """Every tie's path at this ring radius, and whether all of them keep out of the circles."""
    where = {p.id: p for p in placed}
    ends, offsets = _system_ports(ties, where, eco, s)
    starts = _member_ports(ties, ends, centre, eco, s)
    rc = centre.radius
    paths: dict[str, tuple[Point, ...]] = {}
    bent: list[Tie] = []
    for tie in ties:
        end = ends[tie.key]
        if tie.anchor is None:
            system = where[tie.conn.system]
            d = offsets[tie.key]
            ux, uy = math.sin(system.angle), -math.cos(system.angle)
            tx, ty = -uy, ux
            back = math.sqrt(max(rc * rc - d * d, 0.0))
            paths[tie.key] = (Point(tx * d + ux * back, ty * d + uy * back), end)
            continue
        start = polar(starts[tie.key], rc)
        line = (start, end)
        if _clear(line, tie.conn.system, placed, centre):
            paths[tie.key] = line
        else:
            bent.append(tie)
    biggest = max((p.r for p in placed), default=0.0)
    inner, outer = rc + 0.3 * s, ring - biggest - 0.3 * s
    band = outer - inner
    bent.sort(key=lambda t: (-abs(_sweep(starts[t.key], ends[t.key])), t.key))
    for i, tie in enumerate(bent):
        # Each bent tie turns on its own track, but over at least half the band, so it reads
        # as a smooth curve rather than a ring road hugging the centre circle.
        track = inner + (i + 0.5) * band / len(bent)
        low, high = max(inner, track - band / 4), min(outer, track + band / 4)
        paths[tie.key] = _bend(starts[tie.key], rc, ends[tie.key], low, high, s)
    routes = [
        RoutedConnection(
            key=tie.key,
            system=tie.conn.system,
            member=tie.conn.member,
            strength=tie.conn.strength,
            stressful=tie.conn.stressful,
            flow=tie.conn.flow,
            amount=tie.conn.amount,
            note=tie.conn.note,
            path=paths[tie.key],
            curved=len(paths[tie.key]) > 2,
        )
        for tie in ties
    ]
    clear = all(_clear(r.path, r.system, placed, centre) for r in routes)
    return routes, clear


def _system_ports(
    ties: list[Tie], where: dict[str, PlacedSystem], eco: EcomapStyle, s: float
) -> tuple[dict[str, Point], dict[str, float]]:
    """Where each tie meets its system, and its sideways offset from the system's radius."""
    groups: dict[str, list[Tie]] = {}
    for tie in ties:
        groups.setdefault(tie.conn.system, []).append(tie)
    ends: dict[str, Point] = {}
    offsets: dict[str, float] = {}
    for system_id in sorted(groups):
        system = where[system_id]

        def side(tie: Tie, angle: float = system.angle) -> tuple[float, str]:
            turn = wrap_angle(tie.anchor.angle - angle) if tie.anchor is not None else 0.0
            return (round(turn, 9), tie.key)

        group = sorted(groups[system_id], key=side)
        n = len(group)
        spacing = min(eco.port_spacing_s * s, 1.2 * system.r / (n - 1)) if n > 1 else 0.0
        ux, uy = math.sin(system.angle), -math.cos(system.angle)
        tx, ty = -uy, ux  # clockwise along the ring
        for k, tie in enumerate(group):
            d = (k - (n - 1) / 2) * spacing
            back = math.sqrt(system.r * system.r - d * d)
            ends[tie.key] = Point(system.x - ux * back + tx * d, system.y - uy * back + ty * d)
            offsets[tie.key] = d
    return ends, offsets


def _member_ports(
    ties: list[Tie], ends: dict[str, Point], centre: Centre, eco: EcomapStyle, s: float
) -> dict[str, float]:
    """The angle at which each member tie leaves the centre circle, beside its anchor."""
    groups: dict[str, list[Tie]] = {}
    for tie in ties:
        if tie.anchor is not None:
            groups.setdefault(tie.anchor.person, []).append(tie)
    starts: dict[str, float] = {}
    step = eco.port_spacing_s * s / centre.radius
    for person in sorted(groups):
        group = groups[person]
        anchor = group[0].anchor
        assert anchor is not None
        group.sort(key=lambda t: (round(_sweep(anchor.angle, ends[t.key]), 9), t.key))
        for k, tie in enumerate(group):
            starts[tie.key] = anchor.angle + (k - (len(group) - 1) / 2) * step
    return starts


def _sweep(start: float, end: Point) -> float:
    """The signed turn from a start angle to the angle of an end point."""
    return wrap_angle(angle_of(end.x, end.y) - start)


def _bend(
    start: float, rc: float, end: Point, low: float, high: float, s: float
) -> tuple[Point, ...]:
    """Out from the anchor, round between radii ``low`` and ``high``, then in to the system."""
    turn = _sweep(start, end)
    finish = start + turn
    middle = (low + high) / 2
    count = max(6, math.ceil(abs(turn) * middle / (0.2 * s)))
    points = [polar(start, rc), polar(start, low)]
    for j in range(1, count):
        u = j / count
        points.append(polar(start + turn * u * u * (3 - 2 * u), low + (high - low) * u))
    points += [polar(finish, high), end]
    return tuple(points)


def _clear(
    path: tuple[Point, ...], system: str, placed: list[PlacedSystem], centre: Centre
) -> bool:
    """True when no piece of the path enters the centre circle or another system's circle."""
    discs: list[Disc] = [centre.disc] + [p.disc for p in placed if p.id != system]
    xs, ys = [p.x for p in path], [p.y for p in path]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    for disc in discs:
        if (
            disc.x + disc.r < left
            or disc.x - disc.r > right
            or disc.y + disc.r < top
            or disc.y - disc.r > bottom
        ):
            continue
        for a, b in itertools.pairwise(path):
            if disc.distance_to_segment(a, b) < disc.r - TOLERANCE:
                return False
    return True


def number_notes(
    routes: list[RoutedConnection], placed: list[PlacedSystem], eco: EcomapStyle
) -> tuple[RoutedConnection, ...]:
    """The ties in clockwise order of their systems, notes numbered 1, 2, ... in that order."""
    order = {p.id: i for i, p in enumerate(placed)}
    result: list[RoutedConnection] = []
    number = 0
    for tie in sorted(routes, key=lambda r: (order[r.system], r.key)):
        if eco.show_notes and tie.note:
            number += 1
            result.append(replace(tie, note_number=number))
        else:
            result.append(tie)
    return tuple(result)
