"""The layout result: positioned symbols, routed lines and label boxes, in drawing units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from genomap._quick import quick_init
from genomap.geometry import Box, Point, Segment

Anchor = Literal["start", "middle", "end"]


@quick_init
@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text: ``x`` is where ``anchor`` sits, ``y`` is the baseline."""

    text: str
    x: float
    y: float
    size: float
    anchor: Anchor = "middle"
    bold: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class Label:
    """A block of text lines with the box it occupies (used for overlap checks)."""

    role: str
    lines: tuple[TextLine, ...]
    box: Box


@quick_init
@dataclass(frozen=True, slots=True)
class PlacedPerson:
    """A person symbol: centre (x, y), side ``size``, and its labels."""

    id: str
    x: float
    y: float
    size: float
    generation: int
    row: int
    labels: tuple[Label, ...] = ()
    inside: str | None = None
    copy: int = 0

    @property
    def box(self) -> Box:
        """The symbol's bounding box."""
        return Box.around(self.x, self.y, self.size, self.size)

    @property
    def key(self) -> str:
        """Unique among drawn symbols: the id, with a suffix for a duplicate copy."""
        return self.id if self.copy == 0 else f"{self.id}#{self.copy}"


@quick_init
@dataclass(frozen=True, slots=True)
class PlacedUnion:
    """A partner line between the partners, and where its descent line starts."""

    key: str
    partners: tuple[str, ...]
    segments: tuple[Segment, ...]
    main: Segment | None
    descent_from: Point
    label: Label | None = None
    stepped: bool = False
    consanguineous: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class ChildLink:
    """The line from a sibship bar (or twin apex) down to one child's symbol."""

    union: str
    child: str
    parentage: str
    segments: tuple[Segment, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Sibship:
    """The descent line from a union to its sibship bar, and the bar."""

    union: str
    descent: tuple[Segment, ...]
    bar: Segment | None
    children: tuple[ChildLink, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class TwinGroup:
    """Twins or more drawn from one apex; ``marker`` is the MZ bar or the '?' position."""

    union: str
    members: tuple[str, ...]
    zygosity: str
    apex: Point
    marker: Segment | None
    question_at: Point | None


@quick_init
@dataclass(frozen=True, slots=True)
class HouseholdOutline:
    """Rectangles (one per row run of members) that together outline a household."""

    id: str
    label: str | None
    boxes: tuple[Box, ...]
    members: tuple[str, ...]
    contiguous: bool


@quick_init
@dataclass(frozen=True, slots=True)
class Row:
    """A generation row: its symbol centre line and the generation number shown in the gutter."""

    index: int
    y: float
    generation: int


@quick_init
@dataclass(frozen=True, slots=True)
class GenogramLayout:
    """Everything a renderer needs to draw a genogram; nothing here knows about SVG."""

    people: tuple[PlacedPerson, ...]
    unions: tuple[PlacedUnion, ...]
    sibships: tuple[Sibship, ...]
    twins: tuple[TwinGroup, ...]
    secondary: tuple[ChildLink, ...]
    households: tuple[HouseholdOutline, ...]
    rows: tuple[Row, ...]
    bounds: Box
    facing_end_moves: int = 0
    elapsed_ms: float = 0.0

    def person(self, person_id: str) -> PlacedPerson:
        """The first drawn copy of a person; KeyError when not drawn."""
        for placed in self.people:
            if placed.id == person_id:
                return placed
        raise KeyError(person_id)
