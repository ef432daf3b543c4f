"""Read GEDCOM 5.5.1 and 7.0 files into genomap documents, with ged4py doing the parsing.

What is read: each ``INDI``'s first name (``NAME``, ``GIVN``, ``SURN``, ``NICK``), ``SEX``,
birth and death (with partial and approximate dates; ``DEAT`` without a date, ``BURI`` or
``CREM`` mean deceased), cause of death, occupation, education and notes; each ``FAM``'s
partners (``HUSB``, ``WIFE``), children (``CHIL``, and ``FAMC`` links the family forgot) with
their pedigree (``PEDI`` birth, adopted, foster; ``ADOP``; Ancestry's ``_FREL``/``_MREL``),
and its events (``MARR``, ``DIV``, ``DIVF``, ``ENGA``, ``ANUL``, ``MARB``, ``MARC``, ``MARL``,
``MARS``, and ``EVEN`` whose ``TYPE`` names a union event). GEDCOM ids become genomap ids
(``@I1@`` -> ``I1``). Everything else in the standard is skipped quietly; tags outside it
(typos, ``_`` extensions) are skipped and counted in one warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from ged4py.model import Record

from genomap.interchange.draft import Draft, Origin, finish
from genomap.interchange.gedcom_dates import UnusableDateError, read_date
from genomap.interchange.gedcom_text import GedcomText, parse_records, prepare
from genomap.interchange.gedcom_vocab import (
    PEDIGREE_IN,
    STANDARD_TAGS,
    UNION_EVENT_TAGS,
    event_from_type,
)
from genomap.interchange.ids import IdMap
from genomap.io import LoadResult
from genomap.models import Parentage, UnionEventType, UnionKind
from genomap.sources import Limits

TEXT_LIMIT: Final = 2000
"""Longest text genomap keeps in one field; longer notes are cut with a warning."""
_SHOWN_UNKNOWN: Final = 5
_GENDER: Final = {"M": "male", "F": "female", "X": "other", "U": "unknown"}
_MARRIED: Final = frozenset(
    {UnionEventType.MARRIED, UnionEventType.DIVORCED, UnionEventType.ANNULLED}
)


def read_gedcom(
    source: str | bytes, *, filename: str | None = None, limits: Limits | None = None
) -> LoadResult:
    """Read a GEDCOM 5.5.1 or 7.0 file into a valid document and the warnings found.

    Args:
        source: The file's bytes (any character set GEDCOM declares) or its text.
        filename: The name used in diagnostics.
        limits: Only ``max_bytes`` applies.

    Raises:
        InputError: A line that is not GEDCOM, text not in its declared character set, an
            empty file; each error names its line.
    """
    text = prepare(source, filename, limits)
    records = parse_records(text)
    return finish(_Reader(text).read(records))


def _subs(record: Record, tag: str) -> Iterator[Record]:
    return (sub for sub in record.sub_records if sub.tag == tag)


def _first(record: Record, tag: str) -> Record | None:
    return next(_subs(record, tag), None)


def _value(record: Record | None) -> str:
    value = None if record is None else record.value
    return value.strip() if isinstance(value, str) else ""


class _Reader:
    """Turns ged4py records into a :class:`Draft`, one record at a time."""

    def __init__(self, text: GedcomText) -> None:
        self.text = text
        self.draft = Draft(text.filename, warnings=list(text.warnings))
        self.people = IdMap()
        self.families = IdMap()
        self.unknown: list[tuple[str, int]] = []
        self.unknown_count = 0
        # Child id -> (family xref, parentage or None, line) from the person's FAMC / ADOP,
        # and family xref -> (child id, parentage or None, line): the same links, indexed.
        self.famc: dict[str, list[tuple[str, Parentage | None, int]]] = {}
        self.famc_of: dict[str, list[tuple[str, Parentage | None, int]]] = {}
        self.skipped: set[int] = set()

    def line(self, record: Record) -> int:
        return self.text.line_at(record.offset or 0)

    def warn(self, code: str, message: str, record: Record) -> None:
        self.draft.warn(code, message, self.line(record))

    def read(self, records: list[Record]) -> Draft:
        """Read every individual, then every family, and report what was skipped."""
        if not records or records[0].tag != "HEAD":
            where = records[0] if records else None
            self.draft.warn(
                "gedcom-header",
                "the file does not start with a HEAD record; is it GEDCOM?",
                self.line(where) if where else 1,
            )
        if records and records[-1].tag != "TRLR":
            self.warn(
                "gedcom-trailer", "no TRLR record at the end: is the file cut short?", records[-1]
            )
        for record in records:
            self.count_unknown(record)
            self.register(record)
        for tag, read in (("INDI", self.person), ("FAM", self.family)):
            for record in records:
                if record.tag == tag and id(record) not in self.skipped:
                    read(record)
        self.orphan_links()
        self.report_unknown()
        if not self.draft.people:
            self.draft.warn("gedcom-empty", "the file has no individuals (INDI records)", None)
        return self.draft

    def register(self, record: Record) -> None:
        """Give an individual or family its genomap id (skip repeats); read the title."""
        note = _value(_first(record, "NOTE")) if record.tag == "HEAD" else ""
        if note and not note.startswith("@"):
            self.draft.extra["title"] = self.clip(note, record, "title")
        if record.tag not in ("INDI", "FAM"):
            return
        ids = self.people if record.tag == "INDI" else self.families
        if record.xref_id is None or ids.add(record.xref_id) is None:
            self.skipped.add(id(record))
            what = (
                f"repeats the id {record.xref_id} of an earlier record"
                if record.xref_id
                else "has no @ID@"
            )
            self.warn("gedcom-id", f"this {record.tag} record {what}; skipped", record)

    # -- unknown tags ------------------------------------------------------------------------

    def count_unknown(self, record: Record) -> None:
        stack = [record]
        while stack:
            current = stack.pop()
            if current.tag not in STANDARD_TAGS:
                self.unknown_count += 1
                if len(self.unknown) < _SHOWN_UNKNOWN:
                    self.unknown.append((current.tag or "?", self.line(current)))
                continue  # an extension's substructures are the extension's business
            stack.extend(reversed(current.sub_records))

    def report_unknown(self) -> None:
        if not self.unknown_count:
            return
        shown = ", ".join(f"{tag} (line {line})" for tag, line in self.unknown)
        more = self.unknown_count - len(self.unknown)
        self.draft.warn(
            "unknown-tags",
            f"skipped {self.unknown_count} line{'s' if self.unknown_count > 1 else ''} with "
            f"tags genomap does not know (extensions or typos), and the lines under them: "
            f"{shown}" + (f" and {more} more" if more else ""),
            self.unknown[0][1],
        )

    # -- individuals -------------------------------------------------------------------------

    def person(self, record: Record) -> None:
        pid = self.people.get(record.xref_id or "")
        assert pid is not None
        data: dict[str, Any] = {"id": pid}
        origin = Origin(self.line(record))
        name = _first(record, "NAME")
        if name is not None:
            data.update(self.names(name))
        sex = _value(_first(record, "SEX")).upper()[:1]
        if sex:
            if sex not in _GENDER:
                self.warn("gedcom-sex", f"SEX '{sex}' is not M, F, X or U; read as U", record)
            data["gender"] = _GENDER.get(sex, "unknown")
        for sub in record.sub_records:
            tag = sub.tag
            if tag == "BIRT" and "birth" not in data:
                self.event_date(sub, data, origin, "birth", pid)
            elif tag == "DEAT":
                data["deceased"] = True
                if "death" not in data:
                    self.event_date(sub, data, origin, "death", pid)
                cause = _value(_first(sub, "CAUS"))
                if cause and "cause_of_death" not in data:
                    data["cause_of_death"] = self.clip(cause, sub, "cause of death")
            elif tag in ("BURI", "CREM"):
                data["deceased"] = True
            elif tag in ("OCCU", "EDUC") and _value(sub):
                key = "occupation" if tag == "OCCU" else "education"
                data.setdefault(key, self.clip(_value(sub), sub, key))
            elif tag == "NOTE":
                self.note(sub, data)
            elif tag == "FAMC" and isinstance(sub.value, str):
                pedi = _value(_first(sub, "PEDI")).upper()
                parentage = PEDIGREE_IN.get(pedi) if pedi else None
                if pedi and parentage is None:
                    self.warn("gedcom-pedigree", f"unknown PEDI '{pedi}'; read as birth", sub)
                self.add_famc(pid, sub.value, parentage, self.line(sub))
            elif tag == "ADOP":
                for famc in _subs(sub, "FAMC"):
                    if isinstance(famc.value, str):
                        self.add_famc(pid, famc.value, Parentage.ADOPTED, self.line(famc))
        if data.get("deceased") and "death" in data:
            del data["deceased"]  # implied by the date
        self.draft.add_person(data, origin)

    def add_famc(self, pid: str, xref: str, parentage: Parentage | None, line: int) -> None:
        self.famc.setdefault(pid, []).append((xref, parentage, line))
        self.famc_of.setdefault(xref, []).append((pid, parentage, line))

    def names(self, name: Record) -> dict[str, str]:
        parts = name.value if isinstance(name.value, tuple) else ("", "", "")
        given = " ".join(p.strip() for p in (parts[0], parts[2]) if p and p.strip())
        family = (parts[1] or "").strip()
        given = given or _value(_first(name, "GIVN"))
        family = family or _value(_first(name, "SURN"))
        found = {
            "given_name": given,
            "family_name": family,
            "nickname": _value(_first(name, "NICK")),
        }
        return {key: self.clip(value, name, "name") for key, value in found.items() if value}

    def event_date(
        self, event: Record, data: dict[str, Any], origin: Origin, key: str, pid: str
    ) -> None:
        date = _first(event, "DATE")
        if date is None:
            return
        try:
            data[key] = str(read_date(date.value))
            origin.fields[key] = self.line(date)
        except UnusableDateError as exc:
            phrase = _value(_first(date, "PHRASE"))
            why = f"'{phrase}' is a date phrase, not a date" if phrase else str(exc)
            self.warn("gedcom-date", f"the {key} date of '{pid}' was dropped: {why}", date)

    def note(self, note: Record, data: dict[str, Any]) -> None:
        if "notes" in data:
            return
        text = _value(note)
        if text.startswith("@") and text.endswith("@"):
            return  # a pointer to a shared NOTE record: not read
        if text:
            data["notes"] = self.clip(text, note, "note")

    def clip(self, text: str, record: Record, what: str) -> str:
        """Text to keep: '@@' read as '@' (7.0 doubles only a leading one), cut to the limit."""
        text = text.replace("@@", "@") if not self.text.is_v7 else text.removeprefix("@")
        if len(text) <= TEXT_LIMIT:
            return text
        self.warn("text-too-long", f"the {what} is cut to {TEXT_LIMIT} characters", record)
        return text[: TEXT_LIMIT - 1] + "…"

    # -- families ----------------------------------------------------------------------------

    def person_ref(self, pointer: Record, family: str) -> str | None:
        """The genomap id a HUSB, WIFE or CHIL pointer names; None (and a warning) if none."""
        xref = pointer.value if isinstance(pointer.value, str) else ""
        if xref.upper() == "@VOID@":
            return None
        pid = self.people.get(xref)
        if pid is None:
            self.warn(
                "missing-record",
                f"family '{family}': {pointer.tag} {xref or '(empty)'} is not an individual "
                "in this file; the link was dropped",
                pointer,
            )
        return pid

    def family(self, record: Record) -> None:
        uid = self.families.get(record.xref_id or "")
        assert uid is not None
        origin = Origin(self.line(record))
        partners: list[str] = []
        for sub in record.sub_records:
            if sub.tag in ("HUSB", "WIFE"):
                pid = self.person_ref(sub, uid)
                if pid is None:
                    continue
                if pid in partners:
                    self.warn("self-union", f"family '{uid}' names '{pid}' twice as a partner", sub)
                    continue
                if len(partners) == 2:
                    self.warn(
                        "gedcom-partners",
                        f"family '{uid}' has more than two partners; '{pid}' was dropped",
                        sub,
                    )
                    continue
                partners.append(pid)
                origin.partners.append(self.line(sub))
        children = self.children(record, uid, origin)
        events, kind = self.events(record, origin)
        if not partners:
            if not children:
                self.warn(
                    "gedcom-empty-family", f"family '{uid}' has nobody in it; skipped", record
                )
                return
            partners = [self.placeholder(uid, origin.line)]
            origin.partners.append(origin.line)
        union: dict[str, Any] = {"id": uid, "partners": partners, "kind": kind.value}
        union.update(events=events, children=children)
        self.draft.add_union(union, origin)

    def children(self, record: Record, uid: str, origin: Origin) -> list[dict[str, str]]:
        links: list[dict[str, str]] = []
        for sub in _subs(record, "CHIL"):
            pid = self.person_ref(sub, uid)
            if pid is None:
                continue
            if any(link["person"] == pid for link in links):
                self.warn("duplicate-child", f"'{pid}' is listed twice in family '{uid}'", sub)
                continue
            parentage = self.child_parentage(sub, pid, record.xref_id or "")
            links.append({"person": pid, "parentage": parentage.value})
            origin.children.append(self.line(sub))
        # FAMC links the family record does not list.
        listed = {link["person"] for link in links}
        for pid, declared, line in self.famc_of.get(record.xref_id or "", []):
            if pid not in listed:
                listed.add(pid)
                value = (declared or Parentage.BIOLOGICAL).value
                links.append({"person": pid, "parentage": value})
                origin.children.append(line)
        return links

    def child_parentage(self, chil: Record, pid: str, family: str) -> Parentage:
        relations = {_value(_first(chil, tag)).upper() for tag in ("_FREL", "_MREL")} - {""}
        found = {PEDIGREE_IN.get(word, Parentage.BIOLOGICAL) for word in relations}
        declared = [p for xref, p, _ in self.famc.get(pid, []) if xref == family and p]
        if declared:
            return declared[0]
        if len(found) == 1:
            return found.pop()
        return Parentage.BIOLOGICAL

    def events(self, record: Record, origin: Origin) -> tuple[list[dict[str, str]], UnionKind]:
        events: list[dict[str, str]] = []
        married = False
        for sub in record.sub_records:
            tag = sub.tag or ""
            if tag in UNION_EVENT_TAGS:
                kind, note = UNION_EVENT_TAGS[tag]
            elif tag == "EVEN" and (found := event_from_type(_value(_first(sub, "TYPE")))):
                kind, note = found, None
            else:
                continue
            event: dict[str, str] = {"type": kind.value}
            date = _first(sub, "DATE")
            if date is not None:
                try:
                    event["date"] = str(read_date(date.value))
                except UnusableDateError as exc:
                    self.warn("gedcom-date", f"the {tag} date was dropped: {exc}", date)
            married = married or kind in _MARRIED
            if kind == UnionEventType.MARRIED and "date" not in event:
                continue  # "1 MARR Y": the kind says it; an undated event would hide a divorce
            text = _value(_first(sub, "NOTE"))
            if note or (text and not text.startswith("@")):
                event["note"] = self.clip(note or text, sub, "note")
            events.append(event)
            origin.events.append(self.line(sub))
        return events, _kind(married, [e["type"] for e in events])

    def placeholder(self, uid: str, line: int | None) -> str:
        pid = self.people.unique(f"{uid}-parent")
        self.draft.add_person(
            {"id": pid, "display_name": "?", "notes": f"unknown parent of family {uid}"},
            Origin(line),
        )
        self.draft.warn(
            "missing-parents",
            f"family '{uid}' has children but no HUSB or WIFE; they hang from a placeholder "
            f"parent '{pid}'",
            line,
        )
        return pid

    def orphan_links(self) -> None:
        for pid, famcs in self.famc.items():
            for xref, _, line in famcs:
                if self.families.get(xref) is None:
                    self.draft.warn(
                        "missing-record",
                        f"'{pid}' is a child of {xref}, which is not a family in this file; "
                        "the link was dropped",
                        line,
                    )


def _kind(married: bool, events: list[str]) -> UnionKind:
    """The union kind a family's events imply; GEDCOM has no field for it."""
    if married:
        return UnionKind.MARRIAGE
    if UnionEventType.CIVIL_PARTNERSHIP.value in events:
        return UnionKind.CIVIL_PARTNERSHIP
    if UnionEventType.ENGAGED.value in events:
        return UnionKind.ENGAGEMENT
    if UnionEventType.COHABITING.value in events:
        return UnionKind.COHABITATION
    return UnionKind.UNKNOWN
