"""Turn placed units and row heights into the frozen layout: symbols, labels, lines, households."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from math import inf
from operator import add, sub
from typing import Any

from genomap.geometry import EPS, Box, Point, Segment
from genomap.layout.labels import PersonText, TextBlock, joined_years, symbol_size
from genomap.layout.model import (
    ChildLink,
    HouseholdOutline,
    Label,
    PlacedPerson,
    PlacedUnion,
    Row,
    Sibship,
    TextLine,
)
from genomap.layout.routing import (
    PARENTAGE_TEXT,
    Placed,
    Routed,
    RowGeometry,
    far_partner,
    partner_attachments,
    route_sibship,
    shape_of,
    twin_groups_by_union,
)
from genomap.layout.structure import Structure
from genomap.layout.tracks import ChannelLine
from genomap.models import Document, Gender, Parentage, PersonKind
from genomap.style import Style
from genomap.text import LINE_HEIGHT, text_width

ASCENT = 0.8
"""Share of the font size above the baseline (DejaVu Sans), for label boxes."""
PROBAND_DROP = 0.45
"""Extra space (× S) below an NSGC proband or consultand for the arrow at its lower left."""
DESCENT_MARGIN_S = 0.1
"""Least room (× S) between a descent line and a name label it passes (see clear_descents)."""
_FIRST_BASELINE = ASCENT + 0.1
"""From the top of a text block to its first baseline, in font sizes."""
_BIOLOGICAL = Parentage.BIOLOGICAL  # enum members are slow to look up on their class


@dataclass(slots=True)
class Part:
    """One connected component on its way through the pipeline."""

    structure: Structure
    rows: list[list[str]]
    texts: dict[str, PersonText] = field(default_factory=dict)
    union_labels: dict[str, TextBlock] = field(default_factory=dict)
    x: dict[str, float] = field(default_factory=dict)
    widths: dict[str, float] = field(default_factory=dict)
    bar_tracks: dict[str, int] = field(default_factory=dict)
    descent: dict[str, float] = field(default_factory=dict)  # union -> its descent line's x
    secondary_ends: dict[tuple[str, str], tuple[float, float, float, float]] | None = None
    union_tracks: dict[str, int] = field(default_factory=dict)
    left: float = 0.0
    right: float = 0.0
    offset: float = 0.0


def secondary_key(union_key: str, person_id: str) -> str:
    """Track key of an extra parent link (e.g. a solid line to an adopted child's birth parents)."""
    return f"second:{union_key}>{person_id}"


def secondary_end_key(union_key: str, person_id: str) -> str:
    """Track key of the last jog of an extra link carried through rows by dummies."""
    return f"second:{union_key}>{person_id}:end"


def secondary_lines(part: Part, style: Style) -> dict[str, tuple[int, ChannelLine]]:
    """Channel row and channel line of each extra parent link's own jogs (the jogs between the
    dummies of a carried link are the dummies' own, as for any carried line)."""
    lines: dict[str, tuple[int, ChannelLine]] = {}
    structure = part.structure
    ends = _secondary_ends(part, style)
    apart = style.s(0.3)
    for union_key, person_id, _ in structure.secondary:
        start, first, last, end = ends[(union_key, person_id)]
        key = secondary_key(union_key, person_id)
        lines[key] = (
            structure.unions[union_key].row,
            ChannelLine(min(start, first), max(start, first), (start,), (first,), apart),
        )
        dummies = structure.secondary_dummies.get((union_key, person_id))
        if dummies:
            row = structure.units[dummies[-1]].row
            line = ChannelLine(min(last, end), max(last, end), (last,), (end,), apart)
            lines[secondary_end_key(union_key, person_id)] = (row, line)
    return lines


Ends = tuple[float, float, float, float]


def _secondary_ends(part: Part, style: Style) -> dict[tuple[str, str], Ends]:
    """For each extra link, by (union key, person id): where it leaves its union's line, where
    it first goes down through the next row, where it last comes down into the child's channel,
    and where it meets the child (worked out once per part, in the part's own x).

    For a child on the next row the middle two are the last; for a child further down they are
    the first and last dummies carrying the link through the rows between.
    """
    if part.secondary_ends is not None:
        return part.secondary_ends
    structure = part.structure
    links: dict[str, list[str]] = {}  # union -> children of its extra links, in link order
    for union_key, person_id, _ in structure.secondary:
        links.setdefault(union_key, []).append(person_id)
    result: dict[tuple[str, str], Ends] = {}
    for union_key, children in links.items():
        xs = sorted(part.x[k] for k in structure.unions[union_key].partner_units)
        mid = part.descent[union_key]
        firsts = [_first_x(part, union_key, p) for p in children]
        # Several extra links from one union leave its line at separate points, nearest child
        # nearest the middle, so their verticals never run on top of each other.
        sides: dict[bool, list[str]] = {}
        for right in (False, True):
            side = sorted(
                (abs(f - mid), p)
                for p, f in zip(children, firsts, strict=True)
                if (f >= mid) == right
            )
            sides[right] = [p for _, p in side]
        room = (xs[-1] - xs[0]) / 2 - style.s(0.1)
        lead = min(style.s(0.3), (xs[-1] - xs[0]) / 4)
        for person_id, first in zip(children, firsts, strict=True):
            toward = 1.0 if first >= mid else -1.0
            same_side = sides[first >= mid]
            rank = same_side.index(person_id)
            step = min(style.s(0.12), room / (len(same_side) + 2))
            start = mid + toward * (lead + rank * step)
            child_x = part.x[person_id]
            dummies = structure.secondary_dummies.get((union_key, person_id))
            # The line meets the child off centre, on the side it comes from, clear of the
            # child's own drop line.
            if dummies:
                last = part.x[dummies[-1]]
                from_left = last < child_x if abs(last - child_x) > EPS else toward > 0
            else:
                from_left = toward > 0
            end = child_x + (-1.0 if from_left else 1.0) * style.s(0.22)
            if not dummies:
                first = last = end
            result[(union_key, person_id)] = (start, first, last, end)
    part.secondary_ends = result
    return result


def _first_x(part: Part, union_key: str, person_id: str) -> float:
    """Where an extra link first goes down through the row below its union."""
    dummies = part.structure.secondary_dummies.get((union_key, person_id))
    return part.x[dummies[0] if dummies else person_id]


def text_label(role: str, block: TextBlock, cx: float, top: float) -> Label:
    """A centred block of lines whose box starts at ``top``."""
    size = block.size
    first = top + size * _FIRST_BASELINE
    texts = block.lines
    if len(texts) == 1:  # the usual case: one line, on the first baseline
        lines: tuple[TextLine, ...] = (TextLine(texts[0], cx, first, size),)
    else:
        lines = tuple(
            [TextLine(t, cx, first + i * size * LINE_HEIGHT, size) for i, t in enumerate(texts)]
        )
    half = block.width / 2
    return Label(role, lines, Box(cx - half, top, cx + half, top + block.height))


@dataclass(frozen=True, slots=True)
class _LabelMetrics:
    """Style values every person's labels use, computed once per layout."""

    small: float
    gap: float
    lift: float  # from the symbol's top to the years' baseline
    rise: float  # from the baseline to the top of the years' box
    sink: float  # from the baseline to the bottom of the years' box
    drop: float  # room below a proband for the arrow
    # Widths of the years at the small size, by text: the same few years recur for everyone.
    widths: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, style: Style) -> _LabelMetrics:
        small = style.small_font_size
        return cls(
            small, style.s(0.08), style.s(0.1), small * ASCENT, small * 0.25, style.s(PROBAND_DROP)
        )

    def width(self, text: str) -> float:
        """``text_width(text, small)``, measured once per text."""
        width = self.widths.get(text)
        if width is None:
            width = self.widths[text] = text_width(text, self.small)
        return width


def _person_labels(
    text: PersonText,
    x: float,
    y: float,
    size: float,
    label_top: float,
    m: _LabelMetrics,
    avoid: int,
) -> tuple[Label, ...]:
    """Labels of one person; ``avoid`` is -1 or 1 when a twin line comes in from that side."""
    # (+ 0.0 as the sum always was, so even a top of -0.0 comes out the same)
    top = label_top + m.drop if text.proband_arrow else label_top + 0.0
    below = text.below
    if len(below) == 1:  # the usual case: the name alone
        labels = [text_label(below[0].role, below[0], x, top)]
    else:
        labels = []
        for block in below:
            labels.append(text_label(block.role, block, x, top))
            top += block.height
    left, right = text.above_left, text.above_right
    if not (left or right):
        return tuple(labels)
    small = m.small
    baseline = y - size / 2 - m.lift
    high, low = baseline - m.rise, baseline + m.sink
    if avoid:
        # A twin's diagonal line comes down from one side: put the years on the other side.
        years = joined_years(left, right)
        w = m.width(years)
        if avoid < 0:
            start = x + m.gap
            box = Box(start, high, start + w, low)
            line = TextLine(years, start, baseline, small, "start")
        else:
            end = x - m.gap
            box = Box(end - w, high, end, low)
            line = TextLine(years, end, baseline, small, "end")
        labels.append(Label("years", (line,), box))
        return tuple(labels)
    if left:
        end = x - m.gap
        box = Box(end - m.width(left), high, end, low)
        labels.append(Label("birth", (TextLine(left, end, baseline, small, "end"),), box))
    if right:
        start = x + m.gap
        box = Box(start, high, start + m.width(right), low)
        labels.append(Label("death", (TextLine(right, start, baseline, small, "start"),), box))
    return tuple(labels)


def assemble(
    parts: Sequence[Part],
    geometry: Sequence[RowGeometry],
    style: Style,
    multiples: Sequence[tuple[tuple[str, ...], str]],
    generations: Mapping[str, int],
    document: Document,
    consanguineous: frozenset[str] = frozenset(),
    row_offset: int = 0,
) -> dict[str, Any]:
    """Build the keyword arguments of :class:`GenogramLayout` from the placed parts."""
    people: list[PlacedPerson] = []
    unions: list[PlacedUnion] = []
    routed = Routed()
    secondary: list[ChildLink] = []
    households: list[HouseholdOutline] = []
    metrics = _LabelMetrics.of(style)
    for part in parts:
        offset = part.offset
        x = {k: v + offset for k, v in part.x.items()}
        placed = _placed_units(part, x, geometry, style)
        twins = twin_groups_by_union(part.structure, multiples)
        avoid = _twin_sides(twins, x)
        if part.structure.secondary:
            for child, side in _secondary_sides(part, style).items():
                avoid.setdefault(child, side)
        units = part.structure.units
        texts = part.texts
        label_tops = [g.label_top for g in geometry]
        for key in sorted(texts):
            spot = placed[key]
            unit = units[key]
            person = unit.person
            assert person is not None
            text = texts[key]
            row = unit.row
            sx, sy, size = spot.x, spot.y, spot.size
            labels = _person_labels(
                text, sx, sy, size, label_tops[row], metrics, avoid.get(key, 0) if avoid else 0
            )
            # Positional, in field order (id, x, y, size, generation, row, labels, inside, copy).
            people.append(
                PlacedPerson(
                    person.id,
                    sx,
                    sy,
                    size,
                    generations.get(key, row),
                    row + row_offset,
                    labels,
                    text.inside,
                    0 if unit.copy_of is None else 1,
                )
            )
        carried, stems = _long_lines(part, placed, geometry, style)
        part_unions = _partner_lines(part, x, placed, geometry, style, stems, consanguineous)
        unions.extend(part_unions)
        descent = {u.key: u.descent_from for u in part_unions}
        structure, bar_tracks = part.structure, part.bar_tracks
        for union in part_unions:  # in key order
            key = union.key
            info = structure.unions[key]
            if not info.children:
                continue
            g = geometry[info.row]
            bar_y = g.bar_base + bar_tracks.get(key, 0) * g.bar_track  # g.bar_y(track)
            groups = twins.get(key, []) if twins else []
            route_sibship(key, structure, placed, union.descent_from, bar_y, groups, routed)
        routed.sibships.extend(carried)
        secondary.extend(_secondary_links(part, x, placed, geometry, style, descent))
        households.extend(_households(part, x, placed, geometry, style, document))

    rows = tuple(Row(r + row_offset, g.y, r) for r, g in enumerate(geometry))
    bounds = _bounds(people, unions, routed, secondary, households, style)
    return {
        "people": tuple(people),
        "unions": tuple(sorted(unions, key=lambda u: u.key)),
        "sibships": tuple(sorted(routed.sibships, key=lambda s: s.union)),
        "twins": tuple(sorted(routed.twins, key=lambda t: (t.union, t.members))),
        "secondary": tuple(secondary),
        "households": tuple(households),
        "rows": rows,
        "bounds": bounds,
    }


def _twin_sides(
    twins: Mapping[str, list[tuple[tuple[str, ...], str]]], x: Mapping[str, float]
) -> dict[str, int]:
    """For each twin drawn from an apex: -1 if the apex is to its left, 1 if to its right."""
    sides: dict[str, int] = {}
    for groups in twins.values():
        for members, _ in groups:
            apex = sum(x[m] for m in members) / len(members)
            for member in members:
                if abs(x[member] - apex) > EPS:
                    sides[member] = -1 if apex < x[member] else 1
    return sides


def _secondary_sides(part: Part, style: Style) -> dict[str, int]:
    """For each child an extra link comes down to beside a year label: -1 if it lands left of
    the centre, 1 if right (the years above the symbol go to the other side, like a twin's)."""
    sides: dict[str, int] = {}
    ends = _secondary_ends(part, style)
    for union_key, person_id, _ in part.structure.secondary:
        end = ends[(union_key, person_id)][3]
        text = part.texts.get(person_id)
        if end < part.x[person_id]:
            if text is not None and text.above_left:  # the birth year is in the way
                sides.setdefault(person_id, -1)
        elif text is not None and text.above_right:  # the death year is
            sides.setdefault(person_id, 1)
    return sides


def _placed_units(
    part: Part, x: Mapping[str, float], geometry: Sequence[RowGeometry], style: Style
) -> dict[str, Placed]:
    placed: dict[str, Placed] = {}
    # A symbol's size and outline depend only on the person's kind and gender.
    looks: dict[tuple[PersonKind, Gender], tuple[float, str]] = {}
    for key, unit in part.structure.units.items():
        y = geometry[unit.row].y
        person = unit.person
        if unit.kind == "person" and person is not None:
            look = looks.get((person.kind, person.gender))
            if look is None:
                look = looks[(person.kind, person.gender)] = (
                    symbol_size(person, style),
                    shape_of(person),
                )
            placed[key] = Placed(x[key], y, look[0], person, look[1])
        else:
            placed[key] = Placed(x[key], y, 0.0, None, "point")
    return placed


def _label_x(
    part: Part,
    key: str,
    x: Mapping[str, float],
    mid: float,
    block: TextBlock,
    index: Mapping[str, int],
    ending_shift: float,
    beside: float,
    attach: Mapping[tuple[str, str], float],
    sizes: Mapping[str, Placed],
) -> float:
    """Centre of a union's label: between neighbouring partners (``mid`` is the descent point),
    shifted left by ``ending_shift`` to leave the ending marks a free slot; ``beside`` the far
    partner when someone stands between them (``attach``: partner_attachments, in symbol
    sizes of the ``sizes`` units)."""
    far = far_partner(part.structure, key, part.rows, index)
    if far is None:
        # (An ended union has an ending event: the test once made before reading has_ended.)
        return mid - ending_shift if part.structure.unions[key].union.has_ended else mid
    far_unit, shared, _ = far
    attach_offset = attach.get((key, far_unit), 0.0) * sizes[far_unit].size
    side = 1.0 if x[shared] > x[far_unit] else -1.0
    # Beside the far partner's line where it leaves the symbol (off centre when that partner
    # has several unions), so the line never runs through its own label.
    start = x[far_unit] + attach_offset
    edge = max(x[far_unit], start) if side > 0 else min(x[far_unit], start)
    return edge + side * (beside + block.width / 2)


def _partner_lines(
    part: Part,
    x: Mapping[str, float],
    placed: Mapping[str, Placed],
    geometry: Sequence[RowGeometry],
    style: Style,
    stems: Mapping[str, list[Segment]],
    consanguineous: frozenset[str],
) -> list[PlacedUnion]:
    structure = part.structure
    units = structure.units
    unions = structure.unions
    nsgc = style.is_nsgc
    attach = partner_attachments(structure, x)
    index = {k: i for row in part.rows for i, k in enumerate(row)}
    lift = style.s(style.union_label_lift_s)
    ending_shift = style.s(style.ending_room_s) / 2
    beside = style.s(0.15)
    union_tracks = part.union_tracks
    union_labels = part.union_labels
    descent, offset = part.descent, part.offset
    result: list[PlacedUnion] = []
    for key in sorted(unions):
        info = unions[key]
        g = geometry[info.row]
        track = union_tracks.get(key, 0)
        a, b = info.partner_units
        spot_a, spot_b = placed[a], placed[b]
        if spot_b.x < spot_a.x:  # left partner first; a tie keeps their order
            a, b, spot_a, spot_b = b, a, spot_b, spot_a
        mid = descent[key] + offset
        stem = stems.get(key)
        segments: list[Segment] = list(stem) if stem else []
        if nsgc and track == 0:
            y_line = g.y
            main = Segment(spot_a.x + spot_a.size / 2, y_line, spot_b.x - spot_b.size / 2, y_line)
        else:
            y_line = g.partner_line + track * g.partner_track  # g.partner_y(track, nsgc)
            # Where the line leaves each partner, and the drop from a person's symbol to it.
            end_a = spot_a.x + attach.get((key, a), 0.0) * spot_a.size
            if spot_a.person is not None and units[a].kind == "person":
                segments.append(Segment(end_a, spot_a.bottom(end_a), end_a, y_line))
            end_b = spot_b.x + attach.get((key, b), 0.0) * spot_b.size
            if spot_b.person is not None and units[b].kind == "person":
                segments.append(Segment(end_b, spot_b.bottom(end_b), end_b, y_line))
            main = Segment(end_a, y_line, end_b, y_line)
        segments.append(main)
        label = None
        block = union_labels.get(key)
        if block is not None:
            top = y_line - lift - block.height
            if -1 <= index[b] - index[a] <= 1:  # side by side: _label_x's first case, inline
                # Centred between the partners even when the descent line has moved aside
                # (routing.clear_descents), so it never reaches over a partner's symbol.
                centre = (
                    mid
                    if units[a].kind == "stub" or units[b].kind == "stub"
                    else ((spot_a.x + spot_b.x) / 2)
                )
                cx = centre - ending_shift if info.union.has_ended else centre
            else:
                cx = _label_x(part, key, x, mid, block, index, ending_shift, beside, attach, placed)
            label = text_label("union", block, cx, top)
        partners = tuple([p for p in info.union.partners if p in units])
        # Positional, in field order (key, partners, segments, main, descent_from, label,
        # stepped, consanguineous).
        result.append(
            PlacedUnion(
                key,
                partners,
                tuple(segments),
                main,
                Point(mid, y_line),
                label,
                units[a].kind == "ghost" or units[b].kind == "ghost",
                key in consanguineous,
            )
        )
    return result


def _long_lines(
    part: Part, placed: Mapping[str, Placed], geometry: Sequence[RowGeometry], style: Style
) -> tuple[list[Sibship], dict[str, list[Segment]]]:
    """Lines carried through rows by dummies and ghosts, with a jog in each channel they cross.

    Returns the pieces of child lines (with their real child and parentage) and, per union,
    the stems that bring a partner drawn on a higher row down to the union's line.
    """
    links: list[Sibship] = []
    stems: dict[str, list[Segment]] = {}
    units = part.structure.units
    unions = part.structure.unions
    # Only units hanging from another unit (not from a union) carry a line down to them; the
    # dummies of extra links are drawn with the rest of their link.
    carried = {k for dummies in part.structure.secondary_dummies.values() for k in dummies}
    hanging = sorted(
        k for k, u in units.items() if u.up is not None and u.up not in unions and k not in carried
    )
    for key in hanging:
        unit = units[key]
        up = unit.up
        assert up is not None
        above, here, upper = placed[up], placed[key], units[up]
        start_y = above.bottom(above.x) if upper.kind == "person" else above.y
        if unit.kind == "person" and here.person is not None:
            end_y = here.top(here.x)
        elif unit.kind == "ghost":
            track = part.union_tracks.get(unit.down_unions[0], 0)
            end_y = geometry[unit.row].partner_y(track, style.is_nsgc)
        else:
            end_y = here.y
        if abs(above.x - here.x) < EPS:
            segments = [Segment(above.x, start_y, here.x, end_y)]
        else:
            jog = geometry[upper.row].bar_y(part.bar_tracks.get(key, 0))
            segments = [
                Segment(above.x, start_y, above.x, jog),
                Segment(above.x, jog, here.x, jog),
                Segment(here.x, jog, here.x, end_y),
            ]
        if unit.stem_of is not None:
            stems.setdefault(unit.stem_of, []).extend(segments)
            continue
        carries = unit.carries if unit.kind == "dummy" else upper.carries
        child, parentage = carries if carries is not None else (key, _BIOLOGICAL)
        owner = _line_owner(part.structure, key)
        link = ChildLink(owner, child, PARENTAGE_TEXT[parentage], tuple(segments))
        links.append(Sibship(owner, (), None, (link,)))
    return links, stems


def _line_owner(structure: Structure, key: str) -> str:
    """The union (or person) a carried line ultimately starts from."""
    seen = 0
    while key in structure.units and seen < 10_000:
        up = structure.units[key].up
        if up is None:
            return key
        if up in structure.unions:
            return up
        key = up
        seen += 1
    return key


def _secondary_links(
    part: Part,
    x: Mapping[str, float],
    placed: Mapping[str, Placed],
    geometry: Sequence[RowGeometry],
    style: Style,
    descent: Mapping[str, Point],
) -> list[ChildLink]:
    links: list[ChildLink] = []
    structure = part.structure
    tracks = part.bar_tracks
    ends = _secondary_ends(part, style)
    for union_key, person_id, parentage in structure.secondary:
        info = structure.unions[union_key]
        start, first, last, end = (v + part.offset for v in ends[(union_key, person_id)])
        key = secondary_key(union_key, person_id)
        # The corners of the line: down from the union's line, along its channel, and on
        # through each dummy's row (a jog in every channel) to the child's top.
        jog = geometry[info.row].bar_y(tracks.get(key, 0))
        corners = [Point(start, descent[union_key].y), Point(start, jog), Point(first, jog)]
        dummies = structure.secondary_dummies.get((union_key, person_id))
        if dummies:
            for above, below in pairwise(dummies):
                jog = geometry[structure.units[above].row].bar_y(tracks.get(below, 0))
                corners.append(Point(x[above], jog))
                corners.append(Point(x[below], jog))
            row = structure.units[dummies[-1]].row
            jog = geometry[row].bar_y(tracks.get(secondary_end_key(union_key, person_id), 0))
            corners.append(Point(last, jog))
            corners.append(Point(end, jog))
        corners.append(Point(end, placed[person_id].top(end)))
        segments = _orthogonal_path(corners)
        links.append(ChildLink(union_key, person_id, PARENTAGE_TEXT[parentage], segments))
    return links


def _orthogonal_path(corners: Sequence[Point]) -> tuple[Segment, ...]:
    """Segments joining the corners, without empty steps and with straight runs merged."""
    points = [corners[0]]
    for point in corners[1:]:
        last = points[-1]
        if abs(point.x - last.x) < EPS and abs(point.y - last.y) < EPS:
            continue
        if len(points) >= 2:
            before = points[-2]
            vertical = abs(before.x - last.x) < EPS and abs(last.x - point.x) < EPS
            horizontal = abs(before.y - last.y) < EPS and abs(last.y - point.y) < EPS
            if vertical or horizontal:
                points[-1] = point
                continue
        points.append(point)
    return tuple(Segment(a.x, a.y, b.x, b.y) for a, b in pairwise(points))


def _households(
    part: Part,
    x: Mapping[str, float],
    placed: Mapping[str, Placed],
    geometry: Sequence[RowGeometry],
    style: Style,
    document: Document,
) -> list[HouseholdOutline]:
    pad = style.s(0.25)
    result: list[HouseholdOutline] = []
    for household in sorted(document.households, key=lambda h: h.id):
        members = sorted((m for m in household.members if m in part.texts), key=lambda m: x[m])
        if not members:
            continue
        boxes: list[tuple[int, Box]] = []
        contiguous = True
        for r, row in enumerate(part.rows):
            persons = [k for k in row if part.structure.units[k].kind == "person"]
            runs: list[list[str]] = []
            current: list[str] = []
            for key in persons:
                if key in household.members:
                    current.append(key)
                elif current:
                    runs.append(current)
                    current = []
            if current:
                runs.append(current)
            for keys in runs:
                g = geometry[r]
                left = min(x[k] - part.widths[k] / 2 for k in keys) - pad
                right = max(x[k] + part.widths[k] / 2 for k in keys) + pad
                top = g.y - style.symbol_size / 2 - pad - style.s(style.above_label_s)
                boxes.append((r, Box(left, top, right, g.label_bottom + pad)))
            if len(runs) > 1:
                contiguous = False
        result.append(
            HouseholdOutline(
                household.id, household.label, _joined(boxes), tuple(members), contiguous
            )
        )
    return result


def _joined(boxes: list[tuple[int, Box]]) -> tuple[Box, ...]:
    """Stretch each row's box down to the next row's box it overlaps, so the outline is one."""
    result: list[Box] = []
    for r, box in boxes:
        below = [b for rr, b in boxes if rr == r + 1 and b.left < box.right and box.left < b.right]
        if below:
            box = Box(box.left, box.top, box.right, max(box.bottom, min(b.top for b in below)))
        result.append(box)
    return tuple(result)


def _bounds(
    people: Sequence[PlacedPerson],
    unions: Sequence[PlacedUnion],
    routed: Routed,
    secondary: Sequence[ChildLink],
    households: Sequence[HouseholdOutline],
    style: Style,
) -> Box:
    """The box around every symbol, label, line and household outline, plus a margin."""
    # The extremes of flat lists of edges (a segment's ends count on both sides), rather than
    # of a Box made for every shape: the same numbers, at a fraction of the allocations.
    boxes = [label.box for person in people for label in person.labels]
    boxes.extend([box for household in households for box in household.boxes])
    segments = [s for u in unions for s in u.segments]
    for sib in routed.sibships:
        segments.extend(sib.descent)
        if sib.bar is not None:
            segments.append(sib.bar)
        for link in sib.children:
            segments.extend(link.segments)
    for link in secondary:
        segments.extend(link.segments)
    if not people and not boxes and not segments:
        return Box(0, 0, 0, 0)
    # Each kind's extremes, then theirs (a kind with nothing in it counts as infinitely far).
    # Which of equal extremes is found first does not matter: the margin is added to it.
    xs = [p.x for p in people]
    ys = [p.y for p in people]
    halves = [p.size / 2 for p in people]
    sx = [s.x1 for s in segments]
    sx += [s.x2 for s in segments]
    sy = [s.y1 for s in segments]
    sy += [s.y2 for s in segments]
    left = min(
        min(map(sub, xs, halves), default=inf),
        min([b.left for b in boxes], default=inf),
        min(sx, default=inf),
    )
    top = min(
        min(map(sub, ys, halves), default=inf),
        min([b.top for b in boxes], default=inf),
        min(sy, default=inf),
    )
    right = max(
        max(map(add, xs, halves), default=-inf),
        max([b.right for b in boxes], default=-inf),
        max(sx, default=-inf),
    )
    bottom = max(
        max(map(add, ys, halves), default=-inf),
        max([b.bottom for b in boxes], default=-inf),
        max(sy, default=-inf),
    )
    return Box(left, top, right, bottom).expand(style.s(0.4))
