"""Semantic checks on a document that already passed pydantic validation.

``check_document`` runs every check and returns the problems found, errors and warnings, as
:class:`~genomap.errors.Diagnostic` objects located by field path only (no file or line: the
loader maps paths to lines). Each check is a small function from a prepared :class:`Index` to
diagnostics; :data:`CHECKS` lists them in order. The eco-map's checks and the helpers that build
diagnostics live in :mod:`genomap.validate_ecomap`.

Thresholds used by the date checks (warnings, since real families do surprise):

- a biological parent younger than :data:`MIN_PARENT_AGE` (12) at the child's birth;
- a birth mother (female sex at birth, or female gender when that is not given) older than
  :data:`MAX_MOTHER_AGE` (70), or any biological parent older than :data:`MAX_PARENT_AGE` (90);
- twins born more than :data:`MAX_TWIN_DAYS` (2) days apart.

Dates qualified with "about" never make an error, only a warning: the slack is unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

import networkx as nx
from pydantic import BaseModel

from genomap.dates import FuzzyDate, years_between
from genomap.errors import Diagnostic, FieldPath
from genomap.models import (
    DIRECTED_EMOTIONS,
    ENDING_EVENTS,
    PREGNANCY_OUTCOMES,
    ConditionKind,
    Document,
    Gender,
    Parentage,
    Person,
    PersonKind,
    SexAtBirth,
    UnionEventType,
    UnionKind,
)
from genomap.validate_ecomap import check_ecomap, duplicates, error, unknown, warning

MIN_PARENT_AGE: Final = 12
"""A biological parent younger than this at the child's birth gets a warning."""
MAX_MOTHER_AGE: Final = 70
"""A birth mother older than this at the child's birth gets a warning."""
MAX_PARENT_AGE: Final = 90
"""Any biological parent older than this at the child's birth gets a warning."""
MAX_TWIN_DAYS: Final = 2
"""Members of a multiple birth born further apart than this (in days) get a warning."""

# Parentages where the parent is, or carried, the child: birth order and age must make sense.
_BIRTH_PARENTAGES: Final = frozenset({Parentage.BIOLOGICAL, Parentage.DONOR, Parentage.SURROGATE})
# Events that start a union, against which ending events are compared.
_STARTING_EVENTS: Final = frozenset(
    {UnionEventType.MET, UnionEventType.DATING, UnionEventType.ENGAGED, UnionEventType.COHABITING}
) | {UnionEventType.MARRIED, UnionEventType.CIVIL_PARTNERSHIP}
_DIVORCEABLE: Final = frozenset({UnionKind.MARRIAGE, UnionKind.CIVIL_PARTNERSHIP})
# Symbols that cannot be anyone's parent: pregnancies and their outcomes.
_NOT_PARENTS: Final = PREGNANCY_OUTCOMES | {PersonKind.PREGNANCY}


@dataclass(frozen=True, slots=True)
class Index:
    """Lookups shared by the checks, built once per document."""

    document: Document
    people: dict[str, int]
    """Person id -> position of its first occurrence in ``document.people``."""
    parent_links: dict[str, list[tuple[int, int]]]
    """Child id -> (union index, child index) of every child link naming them, in file order."""

    @classmethod
    def build(cls, document: Document) -> Index:
        """Index a document."""
        people: dict[str, int] = {}
        for i, person in enumerate(document.people):
            people.setdefault(person.id, i)
        links: dict[str, list[tuple[int, int]]] = {}
        for u, union in enumerate(document.unions):
            for c, child in enumerate(union.children):
                links.setdefault(child.person, []).append((u, c))
        return cls(document, people, links)

    def person(self, person_id: str) -> Person | None:
        """The first person with this id, if any."""
        i = self.people.get(person_id)
        return None if i is None else self.document.people[i]


Check = Callable[[Index], Iterator[Diagnostic]]


def _about(*dates: FuzzyDate) -> bool:
    return any(d.qualifier == "about" for d in dates)


def check_duplicate_ids(ix: Index) -> Iterator[Diagnostic]:
    """Ids must be unique among people, unions, households and relationships."""
    doc = ix.document
    yield from duplicates("person", ((p.id, ("people", i, "id")) for i, p in enumerate(doc.people)))
    first: dict[str, int] = {}
    for i, union in enumerate(doc.unions):
        j = first.setdefault(union.key, i)
        if j != i:
            unnamed = union.id is None and doc.unions[j].id is None
            yield error(
                "duplicate-id",
                ("unions", i, "id" if union.id else "partners"),
                f"unions[{j}] and unions[{i}] are both '{union.key}'; "
                + ("give each union an explicit id" if unnamed else "each union needs its own id"),
            )
    yield from duplicates(
        "household", ((h.id, ("households", i, "id")) for i, h in enumerate(doc.households))
    )
    yield from duplicates(
        "relationship",
        ((r.id, ("relationships", i, "id")) for i, r in enumerate(doc.relationships)),
    )


def check_references(ix: Index) -> Iterator[Diagnostic]:
    """Every person id named by a union, multiple birth, relationship or household must exist."""
    doc = ix.document
    refs: list[tuple[str, FieldPath]] = []
    for u, union in enumerate(doc.unions):
        refs += [(p, ("unions", u, "partners", k)) for k, p in enumerate(union.partners)]
        refs += [
            (c.person, ("unions", u, "children", k, "person")) for k, c in enumerate(union.children)
        ]
    for b, birth in enumerate(doc.multiple_births):
        refs += [(m, ("multiple_births", b, "members", k)) for k, m in enumerate(birth.members)]
    for r, rel in enumerate(doc.relationships):
        refs += [
            (rel.source, ("relationships", r, "source")),
            (rel.target, ("relationships", r, "target")),
        ]
    for h, household in enumerate(doc.households):
        refs += [(m, ("households", h, "members", k)) for k, m in enumerate(household.members)]
    for value, path in refs:
        problem = unknown("unknown-person", "person", value, ix.people, path)
        if problem:
            yield problem


def check_unions(ix: Index) -> Iterator[Diagnostic]:
    """No self-union, no child listed twice or as its own parent, no children when childless."""
    for u, union in enumerate(ix.document.unions):
        if len(union.partners) == 2 and union.partners[0] == union.partners[1]:
            yield error(
                "self-union",
                ("unions", u, "partners", 1),
                f"union '{union.key}' joins '{union.partners[0]}' with themself; "
                "a union needs two different partners, or one for a single parent",
            )
        seen: set[str] = set()
        for c, child in enumerate(union.children):
            path: FieldPath = ("unions", u, "children", c, "person")
            if child.person in seen:
                yield error(
                    "duplicate-child",
                    path,
                    f"'{child.person}' is listed twice as a child of union '{union.key}'",
                )
            seen.add(child.person)
            if child.person in union.partners:
                yield error(
                    "child-is-partner",
                    path,
                    f"'{child.person}' is both a partner and a child of union '{union.key}'",
                )
        if union.childless is not None and union.children:
            yield error(
                "childless-with-children",
                ("unions", u, "childless"),
                f"union '{union.key}' is marked childless ({union.childless.value}) but lists "
                f"{len(union.children)} child(ren); remove 'childless' or the children",
            )
        for k, partner_id in enumerate(union.partners):
            partner = ix.person(partner_id)
            if union.children and partner is not None and partner.kind in _NOT_PARENTS:
                yield error(
                    "outcome-with-children",
                    ("unions", u, "partners", k),
                    f"'{partner_id}' is a {partner.kind.value} and cannot have children, "
                    f"but union '{union.key}' gives them {len(union.children)}",
                )


def check_biological_parents(ix: Index) -> Iterator[Diagnostic]:
    """Nobody has more than two biological parents, counted over every union."""
    unions = ix.document.unions
    for child_id, links in ix.parent_links.items():
        parents: list[str] = []
        for u, c in links:
            if unions[u].children[c].parentage != Parentage.BIOLOGICAL:
                continue
            new = [p for p in dict.fromkeys(unions[u].partners) if p not in parents]
            parents += new
            if new and len(parents) > 2:
                yield error(
                    "too-many-biological-parents",
                    ("unions", u, "children", c, "parentage"),
                    f"'{child_id}' would have {len(parents)} biological parents "
                    f"({', '.join(parents)}); a person has at most two. Mark this link as "
                    "adopted, step, foster, donor or surrogate",
                )
                break


def check_own_ancestor(ix: Index) -> Iterator[Diagnostic]:
    """Nobody is their own ancestor: one error per loop in the parent -> child relation.

    Each strongly connected component of the parent -> child graph with more than one person is
    reported once, at the first child link (in file order) inside it, naming one shortest loop.
    A person who is a child of their own union is left to ``child-is-partner``.
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    for union in ix.document.unions:
        for child in union.children:
            graph.add_edges_from((p, child.person) for p in union.partners if p != child.person)
    loops = [scc for scc in nx.strongly_connected_components(graph) if len(scc) > 1]
    if not loops:
        return
    reported: set[int] = set()
    component = {person: n for n, scc in enumerate(loops) for person in scc}
    for u, union in enumerate(ix.document.unions):
        for c, child in enumerate(union.children):
            n = component.get(child.person)
            if n is None or n in reported:
                continue
            parents = (p for p in union.partners if p != child.person and component.get(p) == n)
            parent = next(parents, None)
            if parent is None:
                continue
            reported.add(n)
            cycle = nx.shortest_path(graph.subgraph(loops[n]), child.person, parent)
            names = " -> ".join([parent, *cycle])
            yield error(
                "own-ancestor",
                ("unions", u, "children", c, "person"),
                f"'{parent}' is their own ancestor: {names} (parent -> child); "
                "one of these parent-child links is wrong",
            )


def check_multiple_births(ix: Index) -> Iterator[Diagnostic]:
    """Twins and more are listed once each, share a parent union, and are born together."""
    for b, birth in enumerate(ix.document.multiple_births):
        first: dict[str, int] = {}
        common: set[int] | None = None
        for k, member in enumerate(birth.members):
            path: FieldPath = ("multiple_births", b, "members", k)
            if member in first:
                yield error("duplicate-member", path, f"'{member}' is listed twice in this birth")
                continue
            first[member] = k
            if member not in ix.people or common == set():
                continue  # unknown ids are reported by check_references
            unions = {u for u, _ in ix.parent_links.get(member, ())}
            others = [m for m in first if m != member and m in ix.people]
            common = unions if common is None else common & unions
            if not unions:
                why = f"'{member}' is not a child of any union"
            elif not common:
                why = f"'{member}' shares no parent union with {', '.join(others)}"
            else:
                continue
            yield error(
                "twins-not-siblings",
                path,
                f"{why}; members of a multiple birth must be children of one common union",
            )
        yield from _twin_dates(ix, b, first)


def _twin_dates(ix: Index, b: int, members: dict[str, int]) -> Iterator[Diagnostic]:
    dated = [(m, k, p.birth) for m, k in members.items() if (p := ix.person(m)) and p.birth]
    for member, k, date in dated[1:]:
        first_id, _, first = dated[0]
        if first.qualifier != "exact" or date.qualifier != "exact":
            continue
        if first.day is not None and date.day is not None:
            apart = abs((date.earliest() - first.earliest()).days) > MAX_TWIN_DAYS
        else:
            apart = date.year != first.year
        if apart:
            yield warning(
                "twin-birth-dates",
                ("multiple_births", b, "members", k),
                f"'{member}' (born {date}) and '{first_id}' (born {first}) are in one multiple "
                f"birth, but their birth dates are more than {MAX_TWIN_DAYS} days apart",
            )


def check_life_dates(ix: Index) -> Iterator[Diagnostic]:
    """Death after birth; no death date on someone marked alive."""
    for i, person in enumerate(ix.document.people):
        if person.death is not None and person.deceased is False:
            yield error(
                "deceased-contradiction",
                ("people", i, "deceased"),
                f"'{person.id}' has a death date ({person.death}) but is marked deceased: false",
            )
        if person.birth and person.death and person.death.definitely_before(person.birth):
            about = _about(person.birth, person.death)
            yield (warning if about else error)(
                "death-before-birth",
                ("people", i, "death"),
                f"'{person.id}' died ({person.death}) before they were born ({person.birth})"
                + ("; check the approximate dates" if about else ""),
            )


def _is_birth_mother(person: Person) -> bool:
    if person.sex_at_birth is not None:
        return person.sex_at_birth == SexAtBirth.FEMALE
    return person.gender == Gender.FEMALE


def check_parent_dates(ix: Index) -> Iterator[Diagnostic]:
    """Biological parents are born before, and a plausible age at, their child's birth."""
    for u, union in enumerate(ix.document.unions):
        for c, link in enumerate(union.children):
            child = ix.person(link.person)
            if link.parentage not in _BIRTH_PARENTAGES or child is None or child.birth is None:
                continue
            path: FieldPath = ("unions", u, "children", c, "person")
            for parent in filter(None, map(ix.person, dict.fromkeys(union.partners))):
                if parent.birth is not None and parent.id != child.id:
                    yield from _parent_birth(parent, child.id, parent.birth, child.birth, path)


def _parent_birth(
    parent: Person, child_id: str, born: FuzzyDate, child_born: FuzzyDate, path: FieldPath
) -> Iterator[Diagnostic]:
    what = (
        f"parent '{parent.id}' (born {born}) was born after their child '{child_id}' "
        f"(born {child_born})"
    )
    if child_born.definitely_before(born):
        about = _about(born, child_born)
        yield (warning if about else error)("parent-born-after-child", path, what)
        return
    if born.sort_key() > child_born.sort_key():
        yield warning("parent-born-after-child", path, what + " as far as the dates tell")
        return
    if "before" in (born.qualifier, child_born.qualifier) or "after" in (
        born.qualifier,
        child_born.qualifier,
    ):
        return  # an open-ended date gives no usable age
    age = years_between(born, child_born)
    if age < MIN_PARENT_AGE:
        limit = f"under {MIN_PARENT_AGE}"
    elif age > MAX_MOTHER_AGE and _is_birth_mother(parent):
        limit = f"over {MAX_MOTHER_AGE} for a birth mother"
    elif age > MAX_PARENT_AGE:
        limit = f"over {MAX_PARENT_AGE}"
    else:
        return
    yield warning(
        "parent-age",
        path,
        f"parent '{parent.id}' was {age} when '{child_id}' was born ({limit}); check the dates",
    )


def check_union_events(ix: Index) -> Iterator[Diagnostic]:
    """Union events in a plausible order, divorces of marriages, nothing after a death."""
    for u, union in enumerate(ix.document.unions):
        starts = [e.date for e in union.events if e.type in _STARTING_EVENTS and e.date]
        start = min(starts, key=FuzzyDate.sort_key) if starts else None
        deaths = [
            (p.id, p.death) for p in map(ix.person, dict.fromkeys(union.partners)) if p and p.death
        ]
        for e, event in enumerate(union.events):
            path: FieldPath = ("unions", u, "events", e, "date")
            if event.type == UnionEventType.DIVORCED and union.kind not in _DIVORCEABLE:
                yield warning(
                    "divorce-without-marriage",
                    ("unions", u, "events", e, "type"),
                    f"union '{union.key}' records a divorce but its kind is "
                    f"{union.kind.value}; use 'separated' or 'ended', or set kind: marriage",
                )
            if event.date is None:
                continue
            if event.type in ENDING_EVENTS and start and event.date.definitely_before(start):
                yield warning(
                    "union-event-order",
                    path,
                    f"union '{union.key}' is {event.type.value} ({event.date}) before it "
                    f"began ({start})",
                )
            if event.type == UnionEventType.WIDOWED:
                continue
            for partner_id, death in deaths:
                if death.definitely_before(event.date):
                    yield warning(
                        "event-after-death",
                        path,
                        f"union '{union.key}' has a {event.type.value} event ({event.date}) "
                        f"after partner '{partner_id}' died ({death})",
                    )


def check_people(ix: Index) -> Iterator[Diagnostic]:
    """Person fields that contradict each other."""
    doc = ix.document
    for i, person in enumerate(doc.people):
        if person.count is not None and person.index:
            yield warning(
                "count-with-index",
                ("people", i, "count"),
                f"'{person.id}' stands for several people (count) and is also the index person",
            )
        yield from _check_age(person, ("people", i, "age"), doc.date)
        for k, condition in enumerate(person.conditions):
            if condition.kind == ConditionKind.OTHER and not condition.name:
                yield error(
                    "condition-without-name",
                    ("people", i, "conditions", k, "name"),
                    f"'{person.id}' has a condition of kind 'other' with no name; "
                    "say what it is in 'name'",
                )
    index = [i for i, p in enumerate(doc.people) if p.index]
    if len(index) > 1:
        yield warning(
            "several-index-persons",
            ("people", index[1], "index"),
            f"several index persons: {', '.join(doc.people[i].id for i in index)}; "
            "a genogram usually has one",
        )


def _check_age(person: Person, path: FieldPath, today: FuzzyDate | None) -> Iterator[Diagnostic]:
    # A stated age is the age at death for the dead, else the age on the document's date.
    if person.age is None or person.birth is None:
        return
    when: FuzzyDate | dt.date | None = person.death if person.is_deceased else today
    if when is None:
        return
    expected = years_between(person.birth, when)
    if abs(expected - person.age) > 1:
        at = f"at death ({when})" if person.is_deceased else f"on the document date ({when})"
        yield warning(
            "age-mismatch",
            path,
            f"'{person.id}' is given age {person.age}, but born {person.birth} they were "
            f"{expected} {at}",
        )


def check_relationships(ix: Index) -> Iterator[Diagnostic]:
    """Relationships join two different people; ``mutual`` only applies to directed kinds."""
    for r, rel in enumerate(ix.document.relationships):
        if rel.source == rel.target:
            yield error(
                "self-relationship",
                ("relationships", r, "target"),
                f"relationship '{rel.key}' goes from '{rel.source}' to themself; "
                "source and target must be two different people",
            )
        if rel.mutual and rel.kind not in DIRECTED_EMOTIONS:
            yield warning(
                "mutual-undirected",
                ("relationships", r, "mutual"),
                f"'mutual' is ignored: {rel.kind.value} already goes both ways",
            )


def check_households(ix: Index) -> Iterator[Diagnostic]:
    """Nobody is listed twice in one household (several households are fine)."""
    for h, household in enumerate(ix.document.households):
        seen: set[str] = set()
        for k, member in enumerate(household.members):
            if member in seen:
                yield error(
                    "duplicate-member",
                    ("households", h, "members", k),
                    f"'{member}' is listed twice in household '{household.id}'",
                )
            seen.add(member)


def check_ecomap_section(ix: Index) -> Iterator[Diagnostic]:
    """The eco-map's checks, in :mod:`genomap.validate_ecomap`."""
    yield from check_ecomap(ix.document, ix.people)


CHECKS: Final[tuple[Check, ...]] = (
    check_duplicate_ids,
    check_references,
    check_unions,
    check_biological_parents,
    check_own_ancestor,
    check_multiple_births,
    check_life_dates,
    check_parent_dates,
    check_union_events,
    check_people,
    check_relationships,
    check_households,
    check_ecomap_section,
)
"""Every check ``check_document`` runs."""


def check_document(document: Document) -> list[Diagnostic]:
    """Every semantic problem in a document that already passed pydantic validation.

    Args:
        document: The validated document.

    Returns:
        Errors and warnings located by field path (no file or line), sorted in document order:
        by path, then code.

    Example:
        >>> doc = Document.model_validate(
        ...     {"people": [{"id": "a"}], "unions": [{"partners": ["a", "b"]}]}
        ... )
        >>> [(d.code, d.location.path) for d in check_document(doc)]
        [('unknown-person', ('unions', 0, 'partners', 1))]
    """
    ix = Index.build(document)
    found = [diagnostic for check in CHECKS for diagnostic in check(ix)]
    return sorted(
        found, key=lambda d: (_document_order(document, d.location.path), d.code, d.message)
    )


def _document_order(document: Document, path: FieldPath) -> tuple[int, ...]:
    # Field names rank by their declaration order in the model, indexes by position.
    key: list[int] = []
    node: object = document
    for part in path:
        if isinstance(part, int):
            key.append(part)
            node = node[part] if isinstance(node, tuple) and part < len(node) else None
        elif isinstance(node, BaseModel):
            names = list(type(node).model_fields)
            key.append(names.index(part) if part in names else len(names))
            node = getattr(node, part, None)
        else:
            key.append(0)
    return tuple(key)
