"""Eco-map tie styles as data (conventions §4-6): strength, stress overlay, flow arrows; and
the key that explains them (:func:`sample`, :func:`legend_label`, :func:`panel`).

A tie's path runs from the family end (``path[0]``) to the system end (``path[-1]``). Strength
picks the line itself from :data:`STRENGTH_LABELS` and :func:`strength_line`; stress lays
:data:`STRESS_MARKS` over the middle 60% of whatever line is drawn; flow puts 1-3 arrowheads in
the middle of the line. Every code differs in geometry (line count, dash, ticks, arrowheads),
so a black-and-white drawing reads the same as a coloured one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from types import MappingProxyType

from genomap import linework as lw
from genomap import polyline as pl
from genomap.geometry import Box, Point
from genomap.layout.ecomap_model import EcomapLayout, StressMark, StrongLine
from genomap.linework import LineDraw, Pen
from genomap.models import Flow, Strength
from genomap.scene import Circle, Definition, Drawn, Element, Group, Polyline, Rect, Stroke, Text
from genomap.text import LINE_HEIGHT, text_width
from genomap.theme import Theme

Path = tuple[Point, ...]
Stretch = tuple[float, float] | None
"""The part of a path (distances along it) that a tie's codes may use; None: all of it."""

Overlay = Callable[[Path, Pen, tuple[float, float], Stretch], list[Element]]
"""A stress overlay: path, pen, the part to leave free for the arrows, and the stretch of the
path the codes may use."""

ARROW_SCALE = 1.4
"""Arrowheads are this much bigger than genogram arrowheads, to stand out over double lines."""

STRONG_LINES: Mapping[StrongLine, LineDraw] = MappingProxyType(
    {
        "double": lw.parallel(2, 0.1),
        "triple": lw.parallel(3, 0.1),
        "thick": lambda path, pen: [Polyline(path, Stroke(pen.colour, pen.width * 2))],
    }
)
"""The strong-tie variants: two parallel lines (default), three, or one thick line."""


def _tenuous(path: Path, pen: Pen) -> list[Element]:
    dash = tuple(d * pen.s for d in lw.DASH)
    return [Polyline(path, Stroke(pen.colour, pen.width * 0.75, dash))]


STRENGTH_LABELS: Mapping[Strength, str] = MappingProxyType(
    {
        Strength.STRONG: "Strong tie",
        Strength.MODERATE: "Moderate tie",
        Strength.TENUOUS: "Tenuous tie",
    }
)
"""Legend text of each strength."""


def strength_line(strength: Strength, strong: StrongLine = "double") -> LineDraw:
    """The line drawing of a strength; ``strong`` picks the strong variant."""
    if strength == Strength.STRONG:
        return STRONG_LINES[strong]
    return lw.plain() if strength == Strength.MODERATE else _tenuous


def _within(path: Path, stretch: Stretch) -> tuple[float, float]:
    """The stretch clamped to the path (the whole path when None or empty)."""
    total = pl.length(path)
    if stretch is None:
        return 0.0, total
    start, end = max(stretch[0], 0.0), min(stretch[1], total)
    return (start, end) if end > start else (0.0, total)


def _middle(path: Path, stretch: Stretch, s: float) -> tuple[float, float]:
    """The part a stress overlay covers: the middle 60% of the stretch, but at least 2 S of it
    when the stretch is long enough, so that a short tie still shows its stress clearly."""
    start, end = _within(path, stretch)
    length = end - start
    span = min(max(0.6 * length, 2.0 * s), 0.9 * length)
    middle = (start + end) / 2
    return middle - span / 2, middle + span / 2


def _spots(start: float, end: float, free: tuple[float, float], step: float) -> list[float]:
    """Tick positions every ``step`` from ``start`` to ``end``: centred, or, when arrowheads sit
    inside, laid outward from both sides of them so the ticks frame the arrows evenly."""
    if not start < free[0] < free[1] < end:
        count = max(1, int((end - start) / step) + 1)
        first = (start + end) / 2 - (count - 1) * step / 2
        spots = [first + i * step for i in range(count)]
        return [d for d in spots if not free[0] < d < free[1]]
    before = [free[0] - step / 2 - i * step for i in range(int((free[0] - start) / step) + 1)]
    after = [free[1] + step / 2 + i * step for i in range(int((end - free[1]) / step) + 1)]
    return sorted(d for d in before + after if start <= d <= end)


def hatch(
    path: Path, pen: Pen, free: tuple[float, float], stretch: Stretch = None
) -> list[Element]:
    """Ticks across the line, 0.3 S long every 0.25 S, over the middle of the stretch."""
    start, end = _middle(path, stretch, pen.s)
    spots = _spots(start, end, free, 0.25 * pen.s)
    half = 0.15 * pen.s
    stroke = Stroke(pen.colour, pen.width)
    ticks: list[Element] = []
    for at, tangent in pl.points_at(path, spots):
        nx, ny = pl.normal(tangent)
        ticks.append(
            Polyline(
                (
                    Point(at.x - nx * half, at.y - ny * half),
                    Point(at.x + nx * half, at.y + ny * half),
                ),
                stroke,
            )
        )
    return ticks


def zigzag(
    path: Path, pen: Pen, free: tuple[float, float], stretch: Stretch = None
) -> list[Element]:
    """A zigzag over the middle 60% of the stretch, broken where the arrowheads are."""
    start, end = _middle(path, stretch, pen.s)
    pieces = (
        [(start, min(end, free[0])), (max(start, free[1]), end)]
        if free[1] > free[0]
        else [(start, end)]
    )
    draw = lw.zigzag(0.12, 0.25)
    return [e for a, b in pieces if b - a > 0.2 * pen.s for e in draw(pl.sub_path(path, a, b), pen)]


STRESS_MARKS: Mapping[StressMark, Overlay] = MappingProxyType({"hatch": hatch, "zigzag": zigzag})
"""How a stressful tie is marked: hatch ticks (default) or a zigzag."""

FLOW_LABELS: Mapping[Flow, str] = MappingProxyType(
    {
        Flow.TO_FAMILY: "Energy or resources flow to the family",
        Flow.FROM_FAMILY: "Energy or resources flow from the family",
        Flow.BOTH: "Energy or resources flow both ways",
    }
)
"""Legend text of each drawn flow."""


def flow_arrows(
    path: Path, flow: Flow, amount: int, pen: Pen, stretch: Stretch = None
) -> tuple[list[Element], tuple[float, float]]:
    """Arrowheads at the middle of the stretch, ``amount`` per direction, and the part of the
    path they cover. ``to_family`` points at ``path[0]``, ``from_family`` at the end."""
    total = pl.length(path)
    mid = sum(_within(path, stretch)) / 2
    if flow == Flow.NONE or total <= 0:
        return [], (mid, mid)
    big = Pen(pen.s * ARROW_SCALE, pen.width, pen.colour, pen.paper)
    length = lw.ARROW_LENGTH * big.s
    spacing = 0.75 * length
    extent = length + (amount - 1) * spacing
    gap = 0.15 * pen.s if flow == Flow.BOTH else 0.0
    runs: list[tuple[float, float]] = []  # (tip of the front head, direction along the path)
    if flow in (Flow.TO_FAMILY, Flow.BOTH):
        runs.append((mid - gap / 2 - (extent if flow == Flow.BOTH else extent / 2), -1.0))
    if flow in (Flow.FROM_FAMILY, Flow.BOTH):
        runs.append((mid + gap / 2 + (extent if flow == Flow.BOTH else extent / 2), 1.0))
    items: list[Element] = []
    for tip, direction in runs:
        spots = sorted(tip - direction * i * spacing for i in range(amount))
        for at, tangent in pl.points_at(path, spots):
            heading = (tangent[0] * direction, tangent[1] * direction)
            items.extend(lw.arrowhead(at, heading, big, "filled"))
    half = extent + gap / 2 if flow == Flow.BOTH else extent / 2
    return items, (mid - half - 0.1 * pen.s, mid + half + 0.1 * pen.s)


def note_marker(at: Point, number: int, pen: Pen, size: float) -> list[Element]:
    """A small numbered circle on the line; the note itself is listed under Notes."""
    text = str(number)
    radius = max(0.2 * pen.s, size * (0.35 + 0.3 * len(text)))
    return [
        Circle(at.x, at.y, radius, pen.paper, Stroke(pen.colour, pen.width * 0.75)),
        Text(at.x, at.y + size * 0.35, text, size, "middle", True, fill=pen.colour),
    ]


NOTE_ROOM = 1.0
"""Length (in S) kept free of codes at the system end of a tie with a note marker."""


def note_position(path: Path, pen: Pen) -> Point:
    """Where a tie's note marker sits: in the room kept for it at the system end."""
    total = pl.length(path)
    at, _ = pl.point_at(path, total - min(0.55 * pen.s, 0.2 * total))
    return at


def draw_tie(
    path: Path,
    strength: Strength,
    stressful: bool,
    flow: Flow,
    amount: int,
    pen: Pen,
    stress_pen: Pen,
    *,
    strong: StrongLine = "double",
    stress: StressMark = "hatch",
    stretch: Stretch = None,
) -> list[Element]:
    """A whole tie: the strength line, the stress overlay, then the flow arrows on top; the
    codes keep to ``stretch`` of the path (all of it when None)."""
    items = strength_line(strength, strong)(path, pen)
    arrows, free = flow_arrows(path, flow, amount, pen, stretch)
    if stressful:
        items += STRESS_MARKS[stress](path, stress_pen, free, stretch)
    return items + arrows


def sample(
    key: str,
    box: Box,
    pen: Pen,
    stress_pen: Pen,
    *,
    strong: StrongLine = "double",
    stress: StressMark = "hatch",
    fill: str | None = None,
) -> Drawn:
    """The drawing at the start of an eco-map legend row (see :func:`legend_label`), in ``box``.

    Flow samples end at a small system circle on the right, so the arrow's direction reads as
    "to the family" (pointing away from it) or "from the family" (pointing at it).
    """
    kind, _, name = key.partition(":")
    s = pen.s
    left, right, y = box.left + 0.1 * s, box.right - 0.1 * s, box.cy
    line: Path = (Point(left, y), Point(right, y))
    outline = Stroke(pen.colour, pen.width)
    if kind == "strength":
        return Drawn(tuple(strength_line(Strength(name), strong)(line, pen)))
    if kind == "stress":
        items = lw.plain()(line, pen) + STRESS_MARKS[stress](line, stress_pen, (0.0, 0.0), None)
        return Drawn(tuple(items))
    if kind in ("flow", "amount"):
        end = right - 0.4 * s
        arrows, _ = flow_arrows(
            (Point(left, y), Point(end, y)),
            Flow(name) if kind == "flow" else Flow.TO_FAMILY,
            1 if kind == "flow" else 3,
            pen,
        )
        system = Circle(right - 0.2 * s, y, 0.2 * s, pen.paper, outline)
        return Drawn((Polyline((Point(left, y), Point(end, y)), pen.stroke()), *arrows, system))
    if kind == "note":
        return Drawn(tuple(note_marker(Point(box.cx, y), 1, pen, 0.24 * s)))
    radius = 0.3 * s
    if kind == "importance":
        radius = 0.32 * s * {"low": 0.5, "medium": 0.75, "high": 1.0}[name]
    dash = tuple(d * s for d in lw.DASH) if kind == "absent" else ()
    stroke = Stroke(pen.colour, pen.width, dash)
    return Drawn((Circle(box.cx, y, radius, fill or pen.paper, stroke),))


def legend_label(key: str, labels: Mapping[str, str]) -> str:
    """The text of an eco-map legend row; ``labels`` names the categories."""
    kind, _, name = key.partition(":")
    if kind == "strength":
        return STRENGTH_LABELS[Strength(name)]
    if kind == "flow":
        return FLOW_LABELS[Flow(name)]
    texts = {
        "stress": "Stressful tie",
        "amount": "More arrowheads: more flows",
        "absent": "Needed, but no contact",
        "note": "Note, listed under Notes",
    }
    if kind in texts:
        return texts[kind]
    if kind == "importance":
        return f"{name.capitalize()} importance"
    return f"Category: {labels.get(name, name)}"


def ecomap_keys(layout: EcomapLayout, colours: dict[str, str]) -> list[str]:
    """The eco-map legend keys this map uses, in a fixed order."""
    ties = layout.connections
    keys = [f"strength:{v.value}" for v in Strength if any(t.strength == v for t in ties)]
    keys += ["stress"] if any(t.stressful for t in ties) else []
    keys += [f"flow:{v.value}" for v in Flow if v != Flow.NONE and any(t.flow == v for t in ties)]
    keys += ["amount"] if any(t.amount > 1 and t.flow != Flow.NONE for t in ties) else []
    keys += ["absent"] if any(p.absent for p in layout.systems) else []
    used = {p.importance.value for p in layout.systems}
    keys += [f"importance:{v}" for v in ("high", "medium", "low") if v in used]
    keys += [f"category:{k.key}" for k in layout.sectors if k.key in colours]
    keys += ["note"] if any(t.note_number is not None for t in ties) else []
    return keys


SampleDraw = Callable[[Box], Drawn]
Row = tuple[str, tuple[str, ...], SampleDraw]
"""A panel row: its key, its lines of text and what draws its sample in a given box."""


def panel(
    title: str,
    css: str,
    rows: list[Row],
    at: Point,
    font: float,
    theme: Theme,
    group_id: str,
    *,
    s: float,
    max_height: float | None = None,
) -> tuple[Group, tuple[Definition, ...], Box]:
    """A framed, titled panel of rows (sample, then text) with its top left corner at ``at``,
    in as many columns as ``max_height`` needs. Each row is a group with class ``{css}-entry``
    and ``data-key``."""
    pad, sample_w, heading = 0.3 * s, 1.6 * s, font * 2.2
    heights = [max(0.8 * s, len(lines) * font * LINE_HEIGHT + 0.25 * s) for _, lines, _ in rows]
    limit = math.inf if max_height is None else max_height - heading - 2 * pad
    widest = max((text_width(t, font) for _, lines, _ in rows for t in lines), default=0.0)
    col_w = sample_w + 0.2 * s + widest + 0.3 * s
    places: list[tuple[float, float]] = []
    col, y, tallest = 0, 0.0, 0.0
    for h in heights:
        if y + h > limit and y > 0:
            col, y = col + 1, 0.0
        places.append((at.x + pad + col * col_w, at.y + pad + heading + y))
        y += h
        tallest = max(tallest, y)
    box = Box(at.x, at.y, at.x + 2 * pad + (col + 1) * col_w, at.y + 2 * pad + heading + tallest)
    items: list[Element] = [
        Rect(box.left, box.top, box.width, box.height, 6.0, theme.paper, Stroke(theme.muted, 1.0)),
        Text(at.x + pad, at.y + pad + font * 1.2, title, font + 1, "start", True, fill=theme.ink),
    ]
    defs: list[Definition] = []
    for i, ((key, lines, draw), (x, top), h) in enumerate(zip(rows, places, heights, strict=True)):
        drawn = draw(Box(x, top + h / 2 - 0.32 * s, x + sample_w, top + h / 2 + 0.32 * s))
        defs.extend(drawn.defs)
        first = top + h / 2 - (len(lines) - 1) * font * LINE_HEIGHT / 2 + font * 0.35
        texts = [
            Text(
                x + sample_w + 0.2 * s,
                first + j * font * LINE_HEIGHT,
                line,
                font,
                "start",
                fill=theme.ink,
            )
            for j, line in enumerate(lines)
        ]
        items.append(
            Group(
                (*drawn.elements, *texts),
                f"{group_id}-{i}",
                f"{css}-entry",
                (("key", key),),
            )
        )
    return Group(tuple(items), group_id, css), tuple(defs), box


__all__ = [
    "FLOW_LABELS",
    "NOTE_ROOM",
    "STRENGTH_LABELS",
    "STRESS_MARKS",
    "STRONG_LINES",
    "Row",
    "Stretch",
    "draw_tie",
    "ecomap_keys",
    "flow_arrows",
    "hatch",
    "legend_label",
    "note_marker",
    "note_position",
    "panel",
    "sample",
    "strength_line",
    "zigzag",
]
