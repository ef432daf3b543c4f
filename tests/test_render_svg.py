"""SVG output: every example renders, keeps the embedding contract, is safe, accessible and
byte-for-byte deterministic. Also the emotional line router and the household outline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from genomap.api import draw, render_genogram
from genomap.emotions import Endpoint, Obstacle, Request, route_emotions
from genomap.geometry import Box, Point, Segment
from genomap.io import load_file
from genomap.layout import layout_genogram
from genomap.models import Document, EmotionalRelationship, Parentage
from genomap.outline import bridge, loops
from genomap.render import RecordingRenderer, render, renderer_for
from genomap.render.svg import SvgRenderer, number, serialise
from genomap.scene import (
    Circle,
    ClipPath,
    Element,
    Group,
    Pattern,
    Polygon,
    Polyline,
    Rect,
    Ref,
    Scene,
    Stroke,
    Text,
)
from genomap.scene import Path as ScenePath
from genomap.style import style_for
from genomap.synthetic import synthetic_pedigree
from genomap.theme import BLACK_AND_WHITE, DEFAULT_THEME
from tests.strategies import families

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"
NUMERIC = {"x", "y", "width", "height", "cx", "cy", "r", "rx", "stroke-width", "font-size"}


@cache
def _document(path: Path) -> Document:
    return load_file(path)


@cache
def _svg(path: Path) -> str:
    return render_genogram(_document(path))


def _key(relationship: EmotionalRelationship) -> tuple[str, str]:
    return relationship.key, relationship.model_dump_json()


def _groups(root: etree._Element, css: str) -> list[etree._Element]:
    return root.findall(f".//{SVG}g[@class='{css}']")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_keeps_the_contract(path: Path) -> None:
    document = _document(path)
    layout = layout_genogram(document)
    root = etree.fromstring(_svg(path).encode())

    people = _groups(root, "person")
    assert len(people) == len(layout.people)
    assert {g.get("data-id") for g in people} == {p.id for p in document.people}
    assert all(g.find(f"{SVG}title") is not None and g.find(f"{SVG}title").text for g in people)

    unions = _groups(root, "union")
    assert sorted(g.get("data-id") for g in unions) == sorted(u.key for u in document.unions)

    links = {(g.get("data-union"), g.get("data-child")) for g in _groups(root, "child-link")}
    expected = {
        (u.key, c.person)
        for u in document.unions
        for c in u.children
        if c.parentage != Parentage.STEP
    }
    assert expected <= links
    assert all(g.get("data-parentage") for g in _groups(root, "child-link"))

    emotions = _groups(root, "emotion")
    assert len(emotions) == len(document.relationships)
    # Drawn in order of their keys, not the list's (the drawing ignores input order).
    assert [(g.get("data-kind"), g.get("data-source"), g.get("data-target")) for g in emotions] == [
        (r.kind.value, r.source, r.target) for r in sorted(document.relationships, key=_key)
    ]
    assert all(len(g) > 1 for g in emotions)  # a title and at least one drawn element

    households = _groups(root, "household")
    assert sorted(g.get("data-id") for g in households) == sorted(h.id for h in document.households)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_is_accessible_and_safe(path: Path) -> None:
    text = _svg(path)
    root = etree.fromstring(text.encode())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "g-title g-desc"
    assert root.find(f"{SVG}title").get("id") == "g-title"
    assert root.find(f"{SVG}desc").get("id") == "g-desc"
    assert root.find(f"{SVG}desc").text
    assert len(root.get("viewBox").split()) == 4 and root.get("width") and root.get("height")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i == "g" or i.startswith("g-") for i in ids)
    for element in root.iter():
        tag = etree.QName(element).localname
        assert tag not in ("script", "foreignObject", "image", "a", "use", "style")
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            assert not local.lower().startswith("on"), name
            assert local != "href", name
            assert "javascript:" not in value.lower()
            for ref in re.findall(r"url\(#([^)]*)\)", value):
                assert ref in ids, ref
            if local in NUMERIC:
                assert re.fullmatch(r"-?\d+(\.\d{1,2})?", value), (local, value)
                assert value != "-0"


def test_output_is_valid_svg_for_svgwrite() -> None:
    from svgwrite.validator2 import get_validator

    validator = get_validator("full", debug=True)
    root = etree.fromstring(_svg(EXAMPLES[0]).encode())
    for element in root.iter():
        tag = etree.QName(element).localname
        parent = element.getparent()
        if parent is not None:
            assert validator.is_valid_children(etree.QName(parent).localname, tag), tag
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            if local.startswith(("data-", "aria-")) or local in ("role", "xmlns", "ev", "xlink"):
                continue
            validator.check_svg_attribute_value(tag, local, value)


def test_render_is_deterministic_within_and_across_processes(tmp_path: Path) -> None:
    path = next(p for p in EXAMPLES if p.stem == "harris-family")
    first = render_genogram(_document(path))
    assert render_genogram(load_file(path)) == first
    script = (
        "import sys; from genomap.io import load_file; from genomap.api import render_genogram; "
        "sys.stdout.write(render_genogram(load_file(sys.argv[1])))"
    )
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            env=env,
            capture_output=True,
            check=True,
            text=True,
            encoding="utf-8",
        )
        assert out.stdout == first


NASTY = "<script>alert(1)</script> & \"quotes\" 'apos'"


def _nasty_document() -> Document:
    return Document.model_validate(
        {
            "title": NASTY,
            "author": NASTY,
            "description": NASTY,
            "people": [
                {
                    "id": "a",
                    "display_name": NASTY,
                    "gender": "female",
                    "notes": NASTY,
                    "conditions": [{"kind": "other", "name": NASTY}],
                },
                {"id": "b", "given_name": "Bo", "gender": "male"},
                {"id": "c", "given_name": "Cy", "gender": "male"},
            ],
            "unions": [{"partners": ["a", "b"], "label": NASTY, "children": ["c"]}],
            "relationships": [{"kind": "hostile", "source": "a", "target": "c", "note": NASTY}],
            "households": [{"id": "h", "label": NASTY, "members": ["a", "c"]}],
        }
    )


def test_user_text_is_escaped() -> None:
    text = render_genogram(_nasty_document())
    assert "<script" not in text
    root = etree.fromstring(text.encode())
    assert not [e for e in root.iter() if etree.QName(e).localname == "script"]
    titles = [e.text for e in root.iter(f"{SVG}title")]
    assert root.find(f"{SVG}title").text == NASTY
    assert any(NASTY in (t or "") for t in titles[1:])
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert any("<script>" in (t or "") for t in texts)


def test_black_and_white_theme_uses_no_colour() -> None:
    path = next(p for p in EXAMPLES if p.stem == "conventions-gallery")
    text = render_genogram(_document(path), theme=BLACK_AND_WHITE)
    colours = set(re.findall(r"#[0-9a-fA-F]{6}", text))
    assert colours <= {"#000000", "#ffffff"}


def test_legend_lists_only_what_is_drawn() -> None:
    path = next(p for p in EXAMPLES if p.stem == "teaching-basics")
    root = etree.fromstring(_svg(path).encode())
    keys = [g.get("data-key") for g in _groups(root, "legend-entry")]
    assert keys and len(keys) == len(set(keys))
    drawn_emotions = {g.get("data-kind") for g in _groups(root, "emotion")}
    assert {k.split(":")[1] for k in keys if k.startswith("emotion:")} == drawn_emotions
    assert "symbol:pet" not in keys and "household" in keys
    plain = etree.fromstring(render_genogram(_document(path), legend=False).encode())
    assert not _groups(plain, "legend")


def test_id_prefix_keeps_drawings_apart() -> None:
    path = EXAMPLES[0]
    one = etree.fromstring(render_genogram(_document(path), id_prefix="one").encode())
    two = etree.fromstring(render_genogram(_document(path), id_prefix="two").encode())
    ids_one = {e.get("id") for e in one.iter() if e.get("id")}
    ids_two = {e.get("id") for e in two.iter() if e.get("id")}
    assert ids_one and not ids_one & ids_two
    with pytest.raises(ValueError, match="id_prefix"):
        render_genogram(_document(path), id_prefix="1 bad")


def test_empty_document_and_formats() -> None:
    text = render_genogram(Document())
    assert etree.fromstring(text.encode()).get("role") == "img"
    with pytest.raises(ValueError, match="svg"):
        render_genogram(Document(), format="gif")
    recorder = RecordingRenderer()
    scene = draw(Document(title="Tiny"))
    assert recorder.render(scene) == "Tiny" and recorder.scenes == [scene]
    assert render(scene) == renderer_for("svg").render(scene)


def test_number_format() -> None:
    assert [number(v) for v in (0.0, -0.001, 1.005, 2.5, 10.0, -3.14159)] == [
        "0",
        "0",
        "1",
        "2.5",
        "10",
        "-3.14",
    ]


@settings(deadline=None)
@given(families(max_people=16), st.sampled_from(["mcgoldrick", "nsgc"]), st.booleans())
def test_random_families_render_under_the_contract(
    document: Document, preset: str, black_and_white: bool
) -> None:
    theme = BLACK_AND_WHITE if black_and_white else DEFAULT_THEME
    text = render_genogram(document, style=style_for(preset), theme=theme)
    root = etree.fromstring(text.encode())
    assert {g.get("data-id") for g in _groups(root, "person")} == {p.id for p in document.people}
    assert len(_groups(root, "union")) == len(document.unions)
    assert len(_groups(root, "emotion")) == len(document.relationships)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert render_genogram(document, style=style_for(preset), theme=theme) == text


# --------------------------------------------------------------------------- emotional routes


def _end(pid: str, x: float, shape: str = "square") -> Endpoint:
    return Endpoint(pid, x, 100.0, 40.0, shape)


def test_route_avoids_a_symbol_in_between() -> None:
    a, b, c = _end("a", 0), _end("b", 100), _end("c", 200, "circle")
    obstacles = [Obstacle(Box.around(e.x, e.y, 40, 40), 100.0, e.id) for e in (a, b, c)]
    routes = route_emotions([Request("r", a, c)], obstacles, [], 40.0)
    path = routes["r"]
    middle = Box.around(100, 100, 40, 40)
    assert not any(
        middle.left < p.x < middle.right and middle.top < p.y < middle.bottom for p in path
    )
    start, end = path[0], path[-1]
    assert start.x >= 20 or abs(start.y - 100) >= 20  # trimmed at the square's edge
    assert abs(((end.x - 200) ** 2 + (end.y - 100) ** 2) ** 0.5 - 20 - 3.2) < 0.5  # circle + pad


def test_straight_route_when_clear_and_second_line_moves_aside() -> None:
    a, b = _end("a", 0), _end("b", 200)
    obstacles = [Obstacle(Box.around(e.x, e.y, 40, 40), 100.0, e.id) for e in (a, b)]
    routes = route_emotions([Request("one", a, b), Request("two", a, b)], obstacles, [], 40.0)
    start = routes["one"][0]
    assert len(routes["one"]) == 2 and (start.x, start.y) == pytest.approx((23.2, 100.0))
    assert len(routes["two"]) > 2  # the second relationship bows away from the first
    again = route_emotions([Request("one", a, b), Request("two", a, b)], obstacles, [], 40.0)
    assert again == routes


def test_route_leaves_pedigree_lines_alone() -> None:
    a, b = _end("a", 0), _end("b", 200)
    line = Segment(20, 100, 180, 100)  # an NSGC partner line at mid-height
    routes = route_emotions([Request("r", a, b)], [], [line], 40.0)
    assert len(routes["r"]) > 2


# --------------------------------------------------------------------------- household outline


def test_household_outline_joins_rows() -> None:
    upper, lower = Box(0, 0, 100, 50), Box(40, 80, 200, 130)
    shapes = loops(bridge([upper, lower], 50))
    assert len(shapes) == 1 and len(shapes[0]) == 8
    apart = loops(bridge([upper, Box(300, 80, 400, 130)], 50))
    assert len(apart) == 2 and all(len(loop) == 4 for loop in apart)


# --------------------------------------------------------------------------- the fast body writer


def _svgwrite_text(scene: Scene) -> str:
    """The scene as svgwrite itself writes it: the reference the fast writer must equal."""
    return str(SvgRenderer().drawing(scene).tostring())


def _render_without_fallback(scene: Scene, monkeypatch: pytest.MonkeyPatch) -> str:
    """Render, failing if the whole drawing has to be written the careful way."""
    with monkeypatch.context() as patch:
        patch.setattr(SvgRenderer, "drawing", _no_fallback)
        return SvgRenderer().render(scene)


def _no_fallback(self: SvgRenderer, scene: Scene) -> object:
    raise AssertionError("the careful way was taken")


def test_fast_writer_equals_svgwrite_on_a_large_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    scene = draw(synthetic_pedigree(300, 4))
    assert _render_without_fallback(scene, monkeypatch) == _svgwrite_text(scene)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_fast_writer_equals_svgwrite_on_examples(path: Path) -> None:
    for theme in (DEFAULT_THEME, BLACK_AND_WHITE):
        scene = draw(_document(path), theme=theme)
        assert SvgRenderer().render(scene) == _svgwrite_text(scene)


class _Box(Rect):
    """A subclass of a scene element: written the general way."""


def _odd_scene(text: str = "plain", value: str = "v") -> Scene:
    """Every branch of the fast writer: optional attributes on and off, empty values, data
    names out of order, given twice or made equal by their spelling, nesting, subclasses."""
    dashed = Stroke("#123456", 0.5, (3.0, 1.5), "square", "round")
    bare = Stroke("", 1.0)
    curve = tuple(Point(i * 0.37, i * i * 0.11) for i in range(40))
    path = (("M", (0.0, 0.0)), ("Q", (1.0, 2.0, 3.0, 4.0)), ("A", (5, 5, 0, 1, 0, 9, 9)), ("Z", ()))
    leaves: tuple[Element, ...] = (
        Rect(0.001, -0.004, 10.0, 20.0, 2.5, "#fff", dashed),
        Rect(1, 2, 3, 4, 0.0, Ref("o-pat"), bare),
        Rect(1, 2, 3, 4, fill=""),
        _Box(1, 2, 3, 4, 1, "#000", dashed),
        Circle(1.0, 2.0, 3.0),
        Circle(1.0, 2.0, 3.0, "#abc", dashed),
        Polygon((Point(0, 0), Point(1, 0), Point(0, 1)), "#000", None),
        Polygon((), "#000", dashed),
        Polyline((Point(0, 0), Point(1.005, 2))),
        Polyline((Point(0, 0), Point(1, 2), Point(3, 3)), dashed),
        Polyline(curve, bare),
        Polyline(()),
        ScenePath(path, None, dashed),
        ScenePath((), "#000"),
        Text(1.0, 2.0, text, 10.0),
        Text(1.0, 2.0, text, 10.0, "start", True, False, ""),
        Text(1.0, 2.0, text, 10.5, "end", False, True, "#333"),
        Text(-0.001, 2.0, "", 10.0, "middle", True, True),
    )
    groups: tuple[Element, ...] = (
        Group(leaves, "o-1", "kind", (("b", value), ("a", "x")), text, "o-clip"),
        Group(leaves[:3], "o-2", "kind", (("b", value), ("a", "x"))),
        Group(leaves[3:6], "o-3", "kind", (("one", value),), text),
        Group((), "o-4", "kind", (("Key_1", "first"), ("key-1", value), ("z", ""))),
        Group((), "o-5", "kind", (("z", ""), ("y", ""))),
        Group((), "o-6", "kind", (("b", "1"), ("a", "2"), ("b", "3"))),
        Group((), None, "kind", (("a", value),), text),
        Group((), "o-7", None, (("a", value),)),
        Group((Group((Group(leaves[6:9], "o-9", "deep", (("c", "1"),)),), "o-8"),), "o-10"),
        Group((), "o-11", "kind", ()),
        Group(()),
    )
    return Scene(
        width=100.0,
        height=50.0,
        view_box=Box(-1, -2, 99, 48),
        title=text,
        description=text,
        children=groups,
        defs=(
            ClipPath("o-clip", Circle(0, 0, 5)),
            Pattern("o-pat", 4, 4, (Rect(0, 0, 4, 1, fill="#000"),), angle=-45),
        ),
        id_prefix="o",
        font_family=text,
    )


def test_fast_writer_equals_svgwrite_on_odd_scenes(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("plain", "quote \" and ' in text", "é ☃ 文字"):
        scene = _odd_scene(text)
        assert _render_without_fallback(scene, monkeypatch) == _svgwrite_text(scene)
    empty = Scene(1.0, 1.0, Box(0, 0, 1, 1), "", "", (), background=None)
    assert _render_without_fallback(empty, monkeypatch) == _svgwrite_text(empty)


# What makes the whole drawing be written the careful way, by where the text goes.
IN_TEXT = ("&", "<", ">", "\x01", "\ud800", "\ufffe")
IN_ATTRIBUTES = (*IN_TEXT, '"', "\t", "\n", "\r")


@pytest.mark.parametrize("char", IN_ATTRIBUTES, ids=ascii)
def test_text_needing_care_is_written_the_careful_way(char: str) -> None:
    renderer = SvgRenderer()
    scenes = [_odd_scene(value=f"a{char}b")]
    if char in IN_TEXT:
        scenes.append(_odd_scene(text=f"a{char}b"))
    for scene in scenes:
        drawing = renderer.drawing(scene)
        text = renderer.render(scene)
        assert text == serialise(drawing)  # characters XML cannot hold become U+FFFD
        if char.isprintable() or char in "\t\n\r":
            assert text == drawing.tostring()
        assert f"a{char}b" not in text
        etree.fromstring(text.encode())


def test_values_that_are_not_text_are_written_the_careful_way() -> None:
    renderer = SvgRenderer()
    data: Any = (("count", 7), ("none", None))
    group = Group((Text(1, 2, "t", 3),), "n-1", "kind", data)
    scene = Scene(1.0, 1.0, Box(0, 0, 1, 1), "t", "d", (group,), id_prefix="n")
    text = renderer.render(scene)
    assert text == renderer.drawing(scene).tostring()
    assert 'data-count="7"' in text and "data-none" not in text


@settings(deadline=None, max_examples=25)
@given(families(max_people=12), st.sampled_from(["mcgoldrick", "nsgc"]), st.booleans())
def test_fast_writer_equals_svgwrite_on_random_families(
    document: Document, preset: str, black_and_white: bool
) -> None:
    theme = BLACK_AND_WHITE if black_and_white else DEFAULT_THEME
    scene = draw(document, style=style_for(preset), theme=theme)
    assert SvgRenderer().render(scene) == _svgwrite_text(scene)
