"""Horizontal placement: each row solved exactly as weighted isotonic regression (PAVA).

Each unit is pulled towards its parents' union (children centre under their parents) and each
union towards the middle of its children (parents centre over their children); partner chains
move as rigid blocks. Within a row, ``x[i+1] - x[i] >= gap[i]`` keeps symbols and labels apart;
substituting ``y[i] = x[i] - sum(gap[:i])`` turns the row into isotonic regression, which the
pool-adjacent-violators algorithm solves exactly in linear time. Rows are swept down and up a
few times (Gauss–Seidel), so the whole placement is O(rows × units × sweeps).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from math import inf
from operator import add, sub, truediv

from genomap.layout.routing import descent_units
from genomap.layout.structure import Structure, Unit

Separation = Callable[[str, str], float]

PARENT_WEIGHT = 1.0
CHILD_WEIGHT = 1.0
HOLD_WEIGHT = 1e-3
SETTLED = 0.5  # stop sweeping once no block moves more than this (drawing units)


def isotonic(targets: list[float], weights: list[float], gaps: list[float]) -> list[float]:
    """Minimise sum w_i (x_i - t_i)^2 subject to x[i+1] - x[i] >= gaps[i].

    Example:
        >>> isotonic([0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [10.0, 10.0])
        [-10.0, 0.0, 10.0]
    """
    return _pava(targets, weights, _cumulative(gaps))


def _cumulative(gaps: list[float]) -> list[float]:
    """Offset of each element from the first when every gap is tight."""
    offsets = [0.0]
    for gap in gaps:
        offsets.append(offsets[-1] + gap)
    return offsets


def _pava(targets: list[float], weights: list[float], offsets: list[float]) -> list[float]:
    """:func:`isotonic` with the gaps already summed into ``offsets`` (fixed for a row)."""
    # Pools of (mean, weighted sum, total weight, count) with non-decreasing means, above a
    # sentinel pool no mean is below; ``top`` is the last pool's mean. Merged sums add up in the
    # same order as ever, so results do not change.
    pools: list[tuple[float, float, float, int]] = [(-inf, 0.0, 0.0, 0)]
    top = -inf
    for t, w, off in zip(targets, weights, offsets, strict=True):
        s = (t - off) * w
        mean = s / w
        if top > mean:
            _, pooled, pooled_w, c = pools.pop()
            s = pooled + s
            w = pooled_w + w
            c += 1
            mean = s / w
            while pools[-1][0] > mean:
                _, pooled, pooled_w, pooled_c = pools.pop()
                s = pooled + s
                w = pooled_w + w
                c = pooled_c + c
                mean = s / w
            pools.append((mean, s, w, c))
        else:
            pools.append((mean, s, w, 1))
        top = mean
    result: list[float] = []
    for mean, _, _, c in pools[1:]:
        result += [mean] * c
    return list(map(add, result, offsets))


def place(
    structure: Structure,
    rows: list[list[str]],
    separation: Separation,
    sweeps: int = 5,
) -> dict[str, float]:
    """X coordinate of every unit.

    Partner chains are rigid (partners stand at their minimum distance, as people draw them), so
    each row is solved over chain blocks: a block's target is the weighted mean of its members'
    pulls, shifted by each member's offset within the block.
    """
    below: dict[str, list[str]] = defaultdict(list)
    for unit in structure.units.values():
        if unit.up is not None:
            below[unit.up].append(unit.key)
    anchors = {key: descent_units(structure, key) for key in structure.unions}
    # The sweeps work on one list of x values, indexed by unit in row order, so that each row
    # is a slice of it.
    index = {key: i for i, key in enumerate(key for row in rows for key in row)}
    systems: list[_Row] = []
    lo = 0
    for row in rows:
        systems.append(_Row(structure, row, lo, separation, below, anchors, index))
        lo += len(row)

    xs = [0.0] * lo
    for system in systems:
        n = len(system.firsts)
        if n:
            system.update(xs, _pava([0.0] * n, [1.0] * n, system.offsets))

    order = list(range(len(rows))) + list(range(len(rows) - 2, -1, -1))
    for _ in range(sweeps):
        moved = 0.0
        for r in order:
            system = systems[r]
            if system.firsts:
                moved = max(moved, system.solve(xs))
        if moved < SETTLED:
            break
    for system in systems:
        system.snap_only_children(xs)
    return dict(zip(index, xs, strict=True))


SNAP = 12.0
"""An only child this close to its parents' descent line is moved under it (drawing units)."""


class _Row:
    """One row's blocks and pulls, resolved once to indices into the list of x values (the
    row is ``xs[lo:hi]``), so that sweeps only do arithmetic.

    Each unit is pulled towards its parents' descent point, and each owner of children (a union
    or a unit) towards the middle of its children; a block's pulls act on it in member order.
    No x value is ever -0.0 (each is a block start plus an offset that is not -0.0), so the
    mean of one x is that x and the mean of two is ``(a + b) / 2``, exactly as ``sum`` gives.
    """

    __slots__ = (
        "firsts",
        "gaps",
        "hi",
        "larger",
        "lo",
        "members",
        "offsets",
        "pairs",
        "pulls",
        "snaps",
        "weights",
    )

    def __init__(
        self,
        structure: Structure,
        row: list[str],
        lo: int,
        separation: Separation,
        below: Mapping[str, list[str]],
        anchors: Mapping[str, list[str]],
        index: Mapping[str, int],
    ) -> None:
        units = structure.units
        self.lo, self.hi = lo, lo + len(row)
        self.firsts: list[int] = []  # x index of each block's first unit
        self.members: list[tuple[int, float]] = []  # (block, offset in it) of each unit
        self.gaps: list[float] = []  # least distance between neighbouring blocks' starts
        self.weights: list[float] = []  # total weight of each block's pulls
        # (block, member or -1, mean, mean): a parent pull on the member towards the first mean,
        # or (member -1) a child pull from the children's mean to their owner's mean.
        self.pulls: list[tuple[int, int, int, int]] = []
        # The units whose mean x some pull needs, each group once: pairs (a single unit as
        # (a, a), whose mean (x + x) / 2 is exactly x), then the larger groups. Their means are
        # listed pairs first, then larger groups last to first, so that larger group k is
        # mean ~k (counted from the end) before the number of pairs is known.
        self.pairs: list[tuple[int, int]] = []
        self.larger: list[list[int]] = []
        means: dict[tuple[str, str], int] = {}  # ("up", anchor) or ("kids", owner) -> mean
        # (block, hanging unit, parents) of blocks that may snap under their parents.
        self.snaps: list[tuple[int, int, list[int]]] = []

        def mean(name: tuple[str, str], group: list[str]) -> int:
            found = means.get(name)
            if found is None:
                if len(group) <= 2:
                    found = len(self.pairs)
                    self.pairs.append((index[group[0]], index[group[-1]]))
                else:
                    found = ~len(self.larger)
                    self.larger.append([index[k] for k in group])
                means[name] = found
            return found

        hanging: list[str] = []
        j, chain, previous, offset, weight = -1, 0, "", 0.0, HOLD_WEIGHT
        for i, key in enumerate(row, lo):
            unit = units[key]
            if j >= 0 and unit.chain == chain:
                offset += separation(previous, key)
            else:
                if j >= 0:
                    self.gaps.append(separation(previous, key) + offset)
                    self._close_block(j, weight, hanging, units, below, anchors, index)
                j, chain, offset, weight = j + 1, unit.chain, 0.0, HOLD_WEIGHT
                hanging = []
                self.firsts.append(i)
            self.members.append((j, offset))
            previous = key
            up = unit.up
            if up is not None:
                parents = mean(("up", up), _anchor_units(up, anchors))
                self.pulls.append((j, i, parents, 0))
                weight += PARENT_WEIGHT
                hanging.append(key)
            for owner in (key, *unit.down_unions) if unit.down_unions else (key,):
                kids = below.get(owner)
                if kids:
                    centre = mean(("kids", owner), kids)
                    anchor = mean(("up", owner), _anchor_units(owner, anchors))
                    self.pulls.append((j, -1, centre, anchor))
                    weight += CHILD_WEIGHT
        if j >= 0:
            self._close_block(j, weight, hanging, units, below, anchors, index)
        self.offsets = _cumulative(self.gaps)  # block starts when every gap is tight
        self.larger.reverse()

    def _close_block(
        self,
        j: int,
        weight: float,
        hanging: list[str],
        units: Mapping[str, Unit],
        below: Mapping[str, list[str]],
        anchors: Mapping[str, list[str]],
        index: Mapping[str, int],
    ) -> None:
        """Record block ``j``'s weight, and whether it may snap under its only child's parents."""
        self.weights.append(weight)
        if len(hanging) == 1:
            up = units[hanging[0]].up
            assert up is not None
            if len(below.get(up, ())) == 1:
                parents = [index[k] for k in _anchor_units(up, anchors)]
                self.snaps.append((j, index[hanging[0]], parents))

    def update(self, xs: list[float], starts: list[float]) -> None:
        """Put each block at its start."""
        xs[self.lo : self.hi] = [starts[j] + offset for j, offset in self.members]

    def solve(self, xs: list[float]) -> float:
        """Move the row's blocks to their best places given the other rows; the largest move."""
        means = [(xs[a] + xs[b]) / 2 for a, b in self.pairs]
        means += [sum([xs[i] for i in g]) / len(g) for g in self.larger]
        before = [xs[i] for i in self.firsts]
        totals = [start * HOLD_WEIGHT for start in before]
        for j, i, a, b in self.pulls:
            if i >= 0:
                totals[j] += (means[a] - (xs[i] - before[j])) * PARENT_WEIGHT
            else:
                totals[j] += (before[j] + means[a] - means[b]) * CHILD_WEIGHT
        weights = self.weights
        starts = _pava(list(map(truediv, totals, weights)), weights, self.offsets)
        self.update(xs, starts)
        moved: float = max(map(abs, map(sub, before, starts)))
        return moved

    def snap_only_children(self, xs: list[float]) -> None:
        """Remove the small kink of an only child standing just off its parents' descent line,
        when the neighbouring blocks leave room for the move."""
        firsts, gaps = self.firsts, self.gaps
        for j, hanging, parents in self.snaps:
            shift = sum([xs[k] for k in parents]) / len(parents) - xs[hanging]
            if not 0 < abs(shift) < SNAP:
                continue
            start = xs[firsts[j]] + shift
            if j > 0 and start < xs[firsts[j - 1]] + gaps[j - 1] - 1e-9:
                continue
            if j + 1 < len(firsts) and xs[firsts[j + 1]] < start + gaps[j] - 1e-9:
                continue
            end = firsts[j + 1] if j + 1 < len(firsts) else self.hi
            for k in range(firsts[j], end):
                xs[k] = start + self.members[k - self.lo][1]


def _anchor_units(anchor: str, anchors: Mapping[str, list[str]]) -> list[str]:
    return anchors.get(anchor, [anchor])
