"""Emotional relationship line styles (conventions §10): one row per kind, B/W-distinct.

A style is data: base lines (parallel, dashed, zigzag, wave), an optional midpoint glyph and
an optional arrowhead at the target. Colour families (GenoTool) are an extra cue only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from genomap import linework as lw
from genomap import polyline as pl
from genomap.linework import DASH, DASH_DOT, DOTTED, LineDraw, Pen
from genomap.models import EmotionKind, Preset
from genomap.scene import Element


@dataclass(frozen=True, slots=True)
class EmotionStyle:
    """An emotional relationship line: base lines, a midpoint glyph, an arrowhead at the target.

    ``family`` names the colour family (positive, negative, abuse, focus, neutral); ``gap``
    breaks the base line at the midpoint (cutoff).
    """

    label: str
    family: str
    base: LineDraw
    glyph: lw.GlyphDraw | None = None
    arrow: str | None = None
    gap: bool = False


_Z = lw.zigzag()
_ZF = lw.zigzag(0.06, 0.125)
_ZVF = lw.zigzag(0.03, 0.0625)
_LINE = lw.plain()
_E = EmotionStyle
_K = EmotionKind

EMOTION_STYLES: Mapping[EmotionKind, EmotionStyle] = MappingProxyType(
    {
        _K.NORMAL: _E("Normal", "neutral", _LINE),
        _K.HARMONY: _E("Harmony", "positive", lw.wave()),
        _K.CLOSE: _E("Close", "positive", lw.parallel(2)),
        _K.FRIENDSHIP: _E("Friendship", "positive", lw.lanes((), DASH)),
        _K.BEST_FRIENDS: _E("Best friends", "positive", lw.combine(lw.parallel(2), lw.ladder())),
        _K.LOVE: _E("Love", "positive", _LINE, lw.glyph_circle),
        _K.IN_LOVE: _E("In love", "positive", _LINE, lw.glyph_two_circles),
        _K.EMOTIONAL_CONNECTION: _E(
            "Emotional connection", "positive", lw.combine(_LINE, lw.circle_chain())
        ),
        _K.FAN: _E("Fan", "focus", _LINE, lw.glyph_circle, "open"),
        _K.LIMERENCE: _E("Limerence", "focus", _LINE, lw.glyph_two_circles, "open"),
        _K.DISCORD: _E("Discord", "negative", lw.parallel(2, dash=DASH)),
        _K.HATE: _E("Hate", "negative", lw.parallel(3, dash=DASH)),
        _K.DISTRUST: _E("Distrust", "negative", lw.plain(DASH_DOT)),
        _K.HOSTILE: _E("Hostile", "negative", _Z),
        _K.INDIFFERENT: _E("Indifferent", "negative", lw.plain((0.05, 0.25))),
        _K.DISTANT: _E("Distant", "negative", lw.plain(DOTTED, dotted=True)),
        _K.CUTOFF: _E("Cutoff", "negative", lw.plain(DASH), lw.glyph_bars, gap=True),
        _K.CUTOFF_REPAIRED: _E("Cutoff repaired", "positive", lw.plain(DASH), lw.glyph_repaired),
        _K.NEVER_MET: _E("Never met", "neutral", _LINE, lw.glyph_boxed_x),
        _K.DISTANT_HOSTILE: _E("Distant-hostile", "negative", lw.combine(lw.plain(DASH), _Z)),
        _K.CLOSE_HOSTILE: _E(
            "Close-hostile", "negative", lw.combine(lw.parallel(2, spacing=0.3), _Z)
        ),
        _K.FUSED_HOSTILE: _E(
            "Fused-hostile", "negative", lw.combine(lw.parallel(3, spacing=0.15), _Z)
        ),
        _K.FUSED: _E("Fused", "negative", lw.parallel(3)),
        _K.VIOLENCE: _E("Violence", "negative", _ZF),
        _K.DISTANT_VIOLENCE: _E("Distant violence", "negative", lw.combine(lw.plain(DASH), _ZF)),
        _K.CLOSE_VIOLENCE: _E(
            "Close violence", "negative", lw.combine(lw.parallel(2, spacing=0.2), _ZF)
        ),
        _K.FUSED_VIOLENCE: _E(
            "Fused violence", "negative", lw.combine(lw.parallel(3, spacing=0.12), _ZF)
        ),
        _K.ABUSE: _E("Abuse", "abuse", _ZF, arrow="open"),
        _K.PHYSICAL_ABUSE: _E(
            "Physical abuse", "abuse", lw.combine(lw.plain(DASH), _Z), arrow="filled"
        ),
        _K.EMOTIONAL_ABUSE: _E("Emotional abuse", "abuse", _ZVF, arrow="hollow"),
        _K.SEXUAL_ABUSE: _E(
            "Sexual abuse",
            "abuse",
            lw.combine(lw.shifted(_ZF, -0.08), lw.shifted(_ZF, 0.08)),
            arrow="filled",
        ),
        _K.NEGLECT: _E("Neglect", "abuse", lw.plain(DASH), arrow="open"),
        _K.MANIPULATIVE: _E("Manipulative", "negative", _LINE, lw.glyph_x, "filled"),
        _K.CONTROLLING: _E("Controlling", "negative", _LINE, lw.glyph_boxed_x, "filled"),
        _K.JEALOUS: _E("Jealous", "negative", _LINE, lw.glyph_diamond, "filled"),
        _K.FOCUSED_ON: _E("Focused on", "focus", _LINE, arrow="filled"),
        _K.FOCUSED_ON_NEGATIVELY: _E("Focused on negatively", "negative", _LINE, arrow="double"),
        _K.CARETAKER: _E("Caretaker", "positive", _LINE, lw.glyph_triangle, "filled"),
        _K.SPIRITUAL_CONNECTION: _E("Spiritual connection", "positive", _LINE, lw.glyph_spark),
    }
)
"""GenoPro-style catalogue (as re-implemented by GenoTool) with genomap's B/W fixes: harmony is
a wave (normal stays straight), abuse is directed (violence is not), distant is dotted and
indifferent sparse dashes, friendship is one solid and one dashed line (close is two solid)."""

MCGOLDRICK_EMOTIONS: Mapping[EmotionKind, EmotionStyle] = MappingProxyType(
    {
        _K.CUTOFF: _E("Cutoff", "negative", _LINE, lw.glyph_bars, gap=True),
        _K.CUTOFF_REPAIRED: _E("Cutoff repaired", "positive", _LINE, lw.glyph_repaired),
        _K.PHYSICAL_ABUSE: _E("Physical abuse", "abuse", _Z, arrow="filled"),
        _K.EMOTIONAL_ABUSE: _E("Emotional abuse", "abuse", _Z, arrow="hollow"),
        _K.SEXUAL_ABUSE: _E(
            "Sexual abuse", "abuse", lw.combine(_Z, lw.parallel(2, spacing=0.4)), arrow="filled"
        ),
    }
)
"""McGoldrick's own glyphs where they differ (conventions §10.2): a solid cutoff line, and
zigzags with a hollow (emotional), filled (physical) or filled-and-flanked (sexual) arrow."""


def emotion_style(kind: EmotionKind, preset: Preset) -> EmotionStyle:
    """The emotional line style of a kind under a preset."""
    if preset == Preset.MCGOLDRICK and kind in MCGOLDRICK_EMOTIONS:
        return MCGOLDRICK_EMOTIONS[kind]
    return EMOTION_STYLES[kind]


def draw_emotion(
    path: pl.Path, style: EmotionStyle, pen: Pen, *, mutual: bool = False
) -> list[Element]:
    """An emotional line along ``path`` (source to target), arrowheads at the target end."""
    total = pl.length(path)
    if total <= 0:
        return []
    reach = lw.arrow_reach(style.arrow) * pen.s if style.arrow else 0.0
    start = reach if mutual else 0.0
    body = pl.sub_path(path, start, max(total - reach, start + 1e-3))
    pieces = [body]
    if style.gap:
        length = pl.length(body)
        half = 0.06 * pen.s
        pieces = [
            pl.sub_path(body, 0, length / 2 - half),
            pl.sub_path(body, length / 2 + half, length),
        ]
    items = [e for piece in pieces if len(piece) >= 2 for e in style.base(piece, pen)]
    if style.glyph is not None:
        at, tangent = pl.point_at(path, total / 2)
        items.extend(style.glyph(at, tangent, pen))
    if style.arrow:
        _, tangent = pl.point_at(path, total)
        items.extend(lw.arrowhead(path[-1], tangent, pen, style.arrow))
        if mutual:
            _, first = pl.point_at(path, 0.0)
            items.extend(lw.arrowhead(path[0], (-first[0], -first[1]), pen, style.arrow))
    return items
