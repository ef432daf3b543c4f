"""assign_generations' shortcut (no cycle check unless Kahn's pass fails) changes no row."""

from __future__ import annotations

import random

import pytest

from genomap.kinship import (
    _longest_paths,
    _merge_cohorts,
    _tighten_bridges,
    acyclic_edges,
    assign_generations,
)


def reference(
    people: list[str],
    pairs: list[tuple[str, str]],
    parent_child: list[tuple[str, str]],
    groups: list[list[str]],
) -> dict[str, int]:
    """The pipeline without the shortcut: drop cycle edges, merge with the cycle check."""
    cohort, cohort_edges = _merge_cohorts(people, pairs, acyclic_edges(people, parent_child))
    cohorts = list(dict.fromkeys(cohort.values()))
    longest = _longest_paths(cohorts, cohort_edges)
    assert longest is not None
    depth = _tighten_bridges(cohorts, cohort_edges, longest)
    rows = {p: depth[cohort[p]] for p in people}
    for group in groups:
        top = min(rows[p] for p in group)
        for p in group:
            rows[p] -= top
    return rows


@pytest.mark.parametrize("seed", range(400))
def test_assign_generations_matches_the_full_pipeline(seed: int) -> None:
    rng = random.Random(seed)
    people = [f"p{i}" for i in range(rng.randint(1, 14))]
    # Mostly downward edges (older to younger ids), sometimes one closing a cycle.
    parent_child = []
    for _ in range(rng.randint(0, 18)):
        a, b = sorted(rng.sample(people, 2)) if len(people) > 1 else (people[0], people[0])
        parent_child.append((b, a) if rng.random() < 0.08 else (a, b))
    pairs = [(rng.choice(people), rng.choice(people)) for _ in range(rng.randint(0, 6))]
    groups = [people]  # each connected part already starts at row 0
    rows = assign_generations(people, pairs, parent_child, groups)
    assert rows == reference(people, pairs, parent_child, groups)


def test_longest_paths_reports_a_cycle() -> None:
    assert _longest_paths(["a", "b"], [("a", "b"), ("b", "a")]) is None
    assert _longest_paths(["a"], [("a", "a")]) is None
    assert _longest_paths(["a", "b", "c"], [("a", "b"), ("b", "c")]) == {"a": 0, "b": 1, "c": 2}
