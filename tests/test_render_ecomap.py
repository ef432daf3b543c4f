"""Eco-map drawing: the SVG contract, golden files, black-and-white safety, the key and the API.

Regenerate the goldens on purpose with ``pytest --update-golden`` and look at them (convert
to PNG with cairosvg) before committing.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from genomap import ecomap_lines as el
from genomap.api_ecomap import SvgImage, draw_ecomap, layout_ecomap, render_ecomap, show_ecomap
from genomap.compose_ecomap import compose_ecomap, moved
from genomap.geometry import Point
from genomap.io import load_file
from genomap.layout.ecomap_model import EcomapStyle
from genomap.linework import Pen
from genomap.models import Connection, Document, EcoMap, Flow, Household, Person, Strength, System
from genomap.render import render
from genomap.scene import Circle, Group, Polygon, Polyline, Rect, Text, walk
from genomap.scene import Path as ScenePath
from genomap.style import style_for
from genomap.theme import BLACK_AND_WHITE, DEFAULT_THEME

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOLDEN = Path(__file__).parent / "golden" / "ecomap"
SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["okafor-ecomap", "okafor-ecomap-2027", "conventions-gallery"]


@cache
def _document(name: str) -> Document:
    return load_file(EXAMPLES / f"{name}.yaml")


@cache
def _svg(name: str, theme: str = "default") -> str:
    chosen = BLACK_AND_WHITE if theme == "black_and_white" else DEFAULT_THEME
    return render_ecomap(_document(name), theme=chosen)


def _root(text: str) -> etree._Element:
    return etree.fromstring(text.encode())


def _groups(root: etree._Element, css: str) -> list[etree._Element]:
    return list(root.findall(f".//{SVG}g[@class='{css}']"))


def _small() -> Document:
    return Document(
        title="Small map",
        date="2026-01-05",
        people=(Person(id="ann", given_name="Ann", gender="female"),),
        households=(Household(id="home", members=("ann",)),),
        ecomap=EcoMap(
            systems=(
                System(id="gp", name="GP", category="health"),
                System(id="school", name="School", category="education", importance="high"),
            ),
            connections=(Connection(system="gp"), Connection(system="school", flow="to_family")),
        ),
    )


# --------------------------------------------------------------------------- contract


@pytest.mark.parametrize("name", NAMES)
def test_every_system_and_tie_keeps_the_contract(name: str) -> None:
    document = _document(name)
    assert document.ecomap is not None
    root = _root(_svg(name))
    systems = _groups(root, "system")
    assert sorted(g.get("data-id") for g in systems) == sorted(
        s.id for s in document.ecomap.systems
    )
    by_id = {s.id: s for s in document.ecomap.systems}
    for group in systems:
        title = group.find(f"{SVG}title")
        assert title is not None and title.text and by_id[group.get("data-id")].name in title.text
        assert group.get("data-category") == by_id[group.get("data-id")].category
        assert group.get("data-absent") == str(by_id[group.get("data-id")].absent).lower()
        dashed = group.find(f"{SVG}circle").get("stroke-dasharray")
        assert (dashed is not None) == by_id[group.get("data-id")].absent

    absent = {s.id for s in document.ecomap.systems if s.absent}
    wanted = [c for c in document.ecomap.connections if c.system not in absent]
    ties = _groups(root, "connection")
    assert sorted(g.get("data-id") for g in ties) == sorted(c.key for c in wanted)
    expected = {
        c.key: (c.system, c.member, c.strength.value, c.stressful, c.flow.value, str(c.amount))
        for c in wanted
    }
    for group in ties:
        got = (
            group.get("data-system"),
            group.get("data-member"),
            group.get("data-strength"),
            group.get("data-stress") == "stressful",
            group.get("data-flow"),
            group.get("data-amount"),
        )
        assert got == expected[group.get("data-id")]
        assert group.get("data-target") in {"household", "member", "person"}
        assert group.find(f"{SVG}title").text
        assert len(group) > 1


@pytest.mark.parametrize("name", NAMES)
def test_root_has_title_description_and_unique_explicit_ids(name: str) -> None:
    document = _document(name)
    root = _root(_svg(name))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == document.title
    description = root.find(f"{SVG}desc").text
    assert "Eco-map of" in description
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))
    for group in root.iter(f"{SVG}g"):
        if group.get("class") in {"system", "connection", "category", "person", "ecomap-centre"}:
            assert group.get("id")


def test_the_centre_holds_the_household_genogram() -> None:
    root = _root(_svg("okafor-ecomap"))
    centre = _groups(root, "ecomap-centre")
    assert len(centre) == 1 and centre[0].get("data-household") == "home"
    people = centre[0].findall(f".//{SVG}g[@class='person']")
    assert sorted(g.get("data-id") for g in people) == ["adaeze", "chidi", "ngozi", "tobi"]
    assert all(g.get("id").startswith("e-family-person-") for g in people)


def test_title_block_shows_the_title_and_the_date() -> None:
    text = "".join(_root(_svg("okafor-ecomap")).find(f".//{SVG}g[@class='title-block']").itertext())
    assert "Okafor family" in text and "Date: 2026-09-14" in text
    undated = render_ecomap(_small().model_copy(update={"date": None}))
    assert "Undated" in undated


@pytest.mark.parametrize("name", NAMES)
def test_output_is_byte_identical(name: str) -> None:
    assert render_ecomap(_document(name)) == _svg(name)


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str, request: pytest.FixtureRequest) -> None:
    _check_golden(name, _svg(name), request)


def test_golden_black_and_white_and_variants(request: pytest.FixtureRequest) -> None:
    _check_golden("okafor-ecomap-bw", _svg("okafor-ecomap", "black_and_white"), request)
    variant = EcomapStyle(strong="thick", stress="zigzag")
    _check_golden(
        "gallery-thick-zigzag",
        render_ecomap(_document("conventions-gallery"), ecomap_style=variant),
        request,
    )


def _check_golden(name: str, text: str, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / f"{name}.svg"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden for {name}: run pytest --update-golden"
    assert text + "\n" == golden.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- black and white


def test_black_and_white_uses_only_black_and_white() -> None:
    text = _svg("okafor-ecomap", "black_and_white")
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', text))
    assert colours <= {"#000000", "#ffffff"}


def test_every_tie_code_differs_in_geometry() -> None:
    """Strip colour: each strength, stress and flow still draws something different."""
    pen = Pen(40, 1.6, "#000000")
    path = (Point(0, 0), Point(200, 0))
    drawings = {}
    for strength, stressful, flow in itertools.product(Strength, (False, True), Flow):
        drawn = el.draw_tie(path, strength, stressful, flow, 1, pen, pen)
        drawings[(strength, stressful, flow)] = repr(drawn)
    assert len(set(drawings.values())) == len(drawings)
    for stress in ("hatch", "zigzag"):
        plain = el.draw_tie(path, Strength.MODERATE, False, Flow.NONE, 1, pen, pen, stress=stress)
        marked = el.draw_tie(path, Strength.MODERATE, True, Flow.NONE, 1, pen, pen, stress=stress)
        assert len(marked) > len(plain)


def test_amount_repeats_the_arrowhead() -> None:
    pen = Pen(40, 1.6, "#000000")
    path = (Point(0, 0), Point(300, 0))
    for flow, per_amount in ((Flow.TO_FAMILY, 1), (Flow.FROM_FAMILY, 1), (Flow.BOTH, 2)):
        for amount in (1, 2, 3):
            heads, (lo, hi) = el.flow_arrows(path, flow, amount, pen)
            assert sum(isinstance(h, Polygon) for h in heads) == per_amount * amount
            assert lo < 150 < hi
    to_family, _ = el.flow_arrows(path, Flow.TO_FAMILY, 1, pen)
    head = next(h for h in to_family if isinstance(h, Polygon))
    assert min(p.x for p in head.points) == head.points[0].x  # the tip points at the family end


def test_stress_is_independent_of_strength() -> None:
    pen = Pen(40, 1.6, "#000000")
    path = (Point(0, 0), Point(200, 0))
    for strength in Strength:
        base = el.draw_tie(path, strength, False, Flow.NONE, 1, pen, pen)
        stressed = el.draw_tie(path, strength, True, Flow.NONE, 1, pen, pen)
        assert stressed[: len(base)] == base  # the same strength line, with the overlay on top


# --------------------------------------------------------------------------- the key


def test_key_lists_only_the_codes_used() -> None:
    root = _root(render_ecomap(_small()))
    keys = [g.get("data-key") for g in root.iter(f"{SVG}g") if g.get("class") == "legend-entry"]
    assert "strength:moderate" in keys and "flow:to_family" in keys
    assert "importance:high" in keys and "importance:medium" in keys
    assert not {"strength:strong", "stress", "absent", "importance:low", "note"} & set(keys)
    assert _groups(root, "notes") == []


def test_key_and_notes_of_the_okafor_map() -> None:
    root = _root(_svg("okafor-ecomap"))
    keys = {g.get("data-key") for g in root.iter(f"{SVG}g") if g.get("class") == "legend-entry"}
    assert {
        "strength:strong",
        "strength:tenuous",
        "stress",
        "flow:both",
        "amount",
        "absent",
    } <= keys
    assert "category:domestic_abuse" in keys and "symbol:female" in keys
    document = _document("okafor-ecomap")
    assert document.ecomap is not None
    noted = [c for c in document.ecomap.connections if c.note]
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "notes-entry"]) == len(noted)


def test_without_legend_there_is_no_key() -> None:
    root = _root(render_ecomap(_small(), legend=False))
    assert not _groups(root, "legend") and not _groups(root, "notes")


# --------------------------------------------------------------------------- API and adapters


def test_api_layers_agree() -> None:
    document = _small()
    scene = draw_ecomap(document, id_prefix="map1")
    assert scene.id_prefix == "map1" and scene.title == "Small map"
    assert render(scene) == render_ecomap(document, id_prefix="map1")
    layout = layout_ecomap(document)
    assert render(compose_ecomap(document, layout, style_for(document.preset))) == render_ecomap(
        document
    )
    image = show_ecomap(document)
    assert isinstance(image, SvgImage) and image._repr_svg_() == str(image) == render_ecomap(
        document
    )


def test_bad_id_prefix_and_format_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        draw_ecomap(_small(), id_prefix="1bad")
    with pytest.raises(ValueError, match="unknown output format"):
        render_ecomap(_small(), format="gif")
    show_ecomap(_small()).save(tmp_path / "map.svg")
    assert (tmp_path / "map.svg").read_text(encoding="utf-8").startswith("<svg")


def test_document_without_ecomap_draws_the_centre_only() -> None:
    root = _root(render_ecomap(_small().model_copy(update={"ecomap": None})))
    assert not _groups(root, "system") and len(_groups(root, "ecomap-centre")) == 1


def test_moved_shifts_every_kind_of_element() -> None:
    commands = (
        ("M", (0.0, 0.0)),
        ("Q", (1.0, 1.0, 2.0, 0.0)),
        ("A", (1, 1, 0, 0, 1, 3.0, 3.0)),
        ("Z", ()),
    )
    group = Group(
        (
            Rect(0, 0, 1, 1),
            Circle(0, 0, 1),
            Polyline((Point(0, 0),)),
            Polygon((Point(1, 1),)),
            Text(0, 0, "a", 10),
            ScenePath(commands),
        )
    )
    shifted = moved(group, 5, 7)
    assert isinstance(shifted, Group)
    rect, circle, line, polygon, text, path = shifted.children
    assert (rect.x, rect.y, circle.cx, circle.cy) == (5, 7, 5, 7)  # type: ignore[union-attr]
    assert line.points == (Point(5, 7),) and polygon.points == (Point(6, 8),)  # type: ignore[union-attr]
    assert (text.x, text.y) == (5, 7)  # type: ignore[union-attr]
    assert path.commands == (  # type: ignore[union-attr]
        ("M", (5.0, 7.0)),
        ("Q", (6.0, 8.0, 7.0, 7.0)),
        ("A", (1, 1, 0, 0, 1, 8.0, 10.0)),
        ("Z", ()),
    )
    assert sum(1 for _ in walk((shifted,))) == 7
