"""A union whose partners have someone standing between them sends its descent line down
between the name labels under the partner line, never through one."""

from __future__ import annotations

import pytest

from genomap.io import loads
from genomap.layout import layout_genogram
from genomap.layout.routing import _nearest_free
from genomap.metrics import measure
from genomap.style import MCGOLDRICK, NSGC, Style

THREE_PARTNERS = """
title: Three partners, children with each
people:
  - {id: t, given_name: Priya, family_name: Tanaka, gender: female, birth: 1967}
  - {id: a, given_name: Alexander, family_name: Ivanova-Whitfield, gender: male, birth: 1957,
     occupation: Chef}
  - {id: b, given_name: Olu, family_name: Quispe, gender: male, birth: 1970}
  - {id: c, given_name: Mei, family_name: Davies, gender: male, birth: 1966}
  - {id: k1, given_name: Olu, gender: female, birth: 1999}
  - {id: k2, given_name: Niamh, gender: female, birth: 2006}
  - {id: k3, given_name: Kai, gender: male, birth: 2023}
unions:
  - id: first
    partners: [a, t]
    events: [{type: married, date: 1998}, {type: divorced, date: 2000}]
    children: [k1]
  - {id: second, partners: [t, b], events: [{type: met, date: 2005}], children: [k2]}
  - {id: third, partners: [c, t], events: [{type: married, date: 2022}], children: [k3]}
"""


@pytest.mark.parametrize("style", [MCGOLDRICK, NSGC], ids=["mcgoldrick", "nsgc"])
def test_far_partners_descent_passes_between_labels(style: Style) -> None:
    document = loads(THREE_PARTNERS)
    layout = layout_genogram(document, style)
    metrics = measure(layout, document)
    assert metrics.lines_through_labels == metrics.lines_through_symbols == 0
    people = {p.id: p for p in layout.people}
    far = next(u for u in layout.unions if u.key == "third")
    xs = sorted(people[p].x for p in far.partners)
    between = [p for p in layout.people if xs[0] < p.x < xs[1] and p.row == people["t"].row]
    assert between, "the case needs someone standing between the far partners"
    descent = far.descent_from.x
    assert xs[0] < descent < xs[1]
    for person in between:
        for label in person.labels:
            if label.box.top > person.y:  # the labels below the symbol
                assert not label.box.left <= descent <= label.box.right


def test_nearest_free_keeps_a_clear_middle() -> None:
    assert _nearest_free(5.0, [(0.0, 4.0), (6.0, 10.0)], 0.0, 10.0) == 5.0


def test_nearest_free_takes_the_nearest_gap_middle() -> None:
    blocked = [(-1.0, 1.0), (2.0, 6.0), (7.0, 9.0), (9.5, 11.0)]
    # Gaps (1, 2), (6, 7), (9, 9.5): 4.5 is nearest the middle of (6, 7).
    assert _nearest_free(4.5, blocked, 0.0, 10.0) == 6.5
    assert _nearest_free(3.0, blocked, 0.0, 10.0) == 1.5


def test_nearest_free_without_a_gap_keeps_the_middle() -> None:
    assert _nearest_free(5.0, [(-1.0, 11.0)], 0.0, 10.0) == 5.0


def test_deeper_partner_line_leaves_beyond_the_nearer_one() -> None:
    # Both lines come from the left of the shared partner: the deeper one (the farther partner)
    # must leave nearer the centre, or its drop cuts the nearer partner's line. Only the third
    # union's descent crossing the first union's line remains (layout docs, known limits).
    document = loads(THREE_PARTNERS)
    layout = layout_genogram(document)
    unions = {u.key: u for u in layout.unions}
    assert measure(layout, document).line_crossings == 1
    shared = next(p for p in layout.people if p.id == "t")
    near_drop = max(
        s.x1 for s in unions["first"].segments if s.is_vertical and s.x1 > shared.x - 40
    )
    far_drop = max(s.x1 for s in unions["third"].segments if s.is_vertical and s.x1 > shared.x - 40)
    assert near_drop < far_drop < shared.x


def test_attachment_order_is_worked_out_from_each_partner() -> None:
    # B's unions both come from the left: the one with A (farther) must run deeper, so it
    # leaves B nearer B's centre than the one with D. A's far ends were once cached and reused
    # for B, which put them the other way round.
    from genomap.layout.routing import partner_attachments
    from genomap.layout.structure import build_structure, choose_primary

    document = loads(
        """
people:
  - {id: a, gender: male}
  - {id: b, gender: female}
  - {id: d, gender: male}
  - {id: e, gender: female}
unions:
  - {id: ab, partners: [a, b]}
  - {id: ae, partners: [a, e]}
  - {id: db, partners: [d, b]}
"""
    )
    people = {p.id: p for p in document.people}
    structure = build_structure(
        people, document.unions, dict.fromkeys(people, 0), [], choose_primary(document, people)
    )
    x = {"a": 0.0, "e": 2.0, "d": 3.0, "b": 5.0}
    attach = partner_attachments(structure, x)
    assert abs(attach[("ab", "b")]) < abs(attach[("db", "b")])  # the deeper line nearer centre
    assert abs(attach[("ab", "a")]) < abs(attach[("ae", "a")])
