"""Partner chains hold each unit once: repeated unions between a couple, partner cycles."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from genomap.layout import layout_genogram
from genomap.layout.ordering import order_rows
from genomap.layout.structure import build_structure, choose_primary
from genomap.metrics import measure
from genomap.models import Document
from genomap.style import MCGOLDRICK

MODES = ["alternate", "sequence"]


def _document(unions: list[dict[str, Any]], people: list[str]) -> Document:
    genders = ["male", "female"]
    return Document.model_validate(
        {
            "people": [{"id": p, "gender": genders[i % 2]} for i, p in enumerate(people)],
            "unions": unions,
        }
    )


# Two unions between the same two people (married, divorced, remarried), a child of each.
REMARRIED = _document(
    [
        {
            "id": "u1",
            "partners": ["a", "b"],
            "events": [{"type": "married", "date": 1980}, {"type": "divorced", "date": 1985}],
            "children": ["c"],
        },
        {
            "id": "u2",
            "partners": ["a", "b"],
            "events": [{"type": "married", "date": 1990}],
            "children": ["d"],
        },
    ],
    ["a", "b", "c", "d"],
)

# Three people, each the partner of both others: the walk meets a partner twice.
TRIANGLE = _document(
    [
        {"id": "u1", "partners": ["x", "y"], "events": [{"type": "married", "date": 1980}]},
        {"id": "u2", "partners": ["y", "z"], "events": [{"type": "married", "date": 1985}]},
        {"id": "u3", "partners": ["x", "z"], "events": [{"type": "married", "date": 1990}]},
    ],
    ["x", "y", "z"],
)


def _chains(document: Document, alternate: bool) -> list[list[str]]:
    people = {p.id: p for p in document.people}
    generations = dict.fromkeys(people, 0)
    generations.update({c.person: 1 for u in document.unions for c in u.children})
    structure = build_structure(
        people,
        document.unions,
        generations,
        [],
        choose_primary(document, people),
        alternate=alternate,
    )
    rows, _ = order_rows(structure, 4)
    keys = [key for row in rows for key in row]
    assert sorted(keys) == sorted(structure.units)  # every unit in exactly one row slot
    return structure.chains


@pytest.mark.parametrize("mode", MODES)
def test_remarried_couple_is_one_chain_of_two(mode: str) -> None:
    chains = _chains(REMARRIED, mode == "alternate")
    assert sorted(map(sorted, chains)) == [["a", "b"], ["c"], ["d"]]


@pytest.mark.parametrize("mode", MODES)
def test_partner_triangle_is_one_chain_of_three(mode: str) -> None:
    (chain,) = _chains(TRIANGLE, mode == "alternate")
    assert sorted(chain) == ["x", "y", "z"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("document", [REMARRIED, TRIANGLE], ids=["remarried", "triangle"])
def test_everyone_drawn_once_without_symbol_overlaps(mode: str, document: Document) -> None:
    style = dataclasses.replace(MCGOLDRICK, partner_order=mode)
    layout = layout_genogram(document, style)
    assert sorted(p.id for p in layout.people) == sorted(p.id for p in document.people)
    metrics = measure(layout, document)
    assert metrics.symbol_overlaps == 0
    assert metrics.split_couples == 0
