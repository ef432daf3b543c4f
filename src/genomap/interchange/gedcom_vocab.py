"""GEDCOM words genomap reads and writes: standard tags, union events, pedigree kinds, months."""

from __future__ import annotations

from typing import Final

from genomap.models import Parentage, UnionEventType

MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
"""GEDCOM's Gregorian month names, January first."""

# Every tag of GEDCOM 5.5.1 and 7.0. A tag outside this set (a typo, or an extension such as
# _UID) is skipped and counted; standard tags genomap has no use for are skipped silently.
_STANDARD_TAG_TEXT: Final = """
    ABBR ADDR ADOP ADR1 ADR2 ADR3 AFN AGE AGNC ALIA ANCE ANCI ANUL ASSO AUTH BAPL BAPM BARM BASM
    BIRT BLES BLOB BURI CALN CAST CAUS CENS CHAN CHAR CHIL CHR CHRA CITY CONC CONF CONL CONT COPR
    CORP CREA CREM CROP CTRY DATA DATE DEAT DESC DESI DEST DIV DIVF DSCR EDUC EMAIL EMAI EMIG
    ENDL ENGA EVEN EXID FACT FAM FAMC FAMF FAMS FAX FCOM FILE FONE FORM GEDC GIVN GRAD HEAD
    HEIGHT HUSB IDNO IMMI INDI INIL LANG LATI LEFT LEGA LONG MAP MARB MARC MARL MARR MARS MEDI
    MIME NAME NATI NATU NCHI NICK NMR NO NOTE NPFX NSFX OBJE OCCU ORDI ORDN PAGE PEDI PHON
    PHRASE PLAC POST PROB PROP PUBL QUAY REFN RELA RELI REPO RESI RESN RETI RFN RIN ROLE ROMN
    SCHMA SDATE SEX SLGC SLGS SNOTE SOUR SPFX SSN STAE STAT SUBM SUBN SURN TAG TEMP TEXT TIME
    TITL TOP TRAN TRLR TYPE UID VERS WIDTH WIFE WWW
"""
STANDARD_TAGS: Final = frozenset(_STANDARD_TAG_TEXT.split())

UNION_EVENT_TAGS: Final[dict[str, tuple[UnionEventType, str | None]]] = {
    "MARR": (UnionEventType.MARRIED, None),
    "DIV": (UnionEventType.DIVORCED, None),
    "DIVF": (UnionEventType.SEPARATED, "divorce filed"),
    "ENGA": (UnionEventType.ENGAGED, None),
    "ANUL": (UnionEventType.ANNULLED, None),
    "MARB": (UnionEventType.ENGAGED, "marriage banns"),
    "MARC": (UnionEventType.ENGAGED, "marriage contract"),
    "MARL": (UnionEventType.ENGAGED, "marriage licence"),
    "MARS": (UnionEventType.ENGAGED, "marriage settlement"),
}
"""Family event tags -> the union event they record, and a note saying which tag it was."""

EVENT_TAG_OUT: Final[dict[UnionEventType, str]] = {
    UnionEventType.MARRIED: "MARR",
    UnionEventType.DIVORCED: "DIV",
    UnionEventType.ENGAGED: "ENGA",
    UnionEventType.ANNULLED: "ANUL",
}
"""Union events GEDCOM has a tag for; the others are written as ``EVEN`` with a ``TYPE``."""

# What people (and genomap's writer) put in the TYPE of a family EVEN, beyond the event names.
_EVENT_WORDS: Final[dict[str, UnionEventType]] = {
    "separation": UnionEventType.SEPARATED,
    "legal_separation": UnionEventType.LEGAL_SEPARATION,
    "cohabitation": UnionEventType.COHABITING,
    "living_together": UnionEventType.COHABITING,
    "first_met": UnionEventType.MET,
    "civil_union": UnionEventType.CIVIL_PARTNERSHIP,
    "registered_partnership": UnionEventType.CIVIL_PARTNERSHIP,
    "reconciliation": UnionEventType.RECONCILED,
    "remarriage": UnionEventType.REMARRIED,
    "engagement": UnionEventType.ENGAGED,
    "marriage": UnionEventType.MARRIED,
    "divorce": UnionEventType.DIVORCED,
    "annulment": UnionEventType.ANNULLED,
}


def event_from_type(text: str) -> UnionEventType | None:
    """The union event a family ``EVEN``'s ``TYPE`` names ("Separation", "Civil partnership")."""
    word = "_".join(text.lower().replace("-", " ").split())
    try:
        return UnionEventType(word)
    except ValueError:
        return _EVENT_WORDS.get(word)


def event_type_words(event: UnionEventType) -> str:
    """The ``TYPE`` text genomap writes for an event: "Legal separation", "Met", ..."""
    return event.value.replace("_", " ").capitalize()


PEDIGREE_IN: Final[dict[str, Parentage]] = {
    "BIRTH": Parentage.BIOLOGICAL,
    "ADOPTED": Parentage.ADOPTED,
    "FOSTER": Parentage.FOSTER,
    "SEALING": Parentage.BIOLOGICAL,
    "OTHER": Parentage.BIOLOGICAL,
    # Ancestry's and Family Tree Maker's _FREL / _MREL words.
    "NATURAL": Parentage.BIOLOGICAL,
    "BIOLOGICAL": Parentage.BIOLOGICAL,
    "STEP": Parentage.STEP,
    "STEPCHILD": Parentage.STEP,
}
"""``FAMC.PEDI`` values (either case; 5.5.1 writes them lower case, 7.0 upper case)."""

PEDIGREE_OUT: Final[dict[Parentage, str]] = {
    Parentage.ADOPTED: "adopted",
    Parentage.FOSTER: "foster",
}
"""Parentages GEDCOM 5.5.1 can say besides ``birth`` (the default, left unwritten)."""
