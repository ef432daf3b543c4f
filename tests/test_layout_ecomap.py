"""Eco-map layout: sectors, ordering, the growing ring, routed ties, metrics and determinism."""

from __future__ import annotations

import math
import time
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genomap.api_ecomap import layout_ecomap
from genomap.ecomap_metrics import measure_ecomap
from genomap.io import load_file
from genomap.layout.ecomap_model import (
    Disc,
    EcomapLayout,
    EcomapStyle,
    angle_of,
    polar,
    wrap_angle,
)
from genomap.models import (
    Category,
    Connection,
    Document,
    EcoMap,
    Household,
    Person,
    System,
    Union,
)
from genomap.style import Style
from tests.strategies import ecomaps, permutations_of

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ECOMAP_EXAMPLES = ["okafor-ecomap", "okafor-ecomap-2027", "conventions-gallery"]


@cache
def _example(name: str) -> Document:
    return load_file(EXAMPLES / f"{name}.yaml")


@cache
def _layout(name: str) -> EcomapLayout:
    return layout_ecomap(_example(name))


def _family(systems: list[System], ties: list[Connection], **ecomap: object) -> Document:
    """Mum and dad above two children, all in one household, and the given eco-map."""
    people = (
        Person(id="mum", given_name="Mum", gender="female"),
        Person(id="dad", given_name="Dad", gender="male"),
        Person(id="kid1", given_name="Kid", gender="female"),
        Person(id="kid2", given_name="Kid", gender="male"),
    )
    return Document(
        people=people,
        unions=(Union(partners=("dad", "mum"), children=("kid1", "kid2")),),
        households=(Household(id="home", members=("mum", "dad", "kid1", "kid2")),),
        ecomap=EcoMap(systems=tuple(systems), connections=tuple(ties), **ecomap),
    )


def _stable(layout: EcomapLayout) -> EcomapLayout:
    """The layout without its timings (the only part that may differ between runs)."""
    centre = layout.centre
    if centre.genogram is not None:
        centre = replace(centre, genogram=replace(centre.genogram, elapsed_ms=0.0))
    return replace(layout, elapsed_ms=0.0, centre=centre)


# --------------------------------------------------------------------------- geometry helpers


def test_polar_and_angle_of_are_inverse_clockwise_from_noon() -> None:
    assert polar(0.0, 10).y == pytest.approx(-10)  # 12 o'clock is up (y grows downwards)
    assert polar(math.pi / 2, 10).x == pytest.approx(10)  # 3 o'clock is right
    for angle in (0.1, 1.0, 3.0, 5.5):
        p = polar(angle, 7)
        assert angle_of(p.x, p.y) == pytest.approx(angle)
    assert wrap_angle(3 * math.pi / 2) == pytest.approx(-math.pi / 2)


def test_disc_gaps_and_segment_distance() -> None:
    a, b = Disc(0, 0, 5), Disc(12, 0, 5)
    assert a.gap_to_disc(b) == pytest.approx(2)
    assert a.distance_to_segment(polar(0, 10), polar(math.pi, 10)) == pytest.approx(0)
    assert b.gap_to_box(a.box) == pytest.approx(2)


# --------------------------------------------------------------------------- the examples


@pytest.mark.parametrize("name", ECOMAP_EXAMPLES)
def test_examples_have_no_collisions(name: str) -> None:
    metrics = measure_ecomap(_layout(name), _example(name))
    assert metrics.circle_overlaps == 0
    assert metrics.label_overlaps == 0
    assert metrics.lines_through_circles == 0
    assert metrics.lines_through_labels == 0
    assert metrics.layout_ms < 2000


@pytest.mark.parametrize("name", ECOMAP_EXAMPLES)
def test_every_system_is_placed_and_every_live_tie_routed(name: str) -> None:
    document, layout = _example(name), _layout(name)
    assert document.ecomap is not None
    absent = {s.id for s in document.ecomap.systems if s.absent}
    assert sorted(p.id for p in layout.systems) == sorted(s.id for s in document.ecomap.systems)
    wanted = [c for c in document.ecomap.connections if c.system not in absent]
    assert sorted(c.key for c in wanted) == sorted(
        t.key.partition("#")[0] for t in layout.connections
    )
    for tie in layout.connections:
        system = layout.system(tie.system)
        end = tie.path[-1]
        assert math.hypot(end.x - system.x, end.y - system.y) == pytest.approx(system.r, abs=0.01)
        start = tie.path[0]
        assert math.hypot(start.x, start.y) == pytest.approx(layout.centre.radius, abs=0.01)


def test_okafor_centre_holds_the_household_genogram() -> None:
    layout = _layout("okafor-ecomap")
    centre = layout.centre
    assert centre.mode == "household" and centre.household == "home"
    assert centre.genogram is not None
    assert {p.id for p in centre.genogram.people} == {"ngozi", "chidi", "adaeze", "tobi"}
    # Every drawn symbol lies inside the circle once moved to the centre.
    for placed in centre.genogram.people:
        box = placed.box.translate(centre.offset.x, centre.offset.y)
        for x, y in ((box.left, box.top), (box.right, box.bottom)):
            assert math.hypot(x, y) < centre.radius
    # Each member anchor sits on the circle at the angle of the member's symbol.
    for anchor in centre.anchors:
        placed = centre.genogram.person(anchor.person)
        x, y = placed.x + centre.offset.x, placed.y + centre.offset.y
        assert anchor.angle == pytest.approx(angle_of(x, y))
        assert math.hypot(anchor.point.x, anchor.point.y) == pytest.approx(centre.radius)


def test_member_ties_end_beside_their_members_anchor() -> None:
    layout = _layout("okafor-ecomap")
    anchors = {a.person: a for a in layout.centre.anchors}
    step = EcomapStyle().port_spacing_s * layout.symbol_size / layout.centre.radius
    for tie in layout.connections:
        if tie.member is None:
            continue
        start = angle_of(tie.path[0].x, tie.path[0].y)
        assert abs(wrap_angle(start - anchors[tie.member].angle)) <= 3 * step


def test_sectors_follow_the_category_order_clockwise_from_noon() -> None:
    layout = _layout("okafor-ecomap")
    document = _example("okafor-ecomap")
    assert document.ecomap is not None
    order = document.ecomap.category_keys()
    keys = [s.key for s in layout.sectors]
    assert keys == sorted(keys, key=order.index)
    assert layout.sectors[0].start == pytest.approx(0.0)
    for before, after in zip(layout.sectors, layout.sectors[1:], strict=False):
        assert after.start == pytest.approx(before.end)
    assert layout.sectors[-1].end == pytest.approx(math.tau)
    minimum = math.radians(EcomapStyle().min_sector_deg)
    assert all(s.end - s.start >= minimum - 1e-9 for s in layout.sectors)
    for sector in layout.sectors:
        for system_id in sector.systems:
            assert sector.start < layout.system(system_id).angle < sector.end


def test_pinned_categories_sit_on_their_side() -> None:
    layout = _layout("conventions-gallery")
    sides = {"extended_family": 0.0, "education": math.pi / 2, "health": math.pi}
    sides["peer_support"] = 1.5 * math.pi
    for sector in layout.sectors:
        if sector.key in sides:
            assert sector.pinned
            assert sector.mid == pytest.approx(sides[sector.key])


def test_pinning_a_category_moves_only_the_sectors_around_it() -> None:
    systems = [
        System(id=f"s{i}", name=f"S{i}", category=c) for i, c in enumerate(("work", "health"))
    ]
    plain = layout_ecomap(_family(systems, []))
    pinned = layout_ecomap(
        _family(systems, [], categories=(Category(key="health", side="bottom"),))
    )
    assert pinned.system("s1").angle == pytest.approx(math.pi)
    assert plain.system("s1").angle != pytest.approx(math.pi)


def test_systems_sit_near_the_members_they_are_tied_to() -> None:
    systems = [System(id=name, name=name, category="health") for name in ("a", "b", "c")]
    ties = [
        Connection(system="a", member="kid2"),
        Connection(system="b"),
        Connection(system="c", member="kid1"),
    ]
    layout = layout_ecomap(_family(systems, ties))
    anchors = {a.person: a.angle for a in layout.centre.anchors}
    by_angle = [p.id for p in sorted(layout.systems, key=lambda p: p.angle)]
    # The household-only system sorts to the middle; the others to the side of their member.
    assert by_angle[1] == "b"
    first = "a" if wrap_angle(anchors["kid2"] - anchors["kid1"]) < 0 else "c"
    assert by_angle[0] == first


def test_size_comes_from_importance_never_from_strength() -> None:
    systems = [
        System(id="strong", name="Strong", category="work", importance="medium"),
        System(id="weak", name="Weak", category="work", importance="medium"),
        System(id="big", name="Big", category="work", importance="high"),
        System(id="small", name="Small", category="work", importance="low"),
    ]
    ties = [
        Connection(system="strong", strength="strong"),
        Connection(system="weak", strength="tenuous"),
    ]
    layout = layout_ecomap(_family(systems, ties))
    radius = {p.id: p.r for p in layout.systems}
    assert radius["strong"] == radius["weak"]
    assert radius["small"] < radius["weak"] < radius["big"]


def test_absent_systems_get_no_line() -> None:
    systems = [System(id="camhs", name="CAMHS", category="mental_health", absent=True)]
    layout = layout_ecomap(_family(systems, [Connection(system="camhs")]))
    assert layout.connections == ()
    assert layout.system("camhs").absent


def test_the_ring_grows_until_long_names_stop_colliding() -> None:
    short = [System(id=f"s{i:02d}", name="GP", category="health") for i in range(24)]
    long = [replace_name(s, "A very long system name that wraps") for s in short]
    small, big = layout_ecomap(_family(short, [])), layout_ecomap(_family(long, []))
    assert big.ring_radius > small.ring_radius
    assert measure_ecomap(big, _family(long, [])).label_overlaps == 0


def replace_name(system: System, name: str) -> System:
    return system.model_copy(update={"name": name})


def test_a_name_that_fits_goes_inside_the_circle() -> None:
    systems = [
        System(id="gp", name="GP", category="health"),
        System(id="long", name="Southbank Saturday football club", category="recreation"),
    ]
    layout = layout_ecomap(_family(systems, []))
    gp, club = layout.system("gp"), layout.system("long")
    assert gp.label_inside
    assert math.hypot(gp.label.box.cx - gp.x, gp.label.box.cy - gp.y) < 1
    assert not club.label_inside
    assert Disc(club.x, club.y, club.r).gap_to_box(club.label.box) > 0


def test_individual_centre_is_a_fixed_circle_with_the_name() -> None:
    layout = _layout("conventions-gallery")
    centre = layout.centre
    assert centre.mode == "individual" and centre.person == "pip"
    assert centre.radius == pytest.approx(EcomapStyle().individual_radius_s * 40)
    assert centre.label is not None and centre.label.lines[0].text
    for tie in layout.connections:
        end = tie.path[0]
        assert math.hypot(end.x, end.y) == pytest.approx(centre.radius, abs=0.01)


def test_document_without_an_ecomap_gives_only_the_centre() -> None:
    document = _family([], []).model_copy(update={"ecomap": None})
    layout = layout_ecomap(document)
    assert layout.systems == () and layout.connections == () and layout.sectors == ()
    assert layout.centre.genogram is not None


def test_options_change_sizes() -> None:
    systems = [System(id="gp", name="GP", category="health", importance="high")]
    layout = layout_ecomap(
        _family(systems, []),
        Style(symbol_size=20),
        ecomap_style=EcomapStyle(importance_radius_s=(1, 2, 3)),
    )
    assert layout.system("gp").r == pytest.approx(60)
    with pytest.raises(TypeError, match="nonsense"):
        EcomapStyle().replace(nonsense=1)


# --------------------------------------------------------------------------- determinism


def test_the_same_input_gives_the_same_layout() -> None:
    document = _example("okafor-ecomap")
    assert _stable(layout_ecomap(document)) == _stable(layout_ecomap(document))


def test_two_visits_line_up() -> None:
    """Systems that are in both dated maps stay in the same sector, at nearly the same angle."""
    first, second = _layout("okafor-ecomap"), _layout("okafor-ecomap-2027")
    both = {p.id for p in first.systems} & {p.id for p in second.systems}
    for system_id in both:
        a, b = first.system(system_id), second.system(system_id)
        assert a.category == b.category
        assert abs(wrap_angle(a.angle - b.angle)) < math.radians(15)


def test_forty_systems_lay_out_quickly() -> None:
    systems = [
        System(id=f"s{i:02d}", name=f"System number {i}", category=c, importance=imp)
        for i, (c, imp) in enumerate(
            zip(
                ["health", "education", "work", "friends", "other"] * 8,
                ["low", "medium", "high"] * 14,
                strict=False,
            )
        )
    ]
    members = [None, "mum", "dad", "kid1", "kid2"]
    ties = [Connection(system=s.id, member=members[i % 5]) for i, s in enumerate(systems)]
    document = _family(systems, ties)
    started = time.perf_counter()
    layout = layout_ecomap(document)
    assert time.perf_counter() - started < 2.0
    metrics = measure_ecomap(layout, document)
    assert (metrics.circle_overlaps, metrics.label_overlaps, metrics.lines_through_circles) == (
        0,
        0,
        0,
    )


# --------------------------------------------------------------------------- properties


@settings(deadline=None)
@given(ecomaps(max_systems=40))
def test_random_ecomaps_have_no_overlaps_and_no_line_through_a_circle(document: Document) -> None:
    layout = layout_ecomap(document)
    metrics = measure_ecomap(layout, document)
    assert metrics.circle_overlaps == 0
    assert metrics.label_overlaps == 0
    assert metrics.lines_through_circles == 0
    assert (
        metrics.systems_drawn == len({s.id for s in document.ecomap.systems})
        if document.ecomap
        else True
    )


@settings(deadline=None)
@given(st.data())
def test_random_ecomaps_do_not_depend_on_list_order(data: st.DataObject) -> None:
    document = data.draw(ecomaps(max_systems=25))
    shuffled = data.draw(permutations_of(document))
    assert shuffled.ecomap is not None and document.ecomap is not None
    # Keep the people order (the genogram engine's input) and shuffle only the eco-map lists.
    shuffled = document.model_copy(
        update={
            "ecomap": document.ecomap.model_copy(
                update={
                    "systems": shuffled.ecomap.systems,
                    "connections": shuffled.ecomap.connections,
                    "household": shuffled.ecomap.household,
                }
            )
        }
    )
    assert _stable(layout_ecomap(document)) == _stable(layout_ecomap(shuffled))
