"""The automatic key: one row for each symbol, fill, line and glyph the drawing actually uses.

Legend keys are strings: ``symbol:<SYMBOLS key>``, ``condition:<n>``, ``union:<kind>``,
``consanguineous``, ``ending:<key>``, ``childless:<reason>``, ``child:<parentage>``,
``twins:<zygosity>``, ``emotion:<kind>`` and ``household``. Rows come in a fixed order (by
category, then by table order), whatever order the keys were collected in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from genomap import lines as ln
from genomap.geometry import Box, Point
from genomap.glyphs import ConditionScheme
from genomap.linework import Pen
from genomap.models import Childlessness, ConditionStatus, EmotionKind, Parentage, Preset, UnionKind
from genomap.scene import Definition, Drawn, Element, Group, Polyline, Rect, Stroke, Text
from genomap.style import Style
from genomap.symbols import SYMBOLS, Fill, Frame, Glyph, draw_glyph
from genomap.text import text_width
from genomap.theme import Theme

CATEGORIES = (
    "symbol",
    "condition",
    "union",
    "consanguineous",
    "ending",
    "childless",
    "child",
    "twins",
    "emotion",
    "household",
)
"""Legend sections, in drawing order."""

TWIN_LABELS = {
    "identical": "Identical twins",
    "fraternal": "Fraternal twins",
    "unknown": "Twins, zygosity unknown",
}


@dataclass(frozen=True, slots=True)
class LegendContext:
    """What legend rows need to know about the drawing."""

    preset: Preset
    scheme: ConditionScheme
    style: Style
    theme: Theme
    id_prefix: str


@cache
def _tables() -> Mapping[str, tuple[str, ...]]:
    """Each category's keys in legend order (built once: enum members are slow to list)."""
    return MappingProxyType(
        {
            "symbol": tuple(SYMBOLS),
            "union": (*[k.value for k in UnionKind], "partners"),
            "ending": tuple(ln.ENDINGS),
            "childless": tuple(c.value for c in Childlessness),
            "child": tuple(p.value for p in Parentage),
            "twins": tuple(TWIN_LABELS),
            "emotion": tuple(k.value for k in EmotionKind),
        }
    )


def _position(key: str) -> tuple[int, int]:
    category, _, name = key.partition(":")
    rank = CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)
    table = _tables().get(category)
    if table is not None and name in table:
        return rank, table.index(name)
    return rank, int(name) if name.isdigit() else 0


def ordered(keys: Iterable[str]) -> list[str]:
    """The distinct keys in legend order."""
    return sorted(set(keys), key=lambda k: (*_position(k), k))


def label(key: str, ctx: LegendContext) -> str:
    """The text of a legend row."""
    category, _, name = key.partition(":")
    if category == "symbol":
        return SYMBOLS[name].label
    if category == "condition":
        index = int(name)
        count = len(ctx.scheme.names)
        where = "" if count == 1 else f" ({_quadrant(index, count)})"
        return f"{ctx.scheme.names[index]}{where}"
    if category == "union":
        if name == "partners":
            return ln.NSGC_UNION.label
        return ln.UNION_STYLES[UnionKind(name)].label
    if category == "consanguineous":
        return "Consanguineous (blood relatives)"
    if category == "ending":
        return ln.ENDINGS[name].label
    if category == "childless":
        return ln.CHILDLESS_LABELS[Childlessness(name)]
    if category == "child":
        return ln.child_style(Parentage(name), ctx.preset).label
    if category == "twins":
        return TWIN_LABELS[name]
    if category == "emotion":
        return ln.emotion_style(EmotionKind(name), ctx.preset).label
    return "Household (lives together)"


def _quadrant(index: int, count: int) -> str:
    if count <= 4:
        return ("upper left", "upper right", "lower right", "lower left")[index % 4]
    return f"slice {index + 1} of {count}, clockwise from upper left"


def sample(key: str, box: Box, ctx: LegendContext, clip_id: str) -> Drawn:
    """The small drawing at the start of a legend row, inside ``box``."""
    category, _, name = key.partition(":")
    s = ctx.style.symbol_size
    theme = ctx.theme
    pen = Pen(s, theme.line_s * s, theme.ink, theme.paper)
    path = (Point(box.left + 0.1 * s, box.cy), Point(box.right - 0.1 * s, box.cy))
    if category in ("symbol", "condition"):
        glyph, small = _sample_glyph(category, name, ctx)
        size = box.height * (0.42 if small else 0.8)
        frame = Frame(box.cx, box.cy, size, unit=box.height * 0.8)
        return draw_glyph(glyph, frame, theme, clip_id=clip_id, pattern_prefix=ctx.id_prefix)
    if category == "emotion":
        style = ln.emotion_style(EmotionKind(name), ctx.preset)
        emotion_pen = Pen(s, theme.emotion_s * s, theme.family(style.family), theme.paper)
        return Drawn(tuple(ln.draw_emotion(path, style, emotion_pen)))
    return Drawn(tuple(_line_sample(category, name, box, path, ctx, pen)))


def _line_sample(
    category: str, name: str, box: Box, path: tuple[Point, Point], ctx: LegendContext, pen: Pen
) -> list[Element]:
    if category in ("union", "consanguineous"):
        kind = UnionKind(name) if category == "union" and name != "partners" else UnionKind.MARRIAGE
        double = category == "consanguineous"
        items = ln.draw_union([path], kind, ctx.preset, double=double, pen=pen)
        if ln.union_style(kind, ctx.preset).house:
            items.append(ln.house(Point(box.cx, box.cy), pen))
        return items
    if category == "ending":
        return [
            Polyline(path, pen.stroke()),
            *ln.draw_ending(name, Point(box.cx, box.cy), (1.0, 0.0), pen),
        ]
    if category == "childless":
        top = box.top + 0.1 * pen.s
        line = Polyline((Point(path[0].x, top), Point(path[1].x, top)), pen.stroke())
        small_pen = Pen(box.height * 0.9, pen.width, pen.colour, pen.paper)
        return [line, *ln.draw_childless(Point(box.cx, top), Childlessness(name), small_pen)]
    if category == "child":
        return ln.draw_child_link(path, ln.child_style(Parentage(name), ctx.preset), pen)
    if category == "twins":
        return _twins(name, box, pen)
    stroke = Stroke(ctx.theme.household, pen.width, (0.15 * pen.s, 0.08 * pen.s))
    inner = Box(box.left + 0.1 * pen.s, box.top + 2, box.right - 0.1 * pen.s, box.bottom - 2)
    return [Rect(inner.left, inner.top, inner.width, inner.height, 6.0, None, stroke)]


def _sample_glyph(category: str, name: str, ctx: LegendContext) -> tuple[Glyph, bool]:
    if category == "symbol":
        return SYMBOLS[name].glyph, SYMBOLS[name].small
    index, count = int(name), len(ctx.scheme.names)
    region = "whole" if count == 1 else "sector"
    fill = Fill(region, ConditionStatus.CURRENT, f"c{index}", index, count)
    return Glyph("square", fills=(fill,)), False


def _twins(zygosity: str, box: Box, pen: Pen) -> list[Element]:
    apex = Point(box.cx, box.top + 2)
    spread = 0.4 * pen.s
    lines = (Point(box.cx - spread, box.bottom - 2), apex, Point(box.cx + spread, box.bottom - 2))
    items: list[Element] = [Polyline(lines, pen.stroke())]
    mid_y = (apex.y + lines[0].y) / 2
    if zygosity == "identical":
        bar = (Point(box.cx - spread / 2, mid_y), Point(box.cx + spread / 2, mid_y))
        items.append(Polyline(bar, pen.stroke()))
    elif zygosity == "unknown":
        items.append(Text(box.cx, mid_y + 4, "?", 0.3 * pen.s, "middle", True, fill=pen.colour))
    return items


def build_legend(
    keys: Iterable[str],
    ctx: LegendContext,
    *,
    left: float,
    top: float,
    max_height: float | None = None,
    max_width: float | None = None,
) -> tuple[Group, tuple[Definition, ...], Box] | None:
    """The legend as a group placed at (left, top), in as many columns as the room allows.

    Give ``max_height`` for a legend beside the drawing (columns of at most that height) or
    ``max_width`` for one below it (as many columns as fit across). Returns None when there
    is nothing to explain.
    """
    rows = ordered(keys)
    if not rows:
        return None
    style, theme = ctx.style, ctx.theme
    s = style.symbol_size
    font = style.small_font_size + 0.5
    row_h = 0.8 * s
    sample_w = 1.6 * s
    pad = 0.3 * s
    texts = [label(k, ctx) for k in rows]
    col_w = sample_w + 0.2 * s + max(text_width(t, font) for t in texts) + 0.4 * s
    heading = style.font_size * 1.6
    if max_height is not None:
        per_col = max(6, int((max_height - heading - 2 * pad) // row_h))
        cols = math.ceil(len(rows) / per_col)
    else:
        cols = max(1, min(len(rows), int(((max_width or col_w) - 2 * pad) // col_w)))
    per_col = math.ceil(len(rows) / cols)
    cols = math.ceil(len(rows) / per_col)
    width = 2 * pad + cols * col_w
    height = 2 * pad + heading + per_col * row_h
    items: list[Element] = [
        Rect(left, top, width, height, 6.0, theme.paper, Stroke(theme.muted, 1.0)),
        Text(
            left + pad,
            top + pad + style.font_size,
            "Key",
            style.font_size,
            "start",
            True,
            fill=theme.ink,
        ),
    ]
    defs: list[Definition] = []
    for i, (key, text) in enumerate(zip(rows, texts, strict=True)):
        col, row = divmod(i, per_col)
        x = left + pad + col * col_w
        y = top + pad + heading + row * row_h
        box = Box(x, y + 0.1 * row_h, x + sample_w, y + 0.9 * row_h)
        drawn = sample(key, box, ctx, f"{ctx.id_prefix}-legend-clip-{i}")
        defs.extend(drawn.defs)
        entry = Text(
            x + sample_w + 0.2 * s, y + row_h / 2 + font * 0.35, text, font, "start", fill=theme.ink
        )
        items.append(
            Group(
                (*drawn.elements, entry),
                id=f"{ctx.id_prefix}-legend-{i}",
                css_class="legend-entry",
                data=(("key", key),),
            )
        )
    group = Group(tuple(items), id=f"{ctx.id_prefix}-legend", css_class="legend")
    return group, tuple(defs), Box(left, top, left + width, top + height)
