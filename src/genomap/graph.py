"""The family as a typed networkx graph, with the kinship queries layout and checks need.

Node keys carry their kind so kinds never collide: ``person:<id>``, ``union:<union key>``,
``household:<id>`` and ``system:<id>``. Every node has ``kind`` and ``data`` (the model object).
Edges have a ``type`` and ``data`` (the model object they come from); the multigraph key is the
type, or ``<type>#2``, ``<type>#3``, ... for a repeat between the same two nodes (two emotional
relationships between one pair, say), so nothing in the document is lost:

- ``partner``: person -> union, ``order`` = the partner's position in the union.
- ``child``: union -> person, ``parentage`` = a :class:`Parentage`.
- ``emotional``: person -> person (source -> target), ``kind`` = an :class:`EmotionKind`.
- ``member``: person -> household.
- ``connection``: system -> person (a member tie) or system -> centre household, with
  ``strength``, ``stressful`` and ``flow``. The centre household is the eco-map's ``household``,
  else the index person's first household, else the first household. A document without any
  household gets the synthetic node ``household:__centre__`` (``data`` None, ``synthetic``
  True), added only when a tie needs it.

Dangling ids are skipped (the validator reports them), as are repeats of an id or union key
after its first occurrence. Queries take and return person ids and raise KeyError for an
unknown one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Final, TypeVar

import networkx as nx

from genomap.dates import FuzzyDate
from genomap.kinship import (
    ancestor_bitsets,
    assign_generations,
    closest_relation,
    degree_label,
    generation_rows,
    nearest_common_ancestors,
)
from genomap.models import Document, EcoMap, Household, Parentage, Person, Union

CENTRE_NODE: Final = "household:__centre__"
BLOOD: Final = frozenset({Parentage.BIOLOGICAL})
"""Parentage that counts as a blood tie (donor and surrogate links are not assumed genetic)."""

_RANK: Final = {p: i for i, p in enumerate(Parentage)}
_T = TypeVar("_T")
ParentageFilter = Parentage | Collection[Parentage] | None


def person_node(person_id: str) -> str:
    """The node key of a person."""
    return f"person:{person_id}"


def union_node(union_key: str) -> str:
    """The node key of a union."""
    return f"union:{union_key}"


def household_node(household_id: str) -> str:
    """The node key of a household."""
    return f"household:{household_id}"


def system_node(system_id: str) -> str:
    """The node key of an eco-map system."""
    return f"system:{system_id}"


def date_sorted(items: Sequence[_T], date: Callable[[_T], FuzzyDate | None]) -> list[_T]:
    """Dated items sorted by date within the positions dated items hold; undated ones stay put.

    Equal dates keep file order (stable sort), so twins keep the order they were listed in.
    """
    # Sorting (date key, position) pairs is the stable sort by date.
    dated = [
        (value.sort_key(), i) for i, item in enumerate(items) if (value := date(item)) is not None
    ]
    order = sorted(dated)
    if order == dated:  # the usual case: already in date order
        return list(items)
    return _permuted(items, dated, order)


def _permuted(
    items: Sequence[_T], dated: list[tuple[Any, int]], order: list[tuple[Any, int]]
) -> list[_T]:
    """``items`` with the dated positions (``dated``) refilled in sorted ``order``."""
    result = list(items)
    for (_, slot), (_, i) in zip(dated, order, strict=True):
        result[slot] = items[i]
    return result


def _allowed(parentage: ParentageFilter) -> frozenset[Parentage] | None:
    if parentage is None:
        return None
    if isinstance(parentage, Parentage):
        return frozenset({parentage})
    return frozenset(parentage)


class FamilyGraph:
    """A document's people, unions, households and eco-map as one typed multigraph.

    Build it with :func:`build_graph`. ``graph`` is the :class:`networkx.MultiDiGraph`, built
    in bulk on first use; the query methods run on plain indexes built from the document (so
    layout never pays for networkx) and never depend on set or hash order.
    """

    def __init__(self, document: Document) -> None:
        """Index ``document``; the networkx graph itself is built on first use of ``graph``."""
        self.document = document
        self._people: dict[str, Person] = {}
        self._unions: dict[str, Union] = {}
        self._partners: dict[str, list[str]] = {}
        self._kids: dict[str, list[tuple[str, Parentage]]] = {}
        self._parent_links: dict[str, list[tuple[str, Parentage]]] = {}
        self._unions_of: dict[str, list[str]] = {}
        self._households: dict[str, Household] = {}
        self._members: dict[str, list[str]] = {}
        self._households_of: dict[str, list[str]] = {}
        self._generations: dict[str, int] | None = None
        self._components: list[set[str]] | None = None
        # The unions each person is a blood child of, filled in for the people asked about
        # and their ancestors only.
        self._blood_links: dict[str, list[tuple[str, list[str]]]] = {}
        # Whether a union without partners joins several children (then the connected
        # components are more than the parts partner pairs and parent-child links join).
        self._partnerless_sibships = False
        self._nx: nx.MultiDiGraph[str] | None = None
        self._index_people(document)
        self._index_unions(document)
        self._index_households(document)
        self.centre_household: str | None = self._centre_household(document)
        """The id of the household eco-map ties without a member go to (None: synthetic)."""
        index = document.index_person
        self.index_person_id: str | None = index.id if index and index.id in self._people else None
        """The index person's id, if there is one."""

    # -- indexing ---------------------------------------------------------------------------

    def _index_people(self, document: Document) -> None:
        people = self._people = {person.id: person for person in document.people}
        if len(people) < len(document.people):  # a repeated id: its first occurrence counts
            people.clear()
            for person in document.people:
                people.setdefault(person.id, person)
        self._parent_links = {pid: [] for pid in people}
        self._unions_of = {pid: [] for pid in people}
        # Households are rare: only their members get an entry.

    def _index_unions(self, document: Document) -> None:
        people, unions, unions_of = self._people, self._unions, self._unions_of
        parent_links, partners_of, kids_of = self._parent_links, self._partners, self._kids
        several: list[list[tuple[str, Parentage]]] = []  # people with several parent links
        married: list[str] = []  # people with several unions (maybe listed twice)
        for union in document.unions:
            key = union.key
            if key in unions:
                continue
            unions[key] = union
            partners: list[str]
            pair = union.partners
            if len(pair) == 2 and pair[0] != pair[1] and pair[0] in people and pair[1] in people:
                partners = list(pair)  # the usual couple
            else:
                partners = [pid for pid in pair if pid in people]
                if len(partners) == 2 and partners[0] == partners[1]:
                    partners = partners[:1]  # a partner listed twice counts once
            for pid in partners:
                keys = unions_of[pid]
                keys.append(key)
                if len(keys) == 2:
                    married.append(pid)
            partners_of[key] = partners
            if not union.children:
                kids_of[key] = []
                continue
            kids = [
                (link.person, link.parentage) for link in union.children if link.person in people
            ]
            if len(kids) > 1:
                # date_sorted by birth, without a call per child.
                dated = [
                    (birth.sort_key(), i)
                    for i, (pid, _) in enumerate(kids)
                    if (birth := people[pid].birth) is not None
                ]
                order = sorted(dated)
                if order != dated:
                    kids = _permuted(kids, dated, order)
                if not partners:
                    self._partnerless_sibships = True
            kids_of[key] = kids
            for kid in kids:
                entries = parent_links[kid[0]]
                entries.append((key, kid[1]))
                if len(entries) == 2:
                    several.append(entries)
        if several:
            position = {key: i for i, key in enumerate(unions)}
            for entries in several:
                entries.sort(key=lambda item: (_RANK[item[1]], position[item[0]]))
        for pid in married:
            unions_of[pid] = date_sorted(unions_of[pid], lambda key: unions[key].start)

    def _index_households(self, document: Document) -> None:
        for household in document.households:
            if household.id in self._households:
                continue
            self._households[household.id] = household
            members: list[str] = []
            for pid in household.members:
                if pid in self._people and pid not in members:
                    members.append(pid)
                    self._households_of.setdefault(pid, []).append(household.id)
            self._members[household.id] = members

    def _centre_household(self, document: Document) -> str | None:
        wanted = document.ecomap.household if document.ecomap else None
        if wanted in self._households:
            return wanted
        index = document.index_person
        if index is not None and self._households_of.get(index.id):
            return self._households_of[index.id][0]
        return next(iter(self._households), None)

    # -- the networkx graph -----------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The :class:`networkx.MultiDiGraph` (see the module docstring), built on first use.

        The queries below run on plain indexes, so layout never pays for building it.
        """
        if self._nx is None:
            self._nx = self._build_nx()
        return self._nx

    def _build_nx(self) -> nx.MultiDiGraph[str]:
        document = self.document
        nodes: list[tuple[str, dict[str, Any]]] = [
            (person_node(pid), {"kind": "person", "data": person})
            for pid, person in self._people.items()
        ]
        edges: list[tuple[str, str, str, dict[str, Any]]] = []
        repeats: dict[tuple[str, str, str], int] = {}

        def add_edge(u: str, v: str, type_: str, attrs: dict[str, Any]) -> None:
            # Keys of different types never collide (no type holds '#'), so count per type.
            n = repeats.get((u, v, type_), 0) + 1
            repeats[u, v, type_] = n
            edges.append((u, v, type_ if n == 1 else f"{type_}#{n}", {"type": type_, **attrs}))

        for key, union in self._unions.items():
            node = union_node(key)
            nodes.append((node, {"kind": "union", "data": union}))
            seen: list[str] = []
            for order, pid in enumerate(union.partners):
                if pid in self._people and pid not in seen:
                    seen.append(pid)
                    add_edge(person_node(pid), node, "partner", {"order": order, "data": union})
            for link in union.children:
                if link.person in self._people:
                    add_edge(
                        node,
                        person_node(link.person),
                        "child",
                        {"parentage": link.parentage, "data": link},
                    )
        for rel in document.relationships:
            if rel.source in self._people and rel.target in self._people:
                add_edge(
                    person_node(rel.source),
                    person_node(rel.target),
                    "emotional",
                    {"kind": rel.kind, "data": rel},
                )
        for household_id, household in self._households.items():
            node = household_node(household_id)
            nodes.append((node, {"kind": "household", "data": household}))
            for pid in self._members[household_id]:
                add_edge(person_node(pid), node, "member", {"data": household})
        if document.ecomap is not None:
            self._ecomap_parts(document.ecomap, nodes, add_edge)
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        graph.add_nodes_from(nodes)
        for u, v, key, attrs in edges:  # MultiDiGraph.add_edges_from adds them one by one too
            graph.add_edge(u, v, key, **attrs)
        return graph

    def _ecomap_parts(
        self,
        ecomap: EcoMap,
        nodes: list[tuple[str, dict[str, Any]]],
        add_edge: Callable[[str, str, str, dict[str, Any]], None],
    ) -> None:
        systems: set[str] = set()
        for system in ecomap.systems:
            if system.id not in systems:
                systems.add(system.id)
                nodes.append((system_node(system.id), {"kind": "system", "data": system}))
        centre_added = False
        for conn in ecomap.connections:
            if conn.system not in systems:
                continue
            if conn.member is not None:
                if conn.member not in self._people:
                    continue
                target = person_node(conn.member)
            elif self.centre_household is not None:
                target = household_node(self.centre_household)
            else:
                target = CENTRE_NODE
                if not centre_added:
                    centre_added = True
                    nodes.append((target, {"kind": "household", "data": None, "synthetic": True}))
            add_edge(
                system_node(conn.system),
                target,
                "connection",
                {
                    "strength": conn.strength,
                    "stressful": conn.stressful,
                    "flow": conn.flow,
                    "data": conn,
                },
            )

    # -- lookups ----------------------------------------------------------------------------

    def _check(self, pid: str) -> None:
        if pid not in self._people:
            raise KeyError(f"unknown person id {pid!r}")

    @property
    def person_ids(self) -> list[str]:
        """Every person id, in file order."""
        return list(self._people)

    @property
    def union_keys(self) -> list[str]:
        """Every union key, in file order."""
        return list(self._unions)

    def person(self, pid: str) -> Person:
        """The person with this id."""
        self._check(pid)
        return self._people[pid]

    def union(self, key: str) -> Union:
        """The union with this key."""
        return self._unions[key]

    def union_partners(self, key: str) -> list[str]:
        """The partners of a union that exist in the document, in partner order."""
        return list(self._partners[key])

    def union_children(self, key: str) -> list[tuple[str, Parentage]]:
        """A union's children with their parentage, in birth order (see :meth:`children`)."""
        return list(self._kids[key])

    def birth_ordered_children(self) -> Mapping[str, Sequence[tuple[str, Parentage]]] | None:
        """Every union's children as :meth:`union_children` gives them, by union key, without
        copying (read only); None when the document repeats a person id or union key, as the
        graph then keeps only the first occurrence."""
        document = self.document
        if len(self._people) < len(document.people) or len(self._unions) < len(document.unions):
            return None
        return MappingProxyType(self._kids)

    # -- parents, children, partners ---------------------------------------------------------

    def parents(self, pid: str, parentage: ParentageFilter = None) -> list[str]:
        """The partners of every union ``pid`` is a child of, optionally only some parentage.

        Order: biological links first, then adopted, foster, step, donor, surrogate (the
        :class:`Parentage` order); within one parentage by union file order; partners in
        partner order.
        """
        self._check(pid)
        allowed = _allowed(parentage)
        found: dict[str, None] = {}
        for key, kind in self._parent_links[pid]:
            if allowed is None or kind in allowed:
                found.update((p, None) for p in self._partners[key] if p != pid)
        return list(found)

    def biological_parents(self, pid: str) -> list[str]:
        """The biological parents, as :meth:`parents` orders them."""
        return self.parents(pid, BLOOD)

    def unions_of(self, pid: str) -> list[Union]:
        """The unions ``pid`` is a partner in, by start date (undated ones keep file position)."""
        self._check(pid)
        return [self._unions[key] for key in self._unions_of[pid]]

    def partners(self, pid: str) -> list[str]:
        """Everyone ``pid`` has a union with, in :meth:`unions_of` order, each once."""
        self._check(pid)
        found: dict[str, None] = {}
        for key in self._unions_of[pid]:
            found.update((p, None) for p in self._partners[key] if p != pid)
        return list(found)

    def children(self, pid: str, parentage: ParentageFilter = None) -> list[str]:
        """The children of ``pid``'s unions, optionally only some parentage.

        Order: union by union in :meth:`unions_of` order; within a union by birth date, with
        undated children keeping their place in the union's children list.
        """
        self._check(pid)
        allowed = _allowed(parentage)
        found: dict[str, None] = {}
        for key in self._unions_of[pid]:
            found.update(
                (c, None)
                for c, kind in self._kids[key]
                if c != pid and (allowed is None or kind in allowed)
            )
        return list(found)

    # -- siblings and step relations ---------------------------------------------------------

    def siblings(self, pid: str) -> list[str]:
        """Everyone sharing a parent union or a parent (any parentage) with ``pid``.

        Order: the other children of ``pid``'s parent unions (as :meth:`parents` orders the
        unions, each in birth order), then the other children of each parent.
        """
        self._check(pid)
        found: dict[str, None] = {}
        for key, _ in self._parent_links[pid]:
            found.update((c, None) for c, _ in self._kids[key] if c != pid)
        for parent in self.parents(pid):
            found.update((c, None) for c in self.children(parent) if c != pid)
        return list(found)

    def _blood_unions(self, pid: str) -> set[str]:
        return {key for key, kind in self._parent_links[pid] if kind in BLOOD}

    def _is_full(self, a: str, b: str) -> bool:
        shared = set(self.biological_parents(a)) & set(self.biological_parents(b))
        return len(shared) >= 2 or bool(self._blood_unions(a) & self._blood_unions(b))

    def full_siblings(self, pid: str) -> list[str]:
        """Siblings sharing two biological parents or being blood children of the same union.

        The union rule makes the children of a single-parent union full siblings. Order as in
        :meth:`siblings`.
        """
        return [s for s in self.siblings(pid) if self._is_full(pid, s)]

    def half_siblings(self, pid: str) -> list[str]:
        """Siblings sharing at least one biological parent who are not full siblings."""
        mine = set(self.biological_parents(pid))
        return [
            s
            for s in self.siblings(pid)
            if mine & set(self.biological_parents(s)) and not self._is_full(pid, s)
        ]

    def step_parents(self, pid: str) -> list[str]:
        """Partners of a parent who are not themselves a parent of ``pid``.

        Order: parent by parent (:meth:`parents` order), each parent's partners in order.
        """
        parents = self.parents(pid)
        found: dict[str, None] = {}
        for parent in parents:
            found.update((q, None) for q in self.partners(parent) if q not in parents and q != pid)
        return list(found)

    def step_children(self, pid: str) -> list[str]:
        """Children of ``pid``'s partners who are not ``pid``'s children, partner by partner."""
        own = set(self.children(pid))
        found: dict[str, None] = {}
        for partner in self.partners(pid):
            found.update((c, None) for c in self.children(partner) if c not in own and c != pid)
        return list(found)

    def step_siblings(self, pid: str) -> list[str]:
        """Children of a step-parent who share no parent with ``pid``, by step-parent order."""
        parents = set(self.parents(pid))
        found: dict[str, None] = {}
        for step_parent in self.step_parents(pid):
            found.update(
                (c, None)
                for c in self.children(step_parent)
                if c != pid and not parents & set(self.parents(c))
            )
        return list(found)

    # -- lines of descent --------------------------------------------------------------------

    def _walk(
        self,
        pid: str,
        step: Callable[[str], Iterable[str]],
        max_generations: int | None,
    ) -> list[str]:
        self._check(pid)
        seen = {pid}
        order: list[str] = []
        frontier = [pid]
        depth = 0
        while frontier and (max_generations is None or depth < max_generations):
            depth += 1
            nxt: list[str] = []
            for person in frontier:
                for other in step(person):
                    if other not in seen:
                        seen.add(other)
                        nxt.append(other)
            order.extend(nxt)
            frontier = nxt
        return order

    def ancestors(
        self, pid: str, max_generations: int | None = None, parentage: ParentageFilter = None
    ) -> list[str]:
        """Ancestors up to ``max_generations`` up (all if None), nearest generation first.

        ``parentage`` restricts the links followed, e.g. :data:`BLOOD` for blood ancestors.
        Within a generation the order follows :meth:`parents`; someone reachable by several
        lines is listed once, at their nearest generation.
        """
        return self._walk(pid, lambda p: self.parents(p, parentage), max_generations)

    def descendants(
        self, pid: str, max_generations: int | None = None, parentage: ParentageFilter = None
    ) -> list[str]:
        """Descendants down to ``max_generations`` (all if None), nearest generation first.

        Order within a generation follows :meth:`children`; see :meth:`ancestors`.
        """
        return self._walk(pid, lambda p: self.children(p, parentage), max_generations)

    # -- whole-family structure --------------------------------------------------------------

    def components(self) -> list[set[str]]:
        """People joined by unions (partners, children); emotional ties and households don't join.

        Sorted: the index person's component first, then by size (largest first), then by the
        smallest id in the component.
        """
        return [set(group) for group in self._sorted_components()]

    def _sorted_components(self) -> list[set[str]]:
        if self._components is None:
            self._components = self._sorted(self._groups())
        return self._components

    def _sorted(self, groups: list[set[str]]) -> list[set[str]]:
        return sorted(groups, key=lambda g: (self.index_person_id not in g, -len(g), min(g)))

    def _groups(self) -> list[set[str]]:
        """The connected components, by a search over people and the unions they belong to."""
        unions_of, parent_links = self._unions_of, self._parent_links
        partners, kids = self._partners, self._kids
        placed: set[str] = set()
        expanded: set[str] = set()  # union keys whose people have been reached
        groups: list[set[str]] = []
        for start in self._people:
            if start in placed:
                continue
            group = {start}
            todo = [start]
            for pid in todo:  # todo grows while it is walked: a breadth-first search
                keys = unions_of[pid]
                if parent_links[pid]:
                    keys = keys + [key for key, _ in parent_links[pid]]
                for key in keys:
                    if key not in expanded:
                        expanded.add(key)
                        for other in partners[key]:
                            if other not in group:
                                group.add(other)
                                todo.append(other)
                        for other, _ in kids[key]:
                            if other not in group:
                                group.add(other)
                                todo.append(other)
            placed |= group
            groups.append(group)
        return groups

    def generations(self) -> dict[str, int]:
        """The generation row of every person, 0 at the top of each connected component.

        Partners share a row, children sit at least one row below every parent (exactly one
        where possible), marry-ins take their partner's row, and a family joined to another
        only through one marriage (a marry-in's parents and siblings, or a founder couple)
        moves down to sit right above it, kinship2 ``kindepth(align=TRUE)`` style. Only
        partners whose merge would make someone their own ancestor (a union with a
        descendant) get different rows. A cross-generation union that closes no such cycle
        (uncle and niece) brings both partners to the lower row. Child links of every
        parentage count. See :func:`genomap.kinship.assign_generations`.
        """
        if self._generations is None:
            pairs = [(p[0], p[1]) for p in self._partners.values() if len(p) == 2]
            edges = [
                (parent, child)
                for key, partners in self._partners.items()
                for parent in partners
                for child, _ in self._kids[key]
            ]
            people = list(self._people)
            if self._partnerless_sibships:
                self._generations = assign_generations(
                    people, pairs, edges, self._sorted_components()
                )
            else:
                # The parts partner pairs and parent-child links join are the components,
                # and each starts at row 0 already: no search for the components.
                self._generations, parts = generation_rows(people, pairs, edges)
                if self._components is None:
                    self._components = self._sorted([set(part) for part in parts])
        return dict(self._generations)

    def _blood_edges(self) -> list[tuple[str, str]]:
        return [
            (parent, child)
            for key, partners in self._partners.items()
            for parent in partners
            for child, kind in self._kids[key]
            if kind in BLOOD
        ]

    def consanguineous_unions(self) -> list[tuple[str, list[str]]]:
        """Unions whose partners share a biological ancestor, or where one descends from the other.

        Returns:
            (union key, the nearest common ancestors' ids, sorted) in union file order. The
            nearest common ancestors are the shared ancestors-or-self that are not ancestors of
            another shared one: the shared grandparents of first cousins, the partner who is
            the ancestor when one partner descends from the other.
        """
        by_rows = self._ancestor_bits_by_rows()
        if by_rows is None:
            ids = list(self._people)
            bits = ancestor_bitsets(ids, self._blood_edges())
        else:
            bits, ids = by_rows
        found: list[tuple[str, list[str]]] = []
        for key, partners in self._partners.items():
            # Most couples share no ancestor: test the bits before naming anyone.
            if len(partners) == 2 and bits.get(partners[0], 0) & bits.get(partners[1], 0):
                common = nearest_common_ancestors(partners[0], partners[1], bits, ids)
                if common:
                    found.append((key, common))
        return found

    def _ancestor_bits_by_rows(self) -> tuple[dict[str, int], list[str]] | None:
        """:func:`ancestor_bitsets`' sets without its search for an order: unions taken by
        generation row, which puts every parent before their children unless someone is
        their own ancestor (then None). Only partners of unions with children get a bit of
        their own (bit ``i`` stands for the second list's ``[i]``), and people with an empty
        set no entry: no one else's set could hold the others' own bits, so every
        intersection, and so every nearest common ancestor, is the same.
        """
        if self._generations is None:
            self.generations()
        rows = self._generations
        assert rows is not None
        partners_of = self._partners
        keyed = [
            (max(map(rows.__getitem__, partners_of[key])), key)
            for key, kids in self._kids.items()
            if kids and partners_of[key]
        ]
        keyed.sort(key=itemgetter(0))  # no union's children sit on its row or above
        bits: dict[str, int] = {}
        ids: list[str] = []
        own: dict[str, int] = {}
        for row, key in keyed:
            parents = 0
            for partner in partners_of[key]:
                bit = own.get(partner)
                if bit is None:
                    bit = own[partner] = 1 << len(ids)
                    ids.append(partner)
                    bits[partner] = bits.get(partner, 0) | bit
                parents |= bits[partner]
            for child, kind in self._kids[key]:
                if kind in BLOOD:
                    if rows[child] <= row:  # not below the union: rows are no order here
                        return None
                    bits[child] = bits.get(child, 0) | parents
        return bits, ids

    def relationship_degree(self, a: str, b: str) -> str | None:
        """A short English label for the blood relationship of two people, or None if unrelated.

        Examples: "siblings", "half siblings", "first cousins", "second cousins once removed",
        "aunt/uncle and niece/nephew", "grandparent and grandchild"; "same person" for a == b.
        Only biological links count; the closest common ancestor decides.
        """
        self._check(a)
        self._check(b)
        if a == b:
            return degree_label(0, 0, half=False)
        self._add_blood_links(a)
        self._add_blood_links(b)
        relation = closest_relation(a, b, self._blood_links)
        return None if relation is None else degree_label(*relation)

    def _add_blood_links(self, pid: str) -> None:
        """Fill in the blood links of ``pid`` and their ancestors, as (union key, partners)."""
        links = self._blood_links
        todo = [pid]
        while todo:
            person = todo.pop()
            if person in links:  # their ancestors are in already
                continue
            # Union file order is :meth:`parents` order within one parentage (BLOOD is one).
            found = links[person] = [
                (key, self._partners[key])
                for key, kind in self._parent_links[person]
                if kind in BLOOD
            ]
            for _, parents in found:
                todo.extend(parents)

    def neighbourhood(self, pid: str, generations: int) -> set[str]:
        """The people a family tree drawn around ``pid`` shows.

        That is ``pid``, their ancestors and descendants up to ``generations`` away (any
        parentage), plus the partners and siblings of all of those.
        """
        core = {pid, *self.ancestors(pid, generations), *self.descendants(pid, generations)}
        found = set(core)
        for person in core:
            found.update(self.partners(person))
            found.update(self.siblings(person))
        return found

    # -- households --------------------------------------------------------------------------

    def households_of(self, pid: str) -> list[str]:
        """The ids of the households ``pid`` belongs to, in file order."""
        self._check(pid)
        return list(self._households_of.get(pid, ()))

    def members(self, household_id: str) -> list[str]:
        """The (existing) members of a household, in the household's order."""
        return list(self._members[household_id])


def build_graph(document: Document) -> FamilyGraph:
    """Build the :class:`FamilyGraph` of a validated document."""
    return FamilyGraph(document)


def subdocument(document: Document, person_ids: Iterable[str]) -> Document:
    """A copy of ``document`` restricted to ``person_ids`` (e.g. a :meth:`neighbourhood`).

    Unions are kept when at least one partner is kept, with the partners and children
    filtered. A union that loses a partner and has no ``id`` gets its old key as ``id`` so it
    keeps its identity (such an id may hold '+', so the copy is not re-validated: it is built
    with ``model_copy``). Emotional relationships need both ends; households and multiple
    births keep their kept members (dropped when too few remain); eco-map ties to removed
    members are dropped, as are centre settings naming removed people or households.
    """
    keep = set(person_ids)
    unions = []
    for union in document.unions:
        partners = tuple(p for p in union.partners if p in keep)
        if not partners:
            continue
        update: dict[str, Any] = {
            "partners": partners,
            "children": tuple(c for c in union.children if c.person in keep),
        }
        if partners != union.partners and union.id is None:
            update["id"] = union.key
        unions.append(union.model_copy(update=update))
    households = []
    for household in document.households:
        members = tuple(m for m in household.members if m in keep)
        if members:
            households.append(household.model_copy(update={"members": members}))
    births = []
    for birth in document.multiple_births:
        members = tuple(m for m in birth.members if m in keep)
        if len(members) >= 2:
            births.append(birth.model_copy(update={"members": members}))
    ecomap = document.ecomap
    if ecomap is not None:
        kept_households = {h.id for h in households}
        ecomap = ecomap.model_copy(
            update={
                "connections": tuple(
                    c for c in ecomap.connections if c.member is None or c.member in keep
                ),
                "household": ecomap.household if ecomap.household in kept_households else None,
                "person": ecomap.person if ecomap.person in keep else None,
            }
        )
    return document.model_copy(
        update={
            "people": tuple(p for p in document.people if p.id in keep),
            "unions": tuple(unions),
            "multiple_births": tuple(births),
            "relationships": tuple(
                r for r in document.relationships if r.source in keep and r.target in keep
            ),
            "households": tuple(households),
            "ecomap": ecomap,
        }
    )
