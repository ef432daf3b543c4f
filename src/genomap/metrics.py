"""Layout quality metrics (layout-notes §5): overlaps, crossings, split couples, order, size.

All checks run on the layout's own geometry with a uniform grid, so they stay near-linear at
10,000 people. Two lines *cross* when they meet at a point inside both; lines that only touch
(a drop ending on a bar) do not count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from genomap.geometry import EPS, Box, Segment
from genomap.layout.model import GenogramLayout, PlacedPerson
from genomap.layout.ordering import count_inversions
from genomap.models import Document, Parentage


@dataclass(frozen=True, slots=True)
class LayoutMetrics:
    """Quality figures of one genogram layout; every count should be 0 on a good drawing."""

    people: int
    people_drawn: int
    duplicated: int
    line_crossings: int
    symbol_overlaps: int
    label_overlaps: int
    label_symbol_overlaps: int
    lines_through_symbols: int
    lines_through_labels: int
    overlapping_segments: int
    split_couples: int
    max_between_partners: int
    birth_order_inversions: int
    facing_end_moves: int
    generation_misalignments: int
    width: float
    height: float
    layout_ms: float

    def to_dict(self) -> dict[str, float | int]:
        """Plain dict for JSON output."""
        return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in asdict(self).items()}


@dataclass(frozen=True, slots=True)
class _Line:
    segment: Segment
    owner: str
    attached: frozenset[str]


def _lines(layout: GenogramLayout) -> list[_Line]:
    lines: list[_Line] = []
    for union in layout.unions:
        owner = f"fam:{union.key}"
        attached = frozenset(union.partners)
        lines.extend(_Line(s, owner, attached) for s in union.segments)
    for sib in layout.sibships:
        owner = f"fam:{sib.union}"
        lines.extend(_Line(s, owner, frozenset()) for s in sib.descent)
        if sib.bar is not None:
            lines.append(_Line(sib.bar, owner, frozenset()))
        for link in sib.children:
            attached = frozenset({link.child}) if link.child else frozenset()
            lines.extend(_Line(s, owner, attached) for s in link.segments)
    for link in layout.secondary:
        owner = f"second:{link.union}>{link.child}"
        lines.extend(_Line(s, owner, frozenset({link.child})) for s in link.segments)
    return [line for line in lines if line.segment.length > EPS]


class _Grid:
    """Uniform buckets over the drawing for near-linear pair finding."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def span(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(int(box.left // c), int(box.right // c) + 1):
            for j in range(int(box.top // c), int(box.bottom // c) + 1):
                yield (i, j)

    def add(self, index: int, box: Box) -> None:
        for key in self.span(box):
            self.cells[key].append(index)

    def near(self, box: Box) -> set[int]:
        found: set[int] = set()
        for key in self.span(box):
            found.update(self.cells.get(key, ()))
        return found


def _seg_box(s: Segment) -> Box:
    return Box(min(s.x1, s.x2), min(s.y1, s.y2), max(s.x1, s.x2), max(s.y1, s.y2))


def _cross(a: Segment, b: Segment) -> bool:
    """Proper intersection: the meeting point lies strictly inside both segments."""
    d1x, d1y = a.x2 - a.x1, a.y2 - a.y1
    d2x, d2y = b.x2 - b.x1, b.y2 - b.y1
    denom = d1x * d2y - d1y * d2x
    if abs(denom) < EPS:
        return False
    t = ((b.x1 - a.x1) * d2y - (b.y1 - a.y1) * d2x) / denom
    u = ((b.x1 - a.x1) * d1y - (b.y1 - a.y1) * d1x) / denom
    margin = 1e-3
    return margin < t < 1 - margin and margin < u < 1 - margin


def _collinear_overlap(a: Segment, b: Segment) -> bool:
    if a.is_horizontal and b.is_horizontal and abs(a.y1 - b.y1) < EPS:
        lo = max(min(a.x1, a.x2), min(b.x1, b.x2))
        hi = min(max(a.x1, a.x2), max(b.x1, b.x2))
        return hi - lo > EPS
    if a.is_vertical and b.is_vertical and abs(a.x1 - b.x1) < EPS:
        lo = max(min(a.y1, a.y2), min(b.y1, b.y2))
        hi = min(max(a.y1, a.y2), max(b.y1, b.y2))
        return hi - lo > EPS
    return False


def _box_pairs(boxes: list[Box], cell: float) -> Iterable[tuple[int, int]]:
    grid = _Grid(cell)
    for i, box in enumerate(boxes):
        for j in sorted(grid.near(box)):
            if boxes[j].overlaps(box):
                yield (j, i)
        grid.add(i, box)


def measure(layout: GenogramLayout, document: Document) -> LayoutMetrics:
    """Compute every metric of ``layout`` drawn from ``document``."""
    cell = max(40.0, max((p.size for p in layout.people), default=40.0) * 2)
    symbols = [p.box for p in layout.people]
    owners = [p.id for p in layout.people]
    labels = [label.box for p in layout.people for label in p.labels]
    labels += [u.label.box for u in layout.unions if u.label is not None]
    lines = _lines(layout)

    symbol_overlaps = sum(1 for _ in _box_pairs(symbols, cell))
    label_overlaps = sum(1 for _ in _box_pairs(labels, cell))
    label_symbol = 0
    symbol_grid = _Grid(cell)
    for i, box in enumerate(symbols):
        symbol_grid.add(i, box)
    for box in labels:
        label_symbol += sum(1 for j in symbol_grid.near(box) if symbols[j].overlaps(box))

    label_grid = _Grid(cell)
    for i, box in enumerate(labels):
        label_grid.add(i, box)
    through_symbols = through_labels = 0
    line_grid = _Grid(cell)
    crossings = overlapping = 0
    for index, line in enumerate(lines):
        box = _seg_box(line.segment)
        for j in symbol_grid.near(box):
            if owners[j] not in line.attached and line.segment.crosses_box(symbols[j], 0.5):
                through_symbols += 1
        for j in label_grid.near(box):
            if line.segment.crosses_box(labels[j], 0.5):
                through_labels += 1
        for j in sorted(line_grid.near(box)):
            other = lines[j]
            if other.owner == line.owner:
                continue
            if _cross(line.segment, other.segment):
                crossings += 1
            elif _collinear_overlap(line.segment, other.segment):
                overlapping += 1
        line_grid.add(index, box)

    split, worst = _split_couples(layout, document)
    inversions, moves = _birth_order(layout, document)
    return LayoutMetrics(
        people=len(document.people),
        people_drawn=len({p.id for p in layout.people}),
        duplicated=sum(1 for p in layout.people if p.copy > 0),
        line_crossings=crossings,
        symbol_overlaps=symbol_overlaps,
        label_overlaps=label_overlaps,
        label_symbol_overlaps=label_symbol,
        lines_through_symbols=through_symbols,
        lines_through_labels=through_labels,
        overlapping_segments=overlapping,
        split_couples=split,
        max_between_partners=worst,
        birth_order_inversions=inversions,
        facing_end_moves=moves,
        generation_misalignments=_misaligned(layout, document),
        width=layout.bounds.width,
        height=layout.bounds.height,
        layout_ms=layout.elapsed_ms,
    )


def _split_couples(layout: GenogramLayout, document: Document) -> tuple[int, int]:
    """Unions with someone between the partners who is not a partner of either of them."""
    by_row: dict[int, list[tuple[float, str]]] = defaultdict(list)
    drawn: dict[str, list[PlacedPerson]] = defaultdict(list)
    for p in layout.people:
        by_row[p.row].append((p.x, p.id))
        drawn[p.id].append(p)
    for row in by_row.values():
        row.sort()
    lines = {u.key: u.main for u in layout.unions if u.main is not None}
    partners_of: dict[str, set[str]] = defaultdict(set)
    for union in document.unions:
        for pid in union.partners:
            partners_of[pid].update(other for other in union.partners if other != pid)
    split = worst = 0
    for union in document.unions:
        if len(union.partners) != 2 or not all(p in drawn for p in union.partners):
            continue
        # With a partner drawn twice, judge the two drawings this union's line joins.
        line = lines.get(union.key)
        ends = (min(line.x1, line.x2), max(line.x1, line.x2)) if line else None
        pairs = [
            (_reach(a, b, ends), a, b)
            for a in drawn[union.partners[0]]
            for b in drawn[union.partners[1]]
            if a.row == b.row
        ]
        if not pairs:
            continue
        _, a, b = min(pairs, key=lambda t: t[0])
        lo, hi = sorted((a.x, b.x))
        between = [
            pid
            for x, pid in by_row[a.row]
            if lo + EPS < x < hi - EPS and pid not in partners_of[a.id] | partners_of[b.id]
        ]
        if between:
            split += 1
            worst = max(worst, len(between))
    return split, worst


def _reach(a: PlacedPerson, b: PlacedPerson, ends: tuple[float, float] | None) -> float:
    """How far a pair of drawings is from the ends of their union's line (or each other)."""
    if ends is None:
        return abs(a.x - b.x)
    lo, hi = sorted((a.x, b.x))
    return abs(lo - ends[0]) + abs(hi - ends[1])


def _birth_order(layout: GenogramLayout, document: Document) -> tuple[int, int]:
    """Sibling pairs drawn against their birth order, and siblings moved to a facing end.

    A sibling who marries someone whose parents are also drawn stands at the end of the sibship
    facing the partner's family (kinship2's rule), and a child with a line to a second union
    at the end facing that union; those moves are counted separately, not as inversions.
    """
    x = {p.id: p.x for p in layout.people if p.copy == 0}
    row = {p.id: p.row for p in layout.people if p.copy == 0}
    has_parents = {c.person for u in document.unions for c in u.children}
    joined = {
        a
        for u in document.unions
        if len(u.partners) == 2 and all(p in has_parents for p in u.partners)
        for a in u.partners
    }
    # A child with a line to a second union (birth parents of an adopted child, say) stands at
    # the end of the sibship facing that union, as a partner from another drawn family does.
    lines_to = Counter(
        c.person for u in document.unions for c in u.children if c.parentage != Parentage.STEP
    )
    joined.update(pid for pid, count in lines_to.items() if count > 1)
    twins = {
        frozenset((a, b)) for m in document.multiple_births for a in m.members for b in m.members
    }
    people = {p.id: p for p in document.people}
    drawn = {s.union: {link.child for link in s.children} for s in layout.sibships}
    inversions = moves = 0
    for union in document.unions:
        kids = [c.person for c in union.children if c.person in drawn.get(union.key, set())]
        kids = [k for k in kids if k in x]
        moves += sum(1 for k in kids if k in joined and len(kids) > 1)
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                if a in joined or b in joined or row[a] != row[b] or frozenset((a, b)) in twins:
                    continue
                da, db = people[a].birth, people[b].birth
                if da is not None and db is not None:
                    expected = da.sort_key() < db.sort_key()
                    if da.sort_key() == db.sort_key():
                        continue
                elif da is None and db is None:
                    expected = True  # file order
                else:
                    continue
                if (x[a] < x[b]) != expected:
                    inversions += 1
    return inversions, moves


def _misaligned(layout: GenogramLayout, document: Document) -> int:
    """Partners on different rows, children not below their parents, symbols off their row."""
    rows = {r.index: r.y for r in layout.rows}
    row = {p.id: p.row for p in layout.people if p.copy == 0}
    rows_of: dict[str, set[int]] = defaultdict(set)
    for p in layout.people:
        rows_of[p.id].add(p.row)
    count = sum(1 for p in layout.people if abs(p.y - rows.get(p.row, p.y)) > EPS)
    for union in document.unions:
        drawn = [p for p in union.partners if p in row]
        if len(drawn) == 2 and not rows_of[drawn[0]] & rows_of[drawn[1]]:
            count += 1
        for child in union.children:
            if child.person in row and any(row[child.person] <= row[p] for p in drawn):
                count += 1
    return count


def count_inversions_between(pairs: list[tuple[float, float]]) -> int:
    """Crossings among straight edges between two rows, given as (upper x, lower x) pairs."""
    ordered = sorted(pairs)
    ranks = {x: i for i, x in enumerate(sorted({lower for _, lower in ordered}))}
    return count_inversions([ranks[lower] for _, lower in ordered])
