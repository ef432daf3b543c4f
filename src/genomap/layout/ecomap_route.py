"""Route eco-map ties (conventions §7, §10 step 6) between the centre circle and the systems.

A tie runs from the centre end to the system end. Several ties of one system leave it side by
side, ordered by the direction they come from, so they never cross at the system; several ties
of one member leave its anchor side by side in the same way. A household tie runs parallel to
the system's radius. A member tie is straight when the straight line keeps out of every circle;
otherwise it leaves the anchor radially, runs round on a track in the free band between
the centre circle and the ring, and runs radially into the system, so it cannot enter a circle.
The tracks are concentric with the centre and sit just outside it; ties whose sweeps do not
overlap share a track. Straight ties keep their codes (arrows, ticks) beyond the tracks.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace

from genomap import polyline as pl
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
    tracks = _tracks(bent, starts, ends, rc, eco, s)
    zone = rc + (max(tracks.values()) + 1) * eco.track_spacing_s * s + 0.2 * s if tracks else rc
    for tie in bent:
        radius = rc + (tracks[tie.key] + 1) * eco.track_spacing_s * s
        paths[tie.key] = _orbit(starts[tie.key], rc, ends[tie.key], radius, s)
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
            codes_from=0.0 if tie in bent else _leave(paths[tie.key], zone),
        )
        for tie in ties
    ]
    biggest = max((p.r for p in placed), default=0.0)
    room = ring - biggest - zone >= eco.spoke_codes_s * s
    return routes, room and all(_clear(r.path, r.system, placed, centre) for r in routes)


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


def _tracks(
    bent: list[Tie],
    starts: dict[str, float],
    ends: dict[str, Point],
    rc: float,
    eco: EcomapStyle,
    s: float,
) -> dict[str, int]:
    """A track (0 = innermost) for each bent tie: short sweeps inside, and ties whose sweeps do
    not overlap share a track (greedy interval colouring)."""
    spans: dict[str, tuple[float, float]] = {}
    for tie in bent:
        turn = _sweep(starts[tie.key], ends[tie.key])
        start = starts[tie.key]
        spans[tie.key] = (min(start, start + turn), max(start, start + turn))
    margin = 0.5 * s / rc
    taken: list[list[tuple[float, float]]] = []
    tracks: dict[str, int] = {}
    for key in sorted(spans, key=lambda k: (round(spans[k][1] - spans[k][0], 9), k)):
        lo, hi = spans[key]
        for index, used in enumerate(taken):
            if not any(
                lo < b + k * math.tau + margin and a + k * math.tau < hi + margin
                for a, b in used
                for k in (-1, 0, 1)
            ):
                used.append((lo, hi))
                tracks[key] = index
                break
        else:
            taken.append([(lo, hi)])
            tracks[key] = len(taken) - 1
    return tracks


def _orbit(start: float, rc: float, end: Point, radius: float, s: float) -> tuple[Point, ...]:
    """Out from the anchor to a track, round the track, then radially out to the system, with
    rounded corners."""
    turn = _sweep(start, end)
    finish = start + turn
    sign = 1.0 if turn >= 0 else -1.0
    corner = min(0.3 * s, abs(turn) * radius / 3)
    delta = sign * corner / radius
    step = 0.1 * s
    points = [polar(start, rc)]
    points += pl.quadratic(
        polar(start, radius - corner), polar(start, radius), polar(start + delta, radius), step
    )
    count = max(2, math.ceil(abs(turn) * radius / (0.25 * s)))
    points += [
        polar(start + delta + (turn - 2 * delta) * j / count, radius) for j in range(1, count)
    ]
    points += pl.quadratic(
        polar(finish - delta, radius), polar(finish, radius), polar(finish, radius + corner), step
    )
    points.append(end)
    return tuple(points)


def _leave(path: tuple[Point, ...], radius: float) -> float:
    """How far along a straight tie it first gets ``radius`` from the centre (0 if it starts
    there): where its codes may begin, past the tracks of the bent ties."""
    a, b = path[0], path[-1]
    dx, dy = b.x - a.x, b.y - a.y
    qa, qb, qc = dx * dx + dy * dy, 2 * (a.x * dx + a.y * dy), a.x * a.x + a.y * a.y - radius**2
    if qc >= 0 or qa == 0:
        return 0.0
    t = (-qb + math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa)
    return min(max(t, 0.0), 1.0) * math.sqrt(qa)


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
