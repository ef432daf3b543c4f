"""Turn placed units and row heights into the frozen layout: symbols, labels, lines, households."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from genomap.geometry import EPS, Box, Point, Segment
from genomap.layout.labels import PersonText, TextBlock, symbol_size
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
    Placed,
    Routed,
    RowGeometry,
    bottom_at,
    descent_x,
    far_partner,
    partner_attachments,
    route_sibship,
    top_at,
    twin_groups_for,
)
from genomap.layout.structure import Structure
from genomap.layout.tracks import ChannelLine
from genomap.models import Document, Parentage
from genomap.style import Style
from genomap.text import LINE_HEIGHT, text_width

ASCENT = 0.8
"""Share of the font size above the baseline (DejaVu Sans), for label boxes."""
PROBAND_DROP = 0.45
"""Extra space (× S) below an NSGC proband or consultand for the arrow at its lower left."""


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
    union_tracks: dict[str, int] = field(default_factory=dict)
    left: float = 0.0
    right: float = 0.0
    offset: float = 0.0


def secondary_key(union_key: str, person_id: str) -> str:
    """Track key of an extra parent link (e.g. a solid line to an adopted child's birth parents)."""
    return f"second:{union_key}>{person_id}"


def secondary_lines(part: Part, style: Style) -> dict[str, tuple[int, ChannelLine]]:
    """Channel row and channel line of each extra parent link."""
    lines: dict[str, tuple[int, ChannelLine]] = {}
    for union_key, person_id, _ in part.structure.secondary:
        info = part.structure.unions.get(union_key)
        if info is None or person_id not in part.x:
            continue
        start, end = _secondary_ends(part, union_key, person_id, style)
        line = ChannelLine(min(start, end), max(start, end), (start,), (end,))
        lines[secondary_key(union_key, person_id)] = (info.row, line)
    return lines


def _secondary_ends(
    part: Part, union_key: str, person_id: str, style: Style
) -> tuple[float, float]:
    info = part.structure.unions[union_key]
    xs = sorted(part.x[k] for k in info.partner_units)
    mid = descent_x(part.structure, union_key, part.x)
    child_x = part.x[person_id]
    toward = 1.0 if child_x >= mid else -1.0
    # Several extra links from one union leave its line at separate points, nearest child
    # nearest the middle, so their verticals never run on top of each other.
    same_side = sorted(
        (abs(part.x[p] - mid), p)
        for u, p, _ in part.structure.secondary
        if u == union_key and p in part.x and (part.x[p] >= mid) == (toward > 0)
    )
    rank = [p for _, p in same_side].index(person_id) if same_side else 0
    room = (xs[-1] - xs[0]) / 2 - style.s(0.1)
    step = min(style.s(0.12), room / (len(same_side) + 2)) if same_side else 0.0
    start = mid + toward * (min(style.s(0.3), (xs[-1] - xs[0]) / 4) + rank * step)
    end = child_x - toward * style.s(0.22)
    return start, end


def text_label(role: str, block: TextBlock, cx: float, top: float) -> Label:
    """A centred block of lines whose box starts at ``top``."""
    lines = tuple(
        TextLine(
            t, cx, top + block.size * (ASCENT + 0.1) + i * block.size * LINE_HEIGHT, block.size
        )
        for i, t in enumerate(block.lines)
    )
    width = block.width
    return Label(role, lines, Box(cx - width / 2, top, cx + width / 2, top + block.height))


def _person_labels(
    text: PersonText,
    x: float,
    y: float,
    size: float,
    g: RowGeometry,
    style: Style,
    avoid: int = 0,
) -> list[Label]:
    """Labels of one person; ``avoid`` is -1 or 1 when a twin line comes in from that side."""
    labels: list[Label] = []
    top = g.label_top + (style.s(PROBAND_DROP) if text.proband_arrow else 0.0)
    for block in text.below:
        labels.append(text_label(block.role, block, x, top))
        top += block.height
    small = style.small_font_size
    baseline = y - size / 2 - style.s(0.1)
    gap = style.s(0.08)
    years = "–".join(t for t in (text.above_left, text.above_right) if t)
    if avoid and years:
        # A twin's diagonal line comes down from one side: put the years on the other side.
        w = text_width(years, small)
        if avoid < 0:
            box = Box(x + gap, baseline - small * ASCENT, x + gap + w, baseline + small * 0.25)
            line = TextLine(years, x + gap, baseline, small, "start")
        else:
            box = Box(x - gap - w, baseline - small * ASCENT, x - gap, baseline + small * 0.25)
            line = TextLine(years, x - gap, baseline, small, "end")
        labels.append(Label("years", (line,), box))
        return labels
    if text.above_left:
        w = text_width(text.above_left, small)
        box = Box(x - gap - w, baseline - small * ASCENT, x - gap, baseline + small * 0.25)
        labels.append(
            Label("birth", (TextLine(text.above_left, x - gap, baseline, small, "end"),), box)
        )
    if text.above_right:
        w = text_width(text.above_right, small)
        box = Box(x + gap, baseline - small * ASCENT, x + gap + w, baseline + small * 0.25)
        labels.append(
            Label("death", (TextLine(text.above_right, x + gap, baseline, small, "start"),), box)
        )
    return labels


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
    for part in parts:
        x = {k: v + part.offset for k, v in part.x.items()}
        placed = _placed_units(part, x, geometry, style)
        avoid = _twin_sides(part, x, multiples)
        for key in sorted(part.texts):
            spot = placed[key]
            unit = part.structure.units[key]
            assert unit.person is not None
            g = geometry[unit.row]
            people.append(
                PlacedPerson(
                    id=unit.person.id,
                    copy=1 if unit.copy_of is not None else 0,
                    x=spot.x,
                    y=spot.y,
                    size=spot.size,
                    generation=generations.get(key, unit.row),
                    row=unit.row + row_offset,
                    labels=tuple(
                        _person_labels(
                            part.texts[key], spot.x, spot.y, spot.size, g, style, avoid.get(key, 0)
                        )
                    ),
                    inside=part.texts[key].inside,
                )
            )
        carried, stems = _long_lines(part, placed, geometry, style)
        unions.extend(_partner_lines(part, x, placed, geometry, style, stems, consanguineous))
        descent = {u.key: u.descent_from for u in unions}
        for key in sorted(part.structure.unions):
            info = part.structure.unions[key]
            if not info.children:
                continue
            groups = twin_groups_for(part.structure, key, list(multiples))
            bar_y = geometry[info.row].bar_y(part.bar_tracks.get(key, 0))
            route_sibship(key, part.structure, placed, descent[key], bar_y, groups, routed)
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
    part: Part, x: Mapping[str, float], multiples: Sequence[tuple[tuple[str, ...], str]]
) -> dict[str, int]:
    """For each twin drawn from an apex: -1 if the apex is to its left, 1 if to its right."""
    sides: dict[str, int] = {}
    for key in part.structure.unions:
        for members, _ in twin_groups_for(part.structure, key, list(multiples)):
            apex = sum(x[m] for m in members) / len(members)
            for member in members:
                if abs(x[member] - apex) > EPS:
                    sides[member] = -1 if apex < x[member] else 1
    return sides


def _placed_units(
    part: Part, x: Mapping[str, float], geometry: Sequence[RowGeometry], style: Style
) -> dict[str, Placed]:
    placed: dict[str, Placed] = {}
    for key, unit in part.structure.units.items():
        y = geometry[unit.row].y
        if unit.kind == "person" and unit.person is not None:
            placed[key] = Placed(x[key], y, symbol_size(unit.person, style), unit.person)
        else:
            placed[key] = Placed(x[key], y, 0.0, None)
    return placed


def _label_x(
    part: Part,
    key: str,
    x: Mapping[str, float],
    block: TextBlock,
    style: Style,
    index: Mapping[str, int],
) -> float:
    """Centre of a union's label: between neighbouring partners, shifted left to leave the
    ending marks a free slot; beside the far partner when someone stands between them."""
    far = far_partner(part.structure, key, part.rows, index)
    if far is None:
        shift = (
            style.s(style.ending_room_s) / 2 if part.structure.unions[key].union.has_ended else 0
        )
        return descent_x(part.structure, key, x) - shift
    far_unit, shared, _ = far
    side = 1.0 if x[shared] > x[far_unit] else -1.0
    return x[far_unit] + side * (style.s(0.15) + block.width / 2)


def _partner_lines(
    part: Part,
    x: Mapping[str, float],
    placed: Mapping[str, Placed],
    geometry: Sequence[RowGeometry],
    style: Style,
    stems: Mapping[str, list[Segment]],
    consanguineous: frozenset[str],
) -> list[PlacedUnion]:
    attach = partner_attachments(part.structure, x)
    index = {k: i for row in part.rows for i, k in enumerate(row)}
    result: list[PlacedUnion] = []
    for key in sorted(part.structure.unions):
        info = part.structure.unions[key]
        g = geometry[info.row]
        track = part.union_tracks.get(key, 0)
        a, b = sorted(info.partner_units, key=lambda k: x[k])
        mid = descent_x(part.structure, key, x)
        segments: list[Segment] = list(stems.get(key, ()))
        kinds = {part.structure.units[k].kind for k in (a, b)}
        if style.is_nsgc and track == 0:
            y_line = g.y
            left = x[a] + placed[a].size / 2
            right = x[b] - placed[b].size / 2
            main = Segment(left, y_line, right, y_line)
        else:
            y_line = g.partner_y(track, style.is_nsgc)
            ends: list[float] = []
            for unit_key in (a, b):
                spot = placed[unit_key]
                ax = spot.x + attach.get((key, unit_key), 0.0) * spot.size
                if spot.person is not None and part.structure.units[unit_key].kind == "person":
                    top = bottom_at(spot.person, spot.x, spot.y, spot.size, ax)
                    segments.append(Segment(ax, top, ax, y_line))
                ends.append(ax)
            main = Segment(ends[0], y_line, ends[1], y_line)
        segments.append(main)
        label = None
        block = part.union_labels.get(key)
        if block is not None:
            top = y_line - style.s(style.union_label_lift_s) - block.height
            cx = _label_x(part, key, x, block, style, index)
            label = text_label("union", block, cx, top)
        partners = tuple(p for p in info.union.partners if p in part.structure.units)
        result.append(
            PlacedUnion(
                key=key,
                partners=partners,
                segments=tuple(segments),
                main=main,
                descent_from=Point(mid, y_line),
                label=label,
                stepped="ghost" in kinds,
                consanguineous=key in consanguineous,
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
    for key in sorted(units):
        unit = units[key]
        up = unit.up
        if up is None or up in part.structure.unions:
            continue
        above, here, upper = placed[up], placed[key], units[up]
        start_y = (
            bottom_at(above.person, above.x, above.y, above.size, above.x)
            if upper.kind == "person"
            else above.y
        )
        if unit.kind == "person" and here.person is not None:
            end_y = top_at(here.person, here.x, here.y, here.size, here.x)
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
        child, parentage = carries if carries is not None else (key, Parentage.BIOLOGICAL)
        owner = _line_owner(part.structure, key)
        link = ChildLink(owner, child, parentage.value, tuple(segments))
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
    for union_key, person_id, parentage in part.structure.secondary:
        info = part.structure.unions.get(union_key)
        if info is None or person_id not in x:
            continue
        start, end = (v + part.offset for v in _secondary_ends(part, union_key, person_id, style))
        y_start = descent[union_key].y
        track = part.bar_tracks.get(secondary_key(union_key, person_id), 0)
        y_jog = geometry[info.row].bar_y(track)
        spot = placed[person_id]
        y_end = top_at(spot.person, spot.x, spot.y, spot.size, end)
        segments = (
            Segment(start, y_start, start, y_jog),
            Segment(start, y_jog, end, y_jog),
            Segment(end, y_jog, end, y_end),
        )
        links.append(ChildLink(union_key, person_id, parentage.value, segments))
    return links


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
    boxes: list[Box] = []
    for person in people:
        boxes.append(person.box)
        boxes.extend(label.box for label in person.labels)
    segments: list[Segment] = [s for u in unions for s in u.segments]
    for sib in routed.sibships:
        segments.extend(sib.descent)
        if sib.bar is not None:
            segments.append(sib.bar)
        segments.extend(s for link in sib.children for s in link.segments)
    segments.extend(s for link in secondary for s in link.segments)
    for segment in segments:
        boxes.append(
            Box(
                min(segment.x1, segment.x2),
                min(segment.y1, segment.y2),
                max(segment.x1, segment.x2),
                max(segment.y1, segment.y2),
            )
        )
    for household in households:
        boxes.extend(household.boxes)
    if not boxes:
        return Box(0, 0, 0, 0)
    bound = Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )
    return bound.expand(style.s(0.4))
