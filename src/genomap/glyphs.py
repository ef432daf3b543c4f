"""Pick each person's glyph under a preset: the outline, the marks and the condition fills."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from genomap.models import (
    SUBSTANCE_CONDITIONS,
    Condition,
    ConditionKind,
    ConditionStatus,
    Gender,
    Person,
    PersonKind,
    Preset,
)
from genomap.shapes import Fill, Glyph, ShapeName

GENDER_SHAPES: Mapping[Gender, ShapeName] = MappingProxyType(
    {
        Gender.MALE: "square",
        Gender.TRANSGENDER_MALE: "square",
        Gender.FEMALE: "circle",
        Gender.TRANSGENDER_FEMALE: "circle",
    }
)
"""The outline follows gender identity; every other gender gets the diamond (conventions §1)."""

GENDER_KEYS: Mapping[Gender, str] = MappingProxyType(
    {
        Gender.MALE: "male",
        Gender.TRANSGENDER_MALE: "transgender-man",
        Gender.FEMALE: "female",
        Gender.TRANSGENDER_FEMALE: "transgender-woman",
    }
)

STATUS_KEYS: Mapping[ConditionStatus, str] = MappingProxyType(
    {
        ConditionStatus.SUSPECTED: "status/suspected",
        ConditionStatus.IN_RECOVERY: "status/in-recovery",
        ConditionStatus.PAST: "status/past",
        ConditionStatus.CARRIER: "status/carrier",
        ConditionStatus.PRESYMPTOMATIC: "status/presymptomatic",
        ConditionStatus.UNKNOWN: "status/unknown",
    }
)
"""The legend symbol for each condition status other than current."""

STATUS_STRENGTH = (
    ConditionStatus.CURRENT,
    ConditionStatus.IN_RECOVERY,
    ConditionStatus.SUSPECTED,
    ConditionStatus.PAST,
    ConditionStatus.CARRIER,
)
"""When several conditions share a region, the first status in this order shades it."""

MARKED_STATUSES = {ConditionStatus.PRESYMPTOMATIC: "vertical", ConditionStatus.UNKNOWN: "question"}
"""Statuses drawn as a mark instead of a fill."""


def condition_key(condition: Condition) -> str:
    """What makes two conditions the same condition: the label, ignoring case."""
    return condition.label.casefold()


@dataclass(frozen=True, slots=True)
class ConditionScheme:
    """The distinct conditions of a document, numbered in order of first mention (NSGC).

    Condition N gets quadrant N (upper left first, then clockwise) and the N-th palette colour.
    """

    names: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()

    @classmethod
    def of(cls, people: Iterable[Person]) -> ConditionScheme:
        """Number the conditions of these people in order of first mention."""
        names: list[str] = []
        keys: list[str] = []
        for person in people:
            for condition in person.conditions:
                key = condition_key(condition)
                if key not in keys:
                    keys.append(key)
                    names.append(condition.label)
        return cls(tuple(names), tuple(keys))

    def index(self, condition: Condition) -> int:
        """The number (0-based) of a condition; ValueError if it is not in the scheme."""
        return self.keys.index(condition_key(condition))


@dataclass(frozen=True, slots=True)
class PersonGlyph:
    """A person's glyph and the catalogue keys it uses (for the legend)."""

    glyph: Glyph
    keys: tuple[str, ...]


def person_glyph(
    person: Person,
    preset: Preset,
    scheme: ConditionScheme,
    *,
    inside: str | None = None,
    adopted: bool = False,
) -> PersonGlyph:
    """The glyph for a person under a preset.

    Args:
        person: the person.
        preset: ``mcgoldrick`` or ``nsgc``.
        scheme: the document's conditions, numbered (used by ``nsgc``).
        inside: text drawn inside the symbol (age, count or ``P``), from the layout.
        adopted: the person is an adopted child (``nsgc`` draws brackets).

    Returns:
        The glyph and the :data:`genomap.symbols.SYMBOLS` keys (or ``condition:<n>``) it shows.
    """
    nsgc = preset == Preset.NSGC
    name = "nsgc" if nsgc else "mcgoldrick"
    shape: ShapeName = GENDER_SHAPES.get(person.gender, "diamond")
    keys: list[str] = []
    marks: list[str] = []
    solid = False
    kind = person.kind
    if kind == PersonKind.PET:
        shape = "hexagon"
        marks.append("paw")
        keys.append("pet")
    elif kind == PersonKind.PERSON:
        keys.append(GENDER_KEYS.get(person.gender, "gender-diverse"))
    else:
        keys.append(f"{name}/{kind.value}")
        if kind == PersonKind.PREGNANCY:
            shape = shape if nsgc else "triangle"
        elif kind in (PersonKind.MISCARRIAGE, PersonKind.ECTOPIC):
            solid = not nsgc
            shape = "triangle" if nsgc or kind == PersonKind.ECTOPIC else shape
        elif kind == PersonKind.TERMINATION:
            shape = "triangle" if nsgc else "none"
            marks.append("slash" if nsgc else "x")
    if person.count is not None:
        keys.append("count")
    if person.is_deceased and kind != PersonKind.TERMINATION:
        marks.append("slash" if nsgc else "x")
        if kind != PersonKind.STILLBIRTH:
            keys.append(f"{name}/deceased")
    if nsgc and person.index:
        marks.append("proband")
        keys.append("nsgc/proband")
    elif nsgc and person.consultand:
        marks.append("consultand")
        keys.append("nsgc/consultand")
    elif person.index:
        marks.append("double")
        keys.append("mcgoldrick/index")
    if nsgc and adopted:
        marks.append("brackets")
        keys.append("nsgc/adopted")
    fills: tuple[Fill, ...] = ()
    if not solid and shape != "none":
        fills, condition_marks, condition_keys = (
            _nsgc_fills(person.conditions, scheme) if nsgc else _mcgoldrick_fills(person.conditions)
        )
        marks.extend(condition_marks)
        keys.extend(condition_keys)
    glyph = Glyph(shape, solid, fills, tuple(dict.fromkeys(marks)), inside)
    return PersonGlyph(glyph, tuple(dict.fromkeys(keys)))


class GlyphChooser:
    """:func:`person_glyph` for the people of one drawing, worked out once per look.

    Most people of a large family differ only in where they stand: their glyph depends on a
    handful of fields (below), so look-alikes share one answer. People with conditions are
    always worked out afresh (their fills depend on the scheme and on each condition).
    """

    def __init__(self, preset: Preset, scheme: ConditionScheme) -> None:
        self.preset = preset
        self.scheme = scheme
        self._seen: dict[tuple[object, ...], PersonGlyph] = {}

    def __call__(
        self, person: Person, *, inside: str | None = None, adopted: bool = False
    ) -> PersonGlyph:
        """The same as ``person_glyph(person, preset, scheme, inside=..., adopted=...)``."""
        if person.conditions:
            return person_glyph(person, self.preset, self.scheme, inside=inside, adopted=adopted)
        # Everything person_glyph reads from a person without conditions.
        key = (
            person.gender,
            person.kind,
            person.count is not None,
            person.is_deceased,
            person.index,
            person.consultand,
            inside,
            adopted,
        )
        chosen = self._seen.get(key)
        if chosen is None:
            chosen = person_glyph(person, self.preset, self.scheme, inside=inside, adopted=adopted)
            self._seen[key] = chosen
        return chosen


def _strongest(conditions: Iterable[Condition]) -> ConditionStatus | None:
    statuses = {c.status for c in conditions}
    return next((s for s in STATUS_STRENGTH if s in statuses), None)


def _marks_and_status_keys(conditions: Iterable[Condition]) -> tuple[list[str], list[str]]:
    marks: list[str] = []
    keys: list[str] = []
    for condition in conditions:
        if condition.status in MARKED_STATUSES:
            marks.append(MARKED_STATUSES[condition.status])
        if condition.status in STATUS_KEYS:
            keys.append(STATUS_KEYS[condition.status])
    return marks, keys


def _mcgoldrick_fills(
    conditions: tuple[Condition, ...],
) -> tuple[tuple[Fill, ...], list[str], list[str]]:
    """Illness in the left half, substance misuse in the lower half, others upper right."""
    illness = [c for c in conditions if c.kind in _ILLNESS]
    substance = [c for c in conditions if c.kind in SUBSTANCE_CONDITIONS]
    other = [c for c in conditions if c.kind == ConditionKind.OTHER]
    fills: list[Fill] = []
    keys: list[str] = []
    # Lower half first: the left half is drawn over it, so both together shade three quadrants.
    for group, region, colour, key in (
        (substance, "lower", "substance", "mcgoldrick/substance"),
        (illness, "left", "illness", "mcgoldrick/illness"),
        (other, "upper-right", "other", "mcgoldrick/other-condition"),
    ):
        status = _strongest(group)
        if status is not None:
            fills.append(Fill(region, status, colour))
            keys.append(key)
    if any(f.region == "lower" for f in fills) and any(f.region == "left" for f in fills):
        keys.append("mcgoldrick/illness+substance")
    marks, status_keys = _marks_and_status_keys(conditions)
    return tuple(fills), marks, keys + status_keys


_ILLNESS = frozenset({ConditionKind.PHYSICAL_ILLNESS, ConditionKind.MENTAL_ILLNESS})


def _nsgc_fills(
    conditions: tuple[Condition, ...], scheme: ConditionScheme
) -> tuple[tuple[Fill, ...], list[str], list[str]]:
    """One region per condition: the whole symbol for a single condition, else quadrants."""
    count = len(scheme.keys)
    by_index: dict[int, list[Condition]] = {}
    for condition in conditions:
        by_index.setdefault(scheme.index(condition), []).append(condition)
    fills: list[Fill] = []
    keys: list[str] = []
    for index in sorted(by_index):
        status = _strongest(by_index[index])
        keys.append(f"condition:{index}")
        if status is not None:
            region = "whole" if count == 1 else "sector"
            fills.append(Fill(region, status, f"c{index}", index, count))
    marks, status_keys = _marks_and_status_keys(conditions)
    return tuple(fills), marks, keys + status_keys
