"""Colours, stroke widths and fill patterns for rendering; a default and a black-and-white theme."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any, Literal

from genomap.models import ConditionStatus
from genomap.scene import Circle, Element, Pattern, Rect

PatternKind = Literal["solid", "lines", "cross", "dots"]


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """A fill pattern: solid, parallel lines at ``angle`` degrees, cross-hatching or dots.

    ``spacing`` is the distance between lines or dots and ``weight`` the line width or dot
    radius, both in drawing units, so a pattern looks the same on every symbol size.
    """

    kind: PatternKind
    angle: float = 45.0
    spacing: float = 5.0
    weight: float = 1.2


def _patterns() -> Mapping[str, PatternSpec]:
    return MappingProxyType(
        {
            "solid": PatternSpec("solid"),
            "hatch": PatternSpec("lines", angle=45.0, spacing=5.0, weight=1.3),
            "backhatch": PatternSpec("lines", angle=-45.0, spacing=4.0, weight=1.3),
            "stripes": PatternSpec("lines", angle=0.0, spacing=4.0, weight=1.4),
            "cross": PatternSpec("cross", angle=45.0, spacing=5.0, weight=1.0),
            "dots": PatternSpec("dots", spacing=4.5, weight=1.1),
        }
    )


def _status_patterns() -> Mapping[ConditionStatus, str]:
    # Current (affected) is solid, the strongest cue in black and white; the uncertain or
    # partial statuses get distinct line patterns (conventions §2: "pick two distinct patterns
    # and show them in the legend").
    return MappingProxyType(
        {
            ConditionStatus.CURRENT: "solid",
            ConditionStatus.SUSPECTED: "hatch",
            ConditionStatus.IN_RECOVERY: "stripes",
            ConditionStatus.PAST: "dots",
            ConditionStatus.CARRIER: "backhatch",
        }
    )


@dataclass(frozen=True, slots=True)
class Theme:
    """How things look: colours, stroke widths (multiples of the symbol size S) and patterns.

    Colour is always an extra cue: every union, child link, emotional relationship and condition
    fill already differs by geometry or pattern, so :data:`BLACK_AND_WHITE` loses no meaning.
    Change a field with :meth:`replace`.

    Example:
        >>> DEFAULT_THEME.replace(ink="#000000").ink
        '#000000'
    """

    name: str = "default"
    ink: str = "#1a1a1a"
    paper: str = "#ffffff"
    muted: str = "#5c5c5c"
    household: str = "#4f6d8f"
    font_family: str | None = None
    outline_s: float = 0.05
    line_s: float = 0.04
    emotion_s: float = 0.035
    index_gap_s: float = 0.12
    # Condition fills: McGoldrick regions, then the NSGC per-condition palette.
    illness: str = "#2f4f8f"
    substance: str = "#8a4b14"
    other_condition: str = "#2f6f4f"
    condition_palette: tuple[str, ...] = (
        "#1a1a1a",
        "#2f4f8f",
        "#8a4b14",
        "#2f6f4f",
        "#6f2f6f",
        "#7f6f1f",
    )
    patterns: Mapping[str, PatternSpec] = field(default_factory=_patterns)
    status_patterns: Mapping[ConditionStatus, str] = field(default_factory=_status_patterns)
    # Emotional relationship colour families (GenoTool): an extra cue over the glyphs.
    positive: str = "#4f8a3f"
    negative: str = "#c0112a"
    abuse: str = "#2b2bd9"
    focus: str = "#2a8383"
    neutral: str = "#1a1a1a"

    def replace(self, **changes: Any) -> Theme:
        """A copy with some fields changed; unknown field names raise TypeError."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise TypeError(f"unknown theme field(s): {', '.join(unknown)}")
        return replace(self, **changes)

    def family(self, name: str) -> str:
        """The colour of an emotional colour family (positive, negative, abuse, focus, neutral)."""
        colours = {
            "positive": self.positive,
            "negative": self.negative,
            "abuse": self.abuse,
            "focus": self.focus,
            "neutral": self.neutral,
        }
        return colours.get(name, self.ink)

    def condition_colour(self, index: int) -> str:
        """The colour of the NSGC condition number ``index`` (0-based), cycling the palette."""
        return self.condition_palette[index % len(self.condition_palette)]

    def status_pattern(self, status: ConditionStatus) -> str:
        """The pattern name for a condition status (solid when the theme has none for it)."""
        return self.status_patterns.get(status, "solid")

    def fill_colour(self, role: str) -> str:
        """The colour of a fill role: illness, substance, other, ink, or c<N> (NSGC condition N)."""
        if role.startswith("c") and role[1:].isdigit():
            return self.condition_colour(int(role[1:]))
        roles = {
            "illness": self.illness,
            "substance": self.substance,
            "other": self.other_condition,
        }
        return roles.get(role, self.ink)

    def pattern_def(self, name: str, colour: str, def_id: str) -> Pattern:
        """The definition of the named pattern drawn in ``colour``."""
        spec = self.patterns[name]
        step, weight = spec.spacing, spec.weight
        bar = Rect(0, step / 2 - weight / 2, step, weight, fill=colour)
        children: tuple[Element, ...]
        if spec.kind == "dots":
            children = (Circle(step / 2, step / 2, weight, fill=colour),)
        elif spec.kind == "cross":
            children = (bar, Rect(step / 2 - weight / 2, 0, weight, step, fill=colour))
        else:
            children = (bar,)
        return Pattern(def_id, step, step, children, angle=spec.angle)


def pattern_id(prefix: str, pattern: str, colour: str) -> str:
    """The definition id of a pattern drawn in a colour."""
    return f"{prefix}-pattern-{pattern}-{colour.lstrip('#').lower()}"


DEFAULT_THEME = Theme()
"""Dark ink on white, condition and emotional colours as an extra cue."""

BLACK_AND_WHITE = Theme(
    name="black_and_white",
    ink="#000000",
    muted="#000000",
    household="#000000",
    illness="#000000",
    substance="#000000",
    other_condition="#000000",
    condition_palette=("#000000",),
    positive="#000000",
    negative="#000000",
    abuse="#000000",
    focus="#000000",
    neutral="#000000",
)
"""Pure black on white for photocopied case files: patterns and glyphs carry every meaning."""

THEMES: Mapping[str, Theme] = MappingProxyType(
    {"default": DEFAULT_THEME, "black_and_white": BLACK_AND_WHITE}
)
"""The named themes."""


def theme_for(name: str) -> Theme:
    """The theme with this name; raises ValueError listing the names otherwise."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(
            f"unknown theme {name!r}; expected one of: {', '.join(sorted(THEMES))}"
        ) from None
