"""The frozen Style that every stage reads, and the two presets (mcgoldrick, nsgc) as values."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from genomap.models.enums import Preset

PartnerOrder = Literal["alternate", "sequence"]
LoopStrategy = Literal["connect", "duplicate"]


@dataclass(frozen=True, slots=True)
class Style:
    """Sizes, spacing and drawing options. Lengths are in drawing units (1 unit = 1 SVG px).

    Spacing fields ending in ``_s`` are multiples of the symbol size ``symbol_size`` (S), so a
    drawing scales as one piece. Change a field with :meth:`replace`.

    Example:
        >>> Style().replace(symbol_size=30).symbol_size
        30
    """

    preset: Preset = Preset.MCGOLDRICK
    symbol_size: float = 40.0
    font_family: str = "DejaVu Sans, Verdana, Arial, sans-serif"
    font_size: float = 11.0
    small_font_size: float = 9.5
    title_font_size: float = 18.0
    # Horizontal spacing.
    person_gap_s: float = 0.45
    partner_gap_s: float = 0.8
    block_gap_s: float = 0.9
    component_gap_s: float = 1.6
    label_width_s: float = 2.6
    # Vertical spacing.
    label_gap_s: float = 0.12
    partner_drop_s: float = 0.5
    partner_track_s: float = 0.5
    union_label_lift_s: float = 0.15
    ending_room_s: float = 0.8
    channel_s: float = 0.9
    bar_track_s: float = 0.16
    above_label_s: float = 0.4
    # Conventions and options.
    male_left: bool = True
    partner_order: PartnerOrder = "alternate"
    facing_ends: bool = True
    loops: LoopStrategy = "connect"
    short_years: bool = False
    show_years: bool = True
    show_age: bool = True
    show_details: bool = True
    show_conditions_text: bool = True
    show_sex_at_birth: bool = False
    generation_numbers: bool = False
    reference_date: str | None = None
    sweeps: int = 12

    def replace(self, **changes: Any) -> Style:
        """A copy with some fields changed; unknown field names raise TypeError."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise TypeError(f"unknown style field(s): {', '.join(unknown)}")
        return replace(self, **changes)

    def s(self, factor: float) -> float:
        """``factor`` times the symbol size."""
        return factor * self.symbol_size

    @property
    def is_nsgc(self) -> bool:
        """True under the NSGC pedigree conventions."""
        return self.preset == Preset.NSGC


MCGOLDRICK = Style()
"""Family-therapy conventions (McGoldrick, Gerson & Petry): the default."""

NSGC = Style(
    preset=Preset.NSGC,
    show_sex_at_birth=True,
    generation_numbers=True,
    partner_drop_s=0.0,
    label_gap_s=0.3,  # the deceased slash runs past the symbol's lower-left corner
)
"""Genetic pedigree conventions (Bennett et al. 2008/2022)."""

PRESETS: dict[Preset, Style] = {Preset.MCGOLDRICK: MCGOLDRICK, Preset.NSGC: NSGC}


def style_for(preset: Preset | str) -> Style:
    """The preset Style for a preset name; raises ValueError listing the names otherwise."""
    try:
        return PRESETS[Preset(preset)]
    except ValueError:
        names = ", ".join(p.value for p in Preset)
        raise ValueError(f"unknown preset {preset!r}; expected one of: {names}") from None
