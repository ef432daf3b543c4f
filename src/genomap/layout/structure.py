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
    start_key: tuple[int, int, int] = (9999, 99, 99)  # the union's first dated event


@dataclass(slots=True)
class Structure:
    """Everything ordering, placement and routing need, built once per connected component."""

    rows: list[list[str]]  # unit keys per row, in the current order
    units: dict[str, Unit]
    unions: dict[str, UnionInfo]
    chains: list[list[str]]  # unit keys in chain order (fixed internal order)
    primary: dict[str, str]  # person id -> union key they are drawn under
    secondary: list[tuple[str, str, Parentage]]  # (union key, person id, parentage) extra links
    file_rank: dict[str, int]  # person id -> rank for tie-breaks (by id, never input order)
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
    links: dict[str, list[tuple[int, str, Parentage]]] = defaultdict(list)
    for union in document.unions:
        for child in union.children:
            if child.person in people:
                links[child.person].append(
                    (PARENTAGE_PRIORITY[child.parentage], union.key, child.parentage)
                )
    primary: dict[str, str] = {}
    secondary: list[tuple[str, str, Parentage]] = []
    for person_id in sorted(links):
        ranked = sorted(links[person_id])
        primary[person_id] = ranked[0][1]
        for _, union_key, parentage in ranked[1:]:
            if parentage != Parentage.STEP:
                secondary.append((union_key, person_id, parentage))
    return primary, secondary


def order_partners(person: Person, partners: list[Person], male_left: bool) -> bool:
    """Whether a partner stands to the right of ``person`` (McGoldrick: man left, woman right)."""
    if not partners:
        return True
    partner = partners[0]
    if male_left and person.gender != partner.gender:
        if person.gender in (Gender.MALE, Gender.TRANSGENDER_MALE):
            return True
        if partner.gender in (Gender.MALE, Gender.TRANSGENDER_MALE):
            return False
    # Same-sex or undetermined couples: the elder (else the smaller id) stands left.
    mine = (person.birth.sort_key() if person.birth else (9999, 0, 0), person.id)
    theirs = (partner.birth.sort_key() if partner.birth else (9999, 0, 0), partner.id)
    return mine <= theirs


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
        self.union_list = sorted(unions, key=lambda u: u.key)
        self.multiples = multiples
        self.people_ids = sorted(people)
        self.file_rank = {pid: i for i, pid in enumerate(self.people_ids)}
        self.sorted_keys: list[str] = []  # every unit key, sorted; filled in by _chains
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
        self, document_primary: tuple[dict[str, str], list[tuple[str, str, Parentage]]]
    ) -> Structure:
        primary, document_secondary = document_primary
        people, generations, units = self.people, self.generations, self.units
        for pid in self.people_ids:
            units[pid] = Unit(pid, "person", generations[pid], people[pid])
        for union in self.union_list:
            union_key = union.key
            partners = [p for p in union.partners if p in people]
            if not partners:
                continue
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
                up = self.line_down(
                    f"{union_key}:{pid}", generations[pid], row, pid, stem_of=union_key
                )
                ghost = self.add(f"ghost:{union_key}:{pid}", "ghost", row, people[pid])
                ghost.up = up
                self.hung.append(ghost.key)
                ghost.stem_of = union_key
                partner_units.append(ghost.key)
            if len(partner_units) == 1:
                partner_units.append(self.add(f"stub:{union_key}", "stub", row).key)
            # The sort key of union.start (the earliest dated event), without the date object.
            dated = [e.date.sort_key() for e in union.events if e.date is not None]
            start_key = min(dated) if dated else (9999, 99, 99)
            self.unions[union_key] = UnionInfo(union, row, partner_units, [], start_key)
            for unit_key in partner_units:
                units[unit_key].down_unions.append(union_key)
        # This component's extra links (the document's list is shared by every component).
        secondary = [
            link for link in document_secondary if link[0] in self.unions and link[1] in people
        ]
        self._attach_children(primary, secondary)
        secondary_dummies = self._carry_secondary(secondary)
        chains = self._chains()
        rows, row_chains = self._initial_order(chains)
        return Structure(
            rows,
            units,
            self.unions,
            chains,
            primary,
            secondary,
            self.file_rank,
            row_chains,
            secondary_dummies,
        )

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
        self, primary: dict[str, str], secondary: list[tuple[str, str, Parentage]]
    ) -> None:
        people, generations, units = self.people, self.generations, self.units
        twin_of: dict[str, tuple[str, ...]] = {}
        for members in self.multiples:
            for member in members:
                twin_of[member] = members
        # The dict holds the unions in key order already (they were added sorted).
        for key, info in self.unions.items():
            kids = [
                (c.person, c.parentage, i)
                for i, c in enumerate(info.union.children)
                if c.person in people and primary.get(c.person) == key
            ]
            if len(kids) > 1:
                ranked = _birth_ranked(kids, people)
                ids = [k[0] for k in ranked]
                # Grouping only changes anything with twins (or a child listed twice).
                if len(set(ids)) != len(ids) or any(pid in twin_of for pid in ids):
                    ranked = self._partners_outside(_group_twins(ids, twin_of, ranked), twin_of)
            else:
                ranked = kids
            for rank, (pid, parentage, _) in enumerate(ranked):
                child_row = generations[pid]
                if child_row <= info.row:
                    # The union had to sit at or below the child's row: draw it as a long line.
                    secondary.append((key, pid, parentage))
                    continue
                child = units[pid]
                if child_row == info.row + 1:
                    # The usual case: the child hangs straight from the union.
                    child.sibling_rank = rank
                    child.up = key
                    info.children.append((pid, pid, parentage))
                    continue
                up = self.line_down(
                    f"{key}:{pid}", info.row, child_row, key, carries=(pid, parentage)
                )
                first = units[f"dummy:{key}:{pid}:{info.row + 1}"]
                first.sibling_rank = rank
                child.up = up
                self.hung.append(pid)
                first.up = key
                info.children.append((first.key, pid, parentage))

    def _partners_outside(
        self, ranked: list[tuple[str, Parentage, int]], twin_of: Mapping[str, tuple[str, ...]]
    ) -> list[tuple[str, Parentage, int]]:
        """Within each run of twins (born together, so in no birth order among themselves), a
        twin whose partner stands to their left goes first and one whose partner stands to their
        right goes last, so no partner stands between twins drawn from one apex."""
        result: list[tuple[str, Parentage, int]] = []
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

    def _chains(self) -> list[list[str]]:
        # Only partner units ever join another unit; everyone else is a chain of one.
        units = self.units
        groups: dict[str, list[str]] = {}  # smallest member -> members, sorted
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
                if len(units[a].down_unions) == 1 and len(units[b].down_unions) == 1:
                    # A couple with no other union (the common case) is a group of its own.
                    groups[min(a, b)] = [a, b] if a < b else [b, a]
                    continue
            first = parts[0]
            parent.setdefault(first, first)
            for other in parts[1:]:
                parent.setdefault(other, other)
                a, b = find(first), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        # A root is the smallest key of its group.
        for key in sorted(parent):
            root = find(key)
            if root in groups:
                groups[root].append(key)
            else:
                groups[root] = [key]
        grouped = {key for members in groups.values() for key in members}
        self.sorted_keys = sorted(units)
        # Chains in the order of their smallest key.
        chains: list[list[str]] = []
        for key in self.sorted_keys:
            members = groups.get(key)
            if members is not None:
                chains.append(self._linearize(members))
            elif key not in grouped:
                chains.append([key])
        for index, chain in enumerate(chains):
            for key in chain:
                units[key].chain = index
        return chains

    def _partners_of(self, key: str) -> list[str]:
        """Other partner units of ``key``, in the date order of their unions."""
        unit = self.units[key]
        found: list[tuple[tuple[int, int, int], str, str]] = []
        for union_key in unit.down_unions:
            info = self.unions[union_key]
            date = info.start_key
            for other in info.partner_units:
                if other != key:
                    found.append((date, union_key, other))
        return [other for _, _, other in sorted(found)]

    def _start_key(self, key: str) -> tuple[int, bool, str]:
        unit = self.units[key]
        return (len(unit.down_unions), unit.kind == "person", key)

    def _linearize(self, members: list[str]) -> list[str]:
        if len(members) == 1:
            return members
        if len(members) == 2:
            a, b = self.units[members[0]], self.units[members[1]]
            if len(a.down_unions) == 1 and len(b.down_unions) == 1:
                # One couple with one union (the common case): the walk below in closed form.
                if (a.kind == "person", a.key) < (b.kind == "person", b.key):
                    a, b = b, a  # the start of the walk: a person, else the larger key
                if self._partner_goes_right(a.key, b.key):
                    return [a.key, b.key]
                return [b.key, a.key]
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
        mine, theirs = self.units[key].person, self.units[other].person
        if mine is None:
            return False
        if theirs is None:
            return True
        return order_partners(mine, [theirs], self.male_left)

    def _initial_order(self, chains: list[list[str]]) -> tuple[list[list[str]], list[list[int]]]:
        """A depth-first start order: each sibship under its union, in birth order (kinship2).

        Returns the rows as unit keys and as chain indices.
        """
        units, unions = self.units, self.unions
        # Dummies, ghosts and stubs sit between rows of people, so people span every row.
        n_rows = max(self.generations.values()) + 1
        by_row: list[list[int]] = [[] for _ in range(n_rows)]
        for index, chain in enumerate(chains):
            by_row[units[chain[0]].row].append(index)
        below: dict[str, list[str]] = {}  # anchor -> units hanging from it
        for key in sorted(self.hung):
            up = units[key].up
            if up is not None and up not in unions:
                below.setdefault(up, []).append(key)
        for key, info in unions.items():
            below[key] = [k for k, _, _ in info.children]
        # The first dummy of an extra link hangs from its union after the union's children.
        for (union_key, _), dummies in sorted(self.carried.items()):
            below[union_key].append(dummies[0])
        below_chains = {
            anchor: [units[k].chain for k in hanging]
            for anchor, hanging in below.items()
            if hanging
        }
        # The chains each unit brings into the next row: its unions' children, then its own.
        # (A union met again at its second partner brings nothing new.) Only partner units
        # and units with something hanging from them bring anything.
        bringers = dict.fromkeys(k for info in unions.values() for k in info.partner_units)
        bringers.update(dict.fromkeys(k for k in below_chains if k in units))
        brings: dict[str, list[int]] = {}
        for key in bringers:
            found = [i for u in units[key].down_unions for i in below_chains.get(u, ())]
            found.extend(below_chains.get(key, ()))
            if found:
                brings[key] = found

        rows: list[list[str]] = []
        orders: list[list[int]] = []
        emitted: set[int] = set()
        current = sorted(by_row[0], key=lambda i: chains[i][0])
        for row in range(n_rows):
            if row > 0:
                nxt: list[int] = []
                for key in rows[-1]:
                    for index in brings.get(key, ()):
                        if index not in emitted:
                            emitted.add(index)
                            nxt.append(index)
                rest = sorted(
                    (i for i in by_row[row] if i not in emitted), key=lambda i: chains[i][0]
                )
                current = nxt + rest
            emitted.update(current)
            orders.append(current)
            rows.append([key for i in current for key in chains[i]])
        return rows, orders


def _birth_ranked(
    kids: list[tuple[str, Parentage, int]], people: Mapping[str, Person]
) -> list[tuple[str, Parentage, int]]:
    """``kids`` (id, parentage, list position) in :func:`sibling_order`.

    The positions increase along ``kids``, so they alone break ties between equal dates.
    """
    dated: list[tuple[tuple[int, int, int], int, tuple[str, Parentage, int]]] = []
    for kid in kids:
        birth = people[kid[0]].birth
        if birth is not None:
            dated.append((birth.sort_key(), kid[2], kid))
    dated.sort()
    if len(dated) == len(kids):
        return [kid for *_, kid in dated]
    pending = iter(dated)
    return [next(pending)[2] if people[kid[0]].birth is not None else kid for kid in kids]


def _group_twins(
    order: list[str],
    twin_of: Mapping[str, tuple[str, ...]],
    ranked: list[tuple[str, Parentage, int]],
) -> list[tuple[str, Parentage, int]]:
    """Keep each twin group together at the place of its first-born member."""
    by_id = {item[0]: item for item in ranked}
    result: list[tuple[str, Parentage, int]] = []
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
) -> Structure:
    """Build the layered structure of one connected component.

    ``buddies`` maps a person with no family ties here (a lodger, a pet) to a household member
    they should stand beside; ``duplicated`` maps a union key to the partner drawn a second
    time beside the other partner (loop breaking).
    """
    builder = _Builder(
        people, unions, generations, multiples, male_left, alternate, duplicated or {}
    )
    structure = builder.build(primary)
    for person_id, buddy in (buddies or {}).items():
        if person_id in structure.units and buddy in structure.units:
            structure.units[person_id].buddy = buddy
    return structure
