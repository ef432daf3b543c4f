"""What text goes around each symbol under each preset, measured but not yet positioned."""

from __future__ import annotations

from dataclasses import dataclass, field

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

# Enum members read once: ``PersonKind.PERSON`` is a slow lookup on the enum class (about half
# a microsecond each), and person_text runs for every person of every layout.
_PERSON = PersonKind.PERSON
_PET = PersonKind.PET
_PREGNANCY = PersonKind.PREGNANCY
_STILLBIRTH = PersonKind.STILLBIRTH
_ECTOPIC = PersonKind.ECTOPIC


# TextBlock and PersonText are made once per person per layout and never changed afterwards;
# they are not frozen only because a frozen dataclass takes over twice as long to create.
@dataclass(slots=True)
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
    if len(lines) == 1:  # the usual case, without a generator
        width = text_width(lines[0], size, bold=bold)
    else:
        width = max((text_width(t, size, bold=bold) for t in lines), default=0.0)
    return TextBlock(role, lines, size, width, len(lines) * size * LINE_HEIGHT, bold)


@dataclass(slots=True)
class PersonText:
    """All the text of one person: inside the symbol, above-left, above-right, and below.

    ``below_width`` (the widest block below the symbol) and ``below_height`` (their total
    height) are worked out from ``below`` on creation, also by :func:`dataclasses.replace`.
    """

    inside: str | None
    above_left: str | None
    above_right: str | None
    below: tuple[TextBlock, ...]
    proband_arrow: bool = False
    below_width: float = field(init=False)
    below_height: float = field(init=False)

    def __post_init__(self) -> None:
        below = self.below
        if len(below) == 1:  # the usual case: the name alone
            only = below[0]
            self.below_width = only.width
            self.below_height = 0 + only.height  # as sum() adds it up
        else:
            self.below_width = max([b.width for b in below], default=0.0)
            self.below_height = sum([b.height for b in below])


def joined_years(left: str | None, right: str | None) -> str:
    """Birth and death years written together on one side, as in ``1967–1968``."""
    return "–".join(t for t in (left, right) if t)


def symbol_size(person: Person, style: Style) -> float:
    """Side of the person's symbol box: small for pregnancy losses (both presets' rules)."""
    small = person.kind in SMALL_KINDS or (person.kind == _STILLBIRTH and not style.is_nsgc)
    return style.s(0.5) if small else style.symbol_size


def age_of(person: Person, on: FuzzyDate | None) -> int | None:
    """The explicit age, else the age at death, else the age on the document's date."""
    if person.age is not None:
        return person.age
    if person.birth is None or person.kind in PREGNANCY_OUTCOMES:
        return None
    if person.death is not None:
        return max(0, years_between(person.birth, person.death))
    if on is None or person.is_deceased:
        return None
    return max(0, years_between(person.birth, on))


@dataclass(frozen=True, slots=True)
class _TextStyle:
    """The style values :func:`person_text` reads, looked up once per style."""

    nsgc: bool
    max_width: float
    font: float
    small: float
    show_age: bool
    show_years: bool
    short_years: bool
    show_details: bool
    show_conditions_text: bool
    show_sex_at_birth: bool
    name_height: float  # of one line at the font size, as block() works it out


# Per style object (checked by identity, so a reused id never matches a new style): person_text
# runs once per person, and the derived values would otherwise be recomputed every time.
_TEXT_STYLES: dict[int, tuple[Style, _TextStyle]] = {}


def _text_style(style: Style) -> _TextStyle:
    entry = _TEXT_STYLES.get(id(style))
    if entry is not None and entry[0] is style:
        return entry[1]
    if len(_TEXT_STYLES) >= 16:
        _TEXT_STYLES.clear()
    values = _TextStyle(
        nsgc=style.is_nsgc,
        max_width=style.s(style.label_width_s),
        font=style.font_size,
        small=style.small_font_size,
        show_age=style.show_age,
        show_years=style.show_years,
        short_years=style.short_years,
        show_details=style.show_details,
        show_conditions_text=style.show_conditions_text,
        show_sex_at_birth=style.show_sex_at_birth,
        name_height=1 * style.font_size * LINE_HEIGHT,
    )
    _TEXT_STYLES[id(style)] = (style, values)
    return values


def _year_text(date: FuzzyDate | None, short: bool) -> str | None:
    if date is None:
        return None
    text = date.short_year() if short else str(date.year)
    return f"~{text}" if date.qualifier == "about" else text


def person_text(
    person: Person, style: Style, on: FuzzyDate | None, number: str | None
) -> PersonText:
    """Compose the text for one person under the style's preset."""
    ts = _text_style(style)
    nsgc = ts.nsgc
    small = ts.small
    kind = person.kind
    is_person = kind == _PERSON
    age = age_of(person, on) if ts.show_age else None
    below: list[TextBlock] = []
    inside: str | None = None
    above_left = above_right = None

    if person.count is not None:
        inside = str(person.count)
    elif nsgc and kind == _PREGNANCY:
        inside = "P"

    if nsgc:
        if age is not None and is_person:
            below.append(block("age", (f"d. {age}y" if person.is_deceased else f"{age}y",), small))
    else:
        if inside is None and age is not None and is_person:
            inside = str(age)
        if ts.show_years:
            birth, death = person.birth, person.death
            if birth is not None:
                above_left = _year_text(birth, ts.short_years)
            if death is not None:
                above_right = _year_text(death, ts.short_years)

    named = person.given_name or person.family_name or person.nickname or person.display_name
    # An unnamed pregnancy, loss or group of people shows its details, not its id (which is
    # what ``person.label`` gives for someone without any name).
    if named:
        shown = person.label
    elif is_person and not person.count:
        shown = person.id
    else:
        shown = ""
    # wrap() then block(), measuring a name that fits on one line (most do) only once.
    words = shown.split()
    joined = " ".join(words)
    width = text_width(joined, ts.font) if words else 0.0
    if words and width <= ts.max_width and not (kind == _PET and person.species):
        below.append(TextBlock("name", (joined,), ts.font, width, ts.name_height))
    else:
        name = wrap(shown, ts.font, ts.max_width, max_lines=2)
        if not is_person and kind == _PET and person.species:
            name = [*name, f"({person.species})"]
        if name:
            below.append(block("name", tuple(name), ts.font))

    details: list[str] = []
    if nsgc:
        if ts.show_sex_at_birth and person.sex_at_birth is not None:
            details.append(SEX_AT_BIRTH_TEXT[person.sex_at_birth])
        if kind == _STILLBIRTH:
            details.append(
                "SB" + (f" {person.gestation_weeks}wk" if person.gestation_weeks else "")
            )
        elif kind == _ECTOPIC:
            details.append("ECT")
        elif person.gestation_weeks and not is_person:
            details.append(f"{person.gestation_weeks} wk")
        if ts.show_years and person.birth is not None:
            details.append(f"b. {person.birth.year}")
    elif not is_person:  # (a person has neither gestation weeks nor a pregnancy outcome)
        if person.gestation_weeks:
            details.append(f"{person.gestation_weeks} wk")
        if kind in PREGNANCY_OUTCOMES and person.birth is not None:
            details.append(str(person.birth.year))
    max_width = ts.max_width
    if ts.show_details:
        occupation, location = person.occupation, person.location
        if occupation:
            details.extend(wrap(occupation, small, max_width, max_lines=2))
        if location:
            details.extend(wrap(location, small, max_width, max_lines=2))
        if person.cause_of_death:
            details.extend(wrap(f"† {person.cause_of_death}", small, max_width, max_lines=2))
    if ts.show_conditions_text:
        for condition in person.conditions:
            status = STATUS_TEXT.get(condition.status)
            text = f"{condition.label} ({status})" if status else condition.label
            details.extend(wrap(text, small, max_width, max_lines=2))
    if ts.show_details and person.notes:
        details.extend(wrap(person.notes, small, max_width, max_lines=2))
    if details:
        below.append(block("details", tuple(details), small))
    if number:
        below.append(block("number", (number,), small))
    arrow = nsgc and (person.index or person.consultand)
    return PersonText(inside, above_left, above_right, tuple(below), arrow)


def union_text(union: Union, style: Style, degree: str | None) -> TextBlock | None:
    """The label on a partner line: its dated events, a user label, a consanguinity degree."""
    parts: list[str] = []
    if union.label:
        parts.append(union.label)
    events = union.events
    # One event or none is in order already; most unions have a single marriage.
    for event in events if len(events) < 2 else union.chronological_events():
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
