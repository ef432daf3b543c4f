"""Write a genomap document as a GEDCOM 5.5.1 file (UTF-8, lineage-linked).

Kept: every person (names, sex, birth, death or deceased, cause of death, occupation,
education, location as a residence, notes), every union as a ``FAM`` (partners, children with
``PEDI`` adopted or foster, and events: married, divorced, engaged and annulled as their own
tags, the others as ``EVEN`` with a ``TYPE``), and the family links both ways (``FAMS`` and
``FAMC``). Ids are kept when GEDCOM 5.5.1 allows them (at most 20 characters, starting with a
letter or digit), else replaced by ``I1``, ``F1``, ... . What GEDCOM cannot hold is listed in
docs/interchange.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from genomap import __version__
from genomap.interchange.gedcom_dates import write_date
from genomap.interchange.gedcom_vocab import EVENT_TAG_OUT, PEDIGREE_OUT, event_type_words
from genomap.models import Document, Gender, Person, Union, UnionEventType, UnionKind

MAX_LINE: Final = 200
"""Longest line value written; longer text continues on ``CONC`` lines (5.5.1 allows 255)."""
# 5.5.1 pointers: an alphanumeric, then anything but '@'; at most 22 characters with the @s.
_XREF_ID: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,19}$")
_SEX: Final = {Gender.MALE: "M", Gender.FEMALE: "F", Gender.TRANSGENDER_MALE: "M"}
_SEX[Gender.TRANSGENDER_FEMALE] = "F"


def write_gedcom(document: Document) -> str:
    """The document as GEDCOM 5.5.1 text.

    Example:
        >>> from genomap.io import loads
        >>> doc = loads("people: [{id: ann, birth: about 1950}]")
        >>> print(write_gedcom(doc).split("0 @ann@ INDI\\n")[1].split("0 TRLR")[0], end="")
        1 NAME ann
        1 BIRT
        2 DATE ABT 1950
    """
    persons = _xrefs((p.id for p in document.people), "I")
    families = _xrefs((u.key for u in document.unions), "F")
    lines = [
        "0 HEAD",
        "1 SOUR genomap",
        f"2 VERS {__version__}",
        "2 NAME genomap",
        "1 GEDC",
        "2 VERS 5.5.1",
        "2 FORM LINEAGE-LINKED",
        "1 CHAR UTF-8",
        "1 SUBM @SUBM@",
    ]
    if document.title:
        lines += _text(1, "NOTE", document.title)
    lines += ["0 @SUBM@ SUBM", *_text(1, "NAME", document.author or "genomap")]
    spouse_in: dict[str, list[str]] = {}
    child_in: dict[str, list[tuple[str, str | None]]] = {}
    for union in document.unions:
        for partner in dict.fromkeys(union.partners):
            spouse_in.setdefault(partner, []).append(families[union.key])
        for link in union.children:
            pedigree = PEDIGREE_OUT.get(link.parentage)
            child_in.setdefault(link.person, []).append((families[union.key], pedigree))
    for person in document.people:
        lines += _person(person, persons[person.id])
        for family, pedigree in child_in.get(person.id, []):
            lines.append(f"1 FAMC {family}")
            if pedigree:
                lines.append(f"2 PEDI {pedigree}")
        lines += [f"1 FAMS {family}" for family in spouse_in.get(person.id, [])]
    people = {p.id: p for p in document.people}
    for union in document.unions:
        lines += _family(union, families[union.key], persons, people)
    lines.append("0 TRLR")
    return "\n".join(lines) + "\n"


def _xrefs(ids: Iterable[str], prefix: str) -> dict[str, str]:
    """GEDCOM cross-reference ids: the genomap id when it fits, else ``I1``, ``I2``, ..."""
    result: dict[str, str] = {}
    wanted = list(dict.fromkeys(ids))
    taken = {key.upper() for key in wanted if _XREF_ID.match(key)}
    count = 0
    for key in wanted:
        if _XREF_ID.match(key):
            result[key] = f"@{key}@"
            continue
        count += 1
        while f"{prefix}{count}".upper() in taken:
            count += 1
        taken.add(f"{prefix}{count}".upper())
        result[key] = f"@{prefix}{count}@"
    return result


def _escape(text: str) -> str:
    return text.replace("@", "@@")


def _text(level: int, tag: str, text: str) -> list[str]:
    """A text value on one line, continued with ``CONT`` (new lines) and ``CONC`` (long ones)."""
    lines: list[str] = []
    for n, paragraph in enumerate(_escape(text).split("\n")):
        chunks = [paragraph[i : i + MAX_LINE] for i in range(0, len(paragraph), MAX_LINE)] or [""]
        # A chunk must not end in a space: readers strip it. Move the space to the next one.
        for k in range(len(chunks) - 1):
            while chunks[k].endswith(" ") and len(chunks[k]) > 1:
                chunks[k], chunks[k + 1] = chunks[k][:-1], " " + chunks[k + 1]
        head = f"{level} {tag}" if n == 0 else f"{level + 1} CONT"
        lines.append(f"{head} {chunks[0]}".rstrip())
        lines += [f"{level + 1} CONC {chunk}" for chunk in chunks[1:]]
    return lines


def _name(person: Person) -> str:
    if person.given_name or person.family_name:
        given = person.given_name or ""
        family = person.family_name or ""
        return f"{given} /{family}/".strip() if family else given
    return person.display_name or person.id


def _person(person: Person, xref: str) -> list[str]:
    lines = [f"0 {xref} INDI", *_text(1, "NAME", _name(person))]
    if person.given_name:
        lines += _text(2, "GIVN", person.given_name)
    if person.family_name:
        lines += _text(2, "SURN", person.family_name)
    if person.nickname:
        lines += _text(2, "NICK", person.nickname)
    if person.gender != Gender.UNKNOWN:
        lines.append(f"1 SEX {_SEX.get(person.gender, 'U')}")
    if person.birth:
        lines += ["1 BIRT", f"2 DATE {write_date(person.birth)}"]
    if person.is_deceased:
        lines.append("1 DEAT" if person.death or person.cause_of_death else "1 DEAT Y")
        if person.death:
            lines.append(f"2 DATE {write_date(person.death)}")
        if person.cause_of_death:
            lines += _text(2, "CAUS", person.cause_of_death)
    for tag, value in (("OCCU", person.occupation), ("EDUC", person.education)):
        if value:
            lines += _text(1, tag, value)
    if person.location:
        lines += ["1 RESI", *_text(2, "PLAC", person.location)]
    if person.notes:
        lines += _text(1, "NOTE", person.notes)
    return lines


def _family(
    union: Union, xref: str, persons: dict[str, str], people: dict[str, Person]
) -> list[str]:
    lines = [f"0 {xref} FAM"]
    partners = list(dict.fromkeys(union.partners))
    first_female = len(partners) == 2 and people.get(partners[0]) is not None
    if first_female and people[partners[0]].gender == Gender.FEMALE:
        second = people.get(partners[1])
        if second is not None and second.gender == Gender.MALE:
            partners.reverse()  # 5.5.1 names the man HUSB when there is one
    lines += [f"1 {tag} {persons[p]}" for tag, p in zip(("HUSB", "WIFE"), partners, strict=False)]
    events = [event.type for event in union.events]
    if union.kind == UnionKind.MARRIAGE and UnionEventType.MARRIED not in events:
        lines.append("1 MARR Y")
    if union.kind == UnionKind.ENGAGEMENT and UnionEventType.ENGAGED not in events:
        lines.append("1 ENGA Y")
    if union.kind == UnionKind.CIVIL_PARTNERSHIP and UnionEventType.CIVIL_PARTNERSHIP not in events:
        lines += ["1 EVEN", "2 TYPE Civil partnership"]
    for event in union.events:
        tag = EVENT_TAG_OUT.get(event.type)
        lines.append(
            f"1 {tag or 'EVEN'}" + ("" if tag is None or event.date or event.note else " Y")
        )
        if tag is None:
            lines.append(f"2 TYPE {event_type_words(event.type)}")
        if event.date:
            lines.append(f"2 DATE {write_date(event.date)}")
        if event.note:
            lines += _text(2, "NOTE", event.note)
    lines += [f"1 CHIL {persons[link.person]}" for link in union.children]
    return lines
