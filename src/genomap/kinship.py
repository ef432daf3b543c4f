"""Kinship algorithms on plain id graphs: generation rows, common ancestors, degree labels."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from operator import itemgetter

import networkx as nx


class UnionFind:
    """Disjoint sets over string ids, with path halving."""

    def __init__(self, items: Iterable[str]) -> None:
        self._parent = {item: item for item in items}

    def find(self, item: str) -> str:
        """The representative of the set holding ``item``."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> str:
        """Join the sets of ``a`` and ``b``; returns the representative of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[rb] = ra
        return ra

    def roots(self) -> dict[str, str]:
        """Every item's representative, in item order."""
        parent = self._parent
        found: dict[str, str] = {}
        for item in parent:  # find() inlined: most items are their own root
            root = item
            while parent[root] != root:
                root = parent[root]
            found[item] = root
        return found

    def reset(self, item: str) -> None:
        """Make ``item`` a singleton again (only safe when its whole set is reset)."""
        self._parent[item] = item


def acyclic_edges(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The distinct ``edges`` minus those closing a directed cycle.

    A cycle means someone is recorded as their own ancestor; the back edges of an iterative
    depth-first search (nodes in the given order, successors in edge order) are dropped, so the
    result is deterministic. Edges touching an unknown node are dropped too.
    """
    known = set(nodes)
    distinct = list(dict.fromkeys(e for e in edges if e[0] in known and e[1] in known))
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for u, v in distinct:
        succ[u].append(v)
    state = dict.fromkeys(nodes, 0)  # 0 unseen, 1 on the DFS stack, 2 finished
    back: set[tuple[str, str]] = set()
    for root in nodes:
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            node, successors = stack[-1]
            for nxt in successors:
                if state[nxt] == 1:
                    back.add((node, nxt))
                elif state[nxt] == 0:
                    state[nxt] = 1
                    stack.append((nxt, iter(succ[nxt])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return [e for e in distinct if e not in back] if back else distinct


def _cyclic_cohorts(cohort_edges: Collection[tuple[str, str]]) -> set[str]:
    """Cohorts on a directed cycle (including self-loops) of the cohort graph."""
    succ: dict[str, list[str]] = {}
    indeg: dict[str, int] = {}
    for u, v in cohort_edges:
        succ.setdefault(u, []).append(v)
        indeg[v] = indeg.get(v, 0) + 1
    # Peel off sources first (Kahn): cycles can only lie in what is left, usually nothing.
    todo = [c for c in succ if c not in indeg]
    while todo:
        for nxt in succ.get(todo.pop(), ()):
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                todo.append(nxt)
    left = {c for c, n in indeg.items() if n}
    if not left:
        return set()
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from((u, v) for u, v in cohort_edges if u in left and v in left)
    bad = {u for u, v in cohort_edges if u == v}
    for scc in nx.strongly_connected_components(graph):
        if len(scc) > 1:
            bad |= scc
    return bad


def _merge_all(
    people: Sequence[str],
    partner_pairs: Sequence[tuple[str, str]],
    edges: Sequence[tuple[str, str]],
) -> tuple[UnionFind, dict[str, str], list[tuple[str, str]]]:
    """Every partner pair merged: the union-find, each person's cohort, and the distinct edges
    between cohorts (first-occurrence order, edges with an unknown end left out)."""
    uf = UnionFind(people)
    for a, b in partner_pairs:
        if a != b:
            uf.union(a, b)
    cohort = uf.roots()
    return uf, cohort, _cohort_edges(cohort, edges)


def _cohort_edges(
    cohort: dict[str, str], edges: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The distinct edges between the cohorts of ``edges``' ends, in first-occurrence order,
    edges with an end missing from ``cohort`` left out."""
    at = cohort.__getitem__
    try:  # every end known (the usual case): looked up without a Python-level loop
        parents, children = map(at, map(itemgetter(0), edges)), map(at, map(itemgetter(1), edges))
        pairs = zip(parents, children, strict=True)
        return list(dict.fromkeys(pairs))
    except KeyError:
        return list(
            dict.fromkeys((cohort[u], cohort[v]) for u, v in edges if u in cohort and v in cohort)
        )


def _merge_cohorts(
    people: Sequence[str],
    partner_pairs: Sequence[tuple[str, str]],
    edges: Sequence[tuple[str, str]],
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Merge partners into cohorts, leaving apart the pairs whose merge would close a cycle.

    All pairs are merged first; only the people in cohorts that then lie on a cycle are split
    again and re-merged pair by pair with a reachability check. A path between two parts of a
    cyclic cohort can only run through cyclic cohorts, so that check stays inside the (usually
    tiny) cyclic region and the whole pass stays near-linear.

    Returns:
        Each person's cohort (named by a representative person id) and the distinct edges
        between cohorts, in ``edges`` order.
    """
    uf, cohort, cohort_edges = _merge_all(people, partner_pairs, edges)
    pairs = [(a, b) for a, b in partner_pairs if a != b]
    bad = _cyclic_cohorts(cohort_edges)
    if not bad:
        return cohort, cohort_edges
    region = [p for p in people if cohort[p] in bad]
    in_region = set(region)
    for person in region:
        uf.reset(person)
    kids: dict[str, list[str]] = {p: [] for p in region}
    for u, v in edges:
        if u in in_region and v in in_region:
            kids[u].append(v)
    members: dict[str, list[str]] = {p: [p] for p in region}

    def reaches(src: str, dst: str) -> bool:
        seen = {src}
        todo = [src]
        while todo:
            here = todo.pop()
            for member in members[here]:
                for child in kids[member]:
                    nxt = uf.find(child)
                    if nxt == dst:
                        return True
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
        return False

    for a, b in pairs:
        if a not in in_region:
            continue
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb or reaches(ra, rb) or reaches(rb, ra):
            continue
        root = uf.union(ra, rb)
        other = rb if root == ra else ra
        members[root].extend(members.pop(other))
    cohort = uf.roots()
    return cohort, _cohort_edges(cohort, edges)


def _links(edges: Iterable[tuple[str, str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each node's children and parents along ``edges``, in edge order (nodes without any
    have no entry)."""
    down: dict[str, list[str]] = {}
    up: dict[str, list[str]] = {}
    for u, v in edges:
        kids = down.get(u)
        if kids is None:
            down[u] = [v]
        else:
            kids.append(v)
        parents = up.get(v)
        if parents is None:
            up[v] = [u]
        else:
            parents.append(u)
    return down, up


def _longest_paths(
    cohorts: Sequence[str], edges: Sequence[tuple[str, str]]
) -> dict[str, int] | None:
    """Longest path from a parentless cohort, then parentless cohorts moved down to their
    highest child's row minus one (a founder couple sits right above its children).

    Returns None when the graph has a cycle (Kahn's algorithm leaves cohorts unvisited).
    """
    return _longest(cohorts, *_links(edges))


def _longest(
    cohorts: Sequence[str], down: Mapping[str, list[str]], up: Mapping[str, list[str]]
) -> dict[str, int] | None:
    """:func:`_longest_paths` over the children and parents :func:`_links` gives."""
    waiting = {c: len(parents) for c, parents in up.items()}
    depth = dict.fromkeys(cohorts, 0)
    roots = [c for c in cohorts if c not in up]
    todo = list(roots)
    visited = len(todo)
    while todo:
        c = todo.pop()
        kids = down.get(c)
        if kids is None:
            continue
        below = depth[c] + 1
        for nxt in kids:
            if depth[nxt] < below:
                depth[nxt] = below
            left = waiting[nxt] - 1
            waiting[nxt] = left
            if not left:
                todo.append(nxt)
                visited += 1
    if visited < len(depth):
        return None
    at = depth.__getitem__
    for c in roots:
        kids = down.get(c)
        if kids:
            depth[c] = min(map(at, kids)) - 1
    return depth


def _tighten_bridges(
    cohorts: Sequence[str], edges: Sequence[tuple[str, str]], depth: dict[str, int]
) -> dict[str, int]:
    """Make every parent-child bridge of the cohort graph span exactly one row.

    A bridge is the only link between two parts of a family (typically a marriage joining two
    families), so shifting one part rigidly never stretches another edge; this is kinship2's
    "move the spouse's family down" alignment, done for all bridges at once. Rows inside a
    2-edge-connected block (a pedigree loop) keep their relative longest-path rows. Each
    connected part is then shifted so its top row is 0. As with :func:`networkx.bridges`, a
    pair joined twice (either way round) counts as one edge, its first listed direction
    deciding which side sits above, and a self-loop is never a bridge.

    These rules fix every row up to a constant per connected part, so any spanning forest
    gives the same result: a breadth-first one is built, the tree paths between the ends of
    each other edge are marked as lying on a cycle (a union-find jumps over marked stretches,
    so each tree edge is marked once), and one pass down the forest sets the rows.
    """
    # A pair joined twice (either way round) is one edge, in its first listed direction.
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for u, v in edges:
        first.setdefault((u, v) if u <= v else (v, u), (u, v))
    return _bridge_rows(cohorts, *_links(first.values()), depth)[0]


def _bridge_rows(
    cohorts: Sequence[str],
    down: Mapping[str, list[str]],
    up: Mapping[str, list[str]],
    depth: dict[str, int],
) -> tuple[dict[str, int], list[list[str]]]:
    """:func:`_tighten_bridges` over the children and parents :func:`_links` gives (no pair
    joined twice), with the connected parts (their cohorts, top of the search first)."""
    above: dict[str, str | None] = {}  # tree parent; the first edge reaching a node is its own
    step: dict[str, int] = {}  # the row step from the tree parent: +1 to a child, -1 to a parent
    parts: list[list[str]] = []  # the trees, each in breadth-first order
    no_links: list[str] = []
    for root in cohorts:
        if root in above:
            continue
        above[root] = None
        part = [root]
        for node in part:  # part grows while it is walked: a breadth-first search
            for nxt in down.get(node, no_links):
                if nxt not in above:
                    above[nxt] = node
                    step[nxt] = 1
                    part.append(nxt)
            for nxt in up.get(node, no_links):
                if nxt not in above:
                    above[nxt] = node
                    step[nxt] = -1
                    part.append(nxt)
        parts.append(part)
    on_cycle: set[str] = set()  # tree edges on a cycle, each named by its lower end
    jump: dict[str, str] = {}  # from a lower end towards the top of its marked stretch
    level: dict[str, int] = {}  # depth in the tree, found when a climb needs it

    def top(node: str) -> str:
        while node in jump:
            nxt = jump[node]
            if nxt in jump:  # path halving
                nxt = jump[node] = jump[nxt]
            node = nxt
        return node

    def tree_level(node: str) -> int:
        path = []
        while node not in level:
            parent = above[node]
            if parent is None:
                level[node] = 0
                break
            path.append(node)
            node = parent
        found = level[node]
        for lower in reversed(path):
            found += 1
            level[lower] = found
        return found

    for u, kids in down.items():
        for v in kids:
            if u == v or above[v] == u or above[u] == v:  # a self-loop, or a tree edge
                continue
            x, y = top(u), top(v)
            while x != y:  # climb to the common ancestor, always from the deeper side
                if tree_level(x) < tree_level(y):
                    x, y = y, x
                parent = above[x]
                assert parent is not None  # x is below y's level, so not a root
                on_cycle.add(x)
                jump[x] = parent
                x = top(parent)
    del top, tree_level  # recursive closures would be reference cycles: break them
    rows: dict[str, int] = {}
    for part in parts:
        for node in part:  # a tree parent always comes before its children
            parent = above[node]
            if parent is None:
                rows[node] = depth[node]
            elif node in on_cycle:  # same block: keep the longest-path distance to the parent
                rows[node] = rows[parent] + depth[node] - depth[parent]
            else:  # a bridge: exactly one row from the parent
                rows[node] = rows[parent] + step[node]
        least = min(map(rows.__getitem__, part))
        if least:
            for c in part:
                rows[c] -= least
    return rows, parts


def assign_generations(
    people: Sequence[str],
    partner_pairs: Sequence[tuple[str, str]],
    parent_child: Sequence[tuple[str, str]],
    groups: Iterable[Iterable[str]],
) -> dict[str, int]:
    """Generation rows (0 = top) in the style of kinship2's ``kindepth(align=TRUE)``.

    Partners are merged into cohorts (a pair that would close a cycle stays apart). Each
    cohort's row is its longest path from a parentless cohort; a parentless cohort with
    children moves down to one row above its highest child; then every bridge of the cohort
    graph is made to span one row, so marry-ins' families and founders sit right above where
    they connect. Finally every group (a connected component) is shifted so its top row is 0.

    Args:
        people: Every person id, in file order.
        partner_pairs: Partner pairs, in union file order (that order only matters when
            partnerships form a cycle).
        parent_child: (parent id, child id) edges.
        groups: The connected components to normalise separately.

    Returns:
        The row of every person.
    """
    rows, _ = generation_rows(people, partner_pairs, parent_child)
    for group in groups:
        members = [p for p in group if p in rows]
        if members:
            top = min(map(rows.__getitem__, members))
            if top:
                for p in members:
                    rows[p] -= top
    return rows


def generation_rows(
    people: Sequence[str],
    partner_pairs: Sequence[tuple[str, str]],
    parent_child: Sequence[tuple[str, str]],
) -> tuple[dict[str, int], list[list[str]]]:
    """:func:`assign_generations`' rows before the groups are shifted, with the connected parts
    the pairs and edges join the people into (lists in ``people`` order), each of which
    already starts at row 0: with those parts as the groups, the shift changes nothing.
    """
    # Merge every partner pair first: when the cohort graph this gives is acyclic (the usual
    # case), so is the person graph, and the longest-path pass doubles as the cycle check.
    _, cohort, cohort_edges = _merge_all(people, partner_pairs, parent_child)
    cohorts = list(dict.fromkeys(cohort.values()))
    down, up = _links(cohort_edges)
    longest = _longest(cohorts, down, up)
    if longest is None:  # someone is their own ancestor, or a union closes a cycle
        edges = acyclic_edges(people, parent_child)
        cohort, cohort_edges = _merge_cohorts(people, partner_pairs, edges)
        cohorts = list(dict.fromkeys(cohort.values()))
        down, up = _links(cohort_edges)
        longest = _longest(cohorts, down, up)
        assert longest is not None  # _merge_cohorts never closes a cycle
    # The cohort graph is acyclic with distinct edges: no pair is joined twice either way.
    depth, parts = _bridge_rows(cohorts, down, up, longest)
    of_person = list(map(cohort.__getitem__, people))
    rows = dict(zip(people, map(depth.__getitem__, of_person), strict=True))
    if len(parts) == 1:
        return rows, [list(people)]
    part_of = {c: i for i, part in enumerate(parts) for c in part}
    groups: list[list[str]] = [[] for _ in parts]
    for person, c in zip(people, of_person, strict=True):
        groups[part_of[c]].append(person)
    return rows, groups


def ancestor_bitsets(
    people: Sequence[str], parent_child: Sequence[tuple[str, str]]
) -> dict[str, int]:
    """Ancestor-or-self sets as int bitsets; bit ``i`` stands for ``people[i]``.

    Computed once in topological order, each set is its own bit OR its parents' sets: linear in
    edges times the (machine-word) width of the sets, fast enough for 10,000 people. Edges
    closing a cycle are dropped as :func:`acyclic_edges` drops them.
    """
    kids: dict[str, list[str]] = {p: [] for p in people}
    waiting = dict.fromkeys(people, 0)
    for u, v in parent_child:
        if u in kids and v in kids:
            kids[u].append(v)
            waiting[v] += 1
    bits = {p: 1 << i for i, p in enumerate(people)}
    todo = [p for p in people if waiting[p] == 0]
    while todo:
        person = todo.pop()
        for child in kids[person]:
            bits[child] |= bits[person]
            waiting[child] -= 1
            if waiting[child] == 0:
                todo.append(child)
    if any(waiting.values()):
        # Someone is recorded as their own ancestor: only then pay for finding the back edges.
        return ancestor_bitsets(people, acyclic_edges(people, parent_child))
    return bits


def bits_to_ids(bits: int, people: Sequence[str]) -> list[str]:
    """The ids whose bits are set, sorted."""
    ids = []
    while bits:
        low = bits & -bits
        ids.append(people[low.bit_length() - 1])
        bits ^= low
    return sorted(ids)


def nearest_common_ancestors(
    a: str, b: str, bits: Mapping[str, int], people: Sequence[str]
) -> list[str]:
    """The closest shared ancestors-or-self of ``a`` and ``b``, sorted; empty if none.

    "Closest" drops every common ancestor that is an ancestor of another common ancestor, so a
    cousin couple gets their shared grandparents, not the whole line above them, and a person
    partnered with their own descendant gets that person.
    """
    common = bits[a] & bits[b]
    above = 0
    rest = common
    while rest:
        low = rest & -rest
        above |= bits[people[low.bit_length() - 1]] & ~low
        rest ^= low
    return bits_to_ids(common & ~above, people)


_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
_TIMES = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times"}


def _numeric_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal(n: int) -> str:
    """'first' ... 'tenth', then '11th', '21st', ..."""
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    return _numeric_ordinal(n)


def _greats(n: int) -> str:
    """A prefix for ``n`` greats: '', 'great-', 'great-great-', then '3rd great-', ..."""
    return "great-" * n if n <= 2 else f"{_numeric_ordinal(n)} great-"


def degree_label(up_a: int, up_b: int, half: bool) -> str:
    """The English name of a blood relationship from the generations to the common ancestor.

    Args:
        up_a: Generations from the first person up to the closest common ancestor.
        up_b: The same for the second person.
        half: Whether the tie runs through a single shared ancestor (half relations).

    Returns:
        A neutral label such as "first cousins once removed" or "half siblings".
    """
    near, far = sorted((up_a, up_b))
    prefix = "half " if half and near > 0 else ""
    if far == 0:
        return "same person"
    if near == 0:
        if far == 1:
            return "parent and child"
        greats = _greats(far - 2)
        return f"{greats}grandparent and {greats}grandchild"
    if near == far == 1:
        return f"{prefix}siblings"
    if near == 1:
        greats = _greats(far - 2)
        return f"{prefix}{greats}aunt/uncle and {greats}niece/nephew"
    label = f"{prefix}{ordinal(near - 1)} cousins"
    removed = far - near
    if removed:
        label += f" {_TIMES.get(removed, f'{removed} times')} removed"
    return label


def generations_up(
    start: str, parent_unions: Mapping[str, Sequence[tuple[str, Sequence[str]]]]
) -> tuple[dict[str, int], dict[str, int]]:
    """Breadth-first distances from ``start`` up to its ancestors and their unions.

    Args:
        start: The person to start from (distance 0).
        parent_unions: For each person, the unions they are a (blood) child of, each as
            (union key, parent ids).

    Returns:
        (person id -> generations up, union key -> generations up to the union's partners).
    """
    people = {start: 0}
    unions: dict[str, int] = {}
    frontier = [start]
    while frontier:
        nxt: list[str] = []
        for person in frontier:
            up = people[person] + 1
            for key, parents in parent_unions.get(person, ()):
                unions.setdefault(key, up)
                for parent in parents:
                    if parent not in people:
                        people[parent] = up
                        nxt.append(parent)
        frontier = nxt
    return people, unions


def closest_relation(
    a: str, b: str, parent_unions: Mapping[str, Sequence[tuple[str, Sequence[str]]]]
) -> tuple[int, int, bool] | None:
    """(generations up from ``a``, up from ``b``, half) to their closest common ancestor.

    The closest ancestor minimises the total distance, then the difference between the two
    sides. The tie is *full* when two common ancestors sit at that same distance (a couple) or
    both lines come down through the same union (a single-parent union); otherwise it is half.
    Returns None when ``a`` and ``b`` share no ancestor and neither descends from the other.
    """
    up_a, unions_a = generations_up(a, parent_unions)
    up_b, unions_b = generations_up(b, parent_unions)
    common = [p for p in up_a if p in up_b]
    if not common:
        return None
    best = min((up_a[p] + up_b[p], abs(up_a[p] - up_b[p]), up_a[p], up_b[p]) for p in common)
    da, db = best[2], best[3]
    at_best = sum(1 for p in common if up_a[p] == da and up_b[p] == db)
    shared_union = any(unions_b.get(u) == db and d == da for u, d in unions_a.items())
    return da, db, not (at_best >= 2 or shared_union)
