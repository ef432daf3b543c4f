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
