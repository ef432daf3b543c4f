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
from itertools import pairwise

from genomap.layout.routing import descent_units
from genomap.layout.structure import Structure

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
    offsets = [0.0]
    for gap in gaps:
        offsets.append(offsets[-1] + gap)
    # Pools of (weighted sum, total weight, count) with non-decreasing means.
    pools: list[list[float]] = []
    for t, w, off in zip(targets, weights, offsets, strict=True):
        pools.append([(t - off) * w, w, 1.0])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            s, ww, c = pools.pop()
            pools[-1][0] += s
            pools[-1][1] += ww
            pools[-1][2] += c
    result: list[float] = []
    for s, w, c in pools:
        mean = s / w
        result.extend([mean] * int(c))
    return [y + off for y, off in zip(result, offsets, strict=True)]


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
    blocks_by_row: list[list[list[str]]] = []
    offsets: dict[str, float] = {}
    block_gaps: list[list[float]] = []
    for row in rows:
        blocks: list[list[str]] = []
        for key in row:
            chain = structure.units[key].chain
            if blocks and structure.units[blocks[-1][0]].chain == chain:
                blocks[-1].append(key)
            else:
                blocks.append([key])
        for block in blocks:
            offset = 0.0
            offsets[block[0]] = 0.0
            for a, b in pairwise(block):
                offset += separation(a, b)
                offsets[b] = offset
        blocks_by_row.append(blocks)
        block_gaps.append([separation(a[-1], b[0]) + offsets[a[-1]] for a, b in pairwise(blocks)])

    x: dict[str, float] = {}
    for blocks, gaps in zip(blocks_by_row, block_gaps, strict=True):
        if blocks:
            starts = isotonic([0.0] * len(blocks), [1.0] * len(blocks), gaps)
            for block, start in zip(blocks, starts, strict=True):
                x.update((k, start + offsets[k]) for k in block)

    below: dict[str, list[str]] = defaultdict(list)
    for unit in structure.units.values():
        if unit.up is not None:
            below[unit.up].append(unit.key)
    anchors = {key: descent_units(structure, key) for key in structure.unions}
    pulls = [[_block_pulls(structure, block, below, anchors) for block in b] for b in blocks_by_row]

    order = list(range(len(rows))) + list(range(len(rows) - 2, -1, -1))
    for _ in range(sweeps):
        moved = 0.0
        for r in order:
            blocks = blocks_by_row[r]
            if not blocks:
                continue
            targets, weights = _targets(blocks, pulls[r], x)
            starts = isotonic(targets, weights, block_gaps[r])
            for block, start in zip(blocks, starts, strict=True):
                moved = max(moved, abs(x[block[0]] - start))
                x.update((k, start + offsets[k]) for k in block)
        if moved < SETTLED:
            break
    _snap_only_children(structure, blocks_by_row, block_gaps, offsets, x, below, anchors)
    return x


SNAP = 12.0
"""An only child this close to its parents' descent line is moved under it (drawing units)."""


def _snap_only_children(
    structure: Structure,
    blocks_by_row: list[list[list[str]]],
    block_gaps: list[list[float]],
    offsets: Mapping[str, float],
    x: dict[str, float],
    below: Mapping[str, list[str]],
    anchors: Mapping[str, list[str]],
) -> None:
    """Remove the small kink of an only child standing just off its parents' descent line,
    when the neighbouring blocks leave room for the move."""
    for blocks, gaps in zip(blocks_by_row, block_gaps, strict=True):
        for i, block in enumerate(blocks):
            hanging = [k for k in block if structure.units[k].up is not None]
            if len(hanging) != 1:
                continue
            up = structure.units[hanging[0]].up
            assert up is not None
            if len(below.get(up, ())) != 1:
                continue
            parents = _anchor_units(up, anchors)
            shift = sum(x[k] for k in parents) / len(parents) - x[hanging[0]]
            if not 0 < abs(shift) < SNAP:
                continue
            start = x[block[0]] + shift
            if i > 0 and start < x[blocks[i - 1][0]] + gaps[i - 1] - 1e-9:
                continue
            if i + 1 < len(blocks) and x[blocks[i + 1][0]] < start + gaps[i] - 1e-9:
                continue
            x.update((k, start + offsets[k]) for k in block)


# A pull: (member key, anchor units above or None, child units below or None, owner anchor units).
Pull = tuple[str, list[str] | None, list[str] | None, list[str] | None]


def _anchor_units(anchor: str, anchors: Mapping[str, list[str]]) -> list[str]:
    return anchors.get(anchor, [anchor])


def _block_pulls(
    structure: Structure,
    block: list[str],
    below: Mapping[str, list[str]],
    anchors: Mapping[str, list[str]],
) -> list[Pull]:
    """The pulls acting on a block, resolved to unit keys once so sweeps only do arithmetic."""
    pulls: list[Pull] = []
    for key in block:
        unit = structure.units[key]
        if unit.up is not None:
            pulls.append((key, _anchor_units(unit.up, anchors), None, None))
        for owner in [key, *unit.down_unions]:
            kids = below.get(owner)
            if kids:
                pulls.append((key, None, kids, _anchor_units(owner, anchors)))
    return pulls


def _targets(
    blocks: list[list[str]], pulls: list[list[Pull]], x: Mapping[str, float]
) -> tuple[list[float], list[float]]:
    """Each block's wanted start x and weight, from parent and child pulls on its members."""
    targets: list[float] = []
    weights: list[float] = []
    get = x.__getitem__
    for block, block_pulls in zip(blocks, pulls, strict=True):
        start = x[block[0]]
        total, weight = start * HOLD_WEIGHT, HOLD_WEIGHT
        for key, parents, kids, owner in block_pulls:
            if parents is not None:
                mean = sum(map(get, parents)) / len(parents)
                total += (mean - (x[key] - start)) * PARENT_WEIGHT
                weight += PARENT_WEIGHT
            elif kids is not None and owner is not None:
                centre = sum(map(get, kids)) / len(kids)
                anchor = sum(map(get, owner)) / len(owner)
                total += (start + centre - anchor) * CHILD_WEIGHT
                weight += CHILD_WEIGHT
        targets.append(total / weight)
        weights.append(weight)
    return targets, weights
