"""Lay out an eco-map (conventions §10): the household genogram in a centre circle, systems on
one ring in category sectors, the ring grown until nothing collides, and ties routed so that
they never pass through a circle.

Steps: (1) lay out the household genogram with the genogram engine, shrunk, and fit the centre
circle to it; each member gets an anchor on the circle at the angle of their symbol. (2) Cut
the ring into category sectors clockwise from 12 o'clock in ``EcoMap.category_keys()`` order,
sized by the sum of their systems' diameters with a minimum angle; pinned categories sit
centred on their side. (3) Within a sector, sort systems by the mean angle of the members they
are tied to (household-only systems sort at the middle), then by id. (4) Start the ring at the
smallest radius that keeps neighbouring circles apart and grow it in 5% steps until no circle,
label or sector title collides and no tie passes through a circle. (5) Route ties: household
ties run radially; a member tie is straight when that is clear, otherwise it leaves its anchor
radially, sweeps round in the free band between the centre and the ring, and runs radially
into the system. Every choice breaks ties by category order, then by id, so the same input
always gives the same map and small edits give small changes.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from genomap.geometry import Box, Point
from genomap.layout.ecomap_model import (
    Centre,
    Disc,
    EcomapLayout,
    EcomapStyle,
    PlacedSystem,
    RoutedConnection,
    Sector,
    build_centre,
    place_label,
    polar,
    text_label,
    wrap_angle,
)
from genomap.layout.ecomap_route import Tie, number_notes, route
from genomap.layout.model import Label
from genomap.models import Document, EcoMap, Side, System
from genomap.style import Style, style_for
from genomap.text import LINE_HEIGHT, text_width, wrap

SIDE_ANGLES = {
    Side.TOP: 0.0,
    Side.RIGHT: math.pi / 2,
    Side.BOTTOM: math.pi,
    Side.LEFT: 1.5 * math.pi,
}
"""Where a pinned category's sector is centred."""


@dataclass(slots=True)
class _Item:
    """A system being placed: its circle radius, name block and (once known) angle."""

    system: System
    r: float
    lines: tuple[str, ...]
    size: float
    inside: bool
    angle: float = 0.0


def layout_ecomap(
    document: Document, style: Style | None = None, ecomap_style: EcomapStyle | None = None
) -> EcomapLayout:
    """Lay out a document's eco-map.

    Args:
        document: a validated document; one without an eco-map gives just the centre.
        style: sizes and conventions; defaults to the document's preset.
        ecomap_style: eco-map sizes and options; defaults to :class:`EcomapStyle`.

    Returns:
        An :class:`EcomapLayout` in drawing units, centred on the origin.
    """
    started = time.perf_counter()
    style = style or style_for(document.preset)
    eco = ecomap_style or EcomapStyle()
    ecomap = document.ecomap or EcoMap()
    s = style.symbol_size
    centre = build_centre(document, style, eco)
    items = _items(ecomap, style, eco)
    ties = _ties(ecomap, items, centre)
    spans = _sector_spans(ecomap, items, eco, s)
    _set_angles(items, spans, ties, eco, s)
    titles = {key: _title_lines(ecomap.category_label(key), style, eco) for key in spans}

    ring, steps = _start_radius(items, centre, eco, s), 0
    while True:
        shapes, placed, heads = _shapes(items, centre, ring, style, eco, titles, spans)
        routes: list[RoutedConnection] = []
        clear = False
        if not _collides(shapes, eco, s):
            routes, clear = route(ties, placed, centre, ring, eco, s)
        if clear or steps >= eco.max_growth_steps:
            break
        ring *= 1 + eco.growth
        steps += 1
    if not clear:
        routes, _ = route(ties, placed, centre, ring, eco, s)
    connections = number_notes(routes, placed, eco)
    sectors = tuple(
        Sector(
            key,
            ecomap.category_label(key),
            start,
            end,
            tuple(p.id for p in placed if p.category == key),
            next((c.colour for c in ecomap.categories if c.key == key), None),
            pinned,
            heads.get(key),
        )
        for key, (start, end, pinned) in spans.items()
    )
    boxes = [centre.disc.box, *(p.disc.box for p in placed), *(p.label.box for p in placed)]
    boxes += [head.box for head in heads.values()]
    bounds = boxes[0]
    for box in boxes[1:]:
        bounds = bounds.union(box)
    return EcomapLayout(
        centre=centre,
        systems=tuple(placed),
        connections=connections,
        sectors=sectors,
        ring_radius=ring,
        bounds=bounds,
        symbol_size=s,
        growth_steps=steps,
        elapsed_ms=(time.perf_counter() - started) * 1000,
    )


# --------------------------------------------------------------------------- systems and ties


def _items(ecomap: EcoMap, style: Style, eco: EcomapStyle) -> dict[str, _Item]:
    """One item per system id (the first of any repeats), keyed and ordered by id."""
    s = style.symbol_size
    items: dict[str, _Item] = {}
    for system in sorted(ecomap.systems, key=lambda x: x.id):
        if system.id in items:
            continue
        r = eco.radius(system.importance, s)
        items[system.id] = _item(system, r, style, eco)
    return items


def _item(system: System, r: float, style: Style, eco: EcomapStyle) -> _Item:
    """A system with its name wrapped inside the circle when it fits, else beside it."""
    inner = r - 0.1 * style.symbol_size
    for size in (style.font_size, style.small_font_size):
        for factor in (1.0, 0.9, 0.75):
            lines = wrap(system.name, size, 2 * inner * factor, max_lines=3)
            whole = " ".join(lines).split() == system.name.split()  # no word split or cut
            if lines and whole and _fits(lines, size, inner):
                return _Item(system, r, tuple(lines), size, True)
    size = style.font_size
    lines = wrap(system.name, size, eco.label_width_s * style.symbol_size, max_lines=3)
    return _Item(system, r, tuple(lines), size, False)


def _fits(lines: list[str], size: float, radius: float) -> bool:
    """True when every line's box lies inside the circle of ``radius``."""
    step = size * LINE_HEIGHT
    top = -len(lines) * step / 2
    for i, line in enumerate(lines):
        far = max(abs(top + i * step), abs(top + (i + 1) * step))
        if far >= radius or text_width(line, size) / 2 > math.sqrt(radius**2 - far**2):
            return False
    return True


def _ties(ecomap: EcoMap, items: dict[str, _Item], centre: Centre) -> list[Tie]:
    """The ties to draw: not from absent or unknown systems; unknown members go to the centre.

    A tie's key is its ``Connection.key``; repeats of one system>member pair (which validation
    warns about) get ``#2``, ``#3``, ... in file order, so every other key is order-free.
    """
    ties: list[Tie] = []
    seen: dict[str, int] = {}
    for conn in ecomap.connections:
        seen[conn.key] = seen.get(conn.key, 0) + 1
        item = items.get(conn.system)
        if item is None or item.system.absent:
            continue
        anchor = centre.anchor(conn.member) if conn.member is not None else None
        if anchor is not None and anchor.free:
            anchor = None
        key = conn.key if seen[conn.key] == 1 else f"{conn.key}#{seen[conn.key]}"
        ties.append(Tie(conn, key, anchor))
    return sorted(ties, key=lambda t: t.key)


# --------------------------------------------------------------------------- sectors


def _shares(weights: list[float], total: float, minimum: float) -> list[float]:
    """Angles in proportion to the weights, none below ``minimum`` (water-filling)."""
    minimum = min(minimum, total / len(weights))
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = total - minimum * len(fixed)
        weight = sum(weights[i] for i in free)
        shares = [
            minimum if i in fixed else room * weights[i] / weight for i in range(len(weights))
        ]
        low = [i for i in free if shares[i] < minimum - 1e-12]
        if not low:
            return shares
        fixed.update(low)


def _sector_spans(
    ecomap: EcoMap, items: dict[str, _Item], eco: EcomapStyle, s: float
) -> dict[str, tuple[float, float, bool]]:
    """(start, end, pinned) of every category that has systems, in sector order."""
    order = ecomap.category_keys()
    order += sorted({i.system.category for i in items.values()} - set(order))
    weights = dict.fromkeys(order, 0.0)
    for item in items.values():
        weights[item.system.category] += 2 * item.r + eco.system_gap_s * s
    keys = [k for k in order if weights[k] > 0]
    if not keys:
        return {}
    shares = _shares([weights[k] for k in keys], math.tau, math.radians(eco.min_sector_deg))
    ideal = dict(zip(keys, shares, strict=True))
    pins: dict[str, float] = {}
    for category in ecomap.categories:
        side = category.side
        if side is not None and category.key in ideal and SIDE_ANGLES[side] not in pins.values():
            pins.setdefault(category.key, SIDE_ANGLES[side])
    if not pins:
        spans, cursor = {}, 0.0
        for k in keys:
            spans[k] = (cursor, cursor + ideal[k], False)
            cursor += ideal[k]
        return spans
    first = next(i for i, k in enumerate(keys) if k in pins)
    followers: dict[str, list[str]] = {k: [] for k in pins}
    current = keys[first]
    for k in keys[first:] + keys[:first]:
        if k in pins:
            current = k
        else:
            followers[current].append(k)
    around = sorted(pins, key=lambda k: pins[k])
    half: dict[str, list[float]] = {k: [] for k in pins}
    spans = {}
    for i, key in enumerate(around):
        nxt = around[(i + 1) % len(around)]
        start, end = pins[key], pins[nxt] + (math.tau if i + 1 >= len(around) else 0.0)
        need = ideal[key] / 2 + sum(ideal[f] for f in followers[key]) + ideal[nxt] / 2
        scale = (end - start) / need
        half[key].append(ideal[key] / 2 * scale)
        half[nxt].append(ideal[nxt] / 2 * scale)
        cursor = start + ideal[key] / 2 * scale
        for f in followers[key]:
            spans[f] = (cursor, cursor + ideal[f] * scale, False)
            cursor += ideal[f] * scale
    for key, angle in pins.items():
        h = min(half[key])
        spans[key] = (angle - h, angle + h, True)
    return {k: spans[k] for k in keys}


def _set_angles(
    items: dict[str, _Item],
    spans: dict[str, tuple[float, float, bool]],
    ties: list[Tie],
    eco: EcomapStyle,
    s: float,
) -> None:
    """Spread each sector's systems over it, ordered by the members they are tied to."""
    pulls: dict[str, list[float]] = {}
    for tie in ties:
        if tie.anchor is not None:
            pulls.setdefault(tie.conn.system, []).append(tie.anchor.angle)
    for key, (start, end, _) in spans.items():
        mid = (start + end) / 2

        def rank(item: _Item, mid: float = mid) -> tuple[float, str]:
            angles = pulls.get(item.system.id, [])
            x, y = sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles)
            offset = wrap_angle(math.atan2(x, y) - mid) if math.hypot(x, y) > 1e-9 else 0.0
            return (round(offset, 9), item.system.id)

        members = sorted((i for i in items.values() if i.system.category == key), key=rank)
        widths = [2 * i.r + eco.system_gap_s * s for i in members]
        total, cursor = sum(widths), 0.0
        for item, width in zip(members, widths, strict=True):
            item.angle = start + (end - start) * (cursor + width / 2) / total
            cursor += width


def _title_lines(text: str, style: Style, eco: EcomapStyle) -> tuple[str, ...]:
    return tuple(
        wrap(text, style.small_font_size, eco.label_width_s * style.symbol_size, max_lines=2)
    )


# --------------------------------------------------------------------------- the ring


def _start_radius(items: dict[str, _Item], centre: Centre, eco: EcomapStyle, s: float) -> float:
    """The smallest ring radius worth testing: clear of the centre, neighbours apart."""
    if not items:
        return centre.radius + eco.ring_margin_s * s
    gap = eco.system_gap_s * s
    biggest = max(i.r for i in items.values())
    radius = max(
        centre.radius + eco.ring_margin_s * s + biggest,
        sum(2 * i.r + gap for i in items.values()) / math.tau,
    )
    ring = sorted(items.values(), key=lambda i: (i.angle, i.system.id))
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        delta = (b.angle - a.angle) % math.tau
        if 0 < delta < math.pi:
            radius = max(radius, (a.r + b.r + gap) / (2 * math.sin(delta / 2)))
    return radius


Shape = tuple[str, Disc | Box]


def _shapes(
    items: dict[str, _Item],
    centre: Centre,
    ring: float,
    style: Style,
    eco: EcomapStyle,
    titles: dict[str, tuple[str, ...]],
    spans: dict[str, tuple[float, float, bool]],
) -> tuple[list[Shape], list[PlacedSystem], dict[str, Label]]:
    """Every circle and label at this ring radius, each owned by a system id (or the centre or
    a sector), the placed systems in clockwise order, and the sector titles."""
    gap = eco.label_gap_s * style.symbol_size
    shapes: list[Shape] = [("centre", centre.disc)]
    placed: list[PlacedSystem] = []
    reach: dict[str, float] = {}
    for item in sorted(items.values(), key=lambda i: (i.angle, i.system.id)):
        at = polar(item.angle, ring)
        if item.inside:
            label = text_label("system", item.lines, item.size, at)
        else:
            label = place_label("system", item.lines, item.size, at, item.angle, item.r + gap)
            shapes.append((item.system.id, label.box))
        system = item.system
        placed.append(
            PlacedSystem(
                system.id,
                system.name,
                system.category,
                system.importance,
                system.absent,
                item.angle,
                at.x,
                at.y,
                item.r,
                label,
                item.inside,
            )
        )
        shapes.append((system.id, placed[-1].disc))
        box = label.box
        corners = [(x, y) for x in (box.left, box.right) for y in (box.top, box.bottom)]
        far = max([ring + item.r] + [math.hypot(x, y) for x, y in corners])
        reach[system.category] = max(reach.get(system.category, 0.0), far)
    heads: dict[str, Label] = {}
    if eco.show_categories:
        size = style.small_font_size
        for key, (start, end, _) in spans.items():
            heads[key] = place_label(
                "category", titles[key], size, Point(0.0, 0.0), (start + end) / 2, reach[key] + gap
            )
            shapes.append((f"sector:{key}", heads[key].box))
    return shapes, placed, heads


def _collides(shapes: list[Shape], eco: EcomapStyle, s: float) -> bool:
    """True when two shapes of different owners come closer than the clearance."""
    clear = eco.clearance_s * s
    boxes = [(s.box if isinstance(s, Disc) else s).expand(clear / 2) for _, s in shapes]
    order = sorted(range(len(shapes)), key=lambda i: (boxes[i].left, i))
    active: list[int] = []
    for i in order:
        active = [j for j in active if boxes[j].right > boxes[i].left]
        for j in active:
            if shapes[i][0] == shapes[j][0] or not boxes[i].overlaps(boxes[j]):
                continue
            if _gap(shapes[i][1], shapes[j][1]) < clear:
                return True
        active.append(i)
    return False


def _gap(a: Disc | Box, b: Disc | Box) -> float:
    if isinstance(a, Disc) and isinstance(b, Disc):
        return a.gap_to_disc(b)
    if isinstance(a, Disc):
        assert isinstance(b, Box)
        return a.gap_to_box(b)
    if isinstance(b, Disc):
        return b.gap_to_box(a)
    dx = max(b.left - a.right, a.left - b.right)
    dy = max(b.top - a.bottom, a.top - b.bottom)
    return max(dx, dy)
