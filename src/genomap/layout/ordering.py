"""Order the units in each row: block-constrained barycentre sweeps with exact crossing counts.

Partner chains move as one block (their inner order is fixed), sibships keep birth order, and a
chain that joins two sibships (a marriage between two drawn families) settles between them, so
the partners end up at the facing ends of their sibships. After every sweep the crossings are
counted exactly (Barth, Jünger & Mutzel) and the best order is kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import chain as chained
from itertools import repeat
from math import inf
from operator import add, itemgetter, truediv

from genomap.layout.carried import settle_carried_dummies
from genomap.layout.structure import Structure


def count_inversions(values: list[int]) -> int:
    """Number of pairs i < j with values[i] > values[j] (values are 0..n-1 ranks)."""
    size = max(values, default=-1) + 2
    tree = [0] * (size + 1)
    inversions = 0
    for seen, value in enumerate(values):
        # Count earlier values greater than this one: seen - (earlier values <= value).
        i = value + 1
        not_greater = 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        inversions += seen - not_greater
        i = value + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return inversions


def _strict_inversions(values: list[float]) -> int:
    """Number of pairs i < j with values[i] > values[j].

    Insertion into a sorted list: after crossing reduction the values are nearly sorted, so
    almost every insertion lands at the end and costs two C calls (a Fenwick tree costs a
    Python loop of log n steps per value).
    """
    seen: list[float] = []
    inversions = 0
    top = -inf
    for count, value in enumerate(values):
        if value >= top:
            # Not smaller than anything seen (the usual case): no inversion, no search.
            seen.append(value)
            top = value
            continue
        at = bisect_right(seen, value)
        inversions += count - at
        seen.insert(at, value)
    return inversions


def _holes(values: list[float | None]) -> Iterator[int]:
    """Indices of the Nones in ``values``, left to right (found by C-level scans)."""
    at = -1
    while True:
        try:
            at = values.index(None, at + 1)
        except ValueError:
            return
        yield at


def _extra_anchors(structure: Structure) -> dict[str, list[str]]:
    """Each child's extra parent links from a union in the row just above the child (the
    birth parents of a child drawn under adoptive parents, say), by child.

    Other extra links are left to the passes after the sweeps: a link from the child's own row
    has no anchor above, and one from further up passes the rows between through dummies that
    :func:`settle_carried_dummies` moves to their best slots (the sweeps would pull the child
    towards wherever a dummy happened to start)."""
    extra: dict[str, list[str]] = {}
    units, unions = structure.units, structure.unions
    for union_key, person_id, _ in structure.secondary:
        child, info = units.get(person_id), unions.get(union_key)
        if child is not None and info is not None and info.row == child.row - 1:
            extra.setdefault(person_id, []).append(union_key)
    return extra


def _chains_in(structure: Structure, row: list[str]) -> list[int]:
    chains: list[int] = []
    for key in row:
        chain = structure.units[key].chain
        if not chains or chains[-1] != chain:
            chains.append(chain)
    return chains


class _Sweeper:
    """The sweeps of one structure, with every table that does not change between sweeps.

    Rows are kept as lists of chain indices. Which anchors a row hangs from, which chains of a
    row share a parent anchor (one block in upward sweeps) and how often each anchor counts
    towards its block's barycentre depend only on the structure, so they are computed once.
    """

    def __init__(self, structure: Structure, rows: list[list[str]]) -> None:
        units, unions = structure.units, structure.unions
        self.chains = chains = structure.chains
        self.rows = rows
        if len(structure.row_chains) == len(rows):
            # The builder's start order (order_rows starts from it); rows are never changed
            # in place, so the lists can be shared.
            self.row_chains = list(structure.row_chains)
        else:
            self.row_chains = [_chains_in(structure, row) for row in rows]
        # Per chain, its members that hang from an anchor: (anchor, sibling rank), in member
        # order (reversed together with the chain).
        self.hangs: list[list[tuple[str, float]]] = []
        self.hang_anchors: list[list[str]] = []  # the anchors of ``hangs``, for bulk lookups
        # The anchor and sibling rank of a chain with one hanging member (nearly all), else None.
        self.single_anchor: list[str | None] = []
        self.single_tie: list[float] = []
        # A lone household member stands beside the chain of the member it lives with.
        self.buddy_chain: dict[int, int] = {}
        hangs, hang_anchors = self.hangs, self.hang_anchors
        single_anchor, single_tie = self.single_anchor, self.single_tie
        extra = _extra_anchors(structure)
        # For a chain with an extra link: each member's anchors, in member order (reversed
        # with the chain). Two lines into one unit never cross each other, so crossings are
        # counted with each member's anchors in position order.
        self.groups: dict[int, list[list[str]]] = {}
        for index, members in enumerate(chains):
            if len(members) == 1 and members[0] not in extra:
                # Most chains: one unit, hanging from one anchor or none.
                unit = units[members[0]]
                up = unit.up
                if up is None:
                    hangs.append([])
                    hang_anchors.append([])
                    single_anchor.append(None)
                    single_tie.append(0.0)
                else:
                    tie = float(unit.sibling_rank)
                    hangs.append([(up, tie)])
                    hang_anchors.append([up])
                    single_anchor.append(up)
                    single_tie.append(tie)
                if unit.buddy is not None:
                    self.buddy_chain[index] = units[unit.buddy].chain
                continue
            hang = []
            groups = []
            for key in members:
                unit = units[key]
                ups = [unit.up] if unit.up is not None else []
                if key in extra:
                    ups.extend(extra[key])
                    if unit.buddy is not None and len(members) == 1:
                        self.buddy_chain[index] = units[unit.buddy].chain
                groups.append(ups)
                hang.extend([(up, float(unit.sibling_rank)) for up in ups])
            if extra and not extra.keys().isdisjoint(members):
                self.groups[index] = groups
            hangs.append(hang)
            if len(hang) == 1:
                up, tie = hang[0]
                hang_anchors.append([up])
                single_anchor.append(up)
                single_tie.append(tie)
            else:
                hang_anchors.append([up for up, _ in hang])
                single_anchor.append(None)
                single_tie.append(0.0)
        # For each row r but the last: the anchors that row r+1 hangs from (single units, and
        # unions with the units whose mean position is the union's position), the blocks of an
        # upward sweep, and for each unit of row r+1 the blocks its position counts towards.
        self.unit_anchors: list[list[str]] = []
        self.union_anchors: list[list[tuple[str, list[str]]]] = []
        self.couple_anchors: list[tuple[list[str], list[str], list[str]]] = []
        self.block_of: list[int] = [-1] * len(chains)  # each chain's block in its row
        self.block_count: list[int] = []
        self.block_below: list[list[list[str]]] = []
        for upper, lower in zip(self.row_chains, self.row_chains[1:], strict=False):
            below = [
                (key, up) for c in lower for key in chains[c] if (up := units[key].up) is not None
            ]
            if extra:
                below.extend(
                    (key, up)
                    for c in lower
                    if c in self.groups
                    for key in chains[c]
                    for up in extra.get(key, ())
                )
            anchors = dict.fromkeys(up for _, up in below)
            self.unit_anchors.append([a for a in anchors if a not in unions])
            # Unions between two partner units (all of them, in practice) are averaged in bulk.
            with_parts = [(a, unions[a].partner_units) for a in anchors if a in unions]
            couples = [(a, parts) for a, parts in with_parts if len(parts) == 2]
            self.couple_anchors.append(
                (
                    [a for a, _ in couples],
                    [parts[0] for _, parts in couples],
                    [parts[1] for _, parts in couples],
                )
            )
            self.union_anchors.append([(a, p) for a, p in with_parts if len(p) != 2])
            weights = self._blocks(structure, upper, anchors)
            # Per block, the units below it, each as often as its anchor counts in the block.
            block_below: list[list[str]] = [[] for _ in range(self.block_count[-1])]
            for key, up in below:
                for block, weight in weights[up].items():
                    if weight == 1:
                        block_below[block].append(key)
                    else:
                        block_below[block].extend([key] * weight)
            self.block_below.append(block_below)
        self.anchor_pos: list[dict[str, float]] = [{} for _ in self.unit_anchors]
        self.turn_unions: dict[int, list[str]] = {}  # a turnable chain's unions
        self.pulls: dict[int, list[tuple[str, list[str]]]] = {}  # see _turnable
        self.turn_children: dict[int, list[tuple[str, int]]] = {}  # (union, child's chain)
        # Per row, the chains a downward sweep may turn (several members hang from above).
        multi = [i for i, hang in enumerate(self.hangs) if len(hang) > 1]
        self.multi_hung: list[list[int]] = [[] for _ in rows]
        for c in multi:
            self.multi_hung[units[chains[c][0]].row].append(c)
        self.turnable = self._turnable(structure, extra)

    def _turnable(self, structure: Structure, extra: dict[str, list[str]]) -> list[list[int]]:
        """Per row but the last, the chains worth turning round in a sweep (see ``turn``).

        Turning a chain is free above it when at most one member hangs from the row above: the
        chain is contiguous, so only where its own unions stand changes. It is worth trying
        when two of its unions have children and one of those children's chains also hangs
        from another anchor (a partner from a second drawn family): barycentres put that chain
        between the two families, which can be past the half-siblings from the other union.
        """
        units, chains, hangs = structure.units, self.chains, self.hangs
        extra_children: dict[str, list[str]] = {}  # anchor -> children of its extra links
        for child, anchors in extra.items():
            for anchor in anchors:
                extra_children.setdefault(anchor, []).append(child)
        turnable: list[list[int]] = []
        for r, upper in enumerate(self.row_chains[:-1]):
            # Anchor -> the other anchors of each chain below that hangs from it and more.
            pulled: dict[str, list[str]] = {}
            for c in self.multi_hung[r + 1]:
                ups = [up for up, _ in hangs[c]]
                for up in ups:
                    pulled.setdefault(up, []).extend(o for o in ups if o != up)
            found: list[int] = []
            if pulled:
                for c in upper:
                    members = chains[c]
                    # One unit alone has no partner line, so fewer than two unions.
                    if len(members) > 2 and len(hangs[c]) <= 1:
                        downs = list(
                            dict.fromkeys(u for m in members for u in units[m].down_unions)
                        )
                        pulls = [(u, pulled[u]) for u in downs if u in pulled]
                        if len(downs) > 1 and pulls:
                            found.append(c)
                            self.turn_unions[c] = downs
                            self.pulls[c] = pulls
                            self.turn_children[c] = [
                                (u, units[k].chain)
                                for u in downs
                                for k in (
                                    *(k for k, _, _ in structure.unions[u].children),
                                    *extra_children.get(u, ()),
                                )
                            ]
            turnable.append(found)
        return turnable

    def _may_help(self, chain: int, r: int) -> bool:
        """Whether turning ``chain`` (in row r-1) could help: its own lines to row r cross (a
        child stands past half-siblings), and turning would bring a union nearer the other
        family of one of its children."""
        anchor_pos = self.anchor_pos[r - 1]
        at = [anchor_pos[u] for u in self.turn_unions[chain] if u in anchor_pos]
        if len(at) < 2:
            return False
        order = self.row_chains[r]
        lines = [(anchor_pos[u], float(order.index(c))) for u, c in self.turn_children[chain]]
        if not _discordant(lines):
            return False
        low, high = min(at), max(at)
        for union, others in self.pulls[chain]:
            here = anchor_pos[union]
            for other in others:
                there = anchor_pos[other]
                if (there < here and here > low) or (there > here and here < high):
                    return True
        return False

    def _blocks(
        self, structure: Structure, row: list[int], anchors: dict[str, None]
    ) -> dict[str, dict[int, int]]:
        """Number the blocks of an upward sweep (in ``block_of``) and give the weight of each
        anchor in its block's barycentre (by anchor, then block).

        Chains that share a parent anchor (siblings, or a couple from two drawn families) form
        one block. A block's barycentre averages the positions of the units hanging from its
        members and from their unions, a union once per partner unit in the block.
        """
        units, chains, block_of = structure.units, self.chains, self.block_of
        hang_anchors, single_anchor = self.hang_anchors, self.single_anchor
        # A chain hanging from several anchors (a couple from two drawn families) joins their
        # sibships: a union-find over those anchors; every other anchor is its own root.
        joined: dict[str, str] = {}

        def find(anchor: str) -> str:
            while (parent := joined.get(anchor, anchor)) != anchor:
                anchor = joined[anchor] = joined.get(parent, parent)
            return anchor

        for chain in row:
            ups = hang_anchors[chain]
            if len(ups) > 1:
                for other in ups[1:]:
                    a, b = find(ups[0]), find(other)
                    if a != b:
                        joined[max(a, b)] = min(a, b)
        # Number the blocks 0, 1, ... in the order they first appear, so sweeps can total
        # them in lists. A chain hanging from nothing is a block of its own.
        number: dict[str | int, int] = {}
        for chain in row:
            anchor = single_anchor[chain]
            if anchor is None:
                ups = hang_anchors[chain]
                key: str | int = find(ups[0]) if ups else chain
            else:
                key = find(anchor) if joined else anchor
            block = number.get(key)
            if block is None:
                block = number[key] = len(number)
            block_of[chain] = block
        self.block_count.append(len(number))
        # Every anchor of the row below is in this row, so each gets an entry.
        weights: dict[str, dict[int, int]] = {}
        for chain in row:
            block = block_of[chain]
            for key in chains[chain]:
                for anchor in (key, *units[key].down_unions):
                    if anchor in anchors:
                        per_block = weights.get(anchor)
                        if per_block is None:
                            weights[anchor] = {block: 1}
                        else:
                            per_block[block] = per_block.get(block, 0) + 1
        return weights

    def set_row(self, r: int, order: list[int]) -> None:
        self.row_chains[r] = order
        self.rows[r] = list(chained.from_iterable(map(self.chains.__getitem__, order)))

    def update_anchors(self, r: int) -> dict[str, float]:
        """Positions of the anchors in row r (the row must not change while they are used)."""
        row = self.rows[r]
        # Whole-number positions: ints are quicker to make than floats, and the means below
        # come out the same (int / int rounds the exact quotient, as float / float does).
        pos = dict(zip(row, range(len(row)), strict=True))
        anchors = self.unit_anchors[r]
        # As floats, so that sorts compare floats only (their quick path).
        anchor_pos = dict(zip(anchors, map(float, map(pos.__getitem__, anchors)), strict=True))
        names, firsts, seconds = self.couple_anchors[r]
        # (pos[first] + pos[second]) / 2, the same floats as the sum in the loop below.
        means = map(
            truediv,
            map(add, map(pos.__getitem__, firsts), map(pos.__getitem__, seconds)),
            repeat(2),
        )
        anchor_pos.update(zip(names, means, strict=True))
        for a, parts in self.union_anchors[r]:
            anchor_pos[a] = sum(map(pos.__getitem__, parts)) / len(parts)
        self.anchor_pos[r] = anchor_pos
        return anchor_pos

    def crossings(self) -> int:
        """Crossings of the current order; the anchor positions must be up to date."""
        return sum(map(self.row_crossings, range(len(self.anchor_pos))))

    def row_crossings(self, r: int) -> int:
        """Crossings between rows r and r+1; the anchor positions of row r must be current."""
        anchor_pos = self.anchor_pos[r]
        order = self.row_chains[r + 1]
        groups = self.groups
        if groups and not groups.keys().isdisjoint(order):
            at = anchor_pos.__getitem__
            values: list[float] = []
            for c in order:
                members = groups.get(c)
                if members is None:
                    values.extend(map(at, self.hang_anchors[c]))
                else:
                    for ups in members:
                        values.extend(sorted(map(at, ups)))
            return _strict_inversions(values)
        hung = chained.from_iterable(map(self.hang_anchors.__getitem__, order))
        return _strict_inversions(list(map(anchor_pos.__getitem__, hung)))

    def turn(self, r: int) -> None:
        """After row r is swept down: turn round each turnable chain of row r-1 when that,
        with row r swept again, leaves fewer crossings between the two rows.

        Sweeps never turn a chain that hangs from one anchor or none, so without this a person
        with two partners keeps the unions in the order the builder chose, even when the other
        order lets a child who marries into a second family stand at the facing end of the
        sibship (layout-notes §2: families joined by a marriage).
        """
        crossings = -1  # counted when first needed
        for chain in self.turnable[r - 1]:
            if not self._may_help(chain, r):
                continue
            if crossings < 0:
                crossings = self.row_crossings(r - 1)
            if crossings == 0:
                return
            order, rows_r = self.row_chains[r], self.rows[r]
            turned_here = [(c, self.chains[c][0]) for c in self.multi_hung[r]]
            self._reverse(chain)
            self.set_row(r - 1, self.row_chains[r - 1])
            self.sweep_down(r)
            now = self.row_crossings(r - 1)
            if now < crossings:
                crossings = now
                continue
            # Put everything back: the chain, the row below and any chain the sweep turned.
            self._reverse(chain)
            self.set_row(r - 1, self.row_chains[r - 1])
            for c, first in turned_here:
                if self.chains[c][0] != first:
                    self._reverse(c)
            self.row_chains[r], self.rows[r] = order, rows_r
            self.update_anchors(r - 1)

    def _reverse(self, chain: int) -> None:
        self.chains[chain].reverse()
        self.hangs[chain].reverse()
        self.hang_anchors[chain].reverse()
        groups = self.groups.get(chain)
        if groups is not None:
            groups.reverse()

    def sweep_up(self, r: int) -> None:
        """Reorder row r's blocks by the barycentres of the units below them."""
        order = self.row_chains[r]
        blocks = list(map(self.block_of.__getitem__, order))
        lower = self.rows[r + 1]
        pos = dict(zip(lower, range(len(lower)), strict=True)).__getitem__
        # Blocks in order of first appearance (every block of the row appears), keyed by the
        # mean position of the units below them. Positions are whole numbers, so these sums
        # are exact in any order (and their means the same as with float positions).
        firsts = list(dict.fromkeys(blocks))
        keys: list[float | None] = [
            sum(map(pos, below)) / len(below) if below else None
            for below in map(self.block_below[r].__getitem__, firsts)
        ]
        # A block with nothing below keeps the key of the block before it.
        for at in _holes(keys):
            keys[at] = keys[at - 1] if at else -1.0
        # Stable sorts of indices: ties keep the current order.
        ranked = sorted(range(len(firsts)), key=keys.__getitem__)  # type: ignore[arg-type]
        if len(firsts) == len(order):
            # Every block is one chain, so ``firsts`` lines up with ``order``.
            self.set_row(r, list(map(order.__getitem__, ranked)))
            return
        # Each block moves as one, its chains in their current order.
        rank = [0] * len(firsts)  # by block number
        for i, block in enumerate(map(firsts.__getitem__, ranked)):
            rank[block] = i
        moved = sorted(range(len(order)), key=list(map(rank.__getitem__, blocks)).__getitem__)
        self.set_row(r, list(map(order.__getitem__, moved)))

    def sweep_down(self, r: int) -> None:
        """Reorder row r's chains by the barycentres of their anchors in row r-1."""
        anchor_pos = self.update_anchors(r - 1)
        hangs, buddy_chain = self.hangs, self.buddy_chain
        order = self.row_chains[r]
        # Sort keys: barycentre, sibling rank (-1 for several anchors), position. A chain
        # hanging from one anchor (nearly all) takes the anchor's position and its sibling
        # rank, looked up in bulk; the others (None here) are done one by one below.
        keys: list[float | None] = list(
            map(anchor_pos.get, map(self.single_anchor.__getitem__, order))  # type: ignore[arg-type]
        )
        ties = list(map(self.single_tie.__getitem__, order))
        for at in _holes(keys):
            hang = hangs[order[at]]
            if len(hang) == 1:
                keys[at] = anchor_pos[hang[0][0]]
            elif hang:
                # Reverse a chain whose members hang from anchors in the opposite order, so
                # the partner line does not cross their descent lines (kinship2 and GoJS swap
                # spouses for this). Only the members' own parents count: a member's extra
                # link comes down to the same symbol wherever the chain faces.
                chain = order[at]
                groups = self.groups.get(chain)
                if groups is None:
                    (first, first_rank), (last, last_rank) = hang[0], hang[-1]
                else:
                    ends = [ups[0] for ups in groups if ups]
                    first, last = ends[0], ends[-1]
                    first_rank = last_rank = 0.0
                if first == last and all(a == first for a, _ in hang):
                    # Siblings married to one person: a sibship's members in birth order,
                    # the chain in its place among their brothers and sisters.
                    if first_rank > last_rank:
                        self._reverse(chain)
                    keys[at] = anchor_pos[first]
                    ties[at] = min(rank for _, rank in hang)
                    continue
                if anchor_pos[first] > anchor_pos[last]:
                    self._reverse(chain)
                keys[at] = sum([anchor_pos[a] for a, _ in hang]) / len(hang)
                ties[at] = -1.0
            elif at:
                # A chain hanging from nothing keeps the keys of the chain before it.
                keys[at], ties[at] = keys[at - 1], ties[at - 1]
            else:
                keys[at], ties[at] = -1.0, 0.0
        keyed: list[tuple[float, float, float, int]] = list(
            zip(keys, ties, range(len(order)), order, strict=True)  # type: ignore[arg-type]
        )
        if buddy_chain:
            buddies = [n for n, chain in enumerate(order) if chain in buddy_chain]
            if buddies:
                # A lone household member (a pet, a lodger) stands right after the member it
                # lives with.
                where = {chain: n for n, chain in enumerate(order)}
                for n in buddies:
                    chain = order[n]
                    m = where[buddy_chain[chain]]
                    keyed[n] = (keys[m], ties[m], m + 0.5, chain)  # type: ignore[assignment]
        keyed.sort()
        self.set_row(r, list(map(itemgetter(3), keyed)))


def order_rows(structure: Structure, sweeps: int) -> tuple[list[list[str]], int]:
    """Improve the structure's initial row order; returns the best order and the crossings the
    sweeps counted for it (before the passes for extra links, which the sweeps do not see)."""
    rows = [list(row) for row in structure.rows]
    best = [list(row) for row in rows]
    sweeper = _Sweeper(structure, rows)
    for r in range(len(rows) - 1):
        sweeper.update_anchors(r)
    best_crossings = sweeper.crossings()
    stale = 0
    for sweep in range(sweeps):
        if best_crossings == 0:
            break
        before = list(rows)  # sweeps replace row lists, never change them in place
        for r in range(len(rows) - 2, -1, -1):
            sweeper.sweep_up(r)
        for r in range(1, len(rows)):
            sweeper.sweep_down(r)
            # Turning is tried in the first sweep only: sweeps never turn those chains back.
            if sweep == 0 and sweeper.turnable[r - 1]:
                sweeper.turn(r)
        if rows == before:
            # A sweep that changes nothing would change nothing the next time either.
            break
        # Each downward step refreshed the anchor positions of the row above it.
        crossings = sweeper.crossings()
        if crossings < best_crossings:
            best, best_crossings, stale = [list(row) for row in rows], crossings, 0
        else:
            stale += 1
            if stale >= 2:
                break
    if structure.secondary:
        settle_carried_dummies(structure, best)
        _face_secondary_children(structure, best)
    return best, best_crossings


def _face_secondary_children(structure: Structure, rows: list[list[str]]) -> None:
    """Turn round a partner chain whose unions' children, counting secondary links (a child
    drawn under adoptive or foster parents with a line to this union), stand below in the
    opposite order, when nothing above fixes the chain's direction.

    Turning such a chain moves nothing above it (at most one member hangs from the row above,
    and the chain is contiguous), so it only changes how its descent lines meet the row below.
    """
    units, unions = structure.units, structure.unions
    extra: dict[str, list[str]] = {}
    carried = structure.secondary_dummies
    for union_key, person_id, _ in structure.secondary:
        if person_id in units:
            # A link to a child further down counts where it passes the row below.
            dummies = carried.get((union_key, person_id)) if carried else None
            extra.setdefault(union_key, []).append(dummies[0] if dummies else person_id)
    for r in range(len(rows) - 1):
        row, below = rows[r], {key: float(i) for i, key in enumerate(rows[r + 1])}
        start = 0
        while start < len(row):
            chain = units[row[start]].chain
            end = start
            while end < len(row) and units[row[end]].chain == chain:
                end += 1
            members = row[start:end]
            keys = list(dict.fromkeys(u for m in members for u in units[m].down_unions))
            hanging = sum(units[m].up is not None for m in members)
            if len(keys) >= 2 and hanging <= 1 and any(k in extra for k in keys):
                where = {m: i for i, m in enumerate(members)}
                pairs: list[tuple[float, float]] = []
                for key in keys:
                    parts = [where[u] for u in unions[key].partner_units if u in where]
                    if not parts:
                        continue
                    at = sum(parts) / len(parts)
                    kids = [c for c, _, _ in unions[key].children] + extra.get(key, [])
                    pairs.extend((at, below[k]) for k in kids if k in below)
                width = len(members) - 1
                now = _discordant(pairs)
                turned = _discordant([(width - at, x) for at, x in pairs])
                if turned < now:
                    row[start:end] = structure.chains[chain] = members[::-1]
            start = end


def _discordant(pairs: list[tuple[float, float]]) -> int:
    """Pairs of (union position, child position) in opposite orders: lines that cross."""
    return sum(
        1 for i, (a, x) in enumerate(pairs) for b, y in pairs[i + 1 :] if (a - b) * (x - y) < 0
    )
