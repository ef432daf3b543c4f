"""Horizontal placement: each row solved exactly as weighted isotonic regression (PAVA).

Each unit is pulled towards its parents' union (children centre under their parents) and each
union towards the middle of its children (parents centre over their children); partner chains
move as rigid blocks. Within a row, ``x[i+1] - x[i] >= gap[i]`` keeps symbols and labels apart;
substituting ``y[i] = x[i] - sum(gap[:i])`` turns the row into isotonic regression, which the
pool-adjacent-violators algorithm solves exactly in linear time. Rows are swept down and up a
few times (Gauss–Seidel), so the whole placement is O(rows × units × sweeps).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from math import inf
from operator import add, itemgetter, sub, truediv

from genomap.layout.routing import descent_units
from genomap.layout.structure import Structure, Unit

Separation = Callable[[list[str]], list[float]]
"""The least distance between each unit of a row and the next."""
_Getter = Callable[[list[float]], tuple[float, ...]]

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
    # Pools of (mean, weighted sum, total weight, count) with non-decreasing means. The top
    # pool lives in locals, as most elements merge into it; ``under`` is the mean of the pool
    # below it. The first element pushes the empty starting pool (mean -inf, no elements),
    # which no mean is below, so it is never popped and ends every merge. Merged sums add up
    # in the same order as ever, so results do not change.
    pools: list[tuple[float, float, float, int]] = []
    under = top = -inf
    top_s, top_w, top_c = 0.0, 0.0, 0
    for t, w, off in zip(targets, weights, offsets, strict=True):
        s = (t - off) * w
        mean = s / w
        if top > mean:
            s = top_s + s
            w = top_w + w
            c = top_c + 1
            mean = s / w
            while under > mean:
                _, pooled, pooled_w, pooled_c = pools.pop()
                s = pooled + s
                w = pooled_w + w
                c = pooled_c + c
                mean = s / w
                under = pools[-1][0]
            top_c = c
        else:
            pools.append((top, top_s, top_w, top_c))
            under = top
            top_c = 1
        top = mean
        top_s = s
        top_w = w
    pools.append((top, top_s, top_w, top_c))
    result: list[float] = []
    for mean, _, _, c in pools:
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
    units = structure.units
    below: dict[str, list[str]] = {}
    for unit in units.values():
        if unit.up is not None:
            below.setdefault(unit.up, []).append(unit.key)
    # The sweeps work on one list of x values, indexed by unit in row order, so that each row
    # is a slice of it.
    index = {key: i for i, key in enumerate(key for row in rows for key in row)}
    row_of = [r for r, row in enumerate(rows) for _ in row]
    means = _Means(structure, below, index, row_of, len(rows))
    systems: list[_Row] = []
    lo = 0
    for row in rows:
        systems.append(_Row(units, row, lo, separation, below, means))
        lo += len(row)

    xs = [0.0] * lo
    for system in systems:
        n = len(system.firsts)
        if n:
            system.update(xs, _pava([0.0] * n, [1.0] * n, system.offsets))

    values = means.values
    stale = [True] * len(means.buckets)
    order = list(range(len(rows))) + list(range(len(rows) - 2, -1, -1))
    for _ in range(sweeps):
        moved = 0.0
        for r in order:
            system = systems[r]
            if system.firsts:
                # A mean changes only when its own row moves: recompute it when next needed.
                for b in system.needs:
                    if stale[b]:
                        means.refresh(b, xs)
                        stale[b] = False
                moved = max(moved, system.solve(xs, values))
                for b in means.moved_by[r]:
                    stale[b] = True
        if moved < SETTLED:
            break
    for system in systems:
        system.snap_only_children(xs)
    return dict(zip(index, xs, strict=True))


SNAP = 12.0
"""An only child this close to its parents' descent line is moved under it (drawing units)."""


class _Means:
    """The mean x of each group of units some pull needs, in one list shared by all rows.

    Each owner of children (a union or a unit) has two groups: its descent units (a union's
    partners or its stub, a unit alone), which its children are pulled towards, and its
    children, whose middle it is pulled towards. Groups are bucketed by role and by the rows
    their units stand in, and a bucket is recomputed only when a row reading it is about to be
    solved and one of its own rows has moved since. Within a bucket, pairs (a single unit as
    ``(a, a)``, whose mean ``(x + x) / 2`` is exactly x) come first, then the larger groups, so
    that a refresh is two list comprehensions.
    """

    __slots__ = (
        "anchor",
        "bucket_of",
        "buckets",
        "children",
        "members",
        "moved_by",
        "values",
        "zero",
    )

    def __init__(
        self,
        structure: Structure,
        below: Mapping[str, list[str]],
        index: Mapping[str, int],
        row_of: list[int],
        n_rows: int,
    ) -> None:
        # Groups by role (children or not) and rows; rows are runs of indices, so one row holds
        # all of a group if it holds both ends.
        keyed: dict[tuple[bool, tuple[int, ...]], list[tuple[str, list[int]]]] = {}
        at, unions = index.__getitem__, structure.unions
        for owner, kids in below.items():
            members = (
                list(map(at, descent_units(structure, owner))) if owner in unions else [at(owner)]
            )
            low, high = row_of[min(members)], row_of[max(members)]
            rows = (low,) if low == high else tuple(sorted({row_of[i] for i in members}))
            keyed.setdefault((False, rows), []).append((owner, members))
            members = list(map(at, kids))
            low, high = row_of[min(members)], row_of[max(members)]
            rows = (low,) if low == high else tuple(sorted({row_of[i] for i in members}))
            keyed.setdefault((True, rows), []).append((owner, members))
        self.anchor: dict[str, int] = {}  # owner -> slot of its descent units' mean
        self.children: dict[str, int] = {}  # owner -> slot of its children's mean
        self.members: dict[str, list[int]] = {}  # owner -> x indices of its descent units
        # (first pair slot, pairs, first larger slot, larger groups as (getter of their x
        # values, size)) of each bucket.
        self.buckets: list[tuple[int, list[tuple[int, int]], int, list[tuple[_Getter, int]]]] = []
        self.bucket_of: list[int] = []  # bucket of each slot
        self.moved_by: list[list[int]] = [[] for _ in range(n_rows)]  # buckets of each row
        for (is_kids, rows), groups in keyed.items():
            b = len(self.buckets)
            pairs = [g for g in groups if len(g[1]) <= 2]
            larger = [g for g in groups if len(g[1]) > 2]
            slots = self.children if is_kids else self.anchor
            first = len(self.bucket_of)
            for slot, (owner, members) in enumerate(pairs + larger, first):
                slots[owner] = slot
                if not is_kids:
                    self.members[owner] = members
            self.bucket_of += [b] * len(groups)
            self.buckets.append(
                (
                    first,
                    [(m[0], m[-1]) for _, m in pairs],
                    first + len(pairs),
                    [(itemgetter(*m), len(m)) for _, m in larger],
                )
            )
            for r in rows:
                self.moved_by[r].append(b)
        # A last slot that is always 0.0: a pull that reads it adds nothing.
        self.zero = len(self.bucket_of)
        self.values = [0.0] * (self.zero + 1)

    def refresh(self, bucket: int, xs: list[float]) -> None:
        """Recompute the means of a bucket from the current x values."""
        first, pairs, split, larger = self.buckets[bucket]
        values = self.values
        values[first:split] = [(xs[a] + xs[b]) / 2 for a, b in pairs]
        # sum() of the tuple a getter returns adds up exactly as sum() of a list would.
        values[split : split + len(larger)] = [sum(get(xs)) / n for get, n in larger]


class _Row:
    """One row's blocks and pulls, resolved once to indices into the list of x values (the
    row is ``xs[lo:hi]``) and into the shared list of means, so that sweeps only do arithmetic.

    Each unit is pulled towards its parents' descent point, and each owner of children towards
    the middle of its children; every pull has weight 1 (its term is added unscaled), and a
    block's pulls act on it in member order. They are kept in rounds, the k-th pull of every
    block that has one, parent pulls apart from child pulls: no loop branches on the kind, and
    each block's sum adds up in the same order as pull by pull. A first pull on a block's first
    unit (most blocks have one) is added with the block's hold, from a list by block whose
    other entries read an always-zero mean. No x value is ever -0.0 (each
    is a block start plus an offset that is not -0.0), so the mean of one x is that x and the
    mean of two is ``(a + b) / 2``, exactly as ``sum`` gives.
    """

    __slots__ = (
        "firsts",
        "gaps",
        "heads",
        "hi",
        "lo",
        "members",
        "needs",
        "offsets",
        "rounds",
        "snaps",
        "starts",
        "weights",
    )

    def __init__(
        self,
        units: Mapping[str, Unit],
        row: list[str],
        lo: int,
        separation: Separation,
        below: Mapping[str, list[str]],
        means: _Means,
    ) -> None:
        self.lo, self.hi = lo, lo + len(row)
        self.firsts: list[int] = []  # x index of each block's first unit
        self.members: list[tuple[int, float]] = []  # (block, offset in it) of each unit
        self.gaps: list[float] = []  # least distance between neighbouring blocks' starts
        # A block's first pull may be on its first unit, towards its parents' mean (which is
        # all that unit's pull is, as it stands at the block's start): the slot of that mean,
        # by block, or the zero slot. Round k holds the k-th pulls of the other kinds: (block,
        # member, parents' mean) pulls on other units and (block, children's mean, owner's
        # descent mean) pulls of owners.
        self.heads: list[int] = []
        self.rounds: list[tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]] = []
        self.weights: list[float] = []  # total weight of each block's pulls
        # (block, hanging unit, parents) of blocks that may snap under their parents.
        self.snaps: list[tuple[int, int, list[int]]] = []
        anchor, children = means.anchor, means.children
        rounds, heads = self.rounds, self.heads
        firsts, members = self.firsts, self.members
        counts: list[int] = []  # pulls on each block
        # Of each block: its units with parents, and the last of them as (parent anchor, x).
        hangs: list[int] = []
        hanging: list[tuple[str, int]] = []

        j, chain, offset, first, k = -1, -1, 0.0, -1, 0
        for i, key, gap in zip(range(lo, self.hi), row, [0.0, *separation(row)], strict=True):
            unit = units[key]
            if j >= 0 and unit.chain == chain:
                offset += gap
            else:
                if j >= 0:
                    self.gaps.append(gap + offset)
                    counts.append(k)
                j, chain, offset, first, k = j + 1, unit.chain, 0.0, i, 0
                firsts.append(i)
                heads.append(means.zero)
                hangs.append(0)
                hanging.append(("", 0))
            members.append((j, offset))
            up = unit.up
            if up is not None:
                if i == first:  # the block's first pull (k is 0)
                    heads[j] = anchor[up]
                else:
                    while k >= len(rounds):  # (round 0 may have none: head pulls are apart)
                        rounds.append(([], []))
                    rounds[k][0].append((j, i, anchor[up]))
                k += 1
                hangs[j] += 1
                hanging[j] = (up, i)
            if key in below:  # units hanging from this unit itself, then from its unions
                while k >= len(rounds):
                    rounds.append(([], []))
                rounds[k][1].append((j, children[key], anchor[key]))
                k += 1
            for owner in unit.down_unions:
                if owner in below:
                    while k >= len(rounds):
                        rounds.append(([], []))
                    rounds[k][1].append((j, children[owner], anchor[owner]))
                    k += 1
        if j >= 0:
            counts.append(k)
        self.offsets = _cumulative(self.gaps)  # block starts when every gap is tight
        # Each weight adds the pulls' weights 1.0 one by one, as a sum over the pulls would.
        table = [HOLD_WEIGHT]
        for _ in range(max(counts, default=0)):
            table.append(table[-1] + 1.0)
        self.weights = [table[n] for n in counts]
        for j, (n, (up, i)) in enumerate(zip(hangs, hanging, strict=True)):
            if n == 1 and len(below[up]) == 1:
                self.snaps.append((j, i, means.members[up]))
        # The buckets of the means the pulls read (the zero slot is in none).
        read = [a for a in heads if a != means.zero]
        for parents, pulls in rounds:
            read += [a for _, _, a in parents]
            read += [a for _, a, _ in pulls]
            read += [b for _, _, b in pulls]
        self.needs = sorted(set(map(means.bucket_of.__getitem__, read)))
        self.starts: list[float] = []  # the block starts last put (see update)

    def update(self, xs: list[float], starts: list[float]) -> None:
        """Put each block at its start."""
        xs[self.lo : self.hi] = [starts[j] + offset for j, offset in self.members]
        # Block starts are never -0.0 (PAVA adds offset 0.0 to the first one), so each first
        # unit's x, its start plus offset 0.0, is its start: keep them for the next solve.
        self.starts = starts

    def solve(self, xs: list[float], means: list[float]) -> float:
        """Move the row's blocks to their best places given the other rows; the largest move."""
        before = self.starts  # the x of each block's first unit (only update moves them)
        # Each block's total starts with its hold and its first pull if that is a head pull
        # (the zero slot adds nothing otherwise, and no total is -0.0).
        heads = zip(before, self.heads, strict=True)
        totals = [start * HOLD_WEIGHT + means[a] for start, a in heads]
        for parents, children in self.rounds:
            for j, i, a in parents:
                totals[j] += means[a] - (xs[i] - before[j])
            for j, a, b in children:
                totals[j] += before[j] + means[a] - means[b]
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
