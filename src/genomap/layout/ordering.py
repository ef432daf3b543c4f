"""Order the units in each row: block-constrained barycentre sweeps with exact crossing counts.

Partner chains move as one block (their inner order is fixed), sibships keep birth order, and a
chain that joins two sibships (a marriage between two drawn families) settles between them, so
the partners end up at the facing ends of their sibships. After every sweep the crossings are
counted exactly (Barth, Jünger & Mutzel, with a Fenwick tree) and the best order is kept.
"""

from __future__ import annotations

from collections import defaultdict

from genomap.layout.structure import Structure


def _positions(rows: list[list[str]]) -> dict[str, float]:
    return {key: float(i) for row in rows for i, key in enumerate(row)}


def _anchor_pos(structure: Structure, anchor: str, pos: dict[str, float]) -> float:
    info = structure.unions.get(anchor)
    if info is None:
        return pos[anchor]
    return sum(pos[k] for k in info.partner_units) / len(info.partner_units)


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


def row_crossings(
    structure: Structure, rows: list[list[str]], r: int, pos: dict[str, float]
) -> int:
    """Crossings between straight edges from row r's anchors to row r+1's units."""
    edges: list[tuple[float, float]] = []
    for key in rows[r + 1]:
        up = structure.units[key].up
        if up is not None:
            edges.append((_anchor_pos(structure, up, pos), pos[key]))
    edges.sort()
    return count_inversions([int(child) for _, child in edges])


def total_crossings(structure: Structure, rows: list[list[str]]) -> int:
    """Crossings summed over every pair of neighbouring rows."""
    pos = _positions(rows)
    return sum(row_crossings(structure, rows, r, pos) for r in range(len(rows) - 1))


def _chains_in(structure: Structure, row: list[str]) -> list[int]:
    chains: list[int] = []
    for key in row:
        chain = structure.units[key].chain
        if not chains or chains[-1] != chain:
            chains.append(chain)
    return chains


def _sweep_down(structure: Structure, rows: list[list[str]], r: int) -> None:
    pos = _positions(rows[r - 1 : r + 1])
    chains = _chains_in(structure, rows[r])
    keyed: list[tuple[float, float, float, int]] = []
    last_key, last_tie = -1.0, 0.0
    for position, chain in enumerate(chains):
        _orient(structure, chain, pos)
        anchored = [
            (_anchor_pos(structure, up, pos), structure.units[k].sibling_rank)
            for k in structure.chains[chain]
            if (up := structure.units[k].up) is not None
        ]
        if anchored:
            key = sum(a for a, _ in anchored) / len(anchored)
            tie = float(anchored[0][1]) if len(anchored) == 1 else -1.0
            last_key, last_tie = key, tie
        else:
            key, tie = last_key, last_tie
        keyed.append((key, tie, float(position), chain))
    # A lone household member (a pet, a lodger) stands right after the member it lives with.
    placed = {c: (k, t, i) for k, t, i, c in keyed}
    for n, (_, _, _, chain) in enumerate(keyed):
        buddy = structure.units[structure.chains[chain][0]].buddy
        if buddy is not None and len(structure.chains[chain]) == 1:
            k, t, i = placed[structure.units[buddy].chain]
            keyed[n] = (k, t, i + 0.5, chain)
    keyed.sort()
    rows[r] = [k for *_, chain in keyed for k in structure.chains[chain]]


def _orient(structure: Structure, chain: int, pos: dict[str, float]) -> None:
    """Reverse a chain whose members hang from anchors in the opposite order, so the partner
    line does not cross their descent lines (kinship2 and GoJS swap spouses for this)."""
    members = structure.chains[chain]
    ups = [
        _anchor_pos(structure, up, pos)
        for k in members
        if (up := structure.units[k].up) is not None
    ]
    if len(ups) >= 2 and ups[0] > ups[-1]:
        members.reverse()


def _sweep_up(structure: Structure, rows: list[list[str]], r: int) -> None:
    pos = _positions(rows[r : r + 2])
    chains = _chains_in(structure, rows[r])
    # Chains that share a parent anchor (siblings, or a couple from two drawn families) form one
    # block whose inner order is kept.
    root = {chain: chain for chain in chains}

    def find(chain: int) -> int:
        while root[chain] != chain:
            root[chain] = root[root[chain]]
            chain = root[chain]
        return chain

    first_by_anchor: dict[str, int] = {}
    for chain in chains:
        for key in structure.chains[chain]:
            up = structure.units[key].up
            if up is None:
                continue
            other = first_by_anchor.setdefault(up, chain)
            a, b = find(other), find(chain)
            if a != b:
                root[max(a, b)] = min(a, b)
    grouped: dict[int, list[int]] = {}
    for chain in chains:
        grouped.setdefault(find(chain), []).append(chain)
    blocks = list(grouped.values())
    below: dict[str, list[float]] = defaultdict(list)
    for key in rows[r + 1]:
        up = structure.units[key].up
        if up is not None:
            below[up].append(pos[key])
    keyed: list[tuple[float, int, int]] = []
    last_key = -1.0
    for index, block in enumerate(blocks):
        values: list[float] = []
        for chain in block:
            for key in structure.chains[chain]:
                values.extend(below.get(key, ()))
                for union_key in structure.units[key].down_unions:
                    values.extend(below.get(union_key, ()))
        key_value = sum(values) / len(values) if values else last_key
        last_key = key_value
        keyed.append((key_value, index, index))
    keyed.sort()
    rows[r] = [k for *_, b in keyed for chain in blocks[b] for k in structure.chains[chain]]


def order_rows(structure: Structure, sweeps: int) -> tuple[list[list[str]], int]:
    """Improve the structure's initial row order; returns the best order and its crossings."""
    rows = [list(row) for row in structure.rows]
    best = [list(row) for row in rows]
    best_crossings = total_crossings(structure, rows)
    stale = 0
    for _ in range(sweeps):
        if best_crossings == 0:
            break
        for r in range(len(rows) - 2, -1, -1):
            _sweep_up(structure, rows, r)
        for r in range(1, len(rows)):
            _sweep_down(structure, rows, r)
        crossings = total_crossings(structure, rows)
        if crossings < best_crossings:
            best, best_crossings, stale = [list(row) for row in rows], crossings, 0
        else:
            stale += 1
            if stale >= 2:
                break
    return best, best_crossings
