"""A twin with a partner stands at the end of the twin group on their partner's side, so the
partner never stands between twins drawn from one apex."""

from __future__ import annotations

import pytest

from genomap.io import loads
from genomap.layout import layout_genogram
from genomap.metrics import measure
from genomap.style import MCGOLDRICK, NSGC, Style

TRIPLETS = """
people:
  - {id: mum, gender: female, birth: 1960}
  - {id: dad, gender: male, birth: 1958}
  - {id: ada, given_name: Ada, gender: female, birth: 1990-05-01}
  - {id: dara, given_name: Dara, gender: female, birth: 1990-05-01}
  - {id: fay, given_name: Fay, gender: female, birth: 1990-05-01}
  - {id: pat, given_name: Pat, gender: male, birth: 1978}
  - {id: kid, gender: female, birth: 2010}
unions:
  - {partners: [dad, mum], children: [ada, dara, fay]}
  - {partners: [pat, dara], children: [kid]}
multiple_births:
  - {members: [ada, dara, fay], zygosity: identical}
"""


@pytest.mark.parametrize("style", [MCGOLDRICK, NSGC], ids=["mcgoldrick", "nsgc"])
def test_partner_stands_outside_the_triplets(style: Style) -> None:
    document = loads(TRIPLETS)
    layout = layout_genogram(document, style)
    x = {p.id: p.x for p in layout.people}
    order = [pid for pid in sorted(x, key=x.get) if pid in {"ada", "dara", "fay", "pat"}]
    # Pat stands left of Dara (man on the left): Dara first, the others in list order.
    assert order == ["pat", "dara", "ada", "fay"]
    metrics = measure(layout, document)
    assert metrics.lines_through_labels == metrics.line_crossings == 0
    (group,) = layout.twins
    assert group.members == ("dara", "ada", "fay")


TWIN_WITH_PARTNERS_ON_BOTH_SIDES = """
people:
  - {id: mum, gender: female, birth: 1940}
  - {id: dad, gender: male, birth: 1938}
  - {id: ann, given_name: Ann, gender: female, birth: 1965}
  - {id: bea, given_name: Bea, gender: female, birth: 1965}
  - {id: cal, given_name: Cal, gender: male, birth: 1960}
  - {id: dev, given_name: Dev, gender: male, birth: 1963}
unions:
  - {partners: [dad, mum], children: [ann, bea]}
  - {partners: [cal, bea], events: [{type: married, date: 1985}, {type: divorced, date: 1990}]}
  - {partners: [bea, dev], events: [{type: married, date: 1992}]}
multiple_births:
  - {members: [ann, bea], zygosity: fraternal}
"""


def test_someone_between_twins_has_the_years_below_the_name() -> None:
    # Bea has partners on both sides, so one of them stands between the twins and the line
    # lines from the apex pass over that partner's head: the partner's years go below.
    document = loads(TWIN_WITH_PARTNERS_ON_BOTH_SIDES)
    layout = layout_genogram(document, MCGOLDRICK)
    x = {p.id: p.x for p in layout.people}
    low, high = sorted((x["ann"], x["bea"]))
    row = next(p.row for p in layout.people if p.id == "ann")
    between = [p for p in layout.people if p.row == row and low < p.x < high]
    assert [p.id for p in between] == ["dev"]  # Bea's second partner, on her right
    (dev,) = between
    assert [label.role for label in dev.labels] == ["name", "years"]
    (years,) = [label for label in dev.labels if label.role == "years"]
    assert years.lines[0].text == "1963"
    assert years.box.top > dev.y + dev.size / 2  # below the symbol
    metrics = measure(layout, document)
    assert metrics.lines_through_labels == metrics.label_overlaps == 0
