"""The eco-map layout result and its options: centre circle, placed systems, routed ties.

It also builds the centre circle (:func:`build_centre`), since that is a genogram layout and a
circle fitted round it, independent of the ring.

Angles are in radians, clockwise from 12 o'clock (conventions §10), so a point at angle ``a``
and distance ``r`` from the centre is ``(r sin a, -r cos a)`` on screen (y grows downwards).
The centre circle is always at the origin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from genomap.geometry import Box, Point
from genomap.graph import build_graph, subdocument
from genomap.layout.genogram import layout_genogram
from genomap.layout.model import GenogramLayout, Label, TextLine
from genomap.models import Document, EcoCentre, Flow, Importance, Strength
from genomap.style import Style
from genomap.text import LINE_HEIGHT, text_width, wrap

StrongLine = Literal["double", "thick", "triple"]
StressMark = Literal["hatch", "zigzag"]


@dataclass(frozen=True, slots=True)
class EcomapStyle:
    """Eco-map sizes and drawing choices; fields ending in ``_s`` are multiples of S.

    The defaults follow ecomap-conventions.md (§2 sizes, §4-6 the ``hartman`` preset, §10 the
    layout method). Change a field with :meth:`replace`.

    Example:
        >>> EcomapStyle().replace(stress="zigzag").stress
        'zigzag'
    """

    importance_radius_s: tuple[float, float, float] = (0.5, 0.75, 1.0)
    """Circle radius of a low, medium and high importance system (SchemaTex: 20/30/40 px)."""
    system_gap_s: float = 0.5
    min_sector_deg: float = 20.0
    growth: float = 0.05
    max_growth_steps: int = 80
    clearance_s: float = 0.1
    centre_padding_s: float = 0.5
    centre_scale: float = 0.75
    """The household genogram is laid out at this fraction of the map's symbol size."""
    centre_details: bool = False
    """Show occupations, places and notes under the people in the centre genogram."""
    individual_radius_s: float = 1.4
    ring_margin_s: float = 2.6
    """The shortest distance between the centre circle and a system circle (room for codes)."""
    label_width_s: float = 2.6
    label_gap_s: float = 0.15
    port_spacing_s: float = 0.4
    track_spacing_s: float = 0.4
    """Distance between the concentric tracks that ties to members run round on."""
    spoke_codes_s: float = 3.2
    """Free length of a tie beyond the tracks, for its arrows and stress marks."""
    strong: StrongLine = "double"
    stress: StressMark = "hatch"
    show_notes: bool = True
    show_categories: bool = True

    def replace(self, **changes: Any) -> EcomapStyle:
        """A copy with some fields changed; unknown field names raise TypeError."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise TypeError(f"unknown eco-map style field(s): {', '.join(unknown)}")
        return replace(self, **changes)

    def radius(self, importance: Importance, s: float) -> float:
        """The circle radius of a system of this importance."""
        order = (Importance.LOW, Importance.MEDIUM, Importance.HIGH)
        return self.importance_radius_s[order.index(importance)] * s


ORIGIN = Point(0.0, 0.0)
"""The centre of the map."""


def polar(angle: float, distance: float) -> Point:
    """The point at ``angle`` (clockwise from 12 o'clock) and ``distance`` from the origin."""
    return Point(distance * math.sin(angle), -distance * math.cos(angle))


def angle_of(x: float, y: float) -> float:
    """The clockwise angle from 12 o'clock of (x, y), in [0, 2π)."""
    return math.atan2(x, -y) % math.tau


def wrap_angle(a: float) -> float:
    """``a`` brought into (-π, π]."""
    a = math.fmod(a + math.pi, math.tau)
    if a <= 0:
        a += math.tau
    return a - math.pi


def text_label(
    role: str, lines: tuple[str, ...], size: float, centre: Point, *, bold: bool = False
) -> Label:
    """Centred lines of text around ``centre``, with their box."""
    step = size * LINE_HEIGHT
    top = centre.y - len(lines) * step / 2
    width = max((text_width(t, size, bold=bold) for t in lines), default=0.0)
    texts = tuple(
        TextLine(t, centre.x, top + (i + 0.5) * step + 0.35 * size, size, "middle", bold)
        for i, t in enumerate(lines)
    )
    return Label(role, texts, Box.around(centre.x, centre.y, width, len(lines) * step))


def place_label(
    role: str,
    lines: tuple[str, ...],
    size: float,
    origin: Point,
    angle: float,
    distance: float,
    *,
    bold: bool = False,
) -> Label:
    """A text block set outward from ``origin`` along ``angle``, its nearest edge ``distance``
    away, so that it never reaches back inside that distance."""
    width = max((text_width(t, size, bold=bold) for t in lines), default=0.0)
    height = len(lines) * size * LINE_HEIGHT
    ux, uy = math.sin(angle), -math.cos(angle)
    reach = distance + abs(ux) * width / 2 + abs(uy) * height / 2
    return text_label(
        role, lines, size, Point(origin.x + ux * reach, origin.y + uy * reach), bold=bold
    )


@dataclass(frozen=True, slots=True)
class Disc:
    """A filled circle used for collision checks."""

    x: float
    y: float
    r: float

    @property
    def box(self) -> Box:
        """The bounding box."""
        return Box.around(self.x, self.y, 2 * self.r, 2 * self.r)

    def gap_to_disc(self, other: Disc) -> float:
        """The distance between the two outlines (negative when they overlap)."""
        return math.hypot(self.x - other.x, self.y - other.y) - self.r - other.r

    def gap_to_box(self, box: Box) -> float:
        """The distance from the outline to the box (negative when they overlap)."""
        dx = max(box.left - self.x, 0.0, self.x - box.right)
        dy = max(box.top - self.y, 0.0, self.y - box.bottom)
        inside = dx == 0.0 and dy == 0.0
        return -self.r if inside else math.hypot(dx, dy) - self.r

    def distance_to_segment(self, a: Point, b: Point) -> float:
        """How far the centre is from the segment a-b."""
        dx, dy = b.x - a.x, b.y - a.y
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else ((self.x - a.x) * dx + (self.y - a.y) * dy) / length2
        t = min(max(t, 0.0), 1.0)
        return math.hypot(a.x + t * dx - self.x, a.y + t * dy - self.y)


@dataclass(frozen=True, slots=True)
class MemberAnchor:
    """Where ties to one household member meet the centre circle.

    ``free`` anchors belong to a member drawn at the very middle of the circle (a household of
    one): their ties run straight in from the system, like ties to the household.
    """

    person: str
    angle: float
    point: Point
    free: bool = False


@dataclass(frozen=True, slots=True)
class Centre:
    """The centre circle: the household genogram (shifted by ``offset``) or one person's name."""

    mode: Literal["household", "individual"]
    radius: float
    label: Label | None
    household: str | None
    person: str | None
    members: tuple[str, ...]
    anchors: tuple[MemberAnchor, ...]
    document: Document | None = None
    genogram: GenogramLayout | None = None
    genogram_style: Style | None = None
    offset: Point = ORIGIN

    @property
    def disc(self) -> Disc:
        """The circle at the origin."""
        return Disc(0.0, 0.0, self.radius)

    def anchor(self, person: str) -> MemberAnchor | None:
        """The anchor of a member, or None for someone not drawn in the centre."""
        return next((a for a in self.anchors if a.person == person), None)


@dataclass(frozen=True, slots=True)
class PlacedSystem:
    """A system circle on the ring, with its name inside or beside it."""

    id: str
    name: str
    category: str
    importance: Importance
    absent: bool
    angle: float
    x: float
    y: float
    r: float
    label: Label
    label_inside: bool

    @property
    def disc(self) -> Disc:
        """The circle."""
        return Disc(self.x, self.y, self.r)


@dataclass(frozen=True, slots=True)
class RoutedConnection:
    """A tie drawn from the centre end (``path[0]``) to the system end (``path[-1]``)."""

    key: str
    system: str
    member: str | None
    strength: Strength
    stressful: bool
    flow: Flow
    amount: int
    note: str | None
    path: tuple[Point, ...]
    curved: bool
    codes_from: float = 0.0
    """Distance along the path where arrows and stress marks may start (past the tracks)."""
    note_number: int | None = None


@dataclass(frozen=True, slots=True)
class Sector:
    """A category's wedge: from ``start`` to ``end`` clockwise, its systems and its title."""

    key: str
    label: str
    start: float
    end: float
    systems: tuple[str, ...]
    colour: str | None = None
    pinned: bool = False
    title: Label | None = None

    @property
    def mid(self) -> float:
        """The middle angle."""
        return (self.start + self.end) / 2


@dataclass(frozen=True, slots=True)
class EcomapLayout:
    """Everything a renderer needs to draw an eco-map; nothing here knows about SVG."""

    centre: Centre
    systems: tuple[PlacedSystem, ...]
    connections: tuple[RoutedConnection, ...]
    sectors: tuple[Sector, ...]
    ring_radius: float
    bounds: Box
    symbol_size: float
    growth_steps: int = 0
    elapsed_ms: float = 0.0

    def system(self, system_id: str) -> PlacedSystem:
        """The placed system with this id; KeyError when there is none."""
        for placed in self.systems:
            if placed.id == system_id:
                return placed
        raise KeyError(system_id)


# --------------------------------------------------------------------------- the centre


def centre_style(style: Style, eco: EcomapStyle) -> Style:
    """The style the household genogram is laid out with: every size times ``centre_scale``."""
    k = eco.centre_scale
    return style.replace(
        symbol_size=style.symbol_size * k,
        font_size=style.font_size * k,
        small_font_size=style.small_font_size * k,
        title_font_size=style.title_font_size * k,
        show_details=style.show_details and eco.centre_details,
    )


def build_centre(document: Document, style: Style, eco: EcomapStyle) -> Centre:
    """The centre circle: one person's name (individual mode) or the household's genogram."""
    s = style.symbol_size
    ecomap = document.ecomap
    people = {p.id: p for p in document.people}
    if ecomap is not None and ecomap.centre == EcoCentre.INDIVIDUAL:
        pid = ecomap.person
        name = people[pid].label if pid in people else (pid or "?")
        radius = eco.individual_radius_s * s
        lines = tuple(wrap(name, style.font_size, 1.5 * radius, bold=True))
        height = len(lines) * style.font_size * LINE_HEIGHT
        width = max((text_width(t, style.font_size, bold=True) for t in lines), default=0.0)
        radius = max(radius, math.hypot(width, height) / 2 + 0.2 * s)
        label = text_label("centre", lines, style.font_size, Point(0.0, 0.0), bold=True)
        alone = (MemberAnchor(pid, 0.0, Point(0.0, 0.0), free=True),) if pid else ()
        return Centre("individual", radius, label, None, pid, (pid,) if pid else (), alone)

    graph = build_graph(document)
    household_id = graph.centre_household
    members: tuple[str, ...] = tuple(
        graph.members(household_id) if household_id else graph.person_ids
    )
    household = next((h for h in document.households if h.id == household_id), None)
    caption = (household.label or "Household") if household else "Family"
    sub = subdocument(document, members).model_copy(
        update={
            "households": (),
            "ecomap": None,
            "title": None,
            "description": None,
            "author": None,
            "case_id": None,
        }
    )
    inner = centre_style(style, eco)
    genogram = layout_genogram(sub, inner) if members else None
    size = style.font_size
    drawn = genogram.bounds if genogram is not None and genogram.people else Box(0, 0, 0, 0)
    lines = tuple(wrap(caption, size, max(drawn.width, 4 * s), max_lines=2))
    caption_h = len(lines) * size * LINE_HEIGHT
    caption_w = max(text_width(t, size) for t in lines)
    gap = 0.25 * s if genogram is not None and genogram.people else 0.0
    content = drawn.union(
        Box.around(drawn.cx, drawn.top - gap - caption_h / 2, caption_w, caption_h)
    )
    radius = max(
        math.hypot(content.width, content.height) / 2 + eco.centre_padding_s * s,
        eco.individual_radius_s * s,
    )
    offset = Point(-content.cx, -content.cy)
    label = text_label(
        "centre", lines, size, Point(0.0, drawn.top - gap - caption_h / 2 + offset.y)
    )
    anchors: list[MemberAnchor] = []
    for placed in genogram.people if genogram is not None else ():
        if placed.copy or placed.id not in members:
            continue
        x, y = placed.x + offset.x, placed.y + offset.y
        if math.hypot(x, y) < 0.5 * s:
            anchors.append(MemberAnchor(placed.id, 0.0, Point(0.0, 0.0), free=True))
        else:
            angle = angle_of(x, y)
            anchors.append(MemberAnchor(placed.id, angle, polar(angle, radius)))
    return Centre(
        "household",
        radius,
        label,
        household_id,
        None,
        members,
        tuple(sorted(anchors, key=lambda a: a.person)),
        document=sub,
        genogram=genogram,
        genogram_style=inner,
        offset=offset,
    )


__all__ = [
    "Centre",
    "Disc",
    "EcomapLayout",
    "EcomapStyle",
    "MemberAnchor",
    "PlacedSystem",
    "RoutedConnection",
    "Sector",
    "StressMark",
    "StrongLine",
    "angle_of",
    "build_centre",
    "centre_style",
    "place_label",
    "polar",
    "text_label",
    "wrap_angle",
]
