"""Extra parent links (birth parents of a child drawn under adoptive or foster parents) that
reach a child more than one row down: dummies carry them through the rows between."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings

from genomap.geometry import EPS, Segment
from genomap.io import load_file, loads
from genomap.layout import layout_genogram
from genomap.metrics import measure
from genomap.models import Document
from genomap.style import MCGOLDRICK, NSGC, Style
from tests.strategies import families

CASES = Path(__file__).parent / "layout_cases"

GREAT_GRANDMOTHER_GUARDIAN = """
title: Great-grandparents foster a great-grandchild
people:
  - {id: ggf, given_name: Gus, gender: male, birth: 1930, death: 2000}
  - {id: ggm, given_name: Gina, gender: female, birth: 1935}
  - {id: gm, given_name: Grace, gender: female, birth: 1955}
  - {id: gf, given_name: Glen, gender: male, birth: 1953}
  - {id: gu, given_name: Greg, gender: male, birth: 1958}
  - {id: mum, given_name: Mia, gender: female, birth: 1975}
  - {id: dad, given_name: Dev, gender: male, birth: 1973}
  - {id: kid, given_name: Kai, gender: male, birth: 2010}
  - {id: kid2, given_name: Kim, gender: female, birth: 2012}
unions:
  - {id: top, partners: [ggf, ggm], children: [gu, gm, {person: kid, parentage: foster}]}
  - {partners: [gf, gm], children: [mum]}
  - {partners: [dad, mum], children: [kid, kid2]}
"""


def _connected(segments: Sequence[Segment]) -> bool:
    return all(abs(a.x2 - b.x1) < EPS and abs(a.y2 - b.y1) < EPS for a, b in pairwise(segments))


@pytest.mark.parametrize("style", [MCGOLDRICK, NSGC], ids=["mcgoldrick", "nsgc"])
def test_a_line_three_rows_down_is_clean(style: Style) -> None:
    document = loads(GREAT_GRANDMOTHER_GUARDIAN)
    layout = layout_genogram(document, style)
    metrics = measure(layout, document)
    assert metrics.lines_through_symbols == metrics.lines_through_labels == 0
    assert metrics.line_crossings == 0
    (link,) = layout.secondary
    assert (link.union, link.child, link.parentage) == ("top", "kid", "foster")
    segments = link.segments
    assert _connected(segments)
    assert all(s.is_vertical or s.is_horizontal for s in segments)
    people = {p.id: p for p in layout.people}
    top_union = next(u for u in layout.unions if u.key == "top")
    assert abs(segments[0].y1 - top_union.descent_from.y) < EPS
    kid = people["kid"]
    assert abs(segments[-1].y2 - (kid.y - kid.size / 2)) < EPS
    # Every row between is passed once, by a vertical clear of every symbol.
    for row_person in ("gm", "mum"):
        y = people[row_person].y
        passing = [s for s in segments if s.is_vertical and min(s.y1, s.y2) < y < max(s.y1, s.y2)]
        assert len(passing) == 1


def test_structure_gives_the_link_one_dummy_per_row_between() -> None:
    from genomap.layout.structure import build_structure, choose_primary

    document = loads(GREAT_GRANDMOTHER_GUARDIAN)
    people = {p.id: p for p in document.people}
    generations = {"ggf": 0, "ggm": 0, "gm": 1, "gf": 1, "gu": 1, "mum": 2, "dad": 2}
    generations |= {"kid": 3, "kid2": 3}
    structure = build_structure(
        people, document.unions, generations, [], choose_primary(document, people)
    )
    dummies = structure.secondary_dummies[("top", "kid")]
    assert [structure.units[d].row for d in dummies] == [1, 2]
    assert structure.units[dummies[0]].up == "top"
    assert structure.units[dummies[1]].up == dummies[0]
    # The link is still an extra link, never one of the union's children.
    assert all(c != "kid" for _, c, _ in structure.unions["top"].children)


def test_a_one_row_link_needs_no_dummy() -> None:
    document = load_file(CASES / "adoption-foster.yaml")
    layout = layout_genogram(document)
    (link,) = layout.secondary
    assert len(link.segments) == 3


@settings(max_examples=60)
@given(families(max_people=30))
def test_extra_links_never_pass_through_a_symbol_or_label(document: Document) -> None:
    layout = layout_genogram(document)
    metrics = measure(layout, document)
    assert metrics.lines_through_symbols == 0
    for link in layout.secondary:
        assert _connected(link.segments)
        assert all(s.is_vertical or s.is_horizontal for s in link.segments)
