"""Orthogonal pedigree lines: partner lines, descent lines, sibship bars, drops and twin apexes."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from genomap.geometry import EPS, Point, Segment
from genomap.layout.model import ChildLink, Sibship, TwinGroup
from genomap.layout.structure import Structure
from genomap.layout.tracks import ChannelLine
from genomap.models import Gender, Parentage, Person, PersonKind

CIRCLE_GENDERS = frozenset({Gender.FEMALE, Gender.TRANSGENDER_FEMALE})
DIAMOND_GENDERS = frozenset({Gender.NON_BINARY, Gender.UNKNOWN, Gender.OTHER})
PARENTAGE_TEXT: Mapping[Parentage, str] = {p: p.value for p in Parentage}
"""Each parentage's value, as child lines record it (a lookup is cheaper than ``.value``)."""
BOX_KINDS = frozenset({PersonKind.PREGNANCY, PersonKind.MISCARRIAGE, PersonKind.ECTOPIC})
"""Kinds whose lines attach as to a box, whatever the gender."""


def shape_of(person: Person | None) -> str:
    """The outline a person's symbol has, for attaching lines to its edge."""
    if person is None:
        return "point"
    if person.kind in BOX_KINDS:
        return "box"
    if person.gender in CIRCLE_GENDERS:
        return "circle"
    if person.gender in DIAMOND_GENDERS:
        return "diamond"
    return "box"


def bottom_at(person: Person | None, cx: float, cy: float, size: float, x: float) -> float:
    """The y of the symbol's lower edge above ``x`` (so a line starts on the outline)."""
    return _bottom(shape_of(person), cx, cy, size, x)


def top_at(person: Person | None, cx: float, cy: float, size: float, x: float) -> float:
    """The y of the symbol's upper edge above ``x``."""
    return 2 * cy - bottom_at(person, cx, cy, size, x)


def _bottom(shape: str, cx: float, cy: float, size: float, x: float) -> float:
    half = size / 2
    if shape == "box":
        return cy + half
    if shape == "point":
        return cy
    dx = min(abs(x - cx), half)
    if shape == "circle":
        return cy + math.sqrt(max(half * half - dx * dx, 0.0))
    return cy + half - dx  # a diamond


@dataclass(slots=True)
class RowGeometry:
    """Vertical layout of one row, filled in once every row's contents are known."""

    y: float = 0.0
    partner_line: float = 0.0
    partner_track: float = 0.0
    label_top: float = 0.0
    label_bottom: float = 0.0
    bar_base: float = 0.0
    bar_track: float = 0.0

    def partner_y(self, track: int, nsgc: bool) -> float:
        """The height of a partner line on ``track`` (track 0 at mid-height under NSGC)."""
        if nsgc and track == 0:
            return self.y
        return self.partner_line + track * self.partner_track

    def bar_y(self, track: int) -> float:
        """The height of a sibship bar on ``track`` in the channel below this row."""
        return self.bar_base + track * self.bar_track


@dataclass(slots=True)
class Routed:
    """Lines produced by routing, collected per owner."""

    sibships: list[Sibship] = field(default_factory=list)
    twins: list[TwinGroup] = field(default_factory=list)


@dataclass(slots=True)
class Placed:
    """Where a unit ended up: its centre, symbol size, person (None for line-only units) and
    the person's :func:`shape_of`, looked up once for the lines that attach to it.

    Read-only by convention; not frozen because one is made per unit in every layout and a
    frozen dataclass takes over twice as long to create.
    """

    x: float
    y: float
    size: float
    person: Person | None
    shape: str = "point"

    def bottom(self, x: float) -> float:
        """The y of the symbol's lower edge above ``x`` (see :func:`bottom_at`)."""
        if self.shape == "box":  # the usual case, without the call (the same sum as _bottom)
            return self.y + self.size / 2
        return _bottom(self.shape, self.x, self.y, self.size, x)

    def top(self, x: float) -> float:
        """The y of the symbol's upper edge above ``x`` (see :func:`top_at`)."""
        y = self.y
        if self.shape == "box":  # as in bottom
            return 2 * y - (y + self.size / 2)
        return 2 * y - _bottom(self.shape, self.x, y, self.size, x)


def channel_lines(
    structure: Structure,
    x: Mapping[str, float],
    descent_x: Mapping[str, float],
    multiples: list[tuple[tuple[str, ...], str]],
) -> dict[str, ChannelLine]:
    """Every horizontal line in the channels: sibship bars (by union key) and jogs of carried
    lines (by unit key), with the verticals that meet them."""
    lines: dict[str, ChannelLine] = {}
    twins = twin_groups_by_union(structure, multiples)
    for key, info in structure.unions.items():
        children = info.children
        if not children:
            continue
        groups = twins.get(key) if twins else None
        if groups is None:
            downs = [x[k] for k, _, _ in children]
        else:
            downs = []
            grouped: set[str] = set()
            for members, _ in groups:
                # The apex on the bar, and the diagonals that fan out below it to each twin.
                downs.append(sum(x[m] for m in members) / len(members))
                downs.extend(x[m] for m in members)
                grouped.update(members)
            downs.extend(x[k] for k, _, _ in children if k not in grouped)
        down = descent_x[key]
        # min/max of the drops, then of the descent point: the same as of all of them at once.
        lines[key] = ChannelLine(
            min(min(downs), down), max(max(downs), down), (down,), tuple(downs)
        )
    unions = structure.unions
    for unit in structure.units.values():
        up = unit.up
        if up is not None and up not in unions:
            # A unit hanging from a single unit: a jog from the unit above to this one.
            a, b = x[up], x[unit.key]
            if abs(a - b) > EPS:
                lines[unit.key] = ChannelLine(min(a, b), max(a, b), (a,), (b,))
    return lines


def route_sibship(
    union_key: str,
    structure: Structure,
    placed: Mapping[str, Placed],
    descent: Point,
    bar_y: float,
    twin_groups: list[tuple[tuple[str, ...], str]],
    routed: Routed,
) -> None:
    """The descent line, the bar and one drop per child (twins from one apex)."""
    info = structure.unions[union_key]
    down = descent.x
    descent_seg = (Segment(down, descent.y, down, bar_y),)
    in_group: dict[str, int] = {}
    apexes: dict[int, Point] = {}
    for g, (members, zygosity) in enumerate(twin_groups):
        for member in members:
            in_group[member] = g
        apex = Point(sum(placed[m].x for m in members) / len(members), bar_y)
        apexes[g] = apex
        tops = [(placed[m].x, _child_top(placed[m])) for m in members]
        mid_y = (bar_y + min(t for _, t in tops)) / 2
        xs = [apex.x + (tx - apex.x) * (mid_y - bar_y) / (ty - bar_y) for tx, ty in tops]
        marker = Segment(min(xs), mid_y, max(xs), mid_y) if zygosity == "identical" else None
        question = Point(apex.x, mid_y) if zygosity == "unknown" else None
        routed.twins.append(TwinGroup(union_key, members, zygosity, apex, marker, question))
    links: list[ChildLink] = []
    # The bar's ends: the extremes of the descent point and the drops (the first of equals, as
    # min and max of them all would give).
    left = right = down
    for unit_key, person_id, parentage in info.children:
        spot = placed[unit_key]
        sx = spot.x
        # _child_top, inline: a dummy's line continues through the row.
        top = spot.y + spot.size / 2 if spot.person is None else spot.top(sx)
        group = in_group.get(unit_key) if in_group else None
        if group is not None:
            at = apexes[group].x
            segment = Segment(at, bar_y, sx, top)
        else:
            at = sx
            segment = Segment(sx, bar_y, sx, top)
        if at < left:
            left = at
        elif at > right:
            right = at
        links.append(ChildLink(union_key, person_id, PARENTAGE_TEXT[parentage], (segment,)))
    bar = Segment(left, bar_y, right, bar_y) if right - left > EPS else None
    routed.sibships.append(Sibship(union_key, descent_seg, bar, tuple(links)))


def _child_top(spot: Placed) -> float:
    if spot.person is None:  # a dummy: the line continues through the row
        return spot.y + spot.size / 2
    return spot.top(spot.x)


def twin_groups_for(
    structure: Structure, union_key: str, multiples: list[tuple[tuple[str, ...], str]]
) -> list[tuple[tuple[str, ...], str]]:
    """Twin groups among this union's children that stand next to each other in the row."""
    return _twin_groups(structure.unions[union_key].children, multiples)


def twin_groups_by_union(
    structure: Structure, multiples: Sequence[tuple[tuple[str, ...], str]]
) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """:func:`twin_groups_for` of every union that has twin groups, in one pass: each union
    looks only at the multiple births naming one of its children, in their given order."""
    if not multiples:
        return {}
    naming: dict[str, list[int]] = defaultdict(list)
    for i, (members, _) in enumerate(multiples):
        for member in members:
            naming[member].append(i)
    result: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, info in structure.unions.items():
        found = sorted({i for k, _, _ in info.children if k in naming for i in naming[k]})
        if found:
            groups = _twin_groups(info.children, [multiples[i] for i in found])
            if groups:
                result[key] = groups
    return result


def _twin_groups(
    children: Sequence[tuple[str, str, Parentage]],
    multiples: Sequence[tuple[tuple[str, ...], str]],
) -> list[tuple[tuple[str, ...], str]]:
    position = {k: i for i, (k, _, _) in enumerate(children)}
    groups: list[tuple[tuple[str, ...], str]] = []
    for members, zygosity in multiples:
        present = sorted((m for m in members if m in position), key=lambda m: position[m])
        if len(present) < 2:
            continue
        run = [position[m] for m in present]
        if run == list(range(run[0], run[0] + len(run))):
            groups.append((tuple(present), zygosity))
    return groups


def partner_attachments(
    structure: Structure, x: Mapping[str, float]
) -> dict[tuple[str, str], float]:
    """Where each union's partner line leaves each partner (x), so unions never share a drop.

    Offsets are in symbol sizes from the partner's centre, by (union key, unit key); a partner
    with a single union is left out, as its line leaves the centre (offset 0).
    """
    sides: dict[str, tuple[list[str], list[str]]] = {}  # unit -> unions to its left, right
    for key, info in structure.unions.items():
        a, b = info.partner_units
        xa, xb = x[a], x[b]
        # Each partner's union goes on the other partner's side (left when they are one unit).
        entry = sides.get(a)
        if entry is None:
            entry = sides[a] = ([], [])
        entry[xb > xa].append(key)
        entry = sides.get(b)
        if entry is None:
            entry = sides[b] = ([], [])
        entry[xa > xb].append(key)
    result: dict[tuple[str, str], float] = {}
    for unit, (lefts, rights) in sides.items():
        if len(lefts) + len(rights) == 1:
            continue
        here = x[unit]
        for side, keys in ((-1, lefts), (1, rights)):
            if len(keys) > 1:
                # Per partner: the far end depends on which partner's side is looked from.
                far_end = {key: _far_end(structure, key, x, here) for key in keys}
                # The farthest partner's line runs deepest, so it leaves nearest the centre
                # and its drop does not cut the nearer partners' lines.
                keys.sort(key=lambda k: -abs(far_end[k] - here))
            for i, key in enumerate(keys):
                result[(key, unit)] = side * (0.18 + 0.1 * i)
    return result


def _far_end(structure: Structure, union_key: str, x: Mapping[str, float], here: float) -> float:
    """The x of the union's partner farthest from ``here`` (the partner whose lines leave)."""
    xs = [x[k] for k in structure.unions[union_key].partner_units]
    return max(xs, key=lambda v: (abs(v - here), v))


def far_partner(
    structure: Structure, union_key: str, rows: list[list[str]], index: Mapping[str, int]
) -> tuple[str, str, str] | None:
    """For partners who do not stand side by side: (far partner, shared partner, the far
    partner's neighbour towards the shared one). The far partner is the one with fewer unions;
    that union's label goes beside them. None when the partners are neighbours.

    ``index`` is each unit's position in its row of ``rows``.
    """
    a, b = structure.unions[union_key].partner_units
    if index[b] < index[a]:
        a, b = b, a
    if index[b] - index[a] <= 1:
        return None
    row = rows[structure.units[a].row]
    count = {k: len(structure.units[k].down_unions) for k in (a, b)}
    far, shared = (a, b) if count[a] < count[b] or (count[a] == count[b] and a > b) else (b, a)
    step = 1 if index[shared] > index[far] else -1
    return far, shared, row[index[far] + step]


def descent_x(structure: Structure, union_key: str, x: Mapping[str, float]) -> float:
    """Where a union's descent line leaves its partner line: the middle, or a stub's end."""
    # descent_units, inline: this runs for every union, twice per layout.
    units = structure.unions[union_key].partner_units
    kinds = structure.units
    stubs = [k for k in units if kinds[k].kind == "stub"]
    if stubs:
        units = stubs
    return sum([x[k] for k in units]) / len(units)


def descent_units(structure: Structure, union_key: str) -> list[str]:
    """The units whose mean x is the union's descent point (a single parent's stub alone)."""
    units = structure.unions[union_key].partner_units
    stubs = [k for k in units if structure.units[k].kind == "stub"]
    return stubs or units


def clear_descents(
    structure: Structure,
    rows: Sequence[Sequence[str]],
    x: Mapping[str, float],
    label_widths: Mapping[str, float],
    margin: float,
    half_symbol: float = 0.0,
) -> dict[str, float]:
    """Where each union's descent line leaves its partner line (see :func:`descent_x`).

    When people stand between the partners, the middle of the long partner line is often right
    above one of their name labels: the descent line then goes down through the nearest gap
    between the labels under that line instead (each label widened by ``margin``), clear of
    the other unions' descent lines. ``label_widths`` holds the width of the labels below each
    person's symbol.
    """
    unions = structure.unions
    descents = {key: descent_x(structure, key, x) for key in unions}
    index: dict[str, int] | None = None
    in_row: dict[int, list[str]] | None = None
    for key, info in unions.items():
        parts = info.partner_units
        if len(parts) != 2:
            continue
        if index is None or in_row is None:
            index = {k: i for row in rows for i, k in enumerate(row)}
            in_row = {}
            for other, other_info in unions.items():
                in_row.setdefault(other_info.row, []).append(other)
        first, last = sorted((index[parts[0]], index[parts[1]]))
        if last - first <= 1 or any(structure.units[k].kind == "stub" for k in parts):
            continue
        row = rows[info.row]
        blocked = [
            (x[k] - width / 2 - margin, x[k] + width / 2 + margin)
            for k in row[first : last + 1]
            if (width := label_widths.get(k, 0.0)) > 0
        ]
        low, high = x[row[first]], x[row[last]]
        blocked.extend(
            (at - margin, at + margin)
            for other in in_row[info.row]
            if other != key and low < (at := descents[other]) < high
        )
        descents[key] = _nearest_free(descents[key], sorted(blocked), low, high)
    _clear_of_other_drops(structure, rows, x, descents, label_widths, margin, half_symbol)
    return descents


def _clear_of_other_drops(
    structure: Structure,
    rows: Sequence[Sequence[str]],
    x: Mapping[str, float],
    descents: dict[str, float],
    label_widths: Mapping[str, float],
    margin: float,
    half_symbol: float,
) -> None:
    """Move a descent line along its partner line when a child of another union stands right
    under it: the two verticals would read as one line, as if that child were this couple's.

    The descent moves to the nearest point at least ``3 * margin`` from every other union's
    drop in the row below, clear of the partners' symbols (``half_symbol`` from each centre:
    under ``nsgc`` the partner line runs between them) and of the name labels under the
    partner line (each widened by ``margin``); a descent with no such point stays where it is.
    """
    unions, units = structure.unions, structure.units
    parents: dict[int, list[str]] = {}  # union row -> its unions with children
    for key, info in unions.items():
        if info.children:
            parents.setdefault(info.row, []).append(key)
    if all(len(keys) == 1 for keys in parents.values()):
        return  # every drop is its own union's
    # A union with extra links keeps its descent: those links leave its line at set distances
    # from the descent point, and could land on the very drop the move avoids.
    linked = {union_key for union_key, _, _ in structure.secondary}
    gap = 3 * margin
    for row, keys in parents.items():
        if len(keys) == 1:
            continue
        owner = {unit: key for key in keys for unit, _, _ in unions[key].children}
        # The row below is in x order, so its drops come out sorted.
        below = [k for k in rows[row + 1] if k in owner]
        xs = [x[k] for k in below]
        for key in keys:
            parts = unions[key].partner_units
            if len(parts) != 2 or key in linked:
                continue
            at = descents[key]
            start, end = bisect_right(xs, at - gap), bisect_left(xs, at + gap)
            near = [xs[i] for i in range(start, end) if owner[below[i]] != key]
            if not near or units[parts[0]].kind == "stub" or units[parts[1]].kind == "stub":
                continue
            left, right = sorted((x[parts[0]], x[parts[1]]))
            reach = max(gap, half_symbol + margin)
            low, high = left + reach, right - reach
            if low > high:
                continue
            # What the moved line must keep clear of: the other drops, and the name labels of
            # everyone from one partner to the other.
            blocked = [(d - gap, d + gap) for d in near]
            row_keys = rows[row]
            first, last = sorted((row_keys.index(parts[0]), row_keys.index(parts[1])))
            blocked.extend(
                (x[k] - width / 2 - margin, x[k] + width / 2 + margin)
                for k in row_keys[first : last + 1]
                if (width := label_widths.get(k, 0.0)) > 0
            )
            candidates = [
                c
                for a, b in blocked
                for c in (a, b)
                if low <= c <= high and not any(lo + EPS < c < hi - EPS for lo, hi in blocked)
            ]
            if candidates:
                descents[key] = min(candidates, key=lambda c: (abs(c - at), c))


def _nearest_free(
    wanted: float, blocked: Sequence[tuple[float, float]], low: float, high: float
) -> float:
    """``wanted`` if no interval holds it, else the middle of the gap between two intervals
    (inside ``low``..``high``) nearest to it; ``wanted`` when there is no such gap."""
    if not any(a < wanted < b for a, b in blocked):
        return wanted
    middles: list[float] = []
    reach = blocked[0][1]
    for a, b in blocked[1:]:
        if a - reach > EPS and low < reach and a < high:
            middles.append((reach + a) / 2)
        reach = max(reach, b)
    if not middles:
        return wanted
    return min(middles, key=lambda m: (abs(m - wanted), m))
