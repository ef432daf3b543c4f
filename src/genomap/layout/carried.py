"""Where the dummies of extra parent links stand in their rows.

An extra link (a birth parents' line to a child drawn under adoptive or foster parents) that
reaches a child more than one row down passes the rows between through dummies. The sweeps see
only each dummy's line from above, so afterwards the dummies of each link are moved together,
between chains, to the slots where the whole line crosses the fewest other lines (a shortest
path over the rows, one slot per row).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from genomap.layout.structure import Structure

_ROUNDS = 2

Cost = tuple[int, int]  # (crossings, slots moved): fewest crossings, then the least change


def settle_carried_dummies(structure: Structure, rows: list[list[str]]) -> None:
    """Move the carried dummies of ``rows`` (in place) to their least-crossing slots."""
    carried = structure.secondary_dummies
    if not carried:
        return
    for _ in range(_ROUNDS):
        moved = False
        for (_, person_id), dummies in sorted(carried.items()):
            moved |= _settle_link(structure, rows, dummies, person_id)
        if not moved:
            break  # another round would find the same slots


def _settle_link(
    structure: Structure, rows: list[list[str]], dummies: list[str], child: str
) -> bool:
    """Move one link's dummies to their best slots; whether any of them moved."""
    units = structure.units
    first = units[dummies[0]]
    anchor_key = first.up
    assert anchor_key is not None  # the first dummy hangs from the link's union
    top = first.row  # at least 1: the union's row is above it
    mine = set(dummies)
    # The rows without this link's dummies; slot k of a row is "before its unit k".
    bare = {
        r: [k for k in rows[r] if k not in mine] for r in range(top - 1, top + len(dummies) + 1)
    }
    now = [rows[units[d].row].index(d) for d in dummies]
    slots = [_slots(structure, bare[units[d].row]) for d in dummies]

    # The line from the union above into the first dummy.
    upper = _positions(bare[top - 1])
    here = _positions(bare[top])
    anchor = _anchor_position(structure, anchor_key, upper)
    n = len(bare[top])
    diff = [0] * (n + 2)  # crossings per slot, as differences

    def add(k0: int, k1: int) -> None:
        diff[max(k0, 0)] += 1
        diff[min(k1, n) + 1] -= 1

    siblings: list[int] = []
    for origin, end in _edges(structure, top, upper, here):
        # Our line ends at slot k, at k - 0.5: it crosses a line that starts on the other side
        # of its union and ends on the other side of it.
        if origin < anchor:
            add(0, end)
        elif origin > anchor:
            add(end + 1, n)
        else:
            siblings.append(end)
    if siblings and max(siblings) > min(siblings):
        # Between children of its own union the line would cut their sibship bar.
        add(min(siblings) + 1, max(siblings))
    entry = [0] * (n + 1)
    running = 0
    for k in range(n + 1):
        running += diff[k]
        entry[k] = running

    best: list[Cost] = [(entry[k], abs(k - now[0])) for k in slots[0]]
    back: list[list[int]] = []
    for i in range(1, len(dummies)):
        r = top + i
        matrix = _pair_costs(structure, r, bare[r - 1], bare[r])
        chosen: list[int] = []
        costs: list[Cost] = []
        for kb in slots[i]:
            options = [
                ((c[0] + matrix[ka][kb], c[1] + abs(kb - now[i])), j)
                for j, (ka, c) in enumerate(zip(slots[i - 1], best, strict=True))
            ]
            cost, j = min(options)
            costs.append(cost)
            chosen.append(j)
        best = costs
        back.append(chosen)
    # The last step: from the last dummy down to the child.
    last_row = top + len(dummies) - 1
    target = bare[last_row + 1].index(child)
    matrix = _pair_costs(structure, last_row + 1, bare[last_row], bare[last_row + 1], child)
    kb = target + 1  # the child's own slot: after it (a line ends on the child)
    best = [(c[0] + matrix[ka][kb], c[1]) for ka, c in zip(slots[-1], best, strict=True)]
    j = min(range(len(best)), key=best.__getitem__)
    picks = [slots[-1][j]]
    for i in range(len(dummies) - 1, 0, -1):
        j = back[i - 1][j]
        picks.append(slots[i - 1][j])
    picks.reverse()
    for dummy, slot in zip(dummies, picks, strict=True):
        row = bare[units[dummy].row]
        row.insert(slot, dummy)
        rows[units[dummy].row] = row
    return picks != now


def _slots(structure: Structure, row: Sequence[str]) -> list[int]:
    """Slots of a row a dummy may take: anywhere but inside a partner chain."""
    units = structure.units
    return [
        k
        for k in range(len(row) + 1)
        if k in (0, len(row)) or units[row[k - 1]].chain != units[row[k]].chain
    ]


def _pair_costs(
    structure: Structure,
    r: int,
    upper_row: Sequence[str],
    lower_row: Sequence[str],
    skip: str | None = None,
) -> list[list[int]]:
    """cost[ka][kb]: lines between rows r-1 and r crossed by a line from slot ka above to slot
    kb below (a slot k stands at k - 0.5 among the row's units). ``skip``'s lines are left
    out (the child the line ends at)."""
    na, nb = len(upper_row) + 1, len(lower_row) + 1
    # A 2-D difference table: each other line adds one crossing to two rectangles of slots.
    diff = [[0] * (nb + 1) for _ in range(na + 1)]

    def rect(a0: int, a1: int, b0: int, b1: int) -> None:
        a0, a1, b0, b1 = max(a0, 0), min(a1, na - 1), max(b0, 0), min(b1, nb - 1)
        if a0 > a1 or b0 > b1:
            return
        diff[a0][b0] += 1
        diff[a0][b1 + 1] -= 1
        diff[a1 + 1][b0] -= 1
        diff[a1 + 1][b1 + 1] += 1

    upper, lower = _positions(upper_row), _positions(lower_row)
    for origin, end in _edges(structure, r, upper, lower, skip):
        # Slots left of the origin: ka - 0.5 < origin, i.e. ka < origin + 0.5.
        left_of_origin = _last_below(origin + 0.5)
        # Our line crosses when it starts left of the origin and ends right of the end, or the
        # other way round.
        rect(0, left_of_origin, end + 1, nb - 1)
        rect(left_of_origin + 1, na - 1, 0, end)
    cost = [[0] * nb for _ in range(na)]
    for a in range(na):
        running = 0
        above = cost[a - 1] if a else None
        for b in range(nb):
            running += diff[a][b]
            cost[a][b] = running + (above[b] if above is not None else 0)
    return cost


def _last_below(value: float) -> int:
    """The largest whole number strictly below ``value``."""
    whole = int(value // 1)
    return whole - 1 if whole == value else whole


def _positions(row: Sequence[str]) -> dict[str, float]:
    return {key: float(i) for i, key in enumerate(row)}


def _anchor_position(structure: Structure, anchor: str, pos: dict[str, float]) -> float:
    info = structure.unions.get(anchor)
    if info is None:
        return pos[anchor]
    parts = [pos[k] for k in info.partner_units]
    return sum(parts) / len(parts)


def _edges(
    structure: Structure,
    r: int,
    upper: dict[str, float],
    lower: dict[str, float],
    skip: str | None = None,
) -> Iterator[tuple[float, int]]:
    """(origin in row r-1, end in row r) of the lines between the two rows: units hanging from
    an anchor, extra links to children on row r, and the last steps of carried extra links.
    Units missing from the rows (the dummies being moved) bring no lines."""
    units, unions = structure.units, structure.unions
    for key, end in lower.items():
        up = units[key].up
        if up is None or key == skip:
            continue
        info = unions.get(up)
        if info is None:
            if up in upper:
                yield upper[up], int(end)
        elif info.row == r - 1:
            yield _anchor_position(structure, up, upper), int(end)
    carried = structure.secondary_dummies
    for union_key, person_id, _ in structure.secondary:
        if person_id == skip or person_id not in lower:
            continue
        dummies = carried.get((union_key, person_id)) if carried else None
        if dummies:
            if dummies[-1] in upper:
                yield upper[dummies[-1]], int(lower[person_id])
        elif unions[union_key].row == r - 1:
            yield _anchor_position(structure, union_key, upper), int(lower[person_id])
