"""Lay out a genogram: components, rows, order, x placement, row heights, lines and labels."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace
from itertools import pairwise
from operator import add, sub
from typing import Any

from genomap._gc import gc_paused
from genomap.geometry import Box
from genomap.graph import build_graph, subdocument
from genomap.layout.assemble import (
    DESCENT_MARGIN_S,
    PROBAND_DROP,
    Part,
    assemble,
    secondary_lines,
)
from genomap.layout.labels import (
    PersonText,
    block,
    joined_years,
    person_text,
    reference_date,
    symbol_size,
    union_text,
)
from genomap.layout.model import GenogramLayout
from genomap.layout.ordering import order_rows
from genomap.layout.placement import place
from genomap.layout.routing import RowGeometry, channel_lines, clear_descents, far_partner
from genomap.layout.structure import UnionInfo, build_structure, choose_primary
from genomap.layout.tracks import ChannelLine, nested_tracks, stack_channel
from genomap.models import Document, PersonKind, Union
from genomap.style import Style, style_for
from genomap.text import LINE_HEIGHT, text_width

ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
]


def roman(n: int) -> str:
    """Roman numeral for generation ``n`` (1-based); beyond XX plain digits."""
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)


def layout_genogram(
    document: Document,
    style: Style | None = None,
    *,
    focus: str | None = None,
    generations: int = 2,
) -> GenogramLayout:
    """Lay out a document's genogram.

    Args:
        document: a validated document.
        style: sizes and conventions; defaults to the document's preset.
        focus: lay out only the neighbourhood of this person id.
        generations: with ``focus``, how many generations up and down to include.

    Returns:
        A :class:`GenogramLayout`: positions, routed lines and label boxes in drawing units.
    """
    with gc_paused():
        return _layout(document, style, focus, generations)


def _layout(
    document: Document, style: Style | None, focus: str | None, generations: int
) -> GenogramLayout:
    started = time.perf_counter()
    style = style or style_for(document.preset)
    if focus is not None:
        document = subdocument(document, build_graph(document).neighbourhood(focus, generations))
    graph = build_graph(document)
    gens = graph.generations()
    degrees = {
        key: graph.relationship_degree(*graph.union_partners(key))
        for key, _ in graph.consanguineous_unions()
        if len(graph.union_partners(key)) == 2
    }
    people = {p.id: p for p in document.people}
    primary = choose_primary(document, people)
    multiples = [(m.members, m.zygosity.value) for m in document.multiple_births]
    on = reference_date(style, document.date)

    parts: list[Part] = []
    components, rows_of, buddies = _join_lone_household_members(document, graph.components(), gens)
    duplicated = _loop_copies(document, degrees, primary[0]) if style.loops == "duplicate" else {}
    letters = {key: _letter(i) for i, key in enumerate(sorted(duplicated))}
    sibships = graph.birth_ordered_children()
    unions_of: list[list[Union]]
    if len(components) == 1:
        # One part (the usual family): it holds every union with a partner drawn.
        only = components[0]
        unions_of = [[union for union in document.unions if not only.isdisjoint(union.partners)]]
    else:
        part_of = {pid: i for i, component in enumerate(components) for pid in component}
        unions_of = [[] for _ in components]
        for union in document.unions:
            homes: list[int] = []  # the parts holding its partners, in order
            for partner in union.partners:
                home = part_of.get(partner)
                if home is not None and home not in homes:
                    homes.append(home)
            homes.sort()
            for home in homes:
                unions_of[home].append(union)
    for component, unions in zip(components, unions_of, strict=True):
        # A part of everyone (the usual family) reads the whole mappings, no copies.
        members = people if len(component) == len(people) else {p: people[p] for p in component}
        top = min(map(rows_of.__getitem__, component))
        if top == 0 and len(rows_of) == len(component):
            rows = rows_of
        else:
            rows = {pid: rows_of[pid] - top for pid in component}
        structure = build_structure(
            members,
            unions,
            rows,
            [m for m, _ in multiples],
            primary,
            male_left=style.male_left,
            alternate=style.partner_order == "alternate",
            buddies=buddies,
            duplicated=duplicated,
            sibships=sibships,
        )
        ordered, _ = order_rows(structure, style.sweeps)
        parts.append(Part(structure, ordered))

    twins = frozenset(m for members, _ in multiples for m in members)
    small = style.small_font_size
    numbers = _pedigree_numbers(parts) if style.is_nsgc and style.generation_numbers else {}
    marks = _copy_marks(duplicated, letters)
    for part in parts:
        texts = part.texts
        under_twin_lines = _between_twins(part, multiples) if multiples else set()
        for unit in part.structure.units.values():
            person = unit.person
            if person is not None and unit.kind == "person":
                key = unit.key
                text = person_text(person, style, on, numbers.get(key) if numbers else None)
                if marks and person.id in marks:
                    note = f"drawn twice: {marks[person.id]}"
                    text = replace(text, below=(*text.below, block("copy", (note,), small)))
                if key in under_twin_lines and (text.above_left or text.above_right):
                    text = _years_below(text, small)
                texts[key] = text
        labels = part.union_labels
        for key, info in part.structure.unions.items():
            union_label = union_text(info.union, style, degrees.get(key) if degrees else None)
            if union_label is not None:
                labels[key] = union_label
        _place_part(part, style, twins)

    blood = frozenset(degrees) | {u.key for u in document.unions if u.consanguineous}
    shelves: list[dict[str, Any]] = []
    shelf_top, row_offset = style.s(0.5), 0
    for shelf in _shelves(parts, style):
        cursor = 0.0
        for part in shelf:
            part.offset = cursor - part.left
            cursor += part.right - part.left + style.s(style.component_gap_s)
        n_rows = max(len(p.rows) for p in shelf)
        geometry = _row_geometry(shelf, n_rows, style, multiples, shelf_top)
        result = assemble(shelf, geometry, style, multiples, gens, document, blood, row_offset)
        shelves.append(result)
        shelf_top = result["bounds"].bottom + style.s(style.component_gap_s)
        row_offset += n_rows
    elapsed = (time.perf_counter() - started) * 1000
    return GenogramLayout(**_merged(shelves), elapsed_ms=elapsed)


def _between_twins(part: Part, multiples: list[tuple[tuple[str, ...], str]]) -> set[str]:
    """Everyone standing between the outermost members of a twin group (a twin's partner, the
    middle triplet): the lines from the group's apex pass over the top of their symbols, where
    the years go."""
    where = {key: (r, i) for r, row in enumerate(part.rows) for i, key in enumerate(row)}
    between: set[str] = set()
    for members, _ in multiples:
        spots = [where[m] for m in members if m in where]
        if len(spots) < 2 or len({r for r, _ in spots}) != 1:
            continue
        row = part.rows[spots[0][0]]
        first, last = min(i for _, i in spots), max(i for _, i in spots)
        between.update(row[first + 1 : last])
    return between


def _years_below(text: PersonText, size: float) -> PersonText:
    """The years moved from above the symbol to just under the name."""
    below = text.below
    moved = block("years", (joined_years(text.above_left, text.above_right),), size)
    return replace(text, above_left=None, above_right=None, below=(*below[:1], moved, *below[1:]))


SHELF_ASPECT = 2.0
"""Disconnected parts wrap into shelves so the drawing is at most about this wide per high."""
SHELF_MIN_S = 40.0
"""Parts never wrap before the drawing is this many symbol sizes wide."""


def _shelves(parts: list[Part], style: Style) -> list[list[Part]]:
    """Pack the parts left to right into shelves (rows of parts), in their packing order.

    One shelf holds everything unless that would make the drawing much wider than high, as with
    a genealogy file of many unconnected families; then parts wrap at a width that gives a
    landscape page, and never narrower than the widest part.
    """
    if not parts:
        return []
    gap = style.s(style.component_gap_s)
    pitch = style.s(4.0)  # a rough row height, to estimate each part's area
    widths = [p.right - p.left + gap for p in parts]
    area = sum(w * len(p.rows) * pitch for w, p in zip(widths, parts, strict=True))
    limit = max(max(widths), (area * SHELF_ASPECT) ** 0.5, style.s(SHELF_MIN_S))
    shelves: list[list[Part]] = [[]]
    used = 0.0
    for part, width in zip(parts, widths, strict=True):
        if shelves[-1] and used + width > limit:
            shelves.append([])
            used = 0.0
        shelves[-1].append(part)
        used += width
    return shelves


def _merged(shelves: list[dict[str, Any]]) -> dict[str, Any]:
    """One layout from the layouts of the shelves."""
    merged: dict[str, Any] = {}
    for key in ("people", "unions", "sibships", "twins", "secondary", "households", "rows"):
        merged[key] = tuple(item for shelf in shelves for item in shelf[key])
    merged["unions"] = tuple(sorted(merged["unions"], key=lambda u: u.key))
    merged["sibships"] = tuple(sorted(merged["sibships"], key=lambda s: s.union))
    merged["twins"] = tuple(sorted(merged["twins"], key=lambda t: (t.union, t.members)))
    boxes = [shelf["bounds"] for shelf in shelves]
    merged["bounds"] = (
        Box(
            min(b.left for b in boxes),
            min(b.top for b in boxes),
            max(b.right for b in boxes),
            max(b.bottom for b in boxes),
        )
        if boxes
        else Box(0, 0, 0, 0)
    )
    return merged


def _loop_copies(
    document: Document, degrees: dict[str, str | None], primary: dict[str, str]
) -> dict[str, str]:
    """Unions of blood relatives whose partners both hang from parents in the drawing: the
    partner drawn a second time (the larger id, for determinism), by union key."""
    result: dict[str, str] = {}
    for union in document.unions:
        key = union.key
        blood = union.consanguineous or key in degrees
        if len(union.partners) == 2 and blood and all(p in primary for p in union.partners):
            result[key] = max(union.partners)
    return result


def _letter(index: int) -> str:
    """Matching letters for the two copies of a person: a, b, ..., z, aa, ab, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _copy_marks(duplicated: dict[str, str], letters: dict[str, str]) -> dict[str, str]:
    """The letters of each person drawn twice ("a, c"), by person id."""
    found: dict[str, list[str]] = {}
    for key in sorted(duplicated):
        found.setdefault(duplicated[key], []).append(letters[key])
    return {person_id: ", ".join(marks) for person_id, marks in found.items()}


def _join_lone_household_members(
    document: Document, components: list[set[str]], gens: dict[str, int]
) -> tuple[list[set[str]], dict[str, int], dict[str, str]]:
    """Move people with no family ties (a pet, a lodger) next to the household they live in.

    Such a person is a component of their own and would be packed far away; instead they join
    the component of their household, on the row most of its members share, beside one of them.
    """
    rows = dict(gens)
    buddies: dict[str, str] = {}
    if not document.households:
        return components, rows, buddies
    where = {pid: i for i, comp in enumerate(components) for pid in comp}
    for household in sorted(document.households, key=lambda h: h.id):
        for pid in sorted(household.members):
            if pid not in where or len(components[where[pid]]) != 1 or pid in buddies:
                continue
            others = sorted(m for m in household.members if m in where and where[m] != where[pid])
            if not others:
                continue
            # The part holding most of the household (then the earliest part) is its home.
            home = min(
                {where[m] for m in others}, key=lambda c: (-sum(where[m] == c for m in others), c)
            )
            mates = [m for m in others if where[m] == home]
            counts: dict[int, int] = {}
            for mate in mates:
                counts[rows[mate]] = counts.get(rows[mate], 0) + 1
            row = max(counts, key=lambda r: (counts[r], r))
            buddies[pid] = max((m for m in mates if rows[m] == row), key=lambda m: m)
            rows[pid] = row
            components[home].add(pid)
            components[where[pid]] = set()
            where[pid] = home
    return [c for c in components if c], rows, buddies


def _pedigree_numbers(parts: list[Part]) -> dict[str, str]:
    """NSGC individual numbers (II-4): generation in Roman numerals, position left to right."""
    counters: dict[int, int] = {}
    numbers: dict[str, str] = {}
    for part in parts:
        for r, row in enumerate(part.rows):
            for key in row:
                if part.structure.units[key].kind == "person":
                    counters[r] = counters.get(r, 0) + 1
                    numbers[key] = f"{roman(r + 1)}-{counters[r]}"
    return numbers


def _unit_widths(part: Part, style: Style, twins: frozenset[str]) -> dict[str, float]:
    """Width each unit needs in its row: symbol, labels below, years above, proband arrow."""
    line_only = style.s(0.3)
    above_pad = style.s(0.2)
    arrow_room = style.s(2.4)  # room for the proband arrow at lower left
    small = style.small_font_size
    texts = part.texts
    widths: dict[str, float] = {}
    measured: dict[str, float] = {"": text_width("", small)}  # years repeat between people
    sizes: dict[PersonKind, float] = {}  # symbol sizes depend on the kind of person only
    # Years that may go together on one side, clear of a line coming in on the other (see
    # assemble): a twin's, and those of a child with an extra parent line landing beside it.
    joins = twins | {person_id for _, person_id, _ in part.structure.secondary}

    for key, unit in part.structure.units.items():
        kind = unit.kind
        if kind != "person":
            widths[key] = 0.0 if kind == "stub" else line_only  # a stub, dummy or ghost
            continue
        person = unit.person
        assert person is not None
        text = texts[key]
        above = 0.0
        left, right = text.above_left, text.above_right
        if left or right:
            left, right = left or "", right or ""
            width_left = measured.get(left)
            if width_left is None:
                width_left = measured[left] = text_width(left, small)
            width_right = measured.get(right)
            if width_right is None:
                width_right = measured[right] = text_width(right, small)
            widest = max(width_left, width_right)
            if key in joins:
                joined = joined_years(left, right)
                widest = max(widest, measured.get(joined) or text_width(joined, small))
            above = 2 * widest + above_pad
        size = sizes.get(person.kind)
        if size is None:
            size = sizes[person.kind] = symbol_size(person, style)
        arrow = arrow_room if text.proband_arrow else 0.0
        widths[key] = max(size, text.below_width, above, arrow)
    return widths


def _place_part(part: Part, style: Style, twins: frozenset[str]) -> None:
    structure = part.structure
    units = structure.units
    widths = _unit_widths(part, style, twins)
    margin = style.s(0.15)
    person_gap = style.s(style.person_gap_s)
    line_gap = person_gap / 2
    block_gap = style.s(style.block_gap_s)
    partner_gap = style.s(style.partner_gap_s)
    ending_room = style.s(style.ending_room_s)
    stub_reach = style.s(0.35)
    symbol = style.symbol_size
    labels = part.union_labels
    margins = 2 * margin
    # The least distance between partners standing side by side, by (left, right) unit pair.
    partners: dict[tuple[str, str], float] = {}
    for key, info in structure.unions.items():
        a, b = info.partner_units[0], info.partner_units[1]
        label = labels.get(key)
        label_need = symbol + (label.width if label else 0.0) + margins
        if info.union.has_ended:
            label_need += ending_room
        kind_a, kind_b = units[a].kind, units[b].kind
        if kind_b == "stub" or kind_a == "stub":
            # A single parent's line ends just past their label, where the descent drops.
            parent = a if kind_b == "stub" else b
            need = widths[parent] / 2 + stub_reach
        else:
            width_a, width_b = widths[a], widths[b]
            need = (width_a if width_a >= width_b else width_b) + partner_gap
        if label_need > need:
            need = label_need
        partners[(a, b)] = partners[(b, a)] = need

    # A union whose partners do not stand together puts its label beside the far partner:
    # that partner and its neighbour need room for it.
    order = {k: i for row in part.rows for i, k in enumerate(row)}
    unions = structure.unions
    beside: dict[tuple[str, str], float] = {}
    for key in labels:
        a, b = unions[key].partner_units
        if -1 <= order[a] - order[b] <= 1:
            continue  # neighbours (far_partner's first test, without the call)
        far = far_partner(structure, key, part.rows, order)
        if far is not None:
            pair = (far[0], far[2]) if order[far[0]] < order[far[2]] else (far[2], far[0])
            need = labels[key].width + 2 * margin + style.s(0.3)
            beside[pair] = max(beside.get(pair, 0.0), need)
    lines = {key for key, unit in units.items() if unit.kind in ("dummy", "ghost")}

    def separation(row: list[str]) -> list[float]:
        """The least distance between each unit of the row and the next."""
        gaps: list[float] = []
        for a, b in pairwise(row):
            half = (widths[a] + widths[b]) / 2
            pair = (a, b)
            need = partners.get(pair)
            if need is not None:
                least = half + person_gap
                if least > need:  # max(need, least), without the call
                    need = least
            elif a in lines or b in lines:
                need = half + line_gap
            else:
                ua, ub = units[a], units[b]
                if ua.chain == ub.chain or (ua.up is not None and ua.up == ub.up):
                    need = half + person_gap
                else:
                    need = half + block_gap
            if beside:
                label_need = beside.get(pair)
                if label_need is not None:
                    need = max(label_need, need)
            gaps.append(need)
        return gaps

    part.widths = widths
    x = part.x = place(structure, part.rows, separation)
    # The x values are in row order, as are the rows' units.
    halves = [widths[k] / 2 for k in x]
    part.left = min(map(sub, x.values(), halves))
    part.right = max(map(add, x.values(), halves))


def _row_geometry(
    parts: list[Part],
    n_rows: int,
    style: Style,
    multiples: list[tuple[tuple[str, ...], str]],
    top: float,
) -> list[RowGeometry]:
    """Heights of every row: years above, symbols, partner tracks, labels, then the bar channel."""
    above = [0.0] * n_rows
    below = [0.0] * n_rows
    partner_tracks = [0] * n_rows
    bar_tracks = [1] * n_rows
    year_need = style.small_font_size * LINE_HEIGHT + style.s(0.08)
    drop = style.s(PROBAND_DROP)
    clearance = style.s(0.2)
    for part in parts:
        structure, texts = part.structure, part.texts
        unions = structure.unions
        position = {k: i for row in part.rows for i, k in enumerate(row)}
        unions_in_row: dict[int, list[tuple[str, UnionInfo]]] = {}
        for key, info in unions.items():
            unions_in_row.setdefault(info.row, []).append((key, info))
        for r, row in enumerate(part.rows):
            years, lowest = False, below[r]
            for key in row:
                text = texts.get(key)
                if text is None:
                    continue
                if not years and (text.above_left or text.above_right):
                    years = True
                need = text.below_height + drop if text.proband_arrow else text.below_height
                if need > lowest:
                    lowest = need
            below[r] = lowest
            if years:
                above[r] = max(above[r], year_need)
            in_row = unions_in_row.get(r)
            if in_row:
                tracks = _partner_tracks(in_row, position)
                part.union_tracks.update(tracks)
                partner_tracks[r] = max(partner_tracks[r], max(tracks.values()) + 1)
        widths = {key: text.below_width for key, text in texts.items()}
        descent = part.descent = clear_descents(
            structure, part.rows, part.x, widths, style.s(DESCENT_MARGIN_S), style.symbol_size / 2
        )
        lines = channel_lines(structure, part.x, descent, multiples)
        by_row: dict[int, dict[str, ChannelLine]] = {}
        units = structure.units
        for key, line in lines.items():
            # The channel below the union's row, or below the row above a carried line's unit.
            owner = unions.get(key)
            r = owner.row if owner is not None else units[key].row - 1
            channel = by_row.get(r)
            if channel is None:
                channel = by_row[r] = {}
            channel[key] = line
        for key, (row_index, line) in secondary_lines(part, style).items():
            by_row.setdefault(row_index, {})[key] = line
        for r, channel in by_row.items():
            tracks = stack_channel(channel, clearance)
            part.bar_tracks.update(tracks)
            bar_tracks[r] = max(bar_tracks[r], max(tracks.values()) + 1)

    geometry: list[RowGeometry] = []
    y = top
    nsgc = style.is_nsgc
    for r in range(n_rows):
        g = RowGeometry()
        y += above[r]
        g.y = y + style.symbol_size / 2
        bottom = g.y + style.symbol_size / 2
        g.partner_track = style.s(style.partner_track_s)
        extra = max(partner_tracks[r] - 1, 0)
        if nsgc:
            zone = (extra * g.partner_track + style.s(0.1)) if extra else 0.0
            g.partner_line = bottom + style.s(0.1)
        else:
            zone = style.s(style.partner_drop_s) + extra * g.partner_track
            g.partner_line = bottom + style.s(style.partner_drop_s)
        g.label_top = bottom + zone + style.s(style.label_gap_s)
        g.label_bottom = g.label_top + below[r]
        g.bar_track = style.s(style.bar_track_s)
        half_channel = style.s(style.channel_s) / 2
        g.bar_base = g.label_bottom + half_channel
        y = g.bar_base + (bar_tracks[r] - 1) * g.bar_track + half_channel
        geometry.append(g)
    return geometry


def _partner_tracks(
    unions: list[tuple[str, UnionInfo]], position: Mapping[str, int]
) -> dict[str, int]:
    """Unions in a row whose partners are not neighbours get deeper partner-line tracks.

    ``position`` is each unit's place in its row.
    """
    spans: dict[str, tuple[float, float]] = {}
    adjacent: list[str] = []
    for key, info in unions:
        left, right = info.partner_units
        a, b = position[left], position[right]
        if b - a == 1 or a - b == 1:
            adjacent.append(key)
        else:
            spans[key] = (float(a), float(b)) if a < b else (float(b), float(a))
    tracks = {key: t + 1 for key, t in nested_tracks(spans, 0.1).items()} if spans else {}
    tracks.update(dict.fromkeys(adjacent, 0))
    return tracks
