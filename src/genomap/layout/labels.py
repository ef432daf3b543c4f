"""What text goes around each symbol under each preset, measured but not yet positioned."""

from __future__ import annotations

from dataclasses import dataclass

from genomap.dates import FuzzyDate, years_between
from genomap.models import (
    PREGNANCY_OUTCOMES,
    ConditionStatus,
    Person,
    PersonKind,
    SexAtBirth,
    Union,
    UnionEventType,
)
from genomap.style import Style
from genomap.text import LINE_HEIGHT, text_width, wrap

SEX_AT_BIRTH_TEXT = {
    SexAtBirth.MALE: "AMAB",
    SexAtBirth.FEMALE: "AFAB",
    SexAtBirth.UNASSIGNED: "UAAB",
}

EVENT_ABBREVIATIONS: dict[UnionEventType, str] = {
    UnionEventType.MET: "met",
    UnionEventType.DATING: "dat.",
    UnionEventType.ENGAGED: "eng.",
    UnionEventType.COHABITING: "LT",
    UnionEventType.MARRIED: "m.",
    UnionEventType.CIVIL_PARTNERSHIP: "c.p.",
    UnionEventType.SEPARATED: "s.",
    UnionEventType.LEGAL_SEPARATION: "leg. s.",
    UnionEventType.DIVORCED: "d.",
    UnionEventType.ANNULLED: "ann.",
    UnionEventType.WIDOWED: "wid.",
    UnionEventType.RECONCILED: "rec.",
    UnionEventType.REMARRIED: "remar",
    UnionEventType.ENDED: "ended",
}
"""Union event labels drawn on the partner line (McGoldrick: m. 1972, s. 1978, d. 1981)."""

STATUS_TEXT = {
    ConditionStatus.SUSPECTED: "suspected",
    ConditionStatus.IN_RECOVERY: "in recovery",
    ConditionStatus.PAST: "past",
    ConditionStatus.CARRIER: "carrier",
    ConditionStatus.PRESYMPTOMATIC: "presymptomatic",
    ConditionStatus.UNKNOWN: "status unknown",
}

SMALL_KINDS = frozenset({PersonKind.MISCARRIAGE, PersonKind.TERMINATION, PersonKind.ECTOPIC})


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Lines of one size with their measured width and height (see :func:`block`)."""

    role: str
    lines: tuple[str, ...]
    size: float
    width: float
    height: float
    bold: bool = False


def block(role: str, lines: tuple[str, ...], size: float, *, bold: bool = False) -> TextBlock:
    """A text block measured once: the widest line, and the height of all lines."""
    width = max((text_width(t, size, bold=bold) for t in lines), default=0.0)
    return TextBlock(role, lines, size, width, len(lines) * size * LINE_HEIGHT, bold)


@dataclass(frozen=True, slots=True)
class PersonText:
    """All the text of one person: inside the symbol, above-left, above-right, and below."""

    inside: str | None
    above_left: str | None
    above_right: str | None
    below: tuple[TextBlock, ...]
    proband_arrow: bool = False

    @property
    def below_width(self) -> float:
        """The widest block below the symbol."""
        return max((b.width for b in self.below), default=0.0)

    @property
    def below_height(self) -> float:
        """Total height of the blocks below the symbol."""
        return sum(b.height for b in self.below)


def symbol_size(person: Person, style: Style) -> float:
    """Side of the person's symbol box: small for pregnancy losses (both presets' rules)."""
    small = person.kind in SMALL_KINDS or (
        person.kind == PersonKind.STILLBIRTH and not style.is_nsgc
    )
    return style.s(0.5) if small else style.symbol_size


def age_of(person: Person, on: FuzzyDate | None) -> int | None:
    """The explicit age, else the age at death, else the age on the document's date."""
    if person.age is not None:
        return person.age
    if person.birth is None or person.kind in PREGNANCY_OUTCOMES:
        return None
    if person.death is not None:
        return max(0, years_between(person.birth, person.death))
    if person.is_deceased or on is None:
        return None
    return max(0, years_between(person.birth, on))


def _year(date: FuzzyDate | None, style: Style) -> str | None:
    if date is None:
        return None
    text = date.short_year() if style.short_years else str(date.year)
    return f"~{text}" if date.qualifier == "about" else text


def person_text(
    person: Person, style: Style, on: FuzzyDate | None, number: str | None
) -> PersonText:
    """Compose the text for one person under the style's preset."""
    max_width = style.s(style.label_width_s)
    font = style.font_size
    small = style.small_font_size
    age = age_of(person, on) if style.show_age else None
    below: list[TextBlock] = []
    inside: str | None = None
    above_left = above_right = None

    if person.count is not None:
        inside = str(person.count)
    elif person.kind == PersonKind.PREGNANCY and style.is_nsgc:
        inside = "P"

    if style.is_nsgc:
        first: list[str] = []
        if age is not None and person.kind == PersonKind.PERSON:
            first.append(f"d. {age}y" if person.is_deceased else f"{age}y")
        if first:
            below.append(block("age", tuple(first), small))
    else:
        if inside is None and age is not None and person.kind == PersonKind.PERSON:
            inside = str(age)
        if style.show_years:
            above_left = _year(person.birth, style)
            above_right = _year(person.death, style)

    named = any((person.given_name, person.family_name, person.nickname, person.display_name))
    # An unnamed pregnancy, loss or group of people shows its details, not its id.
    shown = person.label if named or (person.kind == PersonKind.PERSON and not person.count) else ""
    name = wrap(shown, font, max_width, max_lines=2)
    if person.kind == PersonKind.PET and person.species:
        name = [*name, f"({person.species})"]
    if name:
        below.append(block("name", tuple(name), font))

    details: list[str] = []
    if style.is_nsgc and style.show_sex_at_birth and person.sex_at_birth is not None:
        details.append(SEX_AT_BIRTH_TEXT[person.sex_at_birth])
    if style.is_nsgc and person.kind == PersonKind.STILLBIRTH:
        details.append("SB" + (f" {person.gestation_weeks}wk" if person.gestation_weeks else ""))
    elif style.is_nsgc and person.kind == PersonKind.ECTOPIC:
        details.append("ECT")
    elif person.gestation_weeks and person.kind != PersonKind.PERSON:
        details.append(f"{person.gestation_weeks} wk")
    if style.is_nsgc and style.show_years and person.birth is not None:
        details.append(f"b. {person.birth.year}")
    if person.kind in PREGNANCY_OUTCOMES and not style.is_nsgc and person.birth is not None:
        details.append(str(person.birth.year))
    if style.show_details:
        for text in (person.occupation, person.location):
            if text:
                details.extend(wrap(text, small, max_width, max_lines=2))
        if person.cause_of_death:
            details.extend(wrap(f"† {person.cause_of_death}", small, max_width, max_lines=2))
    if style.show_conditions_text:
        for condition in person.conditions:
            status = STATUS_TEXT.get(condition.status)
            text = f"{condition.label} ({status})" if status else condition.label
            details.extend(wrap(text, small, max_width, max_lines=2))
    if style.show_details and person.notes:
        details.extend(wrap(person.notes, small, max_width, max_lines=2))
    if details:
        below.append(block("details", tuple(details), small))
    if number:
        below.append(block("number", (number,), small))
    arrow = style.is_nsgc and (person.index or person.consultand)
    return PersonText(inside, above_left, above_right, tuple(below), arrow)


def union_text(union: Union, style: Style, degree: str | None) -> TextBlock | None:
    """The label on a partner line: its dated events, a user label, a consanguinity degree."""
    parts: list[str] = []
    if union.label:
        parts.append(union.label)
    for event in union.chronological_events():
        if event.date is None:
            continue
        year = event.date.short_year() if style.short_years else str(event.date.year)
        parts.append(f"{EVENT_ABBREVIATIONS[event.type]} {year}")
    if union.consanguineous or degree:
        parts.append(union.relationship or degree or "consanguineous")
    if not parts:
        return None
    return block("union", (", ".join(parts),), style.small_font_size)


def reference_date(style: Style, document_date: FuzzyDate | None) -> FuzzyDate | None:
    """The date ages are computed on: the style's override, else the document's date.

    genomap never uses today's date, so a drawing does not change from one day to the next.
    """
    if style.reference_date:
        return FuzzyDate.parse(style.reference_date)
    return document_date
