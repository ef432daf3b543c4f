"""Plain-language descriptions for the SVG's titles: people, unions, links and relationships."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from genomap.models import (
    ENDING_EVENTS,
    Document,
    EmotionalRelationship,
    Gender,
    Person,
    PersonKind,
    SexAtBirth,
    Union,
    UnionEventType,
    UnionKind,
)

GENDER_WORDS = {
    Gender.MALE: "man",
    Gender.FEMALE: "woman",
    Gender.NON_BINARY: "non-binary person",
    Gender.TRANSGENDER_MALE: "transgender man",
    Gender.TRANSGENDER_FEMALE: "transgender woman",
    Gender.UNKNOWN: "gender unknown",
    Gender.OTHER: "other gender",
}

KIND_WORDS = {
    PersonKind.PREGNANCY: "pregnancy",
    PersonKind.MISCARRIAGE: "miscarriage",
    PersonKind.TERMINATION: "termination of pregnancy",
    PersonKind.STILLBIRTH: "stillbirth",
    PersonKind.ECTOPIC: "ectopic pregnancy",
    PersonKind.PET: "pet",
}

SEX_WORDS = {
    SexAtBirth.MALE: "assigned male at birth",
    SexAtBirth.FEMALE: "assigned female at birth",
    SexAtBirth.UNASSIGNED: "unassigned at birth",
}


def describe_person(
    person: Person, *, age: int | None, adopted: bool = False, name: str | None = None
) -> str:
    """One sentence about a person: name, what the symbol stands for, dates, roles, conditions.

    ``name`` is ``person.label`` when the caller has it already.

    Example:
        >>> describe_person(Person(id="a", given_name="Ann", gender="female", birth=1950), age=70)
        'Ann: woman, born 1950, age 70'
    """
    # Each field is read once: model attributes are slow to read, and drawings describe
    # thousands of people.
    kind = person.kind
    if kind == PersonKind.PERSON:
        facts = [GENDER_WORDS[person.gender]]
    elif kind == PersonKind.PET:
        facts = [f"pet ({person.species})" if person.species else "pet"]
    else:
        facts = [KIND_WORDS[kind]]
    count = person.count
    if count is not None:
        facts.append(f"{count} people" if count != "n" else "several people")
    sex = person.sex_at_birth
    if sex is not None:
        facts.append(SEX_WORDS[sex])
    birth, death = person.birth, person.death
    if birth is not None:
        facts.append(f"born {birth}")
    deceased: bool | None = None  # person.is_deceased, once it is needed
    if death is not None:
        facts.append(f"died {death}")
    elif kind == PersonKind.PERSON:
        deceased = person.is_deceased
        if deceased:
            facts.append("deceased")
    if age is not None:
        if deceased is None:
            deceased = person.is_deceased
        facts.append(f"age at death {age}" if deceased else f"age {age}")
    if person.gestation_weeks:
        facts.append(f"{person.gestation_weeks} weeks")
    if person.index:
        facts.append("index person")
    if person.consultand:
        facts.append("consultand")
    if adopted:
        facts.append("adopted")
    if person.cause_of_death:
        facts.append(f"cause of death: {person.cause_of_death}")
    text = f"{person.label if name is None else name}: {', '.join(facts)}"
    for condition in person.conditions:
        status = (
            ""
            if condition.status == "current"
            else f" ({condition.status.value.replace('_', ' ')})"
        )
        text += f"; {condition.label}{status}"
    return text


_UNION_WORDS: dict[UnionKind, str] = {}
"""A union kind in words, capitalised (worked out on first use)."""


def _names(ids: tuple[str, ...], names: Mapping[str, str]) -> str:
    return " and ".join(names.get(i, i) for i in ids)


def describe_union(
    union: Union,
    names: Mapping[str, str],
    events: str | None,
    *,
    status: UnionEventType | Literal["unknown"] | None = "unknown",
) -> str:
    """A union in words: its kind, the partners, its dated events and its current status.

    ``status`` is ``union.status`` when the caller has it already (it sorts the events).
    """
    kind = _UNION_WORDS.get(union.kind)
    if kind is None:
        kind = _UNION_WORDS[union.kind] = union.kind.value.replace("_", " ").capitalize()
    text = f"{kind}: {_names(union.partners, names)}"
    if events:
        text += f"; {events}"
    if status == "unknown":
        status = union.status
    if status in ENDING_EVENTS and status is not None:  # union.has_ended
        text += f" ({status.value.replace('_', ' ')})"
    if union.consanguineous or union.relationship:
        text += f"; {union.relationship or 'consanguineous'}"
    if union.childless is not None:
        text += f"; no children ({union.childless.value.replace('_', ' ')})"
    return text


def describe_child(child: str, union: str, parentage: str, names: Mapping[str, str]) -> str:
    """A child link in words."""
    return f"{names.get(child, child)}: {parentage} child of {union}"


def describe_emotion(relationship: EmotionalRelationship, names: Mapping[str, str]) -> str:
    """An emotional relationship in words; directed kinds read source → target."""
    kind = relationship.kind.value.replace("_", " ")
    source = names.get(relationship.source, relationship.source)
    target = names.get(relationship.target, relationship.target)
    arrow = "↔" if relationship.mutual else "→"
    link = f"{source} {arrow} {target}" if relationship.is_directed else f"{source} – {target}"
    text = f"{kind.capitalize()}: {link}"
    if relationship.start or relationship.end:
        text += f" ({relationship.start or '…'}–{relationship.end or ''})"
    if relationship.note:
        text += f"; {relationship.note}"
    return text


def describe_document(document: Document, generations: int) -> str:
    """The SVG description: the document's own text, then a summary of what is drawn."""
    people = sum(1 for p in document.people if p.kind != PersonKind.PET)
    summary = (
        f"Genogram of {people} {'person' if people == 1 else 'people'} in {generations} "
        f"generation{'s' if generations != 1 else ''}, with {len(document.unions)} "
        f"union{'s' if len(document.unions) != 1 else ''} and {len(document.relationships)} "
        f"emotional relationship{'s' if len(document.relationships) != 1 else ''}."
    )
    return f"{document.description.strip()} {summary}" if document.description else summary
