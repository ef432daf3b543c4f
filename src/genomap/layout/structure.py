"""The layered structure layout works on: rows of units, partner chains and descent anchors.

A *unit* is one slot in a row: a person, or a line-only slot (a ``dummy`` that carries a long
descent line through a row, a ``ghost`` that stands in a lower row for a partner drawn higher up,
or a ``stub`` that gives a single parent's partner line its free end). An *anchor* is where lines
to the next row start: a union (between its partners) or a unit carrying a line downwards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain as chained
from operator import attrgetter
from typing import Literal

from genomap.models import Document, Gender, Parentage, Person, Union

UnitKind = Literal["person", "dummy", "ghost", "stub"]

# Which parent union a child is drawn under when it has several (conventions §4: an adopted child
# sits in the adoptive sibship; a step link never draws a line of its own).
PARENTAGE_PRIORITY: Mapping[Parentage, int] = {
    Parentage.ADOPTED: 0,
    Parentage.BIOLOGICAL: 1,
    Parentage.FOSTER: 2,
    Parentage.DONOR: 3,
    Parentage.SURROGATE: 4,
    Parentage.STEP: 5,
}


@dataclass(slots=True)
class Unit:
    """One slot in a row."""

    key: str
    kind: UnitKind
    row: int
    person: Person | None = None
    up: str | None = None  # the anchor key above this unit (union key or unit key)
    sibling_rank: int = 0  # position within its sibship (birth order)
    chain: int = -1  # index of its chain in the row
    width: float = 0.0
    down_unions: list[str] = field(default_factory=list)
    carries: tuple[str, Parentage] | None = None  # a dummy's child id and parentage
    stem_of: str | None = None  # a dummy or ghost carrying a partner's line to this union
    buddy: str | None = None  # a household member to stand beside (lone members, pets)
    copy_of: str | None = None  # a person drawn a second time, next to a partner (loops)


@dataclass(slots=True)
class UnionInfo:
    """A union as layout sees it: its row, its partner units, its children units below."""

    union: Union
    row: int
    partner_units: list[str]  # unit keys in the union's row (a person, ghost or stub)
    children: list[tuple[str, str, Parentage]]  # (unit key in row+1, child person id, parentage)


@dataclass(slots=True)
class Structure:
    """Everything ordering, placement and routing need, built once per connected component."""

    rows: list[list[str]]  # unit keys per row, in the current order
    units: dict[str, Unit]
    unions: dict[str, UnionInfo]
    chains: list[list[str]]  # unit keys in chain order (fixed internal order)
    primary: dict[str, str]  # person id -> union key they are drawn under
    secondary: list[tuple[str, str, Parentage]]  # (union key, person id, parentage) extra links
    # ``rows`` as chain indices (each chain's units are contiguous in its row), as built.
    row_chains: list[list[int]] = field(default_factory=list)
    # Dummies (top row first) carrying an extra link through the rows between its union and a
    # child drawn more than one row below it, by (union key, person id).
    secondary_dummies: dict[tuple[str, str], list[str]] = field(default_factory=dict)


def birth_key(person: Person | None, position: int) -> tuple[int, int, int, int]:
    """Sort key for birth order: dated siblings by date, undated keep their list position."""
    if person is None or person.birth is None:
        return (1, position, 0, 0)
    y, m, d = person.birth.sort_key()
    return (0, y * 10000 + m * 100 + d, position, 0)


def sibling_order(children: Sequence[tuple[Person | None, int]]) -> list[int]:
    """Indices of ``children`` in birth order, oldest first.

    Dated children are ordered by date; undated children keep their place relative to the
    dated child listed before them (kinship2 and pedigreejs keep input order when unknown).
    """
    # The key is birth_key's without its constant parts: (date, list position, index).
    keyed: list[tuple[tuple[int, int, int], int, int]] = [
        (p.birth.sort_key(), position, i)
        for i, (p, position) in enumerate(children)
        if p is not None and p.birth is not None
    ]
    dated = [i for *_, i in sorted(keyed)]
    if len(dated) == len(children):
        return dated
    order: list[int] = []
    pending = iter(dated)
    for i, (person, _) in enumerate(children):
        if person is not None and person.birth is not None:
            order.append(next(pending))
        else:
            order.append(i)
    return order


def choose_primary(
    document: Document, people: Mapping[str, Person]
) -> tuple[dict[str, str], list[tuple[str, str, Parentage]]]:
    """Pick the union each person is drawn under; the other links become secondary lines."""
    primary: dict[str, str] = {}
    contested: set[str] = set()  # children of several unions (or listed twice): ranked below
    for union in document.unions:
        key = union.key
        for child in union.children:
            person_id = child.person
            if person_id in primary:
                contested.add(person_id)
            elif person_id in people:
                primary[person_id] = key
    secondary: list[tuple[str, str, Parentage]] = []
    if not contested:
        return primary, secondary
    links: dict[str, list[tuple[int, str, Parentage]]] = defaultdict(list)
    for union in document.unions:
        for child in union.children:
            if child.person in contested:
                links[child.person].append(
                    (PARENTAGE_PRIORITY[child.parentage], union.key, child.parentage)
                )
    for person_id in sorted(contested):
        ranked = sorted(links[person_id])
        primary[person_id] = ranked[0][1]
        for _, union_key, parentage in ranked[1:]:
            if parentage != Parentage.STEP:
                secondary.append((union_key, person_id, parentage))
    return primary, secondary


_MALE = (Gender.MALE, Gender.TRANSGENDER_MALE)


def order_partners(person: Person, partners: list[Person], male_left: bool) -> bool:
    """Whether a partner stands to the right of ``person`` (McGoldrick: man left, woman right)."""
    return _stands_left(person, partners[0], male_left) if partners else True


def _stands_left(person: Person, partner: Person, male_left: bool) -> bool:
    """Whether ``person`` stands left of ``partner`` (see :func:`order_partners`)."""
    if male_left and person.gender != partner.gender:
        if person.gender in _MALE:
            return True
        if partner.gender in _MALE:
            return False
    # Same-sex or undetermined couples: the elder (else the smaller id) stands left.
    mine, theirs = person.birth, partner.birth
    if mine is not None and theirs is not None and mine.year != theirs.year:
        return mine.year < theirs.year  # the usual case, decided without the full keys
    return (mine.sort_key() if mine else (9999, 0, 0), person.id) <= (
        theirs.sort_key() if theirs else (9999, 0, 0),
        partner.id,
    )


Sibships = Mapping[str, Sequence[tuple[str, Parentage]]]
"""Each union's children (person id, parentage) in birth order, by union key."""


class _Builder:
    """Builds a :class:`Structure` for one connected component."""

    def __init__(
        self,
        people: Mapping[str, Person],
        unions: Sequence[Union],
        generations: Mapping[str, int],
        multiples: Sequence[tuple[str, ...]],
        male_left: bool,
        alternate: bool,
        duplicated: Mapping[str, str],
    ) -> None:
        self.people = people
        self.duplicated = duplicated
        self.generations = generations
        self.male_left = male_left
        self.alternate = alternate
        self.units: dict[str, Unit] = {}
        self.unions: dict[str, UnionInfo] = {}
        self.union_list = sorted(unions, key=attrgetter("key"))
        self.multiples = multiples
        self.people_ids = sorted(people)
        self.hung: list[str] = []  # units whose line may start at another unit (not a union)
        self.carried: dict[tuple[str, str], list[str]] = {}  # see Structure.secondary_dummies

    def add(self, key: str, kind: UnitKind, row: int, person: Person | None = None) -> Unit:
        unit = Unit(key, kind, row, person)
        self.units[key] = unit
        return unit

    def line_down(
        self,
        prefix: str,
        top_row: int,
        bottom_row: int,
        up: str,
        *,
        carries: tuple[str, Parentage] | None = None,
        stem_of: str | None = None,
    ) -> str:
        """Dummies carrying a line through rows between the two; returns the last anchor."""
        for row in range(top_row + 1, bottom_row):
            dummy = self.add(f"dummy:{prefix}:{row}", "dummy", row)
            self.hung.append(dummy.key)
            dummy.up = up
            dummy.carries = carries
            dummy.stem_of = stem_of
            up = dummy.key
        return up

    def build(
        self,
        document_primary: tuple[dict[str, str], list[tuple[str, str, Parentage]]],
        sibships: Sibships | None,
    ) -> Structure:
        primary, document_secondary = document_primary
        people, generations, units = self.people, self.generations, self.units
        unions, duplicated = self.unions, self.duplicated
        for pid in self.people_ids:
            units[pid] = Unit(pid, "person", generations[pid], people[pid])
        for union in self.union_list:
            union_key = union.key
            partners = union.partners
            if len(partners) == 2 and union_key not in duplicated:
                # The usual couple: both partners here, on one row, drawn once.
                a, b = partners
                if a in people and b in people and generations[a] == generations[b]:
                    unions[union_key] = UnionInfo(union, generations[a], [a, b], [])
                    units[a].down_unions.append(union_key)
                    units[b].down_unions.append(union_key)
                    continue
            self._add_union(union)
        # This component's extra links (the document's list is shared by every component).
        secondary = [link for link in document_secondary if link[0] in unions and link[1] in people]
        self._attach_children(primary, secondary, sibships)
        secondary_dummies = self._carry_secondary(secondary)
        chains, by_row = self._chains()
        rows, row_chains = self._initial_order(chains, by_row)
        return Structure(
            rows,
            units,
            unions,
            chains,
            primary,
            secondary,
            row_chains,
            secondary_dummies,
        )

    def _add_union(self, union: Union) -> None:
        """A union with its partner units: partners drawn higher reach it through ghosts, a
        partner drawn twice gets a copy, a single parent gets a stub."""
        people, generations, units = self.people, self.generations, self.units
        union_key = union.key
        partners = [p for p in union.partners if p in people]
        if not partners:
            return
        row = max([generations[p] for p in partners])
        copied = self.duplicated.get(union_key)
        partner_units: list[str] = []
        for pid in partners:
            if generations[pid] == row:
                if copied == pid:
                    # Loop breaking: this partner is drawn again beside the other partner.
                    copy = self.add(f"{pid}#{union_key}", "person", row, people[pid])
                    copy.copy_of = pid
                    partner_units.append(copy.key)
                else:
                    partner_units.append(pid)
                continue
            # A partner drawn on a higher row reaches the union through a ghost slot.
            up = self.line_down(f"{union_key}:{pid}", generations[pid], row, pid, stem_of=union_key)
            ghost = self.add(f"ghost:{union_key}:{pid}", "ghost", row, people[pid])
            ghost.up = up
            self.hung.append(ghost.key)
            ghost.stem_of = union_key
            partner_units.append(ghost.key)
        if len(partner_units) == 1:
            partner_units.append(self.add(f"stub:{union_key}", "stub", row).key)
        self.unions[union_key] = UnionInfo(union, row, partner_units, [])
        for unit_key in partner_units:
            units[unit_key].down_unions.append(union_key)

    def _carry_secondary(
        self, secondary: list[tuple[str, str, Parentage]]
    ) -> dict[tuple[str, str], list[str]]:
        """Dummies for each extra link whose child is drawn more than one row below the union,
        so the line passes the rows between through slots of its own, never through a symbol.

        The first dummy hangs from the union (ordering and placement treat it like one of the
        union's children); the others hang from the dummy above.
        """
        carried = self.carried
        for union_key, person_id, parentage in secondary:
            top = self.unions[union_key].row
            bottom = self.generations[person_id]
            if bottom <= top + 1 or (union_key, person_id) in carried:
                continue
            prefix = f"second:{union_key}>{person_id}"
            self.line_down(prefix, top, bottom, union_key, carries=(person_id, parentage))
            dummies = [f"dummy:{prefix}:{row}" for row in range(top + 1, bottom)]
            # In the sweeps' ties it comes after the union's own children.
            self.units[dummies[0]].sibling_rank = len(self.unions[union_key].children)
            carried[(union_key, person_id)] = dummies
        return carried

    def _attach_children(
        self,
        primary: dict[str, str],
        secondary: list[tuple[str, str, Parentage]],
        sibships: Sibships | None,
    ) -> None:
        people, generations, units = self.people, self.generations, self.units
        twin_of: dict[str, tuple[str, ...]] = {}
        for members in self.multiples:
            for member in members:
                twin_of[member] = members
        # The dict holds the unions in key order already (they were added sorted).
        for key, info in self.unions.items():
            children = info.union.children
            if not children:
                continue
            ranked: list[tuple[str, Parentage]] | None = None
            ordered = sibships.get(key) if sibships is not None else None
            if ordered is not None and len(ordered) == len(children):
                # The children in birth order already: usable when every one is drawn here.
                ranked = [kid for kid in ordered if primary.get(kid[0]) == key and kid[0] in people]
                if len(ranked) != len(children):
                    ranked = None
            if ranked is None:
                ranked = [
                    (c.person, c.parentage)
                    for c in children
                    if c.person in people and primary.get(c.person) == key
                ]
                if len(ranked) > 1:
                    ranked = _birth_ranked(ranked, people)
            # Grouping only changes anything with twins (or a child listed twice).
            if len(ranked) > 1 and (
                (twin_of and any(kid[0] in twin_of for kid in ranked))
                or len({kid[0] for kid in ranked}) != len(ranked)
            ):
                ids = [kid[0] for kid in ranked]
                ranked = self._partners_outside(_group_twins(ids, twin_of, ranked), twin_of)
            row = info.row
            for rank, (pid, parentage) in enumerate(ranked):
                child_row = generations[pid]
                if child_row <= row:
                    # The union had to sit at or below the child's row: draw it as a long line.
                    secondary.append((key, pid, parentage))
                    continue
                child = units[pid]
                if child_row == row + 1:
                    # The usual case: the child hangs straight from the union.
                    child.sibling_rank = rank
                    child.up = key
                    info.children.append((pid, pid, parentage))
                    continue
                up = self.line_down(f"{key}:{pid}", row, child_row, key, carries=(pid, parentage))
                first = units[f"dummy:{key}:{pid}:{row + 1}"]
                first.sibling_rank = rank
                child.up = up
                self.hung.append(pid)
                first.up = key
                info.children.append((first.key, pid, parentage))

    def _partners_outside(
        self, ranked: list[tuple[str, Parentage]], twin_of: Mapping[str, tuple[str, ...]]
    ) -> list[tuple[str, Parentage]]:
        """Within each run of twins (born together, so in no birth order among themselves), a
        twin whose partner stands to their left goes first and one whose partner stands to their
        right goes last, so no partner stands between twins drawn from one apex."""
        result: list[tuple[str, Parentage]] = []
        at = 0
        while at < len(ranked):
            group = twin_of.get(ranked[at][0])
            end = at + 1
            while group is not None and end < len(ranked) and ranked[end][0] in group:
                end += 1
            run = ranked[at:end]
            if len(run) > 1:
                side = {kid[0]: self._partner_side(kid[0]) for kid in run}
                run = sorted(run, key=lambda kid: side[kid[0]])  # stable: birth order kept
            result.extend(run)
            at = end
        return result

    def _partner_side(self, person_id: str) -> int:
        """-1 if the person's first partner stands to their left, 1 if right, 0 if none."""
        partners = self._partners_of(person_id)
        if not partners:
            return 0
        return 1 if self._partner_goes_right(person_id, partners[0]) else -1

    def _chains(self) -> tuple[list[list[str]], list[list[int]]]:
        """The partner chains in the order of their smallest key, and the chains of each row.

        Only partner units ever join another unit; everyone else is a chain of one.
        """
        units = self.units
        # The chain led by each group's smallest member; None for the group's other members.
        lead: dict[str, list[str] | None] = {}
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for info in self.unions.values():
            parts = info.partner_units
            if len(parts) == 2:
                a, b = parts
                unit_a, unit_b = units[a], units[b]
                if len(unit_a.down_unions) == 1 and len(unit_b.down_unions) == 1:
                    # A couple with no other union (the common case) is a group of its own.
                    if b < a:
                        a, b, unit_a, unit_b = b, a, unit_b, unit_a
                    lead[a] = self._couple(unit_a, unit_b)
                    lead[b] = None
                    continue
            first = parts[0]
            parent.setdefault(first, first)
            for other in parts[1:]:
                parent.setdefault(other, other)
                a, b = find(first), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        if parent:
            # A root is the smallest key of its group.
            groups: dict[str, list[str]] = {}
            for key in sorted(parent):
                groups.setdefault(find(key), []).append(key)
            for root, members in groups.items():
                for key in members:
                    lead[key] = None
                lead[root] = self._linearize(members)
        # Dummies, ghosts and stubs sit between rows of people, so people span every row.
        by_row: list[list[int]] = [[] for _ in range(max(self.generations.values()) + 1)]
        chains: list[list[str]] = []
        for key in sorted(units):
            unit = units[key]
            index = len(chains)
            if key in lead:
                chain = lead[key]
                if chain is None:
                    continue
                for member in chain:
                    units[member].chain = index
            else:
                chain = [key]
                unit.chain = index
            chains.append(chain)
            by_row[unit.row].append(index)
        return chains, by_row

    def _partners_of(self, key: str) -> list[str]:
        """Other partner units of ``key``, in the date order of their unions."""
        unit = self.units[key]
        found: list[tuple[tuple[int, int, int], str, str]] = []
        for union_key in unit.down_unions:
            info = self.unions[union_key]
            start = info.union.start  # the union's first dated event
            date = start.sort_key() if start is not None else (9999, 99, 99)
            for other in info.partner_units:
                if other != key:
                    found.append((date, union_key, other))
        return [other for _, _, other in sorted(found)]

    def _start_key(self, key: str) -> tuple[int, bool, str]:
        unit = self.units[key]
        return (len(unit.down_unions), unit.kind == "person", key)

    def _couple(self, a: Unit, b: Unit) -> list[str]:
        """The chain of a couple with no other union (``a.key < b.key``): the walk of
        :meth:`_linearize` in closed form."""
        if a.kind != "person" or b.kind == "person":
            a, b = b, a  # the start of the walk: a person, else the larger key
        # _goes_right(a, b), inline: this runs for nearly every couple.
        mine, theirs = a.person, b.person
        if mine is not None and (theirs is None or _stands_left(mine, theirs, self.male_left)):
            return [a.key, b.key]
        return [b.key, a.key]

    def _linearize(self, members: list[str]) -> list[str]:
        if len(members) == 1:
            return members
        if len(members) == 2:
            a, b = self.units[members[0]], self.units[members[1]]
            if len(a.down_unions) == 1 and len(b.down_unions) == 1:
                return self._couple(a, b)
        start = max(members, key=self._start_key)
        placed = {start}
        left: list[str] = []
        right: list[str] = []

        def expand(key: str, side: list[str] | None) -> None:
            others = [o for o in self._partners_of(key) if o not in placed]
            first_right = self._partner_goes_right(key, others[0]) if others else True
            index = 0
            for other in others:
                if other in placed:
                    # A second union with the same partner, or a partner the walk reached
                    # meanwhile (a partner cycle): the chain holds each unit once.
                    continue
                placed.add(other)
                if side is None:
                    # The first partner takes the conventional side; later partners alternate
                    # sides (or all follow the first, in sequence mode), in date order.
                    to_right = first_right != (self.alternate and index % 2 == 1)
                    index += 1
                    target = right if to_right else left
                else:
                    target = side
                target.append(other)
                expand(other, target)  # noqa: F821 (deleted after use, see below)

        expand(start, None)
        del expand  # a recursive closure is a reference cycle: break it, so no collection is needed
        # Anything the walk did not reach (a partner cycle) keeps id order on the right.
        right.extend(k for k in members if k not in placed and k != start)
        return [*reversed(left), start, *right]

    def _partner_goes_right(self, key: str, other: str) -> bool:
        return self._goes_right(self.units[key], self.units[other])

    def _goes_right(self, unit: Unit, other: Unit) -> bool:
        """Whether ``other`` stands right of ``unit`` in their partner chain."""
        mine, theirs = unit.person, other.person
        if mine is None:
            return False
        if theirs is None:
            return True
        return _stands_left(mine, theirs, self.male_left)

    def _initial_order(
        self, chains: list[list[str]], by_row: list[list[int]]
    ) -> tuple[list[list[str]], list[list[int]]]:
        """A depth-first start order: each sibship under its union, in birth order (kinship2).

        Returns the rows as unit keys and as chain indices.
        """
        units, unions = self.units, self.unions
        below: dict[str, list[int]] = {}  # anchor -> chains hanging from it
        for key in sorted(self.hung):
            up = units[key].up
            if up is not None and up not in unions:
                below.setdefault(up, []).append(units[key].chain)
        for key, info in unions.items():
            below[key] = [units[k].chain for k, _, _ in info.children]
        # The first dummy of an extra link hangs from its union after the union's children.
        for (union_key, _), dummies in sorted(self.carried.items()):
            below[union_key].append(units[dummies[0]].chain)

        rows: list[list[str]] = []
        orders: list[list[int]] = []
        emitted: set[int] = set()
        by_key = chains.__getitem__  # chains differ in their first (sorting) key
        for row, chains_here in enumerate(by_row):
            if row > 0:
                # The chains each unit brings into the next row: its unions' children, then
                # its own. (A union met again at its second partner brings nothing new.)
                nxt: list[int] = []
                for key in rows[-1]:
                    for union_key in units[key].down_unions:
                        for index in below[union_key]:
                            if index not in emitted:
                                emitted.add(index)
                                nxt.append(index)
                    for index in below.get(key, ()):
                        if index not in emitted:
                            emitted.add(index)
                            nxt.append(index)
                current = nxt + sorted([i for i in chains_here if i not in emitted], key=by_key)
            else:
                current = sorted(chains_here, key=by_key)
            emitted.update(current)
            orders.append(current)
            rows.append(list(chained.from_iterable(map(chains.__getitem__, current))))
        return rows, orders


def _birth_ranked(
    kids: list[tuple[str, Parentage]], people: Mapping[str, Person]
) -> list[tuple[str, Parentage]]:
    """``kids`` (id, parentage) in :func:`sibling_order`: the dated ones sorted by date (then
    list position) among the places dated ones hold, the undated ones left in place."""
    dated = [
        (birth.sort_key(), i)
        for i, (pid, _) in enumerate(kids)
        if (birth := people[pid].birth) is not None
    ]
    order = sorted(dated)
    if order == dated:
        return kids
    result = list(kids)
    for (_, slot), (_, i) in zip(dated, order, strict=True):
        result[slot] = kids[i]
    return result


def _group_twins(
    order: list[str],
    twin_of: Mapping[str, tuple[str, ...]],
    ranked: list[tuple[str, Parentage]],
) -> list[tuple[str, Parentage]]:
    """Keep each twin group together at the place of its first-born member."""
    by_id = {item[0]: item for item in ranked}
    result: list[tuple[str, Parentage]] = []
    done: set[str] = set()
    for pid in order:
        if pid in done:
            continue
        group = [m for m in order if m in twin_of.get(pid, (pid,))]
        for member in group:
            done.add(member)
            result.append(by_id[member])
    return result


def build_structure(
    people: Mapping[str, Person],
    unions: Sequence[Union],
    generations: Mapping[str, int],
    multiples: Sequence[tuple[str, ...]],
    primary: tuple[dict[str, str], list[tuple[str, str, Parentage]]],
    *,
    male_left: bool = True,
    alternate: bool = True,
    buddies: Mapping[str, str] | None = None,
    duplicated: Mapping[str, str] | None = None,
    sibships: Sibships | None = None,
) -> Structure:
    """Build the layered structure of one connected component.

    ``buddies`` maps a person with no family ties here (a lodger, a pet) to a household member
    they should stand beside; ``duplicated`` maps a union key to the partner drawn a second
    time beside the other partner (loop breaking). ``sibships`` optionally gives each union's
    children in birth order (as :meth:`FamilyGraph.birth_ordered_children` does), saving
    sorting them again; a union whose children it does not match is sorted here.
    """
    builder = _Builder(
        people, unions, generations, multiples, male_left, alternate, duplicated or {}
    )
    structure = builder.build(primary, sibships)
    for person_id, buddy in (buddies or {}).items():
        if person_id in structure.units and buddy in structure.units:
            structure.units[person_id].buddy = buddy
    return structure
