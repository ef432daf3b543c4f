"""Line style tables: partner lines and their endings, child links, emotional relationships.

The emotional table lives in :mod:`genomap.emotion_styles` and is re-exported here.

Each table row is data: a label for the legend and a drawing function from a polyline to
primitives (see :mod:`genomap.linework`), so adding a kind is one function and one row. Every
kind differs by geometry (dash pattern, parallel lines, zigzag, midpoint glyph or arrowhead);
colour is only an extra cue (conventions §3, §4, §10).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from genomap import linework as lw
from genomap import polyline as pl
from genomap.emotion_styles import (
    EMOTION_STYLES,
    MCGOLDRICK_EMOTIONS,
    EmotionStyle,
    draw_emotion,
    emotion_style,
)
from genomap.geometry import EPS, Box, Point, Segment
from genomap.linework import DASH, DASH_DOT, DOTTED, LineDraw, Pen
from genomap.models import (
    Childlessness,
    Parentage,
    Preset,
    UnionEventType,
    UnionKind,
)
from genomap.scene import Element, Polygon, Polyline, Stroke

# --------------------------------------------------------------------------- unions


@dataclass(frozen=True, slots=True)
class UnionStyle:
    """How a partner line of one union kind looks; ``house`` adds the house glyph."""

    label: str
    draw: LineDraw
    house: bool = False


UNION_STYLES: Mapping[UnionKind, UnionStyle] = MappingProxyType(
    {
        UnionKind.MARRIAGE: UnionStyle("Marriage", lw.plain()),
        UnionKind.CIVIL_PARTNERSHIP: UnionStyle("Civil partnership", lw.plain()),
        UnionKind.COMMITTED: UnionStyle("Committed relationship", lw.plain()),
        UnionKind.ENGAGEMENT: UnionStyle("Engagement", lw.plain((0.3, 0.1))),
        UnionKind.COHABITATION: UnionStyle("Living together (LT)", lw.plain((0.15, 0.1))),
        UnionKind.LEGAL_COHABITATION: UnionStyle("Legal cohabitation", lw.plain(DASH_DOT), True),
        UnionKind.NON_SENTIMENTAL_COHABITATION: UnionStyle(
            "Living together without affection", lw.plain((0.2, 0.1, 0.1, 0.1)), True
        ),
        UnionKind.DATING: UnionStyle("Dating", lw.plain((0.075, 0.075))),
        UnionKind.AFFAIR: UnionStyle("Affair", lw.plain(DASH_DOT)),
        UnionKind.RAPE: UnionStyle("Rape", lw.plain(DOTTED, dotted=True)),
        UnionKind.TEMPORARY: UnionStyle("Temporary relationship", lw.plain((0.1, 0.2))),
        UnionKind.OTHER: UnionStyle(
            "Other relationship", lw.plain((0.2, 0.075, 0.025, 0.075, 0.025, 0.075))
        ),
        UnionKind.UNKNOWN: UnionStyle("Partners (type not recorded)", lw.plain()),
    }
)
"""McGoldrick (GenoPro-style) partner lines. ``rape`` keeps GenoTool's dots; ``other`` is
dash-dot-dot instead of GenoTool's grey dots so that the two differ without colour."""

NSGC_UNION = UnionStyle("Partners", lw.plain())
"""NSGC draws every partner line solid; the type goes in the label (conventions §3)."""


def union_style(kind: UnionKind, preset: Preset) -> UnionStyle:
    """The partner line style of a union kind under a preset."""
    return NSGC_UNION if preset == Preset.NSGC else UNION_STYLES[kind]


def _upward(path: pl.Path) -> float:
    """The offset sign that moves the path's horizontal run upwards (towards the partners)."""
    longest = max(itertools.pairwise(path), key=lambda ab: abs(ab[1].x - ab[0].x))
    _, tangent = pl.point_at(longest, 0.0)
    return -1.0 if pl.normal(tangent)[1] > 0 else 1.0


def draw_union(
    paths: list[pl.Path], kind: UnionKind, preset: Preset, *, double: bool, pen: Pen
) -> list[Element]:
    """The partner line: the style of its kind, doubled when consanguineous (both presets)."""
    style = union_style(kind, preset)
    items: list[Element] = []
    for path in paths:
        if len(path) < 2:
            continue
        if double:
            for side in (-1.0, 1.0):
                items.extend(style.draw(pl.offset(path, side * 0.05 * pen.s), pen))
        else:
            items.extend(style.draw(path, pen))
        if kind == UnionKind.COMMITTED and preset == Preset.MCGOLDRICK:
            away = 0.15 if double else 0.1
            sign = _upward(path)
            items.extend(lw.plain((0.1, 0.07))(pl.offset(path, sign * away * pen.s), pen))
    return items


def house(at: Point, pen: Pen) -> Polygon:
    """The house glyph (a pentagon) sitting on a cohabitation line."""
    h = 0.13 * pen.s
    points = (
        Point(at.x - h, at.y + h),
        Point(at.x + h, at.y + h),
        Point(at.x + h, at.y - h * 0.2),
        Point(at.x, at.y - h * 1.2),
        Point(at.x - h, at.y - h * 0.2),
    )
    return Polygon(points, pen.paper, Stroke(pen.colour, pen.width, join="miter"))


# --------------------------------------------------------------------------- endings


@dataclass(frozen=True, slots=True)
class Ending:
    """An ending mark on a partner line: ``slashes`` oblique strokes, or an X when 0."""

    label: str
    slashes: int


ENDINGS: Mapping[str, Ending] = MappingProxyType(
    {
        "separated": Ending("Separated (s.)", 1),
        "ended": Ending("Relationship ended", 1),
        "divorced": Ending("Divorced (d.)", 2),
        "annulled": Ending("Annulled", 3),
        "widowed": Ending("Widowed", 0),
        "nsgc-ended": Ending("Relationship no longer exists", 2),
    }
)
"""Ending marks by key (McGoldrick: 1 slash separated, 2 divorced, 3 annulled, X widowed;
NSGC: ``//`` for every ended relationship)."""

_MCGOLDRICK_ENDINGS = {
    UnionEventType.SEPARATED: "separated",
    UnionEventType.LEGAL_SEPARATION: "separated",
    UnionEventType.ENDED: "ended",
    UnionEventType.DIVORCED: "divorced",
    UnionEventType.ANNULLED: "annulled",
    UnionEventType.WIDOWED: "widowed",
}


def ending_key(status: UnionEventType | None, preset: Preset) -> str | None:
    """The ending mark for a union's current status; None while it holds (or was resumed)."""
    key = _MCGOLDRICK_ENDINGS.get(status) if status is not None else None
    if key is None or preset == Preset.MCGOLDRICK:
        return key
    # NSGC: one `//` for every ended form; a widow(er)'s line stays plain (conventions §3).
    return None if key == "widowed" else "nsgc-ended"


def ending_position(
    main: Segment, avoid: tuple[Box, ...], s: float, descent_x: float | None = None
) -> Point:
    """Where slashes go on a partner line: clear of labels, away from the midpoint and from the
    descent line (when it leaves elsewhere, to pass between labels), as near two thirds along
    as possible (pedigreejs puts them at 2/3)."""

    def overlap(t: float) -> float:
        x = main.x1 + (main.x2 - main.x1) * t
        y = main.y1 + (main.y2 - main.y1) * t
        mark = Box(x - 0.2 * s, y - 0.2 * s, x + 0.2 * s, y + 0.2 * s)
        return sum(
            max(0.0, min(mark.right, b.right) - max(mark.left, b.left))
            * max(0.0, min(mark.bottom, b.bottom) - max(mark.top, b.top))
            for b in avoid
        )

    steps = [i / 20 for i in range(2, 19) if abs(i / 20 - 0.5) > 0.12]
    length = main.x2 - main.x1
    if descent_x is not None and abs(length) > EPS:
        at = (descent_x - main.x1) / length
        steps = [t for t in steps if abs(t - at) > 0.12] or steps
    best = min(steps, key=lambda t: (round(overlap(t), 3), abs(t - 2 / 3)))
    return Point(main.x1 + (main.x2 - main.x1) * best, main.y1 + (main.y2 - main.y1) * best)


def draw_ending(key: str, at: Point, tangent: tuple[float, float], pen: Pen) -> list[Element]:
    """Slashes (or the widowed X) across a partner line at ``at``."""
    ending = ENDINGS[key]
    stroke = Stroke(pen.colour, pen.width * 1.1, cap="round")
    n = pl.normal(tangent)
    s = pen.s
    if ending.slashes == 0:
        h = 0.13 * s
        return [
            Polyline(
                (
                    Point(at.x - (tangent[0] + sx * n[0]) * h, at.y - (tangent[1] + sx * n[1]) * h),
                    Point(at.x + (tangent[0] + sx * n[0]) * h, at.y + (tangent[1] + sx * n[1]) * h),
                ),
                stroke,
            )
            for sx in (-1.0, 1.0)
        ]
    items: list[Element] = []
    for i in range(ending.slashes):
        u = (i - (ending.slashes - 1) / 2) * 0.15 * s
        cx, cy = at.x + tangent[0] * u, at.y + tangent[1] * u
        dx = tangent[0] * 0.1 * s - n[0] * 0.17 * s
        dy = tangent[1] * 0.1 * s - n[1] * 0.17 * s
        items.append(Polyline((Point(cx - dx, cy - dy), Point(cx + dx, cy + dy)), stroke))
    return items


# --------------------------------------------------------------------------- childlessness

CHILDLESS_LABELS: Mapping[Childlessness, str] = MappingProxyType(
    {Childlessness.BY_CHOICE: "No children by choice", Childlessness.INFERTILITY: "Infertility"}
)


def draw_childless(at: Point, reason: Childlessness, pen: Pen) -> list[Element]:
    """A short line down from the partner line ending in one bar (by choice) or two."""
    s = pen.s
    bottom = at.y + 0.5 * s
    stroke = pen.stroke()
    items: list[Element] = [Polyline((at, Point(at.x, bottom)), stroke)]
    bars = 1 if reason == Childlessness.BY_CHOICE else 2
    for i in range(bars):
        y = bottom - i * 0.1 * s
        items.append(Polyline((Point(at.x - 0.25 * s, y), Point(at.x + 0.25 * s, y)), stroke))
    return items


# --------------------------------------------------------------------------- child links


@dataclass(frozen=True, slots=True)
class ChildStyle:
    """How a line to a child of one parentage looks; ``letter`` is written beside it."""

    label: str
    dash: tuple[float, ...] = ()
    dotted: bool = False
    letter: str | None = None


CHILD_STYLES: Mapping[Parentage, ChildStyle] = MappingProxyType(
    {
        Parentage.BIOLOGICAL: ChildStyle("Biological child"),
        Parentage.ADOPTED: ChildStyle("Adopted child", DASH),
        Parentage.FOSTER: ChildStyle("Foster child", DOTTED, dotted=True),
        Parentage.STEP: ChildStyle("Step-child", (0.3, 0.06)),
        Parentage.DONOR: ChildStyle("Conceived with a donor (D)", DASH_DOT, letter="D"),
        Parentage.SURROGATE: ChildStyle("Born to a surrogate (S)", DASH_DOT, letter="S"),
    }
)
"""Child links by parentage. A step link is drawn only when it is a child's only link."""

_MCGOLDRICK_SURROGATE = ChildStyle("Born to a gestational carrier (GC)", DASH_DOT, letter="GC")


def child_style(parentage: Parentage, preset: Preset) -> ChildStyle:
    """The child link style; McGoldrick avoids the letter S (smoker elsewhere, §0.1 #18)."""
    if parentage == Parentage.SURROGATE and preset == Preset.MCGOLDRICK:
        return _MCGOLDRICK_SURROGATE
    return CHILD_STYLES[parentage]


def draw_child_link(path: pl.Path, style: ChildStyle, pen: Pen) -> list[Element]:
    """The child's line and, for donor or surrogate, its letter half-way down, outside the bend."""
    items: list[Element] = [Polyline(path, pen.stroke(style.dash, dotted=style.dotted))]
    if style.letter:
        at, tangent = pl.point_at(path, pl.length(path) / 2)
        # Write outside a twin's V: right of a line leaning like "\", left of one like "/".
        right = tangent[0] * tangent[1] >= 0
        x = at.x + (0.1 if right else -0.1) * pen.s
        text = lw.letter(Point(x, at.y + 0.1 * pen.s), style.letter, pen)
        items.append(text if right else replace(text, anchor="end"))
    return items


LINE_STYLES: Mapping[str, Mapping[Any, Any]] = MappingProxyType(
    {"union": UNION_STYLES, "child": CHILD_STYLES, "emotion": EMOTION_STYLES}
)
"""Every line style table by family (McGoldrick defaults; presets override some rows)."""

__all__ = [
    "CHILDLESS_LABELS",
    "CHILD_STYLES",
    "EMOTION_STYLES",
    "ENDINGS",
    "LINE_STYLES",
    "MCGOLDRICK_EMOTIONS",
    "NSGC_UNION",
    "UNION_STYLES",
    "ChildStyle",
    "EmotionStyle",
    "Ending",
    "UnionStyle",
    "child_style",
    "draw_child_link",
    "draw_childless",
    "draw_emotion",
    "draw_ending",
    "draw_union",
    "emotion_style",
    "ending_key",
    "ending_position",
    "house",
    "union_style",
]
