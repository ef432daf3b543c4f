"""The fast drawing path writes the same bytes as before it was made fast.

Rendering was made several times faster (compose: shared strokes and glyphs, quicker scene
objects, grids; SVG: one svgwrite tree written in one pass). None of that may change a byte:

- fresh renders of every example and of a 300-person synthetic pedigree hash to the values
  recorded with the code as it was before (rewrite them with ``pytest --update-golden`` only
  after a deliberate change to the drawing, and look at the drawings);
- the one-pass writer gives exactly what svgwrite's own ``tostring()`` gives for the same tree;
- each rewritten piece of geometry (polyline chaining, emotional routing, scene bounds, number
  format, glyph choice, ending-mark neighbours) equals the straightforward version it replaced,
  kept here as the reference.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import math
import pickle
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genomap import polyline as pl
from genomap.api import draw, render_genogram
from genomap.emotions import Endpoint, Obstacle, Request, contains, route_emotions
from genomap.geometry import Box, Point, Segment
from genomap.glyphs import ConditionScheme, GlyphChooser, person_glyph
from genomap.io import load_file
from genomap.layers import Layers
from genomap.layout import layout_genogram
from genomap.models import Document, Preset
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
    Scene,
    Stroke,
    Text,
    bounds,
    union_bounds,
)
from genomap.scene import Path as ScenePath
from genomap.style import style_for
from genomap.synthetic import synthetic_pedigree
from genomap.text import text_width
from genomap.theme import DEFAULT_THEME
from tests.strategies import families

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# SHA-256 of render_genogram(document) with default options, recorded before the speed-up.
# BEGIN HASHES
HASHES = {
    "conventions-gallery": "e65c8526cfa5a662707e2befa6df1c1270fb618a6a90d46ddb5abfdf95ef5e0f",
    "harris-family": "cd12b9f4d695765e92a29b32e386df34e7794f6d55c8d4e52dfdca97d1293b24",
    "nsgc-pedigree": "4899f4a0bc95d1c27668409922e3ac0f35d64b6f423b7563c67dee2be9f7e22c",
    "okafor-ecomap-2027": "8c567b67bcd9bed2ce937bfd870c44b527878be36b013c7b7080e329de345cfc",
    "okafor-ecomap": "107572a1f5c82735981c7e094f01c52f7e7d19239afc6178fabe4e893d53704d",
    "teaching-basics": "73585a52a38da31b12da92ee1421d92b089995ebcd47282657b7aa1306b0e1bd",
    "synthetic-300": "6d3a934666f1e930d29f95edbb8bf981bf9b8af4c78d45d3854cc03d59620768",
}
# END HASHES


def _documents() -> dict[str, Document]:
    found = {path.stem: load_file(path) for path in EXAMPLES}
    found["synthetic-300"] = synthetic_pedigree(300)
    return found


DOCUMENTS = _documents()


def _rewrite_hashes(name: str, digest: str) -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    block = re.search(r"# BEGIN HASHES\nHASHES = \{\n(.*?)\}\n# END HASHES", source, re.S)
    assert block is not None
    rows = dict(re.findall(r'    "([^"]+)": "([0-9a-f]+)",\n', block.group(1)))
    rows[name] = digest
    text = "".join(f'    "{k}": "{v}",\n' for k, v in rows.items())
    Path(__file__).write_text(source[: block.start(1)] + text + source[block.end(1) :], "utf-8")


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_render_is_byte_identical_to_the_recorded_one(
    name: str, request: pytest.FixtureRequest
) -> None:
    digest = hashlib.sha256(render_genogram(DOCUMENTS[name]).encode("utf-8")).hexdigest()
    if request.config.getoption("--update-golden"):
        _rewrite_hashes(name, digest)
        return
    assert name in HASHES, f"no recorded hash for {name}: run pytest --update-golden"
    assert digest == HASHES[name], (
        f"{name} renders differently: if the drawing changed on purpose, run "
        "pytest tests/test_render_speed_identity.py --update-golden"
    )


# --------------------------------------------------------------------------- the SVG writer


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_writer_equals_svgwrite_tostring(name: str) -> None:
    tree = SvgRenderer().drawing(draw(DOCUMENTS[name]))
    fast = serialise(tree)
    assert fast == tree.tostring()
    assert serialise(tree) == fast  # tostring() adds attributes to the tree: no effect


# Characters XML cannot hold at all (lone surrogates, most C0 controls) are left out: the
# writer replaces them on purpose (tests/test_xss.py), where svgwrite writes broken XML.
NASTY = "a & b < c > d \"e\" 'f'\tg\nh\ri é ☃ ]]>"


def _nasty_scene() -> Scene:
    stroke = Stroke("#1a1a1a", 1.5, (2.0, 1.0), "round", "bevel")
    path = (("M", (0.0, 0.0)), ("Q", (1.0, 2.0, 3.0, 4.0)), ("A", (5, 5, 0, 1, 0, 9, 9)), ("Z", ()))
    shapes: tuple[Element, ...] = (
        Rect(-0.001, 1.005, 10.0, 20.0, 2.5, "#fff", stroke),
        Circle(1.0, 2.0, 3.0, None, None),
        Polygon((Point(0, 0), Point(1, 0), Point(0, 1)), "#000", None),
        Polyline(tuple(Point(i * 0.37, i * i * 0.11) for i in range(40)), stroke),
        ScenePath(path, None, stroke),
        Text(1.0, 2.0, NASTY, 10.0, "end", True, True, "#333"),
        Text(1.0, 2.0, "", 10.0),
    )
    return Scene(
        width=100.0,
        height=50.0,
        view_box=Box(-1, -2, 99, 48),
        title=NASTY,
        description=NASTY,
        children=(
            Group(shapes, "n-g", "kind", (("Key_1", NASTY), ("empty", "")), NASTY, "n-clip"),
            Group((), None, None, (), None),
        ),
        defs=(
            ClipPath("n-clip", Circle(0, 0, 5)),
            Pattern("n-pat", 4, 4, (Rect(0, 0, 4, 1, fill="#000"),), angle=-45),
        ),
        id_prefix="n",
        font_family=NASTY,
        background=None,
    )


def test_writer_equals_svgwrite_on_hostile_text_and_odd_values() -> None:
    tree = SvgRenderer().drawing(_nasty_scene())
    assert serialise(tree) == tree.tostring()
    group = tree.elements[-2]
    group.attribs["data-number"] = 7  # not text: svgwrite writes str() of it
    group.attribs["data-none"] = None  # left out
    assert serialise(tree) == tree.tostring()


@settings(deadline=None, max_examples=25)
@given(families(max_people=12), st.sampled_from(["mcgoldrick", "nsgc"]))
def test_writer_equals_svgwrite_on_random_families(document: Document, preset: str) -> None:
    tree = SvgRenderer().drawing(draw(document, style=style_for(preset)))
    assert serialise(tree) == tree.tostring()


def _number_before(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def test_number_format_is_unchanged() -> None:
    rng = random.Random(5)
    values = [0.0, -0.0, 0.004, -0.004, 0.005, -0.005, 1.005, 99.995, -99.995, 1e20, -1e-20]
    values += [math.inf, -math.inf, math.nan, 5, -5, 0]
    values += [rng.uniform(-1e4, 1e4) for _ in range(20_000)]
    values += [rng.randint(-100_000, 100_000) / 1000 for _ in range(20_000)]
    assert [number(v) for v in values] == [_number_before(v) for v in values]


# --------------------------------------------------------------------------- scene objects


def test_quick_init_keeps_dataclass_behaviour() -> None:
    text = Text(1.0, 2.0, "a", 3.0, fill="#fff")
    assert text == Text(x=1.0, y=2.0, text="a", size=3.0, anchor="middle", fill="#fff")
    assert hash(text) == hash(Text(1.0, 2.0, "a", 3.0, fill="#fff"))
    assert dataclasses.replace(text, anchor="end").anchor == "end"
    assert pickle.loads(pickle.dumps(text)) == text
    assert Group(()) == Group((), None, None, (), None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        text.x = 5.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        Text(1.0, 2.0)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Text(1.0, 2.0, "a", 3.0, colour="#fff")  # type: ignore[call-arg]


def _bounds_before(elements: tuple[Element, ...]) -> Box | None:
    result: Box | None = None
    for element in elements:
        box: Box | None
        if isinstance(element, Group):
            box = _bounds_before(element.children)
        elif isinstance(element, Text):
            width = text_width(element.text, element.size, bold=element.bold)
            left = {"start": 0.0, "middle": width / 2, "end": width}[element.anchor]
            top, bottom = element.y - element.size * 0.8, element.y + element.size * 0.25
            box = Box(element.x - left, top, element.x - left + width, bottom)
        else:
            box = bounds(element)
        if box is not None:
            result = box if result is None else result.union(box)
    return result


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_union_bounds_is_unchanged(name: str) -> None:
    scene = draw(DOCUMENTS[name])
    assert union_bounds(scene.children) == _bounds_before(scene.children)
    nasty = _nasty_scene().children
    assert union_bounds(nasty) == _bounds_before(nasty)


def test_glyph_chooser_equals_person_glyph() -> None:
    for document in DOCUMENTS.values():
        scheme = ConditionScheme.of(document.people)
        for preset in Preset:
            choose = GlyphChooser(preset, scheme)
            for person, inside, adopted in itertools.product(
                document.people, (None, "42"), (False, True)
            ):
                expected = person_glyph(person, preset, scheme, inside=inside, adopted=adopted)
                assert choose(person, inside=inside, adopted=adopted) == expected


def test_ending_marks_avoid_the_same_boxes_as_a_full_scan() -> None:
    document = DOCUMENTS["conventions-gallery"]
    style = style_for(document.preset)
    layout = layout_genogram(document, style)
    layers = Layers(document, layout, style, DEFAULT_THEME, "g")
    boxes = [p.box for p in layout.people]
    boxes += [label.box for p in layout.people for label in p.labels]
    boxes += [u.label.box for u in layout.unions if u.label is not None]
    mains = [u.main for u in layout.unions if u.main is not None]
    assert mains
    for main in mains:
        xs, ys = sorted((main.x1, main.x2)), sorted((main.y1, main.y2))
        zone = Box(xs[0], ys[0], xs[1], ys[1]).expand(0.3 * style.symbol_size)
        assert layers._near(main) == tuple(b for b in boxes if b.overlaps(zone))


# --------------------------------------------------------------------------- polyline chaining


def _far(a: Point, b: Point) -> bool:
    return abs(a.x - b.x) > 1e-3 or abs(a.y - b.y) > 1e-3


def _merge_before(paths: list[list[Point]]) -> list[list[Point]]:
    merged = True
    while merged:
        merged = False
        for i, first in enumerate(paths):
            for j in range(i + 1, len(paths)):
                second = paths[j]
                if not _far(first[-1], second[0]):
                    joined = first + second[1:]
                elif not _far(first[-1], second[-1]):
                    joined = first + second[-2::-1]
                elif not _far(first[0], second[-1]):
                    joined = second + first[1:]
                elif not _far(first[0], second[0]):
                    joined = second[::-1] + first[1:]
                else:
                    continue
                paths[i] = joined
                del paths[j]
                merged = True
                break
            if merged:
                break
    return paths


def _chain_before(segments: list[Segment]) -> list[pl.Path]:
    paths: list[list[Point]] = []
    for seg in segments:
        a, b = Point(seg.x1, seg.y1), Point(seg.x2, seg.y2)
        for path in paths:
            if not _far(path[-1], a):
                path.append(b)
                break
            if not _far(path[-1], b):
                path.append(a)
                break
            if not _far(path[0], b):
                path.insert(0, a)
                break
            if not _far(path[0], a):
                path.insert(0, b)
                break
        else:
            paths.append([a, b])
    return [tuple(p) for p in _merge_before(paths)]


_CORNER = st.sampled_from([0.0, 10.0, 10.0005, 20.0, 30.0])


@settings(deadline=None, max_examples=300)
@given(st.lists(st.tuples(_CORNER, _CORNER, _CORNER, _CORNER), max_size=7))
def test_chain_is_unchanged(corners: list[tuple[float, float, float, float]]) -> None:
    segments = [Segment(*c) for c in corners]
    assert pl.chain(segments) == _chain_before(segments)


# --------------------------------------------------------------------------- emotional routes

_Buckets = dict[tuple[int, int], list[int]]
STEP = 4.0


def _cells(box: Box, cell: float) -> list[tuple[int, int]]:
    xs = range(math.floor(box.left / cell), math.floor(box.right / cell) + 1)
    ys = range(math.floor(box.top / cell), math.floor(box.bottom / cell) + 1)
    return [(ix, iy) for ix in xs for iy in ys]


def _near(buckets: _Buckets, p: Point, cell: float) -> list[int]:
    return buckets.get((math.floor(p.x / cell), math.floor(p.y / cell)), [])


def _distance(p: Point, g: Segment) -> float:
    dx, dy = g.x2 - g.x1, g.y2 - g.y1
    span = dx * dx + dy * dy
    t = 0.0 if span == 0 else max(0.0, min(1.0, ((p.x - g.x1) * dx + (p.y - g.y1) * dy) / span))
    return math.hypot(p.x - g.x1 - t * dx, p.y - g.y1 - t * dy)


def _trim(path: pl.Path, end: Endpoint, pad: float) -> pl.Path:
    for i in range(1, len(path)):
        b = path[i]
        if contains(end, b.x, b.y, pad):
            continue
        a = path[i - 1]
        lo, hi = 0.0, 1.0
        for _ in range(24):
            mid = (lo + hi) / 2
            x, y = a.x + (b.x - a.x) * mid, a.y + (b.y - a.y) * mid
            lo, hi = (mid, hi) if contains(end, x, y, pad) else (lo, mid)
        return (Point(a.x + (b.x - a.x) * hi, a.y + (b.y - a.y) * hi), *path[i:])
    return ()


def _candidates(source: Endpoint, target: Endpoint, s: float) -> list[pl.Path]:
    a, b = Point(source.x, source.y), Point(target.x, target.y)
    routes: list[pl.Path] = [(a, b)]
    dx, dy = b.x - a.x, b.y - a.y
    d = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / d, dx / d
    if ny > 0 or (ny == 0 and nx > 0):
        nx, ny = -nx, -ny
    mid = Point((a.x + b.x) / 2, (a.y + b.y) / 2)
    for bend in (0.8, 1.5, 2.5, 4.0):
        for sign in (1.0, -1.0):
            h = 2 * bend * s * sign
            routes.append(pl.quadratic(a, Point(mid.x + nx * h, mid.y + ny * h), b, STEP))
    return routes


def _route_before(
    requests: list[Request], obstacles: list[Obstacle], lines: list[Segment], s: float
) -> dict[str, pl.Path]:
    """The router as it was: Points throughout, every bucket looked up at every sample."""
    cell = 2 * s
    boxes: _Buckets = {}
    for i, o in enumerate(obstacles):
        for key in _cells(o.box, cell):
            boxes.setdefault(key, []).append(i)
    line_grid: _Buckets = {}
    for i, g in enumerate(lines):
        box = Box(min(g.x1, g.x2), min(g.y1, g.y2), max(g.x1, g.x2), max(g.y1, g.y2)).expand(3)
        for key in _cells(box, cell):
            line_grid.setdefault(key, []).append(i)
    drawn: list[Point] = []
    drawn_grid: _Buckets = {}

    def score(path: pl.Path, ends: set[str]) -> float:
        hit: set[int] = set()
        along_lines = along_drawn = 0
        for p in pl.resample(path, STEP) if len(path) == 2 else path:
            for i in _near(boxes, p, cell):
                box = obstacles[i].box
                if box.left < p.x < box.right and box.top < p.y < box.bottom:
                    if obstacles[i].owner in ends and obstacles[i].weight >= 50:
                        continue
                    hit.add(i)
            if any(_distance(p, lines[i]) < 2.0 for i in _near(line_grid, p, cell)):
                along_lines += 1
            near = _near(drawn_grid, p, s)
            if any(math.dist((p.x, p.y), (drawn[i].x, drawn[i].y)) < STEP for i in near):
                along_drawn += 1
        return sum(sorted(obstacles[i].weight for i in hit)) + 0.5 * along_lines + along_drawn

    routes: dict[str, pl.Path] = {}
    for request in requests:
        best: tuple[float, pl.Path] | None = None
        for rank, raw in enumerate(_candidates(request.source, request.target, s)):
            path = _trim(raw, request.source, 0.08 * s)
            path = tuple(reversed(_trim(tuple(reversed(path)), request.target, 0.08 * s)))
            if len(path) < 2:
                continue
            clash = score(path, {request.source.id, request.target.id})
            total = clash + rank * 0.01 + pl.length(path) * 0.002
            if best is None or total < best[0] - 1e-9:
                best = (total, path)
            if clash == 0 and best[1] is path:
                break
        chosen = best[1] if best is not None else ()
        routes[request.key] = chosen
        for p in pl.resample(chosen, STEP) if chosen else ():
            for key in _cells(Box(p.x, p.y, p.x, p.y).expand(STEP), s):
                drawn_grid.setdefault(key, []).append(len(drawn))
            drawn.append(p)
    return routes


@pytest.mark.parametrize("seed", range(6))
def test_emotional_routes_are_unchanged(seed: int) -> None:
    rng = random.Random(seed)
    s = 40.0
    shapes = ("square", "circle", "diamond", "triangle", "hexagon")
    rows = (0.0, 120.0, 240.0)
    people = [
        Endpoint(f"p{i}", rng.uniform(0, 600), rng.choice(rows), s, rng.choice(shapes))
        for i in range(14)
    ]
    obstacles = [Obstacle(Box.around(p.x, p.y, s, s), 100.0, p.id) for p in people]
    obstacles += [Obstacle(Box.around(p.x, p.y + 35, 50, 12), 10.0, p.id) for p in people]
    lines = [Segment(rng.uniform(0, 600), y, rng.uniform(0, 600), y) for y in (20.0, 140.0)]
    lines += [Segment(x, 20.0, x, 140.0) for x in (rng.uniform(0, 600) for _ in range(5))]
    requests = [Request(f"r{i}", *rng.sample(people, 2)) for i in range(12)]
    requests += [Request("again", people[0], people[1]), Request("again2", people[0], people[1])]
    expected = _route_before(requests, obstacles, lines, s)
    assert route_emotions(requests, obstacles, lines, s) == expected
