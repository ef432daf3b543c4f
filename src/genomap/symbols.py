"""Person symbols: outlines, marks and condition fills drawn into a unit box (conventions §1-2).

A symbol is described by a :class:`Glyph` (an outline, fills, marks and the text inside) and
drawn into a :class:`Frame`, the person's box, by :func:`draw_glyph`. Coordinates in the
drawing functions are *unit* coordinates: the box spans -0.5..0.5 both ways around the centre,
so one function serves every symbol size. :data:`SYMBOLS` is the catalogue of conventional
symbols for both presets; :mod:`genomap.glyphs` picks the glyph for a person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from genomap.marks import MARKS
from genomap.models import ConditionStatus
from genomap.scene import (
    Circle,
    ClipPath,
    Drawn,
    Element,
    Group,
    Pattern,
    Polygon,
    Rect,
    Ref,
    Stroke,
    Text,
)
from genomap.shapes import REGIONS, Fill, Frame, Glyph, outline, outline_stroke, painted
from genomap.text import text_width
from genomap.theme import Theme, pattern_id

__all__ = [
    "MARKS",
    "REGIONS",
    "SYMBOLS",
    "Fill",
    "Frame",
    "Glyph",
    "Symbol",
    "draw_glyph",
    "draw_plain",
    "is_plain",
]


def draw_glyph(
    glyph: Glyph, frame: Frame, theme: Theme, *, clip_id: str, pattern_prefix: str
) -> Drawn:
    """Draw a glyph: paper background, clipped fills, outline, marks, then the inside text.

    Args:
        glyph: what to draw.
        frame: where, and at which size.
        theme: colours, widths and patterns.
        clip_id: the id of the clipping path made from the outline (used only with fills).
        pattern_prefix: the prefix of pattern definition ids.

    Returns:
        The elements and the definitions (clip path, patterns) they reference.
    """
    stroke = outline_stroke(frame, theme)
    if is_plain(glyph):
        return Drawn(draw_plain(glyph.shape, frame.cx, frame.cy, frame.size, theme.paper, stroke))
    shape = outline(glyph.shape, frame)
    elements: list[Element] = []
    defs: list[ClipPath | Pattern] = []
    if shape is not None and glyph.solid:
        elements.append(painted(shape, theme.ink, stroke))
    elif shape is not None and not glyph.fills:
        elements.append(painted(shape, theme.paper, stroke))  # paper and outline in one
    elif shape is not None:
        # Paper, the fills clipped to the outline, then the outline over them.
        elements.append(painted(shape, theme.paper, None))
        regions: list[Element] = []
        for fill in glyph.fills:
            colour = theme.fill_colour(fill.colour)
            name = theme.status_pattern(fill.status)
            paint: str | Ref = colour
            if theme.patterns[name].kind != "solid":
                def_id = pattern_id(pattern_prefix, name, colour)
                defs.append(theme.pattern_def(name, colour, def_id))
                paint = Ref(def_id)
            region = REGIONS[fill.region](frame, fill)
            regions.append(Polygon(region.points, paint, region.stroke))
        defs.append(ClipPath(clip_id, shape))
        elements.append(Group(tuple(regions), clip=clip_id))
        elements.append(painted(shape, None, stroke))
    for mark in glyph.marks:
        elements.extend(MARKS[mark](frame, glyph, theme))
    if glyph.inside:
        elements.extend(_inside(glyph, frame, theme))
    return Drawn(tuple(elements), tuple(defs))


def is_plain(glyph: Glyph) -> bool:
    """Whether a glyph is a bare square or circle: no fills, marks or text (most people)."""
    return (
        (glyph.shape == "square" or glyph.shape == "circle")
        and not glyph.solid
        and not glyph.fills
        and not glyph.marks
        and not glyph.inside
    )


def draw_plain(
    shape: str, cx: float, cy: float, size: float, paper: str, stroke: Stroke
) -> tuple[Element]:
    """What :func:`draw_glyph` draws for a plain glyph (:func:`is_plain`): the outline on
    paper; the same element as ``painted(outline(...), paper, stroke)``, without the bare one."""
    if shape == "square":
        half = size / 2
        return (Rect(cx - half, cy - half, size, size, 0.0, paper, stroke),)
    return (Circle(cx, cy, size / 2, paper, stroke),)


def _inside(glyph: Glyph, f: Frame, t: Theme) -> list[Element]:
    text = glyph.inside or ""
    room = (0.56 if "double" in glyph.marks else 0.72) * f.size
    size = min(0.4 * f.s, room / max(text_width(text, 1.0), 0.01))
    baseline = f.cy + 0.36 * size
    items: list[Element] = []
    if glyph.fills or {"x", "slash", "vertical"} & set(glyph.marks):
        # A paper chip keeps the age readable over a dark fill or a death mark.
        width = text_width(text, size) + 0.16 * size
        top = baseline - 0.86 * size
        items.append(Rect(f.cx - width / 2, top, width, 1.06 * size, 0.15 * size, t.paper))
    items.append(Text(f.cx, baseline, text, size, "middle", fill=t.ink))
    return items


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True, slots=True)
class Symbol:
    """A catalogue entry: the legend text and a sample glyph (``small``: drawn at 0.5 S)."""

    label: str
    glyph: Glyph
    small: bool = False


_CURRENT = ConditionStatus.CURRENT


def _status_sample(status: ConditionStatus) -> Glyph:
    return Glyph("square", fills=(Fill("whole", status, "ink"),))


SYMBOLS: Mapping[str, Symbol] = MappingProxyType(
    {
        "male": Symbol("Man", Glyph("square")),
        "female": Symbol("Woman", Glyph("circle")),
        "gender-diverse": Symbol("Non-binary, other or unknown gender", Glyph("diamond")),
        "transgender-man": Symbol("Transgender man (symbol of gender identity)", Glyph("square")),
        "transgender-woman": Symbol(
            "Transgender woman (symbol of gender identity)", Glyph("circle")
        ),
        "pet": Symbol("Pet", Glyph("hexagon", marks=("paw",))),
        "count": Symbol("Several people (n: number unknown)", Glyph("diamond", inside="n")),
        "mcgoldrick/deceased": Symbol("Deceased", Glyph("square", marks=("x",))),
        "nsgc/deceased": Symbol("Deceased", Glyph("square", marks=("slash",))),
        "mcgoldrick/index": Symbol("Index person", Glyph("square", marks=("double",))),
        "nsgc/proband": Symbol("Proband", Glyph("square", marks=("proband",))),
        "nsgc/consultand": Symbol("Consultand", Glyph("square", marks=("consultand",))),
        "nsgc/adopted": Symbol("Adopted", Glyph("square", marks=("brackets",))),
        "mcgoldrick/pregnancy": Symbol("Pregnancy", Glyph("triangle")),
        "nsgc/pregnancy": Symbol("Pregnancy", Glyph("diamond", inside="P")),
        "mcgoldrick/miscarriage": Symbol("Miscarriage", Glyph("diamond", solid=True), True),
        "nsgc/miscarriage": Symbol("Miscarriage", Glyph("triangle"), True),
        "mcgoldrick/termination": Symbol("Termination", Glyph("none", marks=("x",)), True),
        "nsgc/termination": Symbol("Termination", Glyph("triangle", marks=("slash",)), True),
        "mcgoldrick/stillbirth": Symbol("Stillbirth", Glyph("diamond", marks=("x",)), True),
        "nsgc/stillbirth": Symbol("Stillbirth (SB)", Glyph("diamond", marks=("slash",))),
        "mcgoldrick/ectopic": Symbol("Ectopic pregnancy", Glyph("triangle", solid=True), True),
        "nsgc/ectopic": Symbol("Ectopic pregnancy (ECT)", Glyph("triangle"), True),
        "mcgoldrick/illness": Symbol(
            "Physical or mental illness (left half)",
            Glyph("square", fills=(Fill("left", _CURRENT, "illness"),)),
        ),
        "mcgoldrick/substance": Symbol(
            "Alcohol or drug misuse (lower half)",
            Glyph("square", fills=(Fill("lower", _CURRENT, "substance"),)),
        ),
        "mcgoldrick/illness+substance": Symbol(
            "Illness and substance misuse",
            Glyph(
                "square",
                fills=(Fill("lower", _CURRENT, "substance"), Fill("left", _CURRENT, "illness")),
            ),
        ),
        "mcgoldrick/other-condition": Symbol(
            "Other condition (upper right)",
            Glyph("square", fills=(Fill("upper-right", _CURRENT, "other"),)),
        ),
        "nsgc/affected": Symbol(
            "Affected", Glyph("square", fills=(Fill("whole", _CURRENT, "c0"),))
        ),
        "status/suspected": Symbol("Suspected", _status_sample(ConditionStatus.SUSPECTED)),
        "status/in-recovery": Symbol("In recovery", _status_sample(ConditionStatus.IN_RECOVERY)),
        "status/past": Symbol("Past", _status_sample(ConditionStatus.PAST)),
        "status/carrier": Symbol("Carrier", _status_sample(ConditionStatus.CARRIER)),
        "status/presymptomatic": Symbol(
            "Presymptomatic (positive test, no symptoms)", Glyph("square", marks=("vertical",))
        ),
        "status/unknown": Symbol("Condition status unknown", Glyph("square", marks=("question",))),
    }
)
"""Every conventional person symbol of both presets, by key (also the legend's symbol rows)."""
