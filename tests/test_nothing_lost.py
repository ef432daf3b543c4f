"""Nothing lost: everything the input holds is in the SVG, under the SVG contract.

Counted on every example and on random valid documents: each person (``class="person"``,
``data-id``), union (``class="union"``), child link (a ``class="child-link"`` line with its
parentage, or for a step-child, who by convention gets no line, the union's
``data-step-children``), emotional relationship (``class="emotion"``), household
(``class="household"`` with its members), eco-map system (``class="system"``) and tie
(``class="connection"``). A tie to a system marked absent is the one thing not drawn, by
design: validation warns about it.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, note
from lxml import etree  # type: ignore[import-untyped]

from genomap.api import render_genogram
from genomap.io import load_file
from genomap.models import Document, Parentage
from tests.strategies import documents, ecomaps

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"
HAS_ECOMAP = importlib.util.find_spec("genomap.api_ecomap") is not None


def _groups(root: etree._Element, *classes: str) -> list[etree._Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") in classes]


def genogram_losses(document: Document, svg: str) -> list[str]:
    """What the document holds that its genogram SVG does not show (empty: nothing lost)."""
    root = etree.fromstring(svg.encode("utf-8"))
    lost: list[str] = []

    people = Counter(g.get("data-id") for g in _groups(root, "person") if not g.get("data-copy"))
    if people != Counter(p.id for p in document.people):
        lost.append(f"people: {people} != {sorted(p.id for p in document.people)}")

    unions = {g.get("data-id"): g for g in _groups(root, "union")}
    if Counter(g.get("data-id") for g in _groups(root, "union")) != Counter(
        u.key for u in document.unions
    ):
        lost.append(f"unions: {sorted(unions)} != {sorted(u.key for u in document.unions)}")

    links = Counter(
        (g.get("data-union"), g.get("data-child"), g.get("data-parentage"))
        for g in _groups(root, "child-link", "line-continuation")
    )
    for union in document.unions:
        group = unions.get(union.key)
        steps = (group.get("data-step-children") or "").split() if group is not None else []
        for child in union.children:
            if child.parentage == Parentage.STEP:
                if child.person not in steps:
                    lost.append(f"step-child {child.person} of {union.key}")
            elif not links[(union.key, child.person, child.parentage.value)]:
                lost.append(f"child link {union.key} > {child.person} ({child.parentage.value})")

    emotions = Counter(
        (g.get("data-kind"), g.get("data-source"), g.get("data-target"))
        for g in _groups(root, "emotion")
    )
    wanted = Counter((r.kind.value, r.source, r.target) for r in document.relationships)
    if emotions != wanted:
        lost.append(f"emotions: {emotions} != {wanted}")

    households = {g.get("data-id"): g for g in _groups(root, "household")}
    if len(households) != len(_groups(root, "household")):
        lost.append("a household is drawn twice")
    for household in document.households:
        group = households.get(household.id)
        members = set((group.get("data-members") or "").split()) if group is not None else set()
        if members != set(household.members):
            lost.append(f"household {household.id}: {sorted(members)}")
    if set(households) != {h.id for h in document.households}:
        lost.append(f"households: {sorted(households)}")
    return lost


def ecomap_losses(document: Document, svg: str) -> list[str]:
    """What the document's eco-map holds that its SVG does not show."""
    assert document.ecomap is not None
    root = etree.fromstring(svg.encode("utf-8"))
    lost: list[str] = []
    eco = document.ecomap
    systems = Counter(g.get("data-id") for g in _groups(root, "system"))
    if systems != Counter(s.id for s in eco.systems):
        lost.append(f"systems: {systems}")
    absent = {s.id for s in eco.systems if s.absent}
    ties = Counter(
        (g.get("data-id"), g.get("data-system"), g.get("data-member") or None)
        for g in _groups(root, "connection")
    )
    wanted = Counter((c.key, c.system, c.member) for c in eco.connections if c.system not in absent)
    if ties != wanted:
        lost.append(f"connections: {ties} != {wanted}")
    return lost


@cache
def _document(path: Path) -> Document:
    return load_file(path)


def _ecomap_svg(document: Document) -> str:
    from genomap.api_ecomap import render_ecomap

    return render_ecomap(document)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_lose_nothing(path: Path) -> None:
    document = _document(path)
    assert genogram_losses(document, render_genogram(document)) == []
    if document.ecomap is not None and HAS_ECOMAP:
        assert ecomap_losses(document, _ecomap_svg(document)) == []


def test_the_examples_have_something_of_everything() -> None:
    documents_ = [_document(p) for p in EXAMPLES]
    links = [c for d in documents_ for u in d.unions for c in u.children]
    assert {c.parentage for c in links} >= {Parentage.BIOLOGICAL, Parentage.STEP}
    assert all(
        any(getattr(d, name) for d in documents_) for name in ("relationships", "households")
    )
    assert any(d.ecomap and d.ecomap.connections for d in documents_)


@given(documents(max_people=20))
def test_random_genograms_lose_nothing(document: Document) -> None:
    lost = genogram_losses(document, render_genogram(document))
    note(str(lost))
    assert lost == []


@pytest.mark.skipif(not HAS_ECOMAP, reason="genomap.api_ecomap (eco-map drawing) is not there yet")
@given(ecomaps(max_systems=25, max_people=10))
def test_random_ecomaps_lose_nothing(document: Document) -> None:
    assert document.ecomap is not None
    lost = ecomap_losses(document, _ecomap_svg(document))
    note(str(lost))
    assert lost == []


def test_a_lost_person_is_noticed() -> None:
    """The check itself fails when something is missing."""
    document = _document(EXAMPLES[0])
    svg = render_genogram(document)
    person = document.people[0].id
    cut = svg.replace(f'data-id="{person}"', 'data-id="someone-else"', 1)
    assert genogram_losses(document, cut)
    union = next(u for u in document.unions if u.children)
    child = union.children[0].person
    assert genogram_losses(document, svg.replace(f'data-child="{child}"', 'data-child="x"'))
