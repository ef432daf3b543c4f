"""Semantic checks on the eco-map, and the diagnostic helpers every semantic check shares.

:func:`genomap.validate.check_document` runs :func:`check_ecomap` with its other checks; the
helpers live here so that both modules can use them without importing each other.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

from genomap.errors import Diagnostic, FieldPath, Location, format_path
from genomap.models import Document, EcoCentre, EcoMap, Household

MAX_SUGGESTION_POOL: Final = 2000
"""Above this many known ids, unknown-id messages skip the "did you mean" search (it is slow)."""


def error(code: str, path: FieldPath, message: str) -> Diagnostic:
    """An error diagnostic located by field path."""
    return Diagnostic("error", message, Location(path=path), code)


def warning(code: str, path: FieldPath, message: str) -> Diagnostic:
    """A warning diagnostic located by field path."""
    return Diagnostic("warning", message, Location(path=path), code)


def duplicates(noun: str, items: Iterable[tuple[str | None, FieldPath]]) -> Iterator[Diagnostic]:
    """A ``duplicate-id`` error for every id (not None) already used by an earlier item."""
    first: dict[str, FieldPath] = {}
    for key, path in items:
        if key is None:
            continue
        if key in first:
            yield error(
                "duplicate-id",
                path,
                f"{noun} id '{key}' is already used by {format_path(first[key][:-1])}; "
                f"each {noun} needs its own id",
            )
        else:
            first[key] = path


def unknown(
    code: str, noun: str, value: str, known: Mapping[str, object], path: FieldPath
) -> Diagnostic | None:
    """An error when ``value`` is not among the ``known`` ids, with a close match if one exists."""
    if value in known:
        return None
    message = f"'{value}' is not the id of any {noun} in this document"
    if len(known) <= MAX_SUGGESTION_POOL:
        close = difflib.get_close_matches(value, sorted(known), n=1)
        if close:
            message += f"; did you mean '{close[0]}'?"
    return error(code, path, message)


def check_ecomap(document: Document, people: Mapping[str, object]) -> Iterator[Diagnostic]:
    """Every eco-map problem: ids, references, the centre, duplicate ties and absent systems.

    Args:
        document: The document whose ``ecomap`` to check (nothing is reported without one).
        people: The document's person ids (values are ignored).
    """
    ecomap = document.ecomap
    if ecomap is None:
        return
    systems = {s.id: s for s in ecomap.systems}
    households = {h.id: h for h in document.households}
    yield from duplicates(
        "system", ((s.id, ("ecomap", "systems", i, "id")) for i, s in enumerate(ecomap.systems))
    )
    yield from duplicates(
        "connection",
        ((c.id, ("ecomap", "connections", i, "id")) for i, c in enumerate(ecomap.connections)),
    )
    yield from _check_centre(ecomap, people, households)
    yield from _check_categories(ecomap)
    centre = _centre_household(document, ecomap)
    ties: dict[tuple[str, str | None], int] = {}
    for i, tie in enumerate(ecomap.connections):
        path: FieldPath = ("ecomap", "connections", i)
        problem = unknown(
            "unknown-system", "eco-map system", tie.system, systems, (*path, "system")
        )
        if problem:
            yield problem
        if tie.member is not None:
            problem = unknown("unknown-person", "person", tie.member, people, (*path, "member"))
            if problem:
                yield problem
            elif centre is not None and tie.member not in centre.members:
                yield warning(
                    "member-outside-household",
                    (*path, "member"),
                    f"'{tie.member}' is not a member of household '{centre.id}', the centre of "
                    "the eco-map; tie the system to one of its members",
                )
        first = ties.setdefault((tie.system, tie.member), i)
        if first != i:
            yield warning(
                "duplicate-connection",
                path,
                f"'{tie.system}' is tied to {tie.member or 'the household'} twice "
                f"(see ecomap.connections[{first}]); merge the two connections",
            )
    yield from _check_absent(ecomap)


def _check_centre(
    ecomap: EcoMap,
    people: Mapping[str, object],
    households: Mapping[str, object],
) -> Iterator[Diagnostic]:
    if ecomap.household is not None:
        problem = unknown(
            "unknown-household", "household", ecomap.household, households, ("ecomap", "household")
        )
        if problem:
            yield problem
    if ecomap.person is not None:
        problem = unknown("unknown-person", "person", ecomap.person, people, ("ecomap", "person"))
        if problem:
            yield problem
    if ecomap.centre == EcoCentre.INDIVIDUAL and ecomap.person is None:
        yield error(
            "missing-centre-person",
            ("ecomap", "person"),
            "the eco-map's centre is an individual but no person is given; set ecomap.person",
        )
    if ecomap.centre == EcoCentre.HOUSEHOLD and ecomap.household is None and not households:
        yield warning(
            "no-household",
            ("ecomap", "household"),
            "the document has no households, so the centre will show every person; "
            "add a household or set ecomap.household",
        )


def _check_categories(ecomap: EcoMap) -> Iterator[Diagnostic]:
    keys = ecomap.category_keys()
    for i, system in enumerate(ecomap.systems):
        if system.category not in keys:
            yield error(
                "unknown-category",
                ("ecomap", "systems", i, "category"),
                f"system '{system.id}' has category '{system.category}', which is not known; "
                f"use one of {', '.join(keys)}, or declare it under ecomap.categories",
            )


def _check_absent(ecomap: EcoMap) -> Iterator[Diagnostic]:
    counts = Counter(c.system for c in ecomap.connections)
    for i, system in enumerate(ecomap.systems):
        ties = counts[system.id]
        if system.absent and ties:
            yield warning(
                "absent-system-connected",
                ("ecomap", "systems", i, "absent"),
                f"system '{system.id}' is marked absent (no contact) but has {ties} "
                "connection(s); remove 'absent' or the connections",
            )


def _centre_household(document: Document, ecomap: EcoMap) -> Household | None:
    """The household at the centre, or None when the centre is not one known household."""
    if ecomap.centre != EcoCentre.HOUSEHOLD or not document.households:
        return None
    if ecomap.household is not None:
        return next((h for h in document.households if h.id == ecomap.household), None)
    # The default documented on EcoMap.household: the index person's household, else the first.
    index = document.index_person
    return next(
        (h for h in document.households if index is not None and index.id in h.members),
        document.households[0],
    )
