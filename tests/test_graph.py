"""Tests for the family graph and its kinship queries."""

from __future__ import annotations

import random
from typing import Any

import networkx as nx
import pytest

from genomap.dates import FuzzyDate
from genomap.graph import BLOOD, CENTRE_NODE, FamilyGraph, build_graph, date_sorted, subdocument
from genomap.kinship import _cyclic_cohorts, _tighten_bridges, ancestor_bitsets, degree_label
from genomap.models import Document, Parentage


def person(pid: str, birth: str | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": pid, **extra}
    if birth is not None:
        data["birth"] = birth
    return data


def union(
    partners: list[str],
    children: list[Any] | None = None,
    married: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {"partners": partners, "children": children or [], **extra}
    if married is not None:
        data["events"] = [{"type": "married", "date": married}]
    return data


def make(people: list[dict[str, Any]], unions: list[dict[str, Any]], **extra: Any) -> Document:
    return Document.model_validate({"people": people, "unions": unions, **extra})


def three_generations() -> Document:
    return make(
        [
            person("gf", "1925"),
            person("gm", "1927"),
            person("dad", "1952"),
            person("aunt", "1955"),
            person("mum", "1953"),
            person("uncle", "1950"),
            person("me", "1978", index=True),
            person("sis", "1980"),
            person("cousin", "1982"),
        ],
        [
            union(["gf", "gm"], ["aunt", "dad"], married="1950"),
            union(["dad", "mum"], ["sis", "me"], married="1975"),
            union(["uncle", "aunt"], ["cousin"], married="1978"),
        ],
        relationships=[
            {"kind": "close", "source": "me", "target": "gm"},
            {"kind": "cutoff", "source": "me", "target": "gm"},
            {"kind": "hostile", "source": "dad", "target": "uncle"},
        ],
        households=[
            {"id": "home", "members": ["dad", "mum", "me", "sis"]},
            {"id": "gran", "members": ["gf", "gm"]},
        ],
        ecomap={
            "systems": [
                {"id": "school", "name": "School", "category": "education"},
                {"id": "gp", "name": "GP", "category": "health"},
            ],
            "connections": [
                {"system": "school", "member": "me", "strength": "strong"},
                {"system": "school", "member": "sis", "stressful": True},
                {"system": "gp", "flow": "to_family"},
            ],
        },
    )


def remarriage() -> Document:
    return make(
        [
            person("mum", "1965"),
            person("dad1", "1963"),
            person("dad2", "1960"),
            person("ex", "1962"),
            person("new", "1970"),
            person("a", "1991"),
            person("b", "1993"),
            person("c", "1998"),
            person("d", "1987"),
            person("e", "2001"),
        ],
        [
            union(["mum", "dad2"], ["c"], married="1997"),
            union(["dad1", "mum"], ["b", "a"], married="1990"),
            union(["dad2", "ex"], ["d"], married="1985"),
            union(["dad1", "new"], ["e"], married="2000"),
        ],
    )


def cousin_marriage() -> Document:
    return make(
        [person(p) for p in ("g1", "g2", "a", "sa", "b", "sb", "c1", "c2", "kid")],
        [
            union(["g1", "g2"], ["a", "b"]),
            union(["a", "sa"], ["c1"]),
            union(["b", "sb"], ["c2"]),
            union(["c1", "c2"], ["kid"], consanguineous=True),
        ],
    )


def uncle_niece() -> Document:
    return make(
        [person(p) for p in ("g1", "g2", "s", "ss", "u", "n", "k")],
        [
            union(["g1", "g2"], ["s", "u"]),
            union(["s", "ss"], ["n"]),
            union(["u", "n"], ["k"]),
        ],
    )


def two_families() -> Document:
    return make(
        [person(p) for p in ("ga1", "ga2", "a", "a2", "gb0a", "gb0b", "gb1", "gb1s", "b", "kid")],
        [
            union(["ga1", "ga2"], ["a", "a2"]),
            union(["gb0a", "gb0b"], ["gb1"]),
            union(["gb1", "gb1s"], ["b"]),
            union(["a", "b"], ["kid"]),
        ],
    )


# -- the graph itself ------------------------------------------------------------------------


def test_graph_is_faithful() -> None:
    doc = three_generations()
    g = build_graph(doc).graph
    kinds = [data["kind"] for _, data in g.nodes(data=True)]
    assert kinds.count("person") == len(doc.people) == 9
    assert kinds.count("union") == len(doc.unions) == 3
    assert kinds.count("household") == len(doc.households) == 2
    assert kinds.count("system") == 2
    types = [data["type"] for _, _, data in g.edges(data=True)]
    assert types.count("partner") == 6
    assert types.count("child") == 5
    assert types.count("emotional") == 3
    assert types.count("member") == 6
    assert types.count("connection") == 3
    # Two emotional ties between one pair both survive, under distinct keys.
    assert set(g["person:me"]["person:gm"]) == {"emotional", "emotional#2"}
    assert [d["kind"].value for d in g["person:me"]["person:gm"].values()] == ["close", "cutoff"]
    assert g.nodes["person:me"]["data"].id == "me"
    assert g.nodes["union:gf+gm"]["data"].key == "gf+gm"
    assert g["person:mum"]["union:dad+mum"]["partner"]["order"] == 1
    child = g["union:dad+mum"]["person:me"]["child"]
    assert child["parentage"] is Parentage.BIOLOGICAL
    # A household-level tie goes to the index person's household.
    gp = g["system:gp"]["household:home"]["connection"]
    assert gp["flow"].value == "to_family"
    assert g["system:school"]["person:sis"]["connection"]["stressful"] is True


def test_connection_without_household_uses_synthetic_centre() -> None:
    doc = make(
        [person("x")],
        [],
        ecomap={"systems": [{"id": "s", "name": "S"}], "connections": [{"system": "s"}]},
    )
    fg = build_graph(doc)
    assert fg.centre_household is None
    assert fg.graph.nodes[CENTRE_NODE] == {"kind": "household", "data": None, "synthetic": True}
    assert fg.graph.has_edge("system:s", CENTRE_NODE, "connection")


def test_dangling_ids_are_skipped() -> None:
    doc = make(
        [person("p"), person("c")],
        [union(["p", "ghost"], ["c", "nobody"])],
        relationships=[{"kind": "close", "source": "p", "target": "ghost"}],
        households=[{"id": "h", "members": ["p", "ghost"]}],
        ecomap={
            "household": "missing",
            "systems": [{"id": "s", "name": "S"}],
            "connections": [
                {"system": "s", "member": "ghost"},
                {"system": "nope"},
                {"system": "s"},
            ],
        },
    )
    fg = build_graph(doc)
    assert fg.parents("c") == ["p"]
    assert fg.children("p") == ["c"]
    assert fg.members("h") == ["p"]
    assert fg.centre_household == "h"
    assert sorted(fg.graph.nodes) == [
        "household:h",
        "person:c",
        "person:p",
        "system:s",
        "union:p+ghost",
    ]
    assert [d["type"] for _, _, d in fg.graph.edges(data=True)].count("connection") == 1
    with pytest.raises(KeyError):
        fg.parents("ghost")


# -- three generations -----------------------------------------------------------------------


def test_three_generations_queries() -> None:
    fg = build_graph(three_generations())
    assert fg.parents("me") == ["dad", "mum"]
    assert fg.biological_parents("me") == ["dad", "mum"]
    assert fg.children("gf") == ["dad", "aunt"]  # birth order, not list order
    assert fg.children("dad") == ["me", "sis"]
    assert fg.siblings("me") == ["sis"]
    assert fg.full_siblings("me") == ["sis"]
    assert fg.half_siblings("me") == []
    assert fg.partners("aunt") == ["uncle"]
    assert fg.ancestors("me") == ["dad", "mum", "gf", "gm"]
    assert fg.ancestors("me", max_generations=1) == ["dad", "mum"]
    assert fg.descendants("gm") == ["dad", "aunt", "me", "sis", "cousin"]
    assert fg.descendants("gm", max_generations=1) == ["dad", "aunt"]
    assert fg.step_parents("me") == []
    assert fg.households_of("me") == ["home"]
    assert fg.members("gran") == ["gf", "gm"]
    assert fg.relationship_degree("me", "cousin") == "first cousins"
    assert fg.relationship_degree("me", "aunt") == "aunt/uncle and niece/nephew"
    assert fg.relationship_degree("gf", "me") == "grandparent and grandchild"
    assert fg.relationship_degree("me", "sis") == "siblings"
    assert fg.relationship_degree("me", "me") == "same person"
    assert fg.relationship_degree("me", "uncle") is None
    assert fg.consanguineous_unions() == []
    assert fg.components() == [set(fg.person_ids)]
    assert fg.generations() == {
        "gf": 0,
        "gm": 0,
        "dad": 1,
        "aunt": 1,
        "mum": 1,
        "uncle": 1,
        "me": 2,
        "sis": 2,
        "cousin": 2,
    }


def test_children_birth_order_keeps_undated_in_place() -> None:
    doc = make(
        [person("p"), person("x", "2005"), person("y"), person("z", "2001"), person("w", "2003")],
        [union(["p"], ["x", "y", "z", "w"])],
    )
    # Dated children fill the dated slots (0, 2, 3) in date order; y keeps slot 1.
    assert build_graph(doc).children("p") == ["z", "y", "w", "x"]


def test_neighbourhood() -> None:
    fg = build_graph(three_generations())
    assert fg.neighbourhood("dad", 1) == {"dad", "mum", "aunt", "gf", "gm", "me", "sis"}
    assert fg.neighbourhood("me", 1) == {"me", "sis", "dad", "mum", "aunt"}
    assert fg.neighbourhood("me", 2) == {"me", "sis", "dad", "mum", "aunt", "gf", "gm"}
    assert fg.neighbourhood("cousin", 2) == {"cousin", "aunt", "uncle", "gf", "gm", "dad"}


def test_subdocument_restricts_everything() -> None:
    doc = three_generations()
    keep = build_graph(doc).neighbourhood("me", 1)
    sub = subdocument(doc, keep)
    assert [p.id for p in sub.people] == ["dad", "aunt", "mum", "me", "sis"]
    assert [(u.key, u.partners) for u in sub.unions] == [
        ("dad+mum", ("dad", "mum")),
        ("uncle+aunt", ("aunt",)),
    ]
    assert [c.person for c in sub.unions[1].children] == []
    assert [r.key for r in sub.relationships] == []
    assert [(h.id, h.members) for h in sub.households] == [("home", ("dad", "mum", "me", "sis"))]
    assert sub.ecomap is not None
    assert [c.key for c in sub.ecomap.connections] == ["school>me", "school>sis", "gp>household"]
    fg = build_graph(sub)
    assert fg.generations() == {"dad": 0, "aunt": 0, "mum": 0, "me": 1, "sis": 1}


def test_subdocument_keeps_union_key_and_drops_small_groups() -> None:
    doc = make(
        [person("p"), person("q"), person("t1"), person("t2")],
        [union(["p", "q"], ["t1", "t2"])],
        multiple_births=[{"members": ["t1", "t2"], "zygosity": "identical"}],
        relationships=[{"kind": "close", "source": "t1", "target": "t2"}],
    )
    sub = subdocument(doc, ["p", "t1"])
    assert [u.key for u in sub.unions] == ["p+q"]
    assert sub.unions[0].partners == ("p",)
    assert sub.multiple_births == ()
    assert sub.relationships == ()


# -- remarriage, half and step relations ------------------------------------------------------


def test_remarriage_half_and_step_relations() -> None:
    fg = build_graph(remarriage())
    assert [u.key for u in fg.unions_of("mum")] == ["dad1+mum", "mum+dad2"]
    assert fg.partners("mum") == ["dad1", "dad2"]
    assert fg.partners("dad2") == ["ex", "mum"]
    assert fg.children("mum") == ["a", "b", "c"]
    assert fg.children("dad1") == ["a", "b", "e"]
    assert fg.parents("a") == ["dad1", "mum"]
    assert fg.siblings("a") == ["b", "e", "c"]
    assert fg.full_siblings("a") == ["b"]
    assert fg.half_siblings("a") == ["e", "c"]
    assert fg.half_siblings("c") == ["a", "b", "d"]
    assert fg.step_parents("a") == ["new", "dad2"]
    assert fg.step_parents("c") == ["dad1", "ex"]
    assert fg.step_children("dad2") == ["a", "b"]
    assert fg.step_children("mum") == ["e", "d"]
    assert fg.step_siblings("a") == ["d"]
    assert fg.step_siblings("d") == ["a", "b"]
    assert fg.step_siblings("e") == ["c"]
    assert fg.relationship_degree("a", "c") == "half siblings"
    assert fg.relationship_degree("a", "b") == "siblings"
    assert fg.relationship_degree("a", "d") is None
    assert fg.generations() == {
        "mum": 0,
        "dad1": 0,
        "dad2": 0,
        "ex": 0,
        "new": 0,
        "a": 1,
        "b": 1,
        "c": 1,
        "d": 1,
        "e": 1,
    }


# -- adoption, foster, twins, single parents ---------------------------------------------------


def adoption() -> Document:
    return make(
        [person(p) for p in ("p1", "p2", "bm", "bio", "adoptee", "foster")],
        [
            union(
                ["p1", "p2"],
                [
                    "bio",
                    {"person": "adoptee", "parentage": "adopted"},
                    {"person": "foster", "parentage": "foster"},
                ],
            ),
            union(["bm"], ["adoptee"]),
        ],
    )


def test_adoption_and_foster() -> None:
    fg = build_graph(adoption())
    assert fg.parents("adoptee") == ["bm", "p1", "p2"]  # biological links first
    assert fg.biological_parents("adoptee") == ["bm"]
    assert fg.parents("adoptee", Parentage.ADOPTED) == ["p1", "p2"]
    assert fg.parents("foster", {Parentage.ADOPTED, Parentage.FOSTER}) == ["p1", "p2"]
    assert fg.children("p1") == ["bio", "adoptee", "foster"]
    assert fg.children("p1", BLOOD) == ["bio"]
    assert fg.siblings("bio") == ["adoptee", "foster"]
    assert fg.full_siblings("bio") == []
    assert fg.half_siblings("bio") == []
    assert fg.descendants("p2") == ["bio", "adoptee", "foster"]
    assert fg.descendants("p2", parentage=BLOOD) == ["bio"]
    assert fg.ancestors("adoptee", parentage=BLOOD) == ["bm"]
    assert fg.relationship_degree("bio", "adoptee") is None
    assert fg.relationship_degree("bm", "adoptee") == "parent and child"
    assert fg.components() == [set(fg.person_ids)]
    assert fg.generations() == {"p1": 0, "p2": 0, "bm": 0, "bio": 1, "adoptee": 1, "foster": 1}
    edges = fg.graph["union:p1+p2"]
    assert [edges[f"person:{c}"]["child"]["parentage"] for c in ("adoptee", "foster")] == [
        Parentage.ADOPTED,
        Parentage.FOSTER,
    ]


def test_twins_keep_listed_order_on_equal_dates() -> None:
    doc = make(
        [
            person("p"),
            person("q"),
            person("t2", "2000-05-01"),
            person("t1", "2000-05-01"),
            person("older", "1998"),
        ],
        [union(["p", "q"], ["t2", "older", "t1"])],
        multiple_births=[{"members": ["t1", "t2"], "zygosity": "identical"}],
    )
    fg = build_graph(doc)
    assert fg.children("q") == ["older", "t2", "t1"]
    assert fg.full_siblings("t1") == ["older", "t2"]
    assert fg.relationship_degree("t1", "t2") == "siblings"
    assert fg.generations() == {"p": 0, "q": 0, "t2": 1, "t1": 1, "older": 1}


def test_single_parent() -> None:
    doc = make(
        [person("m"), person("x", "2001"), person("y", "1999"), person("dad"), person("z")],
        [union(["m"], ["x", "y"]), union(["m", "dad"], ["z"], married="2005")],
    )
    fg = build_graph(doc)
    assert fg.parents("x") == ["m"]
    assert fg.children("m") == ["y", "x", "z"]
    assert fg.full_siblings("x") == ["y"]  # same single-parent union
    assert fg.half_siblings("x") == ["z"]
    assert fg.relationship_degree("x", "y") == "siblings"
    assert fg.relationship_degree("x", "z") == "half siblings"
    assert fg.step_parents("x") == ["dad"]
    assert fg.generations() == {"m": 0, "x": 1, "y": 1, "dad": 0, "z": 1}


# -- consanguinity and cross-generation unions -------------------------------------------------


def test_cousin_marriage() -> None:
    fg = build_graph(cousin_marriage())
    assert fg.consanguineous_unions() == [("c1+c2", ["g1", "g2"])]
    assert fg.relationship_degree("c1", "c2") == "first cousins"
    assert fg.relationship_degree("kid", "g2") == "great-grandparent and great-grandchild"
    assert fg.relationship_degree("kid", "b") == "grandparent and grandchild"
    assert fg.generations() == {
        "g1": 0,
        "g2": 0,
        "a": 1,
        "sa": 1,
        "b": 1,
        "sb": 1,
        "c1": 2,
        "c2": 2,
        "kid": 3,
    }


def test_second_cousins_once_removed_and_half_cousins() -> None:
    doc = make(
        [person(p) for p in ("g", "w1", "w2", "a", "b", "a1", "b1", "a2", "b2", "b3")],
        [
            union(["g", "w1"], ["a"]),
            union(["g", "w2"], ["b"]),
            union(["a"], ["a1"]),
            union(["b"], ["b1"]),
            union(["a1"], ["a2"]),
            union(["b1"], ["b2"]),
            union(["b2"], ["b3"]),
        ],
    )
    fg = build_graph(doc)
    assert fg.relationship_degree("a1", "b1") == "half first cousins"
    assert fg.relationship_degree("a2", "b3") == "half second cousins once removed"
    assert fg.relationship_degree("a", "b1") == "half aunt/uncle and niece/nephew"


def test_degree_labels() -> None:
    assert degree_label(3, 3, half=False) == "second cousins"
    assert degree_label(4, 3, half=False) == "second cousins once removed"
    assert degree_label(2, 4, half=False) == "first cousins twice removed"
    assert degree_label(2, 7, half=False) == "first cousins five times removed"
    assert degree_label(2, 8, half=False) == "first cousins 6 times removed"
    assert degree_label(12, 12, half=True) == "half 11th cousins"
    assert degree_label(1, 3, half=False) == "great-aunt/uncle and great-niece/nephew"
    assert degree_label(0, 4, half=False) == "great-great-grandparent and great-great-grandchild"
    assert degree_label(5, 0, half=False) == "3rd great-grandparent and 3rd great-grandchild"
    assert degree_label(0, 1, half=True) == "parent and child"


def test_uncle_niece_union() -> None:
    fg = build_graph(uncle_niece())
    assert fg.consanguineous_unions() == [("u+n", ["g1", "g2"])]
    assert fg.relationship_degree("u", "n") == "aunt/uncle and niece/nephew"
    # No cycle, so the partners share the lower row; u's drop from g1+g2 spans two rows.
    assert fg.generations() == {"g1": 0, "g2": 0, "s": 1, "ss": 1, "u": 2, "n": 2, "k": 3}


def test_union_with_own_descendant_stays_on_two_rows() -> None:
    doc = make(
        [person(p) for p in ("f", "m", "d", "x")],
        [union(["f", "m"], ["d"]), union(["f", "d"], ["x"])],
    )
    fg = build_graph(doc)
    assert fg.consanguineous_unions() == [("f+d", ["f"])]
    assert fg.relationship_degree("f", "d") == "parent and child"
    assert fg.generations() == {"f": 0, "m": 0, "d": 1, "x": 2}


def test_recorded_ancestry_cycle_does_not_crash() -> None:
    doc = make(
        [person("a"), person("b")],
        [union(["a"], ["b"]), union(["b"], ["a"])],
    )
    fg = build_graph(doc)
    assert fg.generations() == {"a": 0, "b": 1}
    assert fg.ancestors("a") == ["b"]
    assert fg.consanguineous_unions() == []


# -- generations on joined families, childless couples, components ------------------------------


def test_two_families_joined_by_marriage() -> None:
    fg = build_graph(two_families())
    assert fg.generations() == {
        "ga1": 1,
        "ga2": 1,
        "a": 2,
        "a2": 2,
        "gb0a": 0,
        "gb0b": 0,
        "gb1": 1,
        "gb1s": 1,
        "b": 2,
        "kid": 3,
    }
    assert fg.consanguineous_unions() == []
    assert fg.relationship_degree("a", "b") is None


def test_childless_couples() -> None:
    doc = make(
        [person(p) for p in ("g", "h", "c", "spouse", "lone1", "lone2")],
        [
            union(["g", "h"], ["c"]),
            union(["c", "spouse"], childless="by_choice"),
            union(["lone1", "lone2"]),
        ],
    )
    fg = build_graph(doc)
    assert fg.generations() == {"g": 0, "h": 0, "c": 1, "spouse": 1, "lone1": 0, "lone2": 0}
    assert fg.components() == [{"g", "h", "c", "spouse"}, {"lone1", "lone2"}]


def test_components_order() -> None:
    doc = make(
        [
            person("z1"),
            person("z2"),
            person("z3"),
            person("b1"),
            person("b2"),
            person("a1"),
            person("a2"),
            person("solo"),
            person("idx", index=True),
        ],
        [
            union(["z1", "z2"], ["z3"]),
            union(["b1", "b2"]),
            union(["a1", "a2"]),
            union(["idx"]),
        ],
        relationships=[{"kind": "close", "source": "solo", "target": "z1"}],
        households=[{"id": "h", "members": ["a1", "b1"]}],
    )
    fg = build_graph(doc)
    assert fg.components() == [{"idx"}, {"z1", "z2", "z3"}, {"a1", "a2"}, {"b1", "b2"}, {"solo"}]
    gens = fg.generations()
    assert gens == {
        "z1": 0,
        "z2": 0,
        "z3": 1,
        "b1": 0,
        "b2": 0,
        "a1": 0,
        "a2": 0,
        "solo": 0,
        "idx": 0,
    }


# -- determinism ---------------------------------------------------------------------------


def signature(fg: FamilyGraph) -> dict[str, Any]:
    per_person = {
        pid: (
            fg.parents(pid),
            fg.children(pid),
            fg.partners(pid),
            [u.key for u in fg.unions_of(pid)],
            fg.siblings(pid),
            fg.full_siblings(pid),
            fg.half_siblings(pid),
            fg.step_parents(pid),
            fg.step_children(pid),
            fg.step_siblings(pid),
            fg.ancestors(pid),
            fg.descendants(pid),
            sorted(fg.neighbourhood(pid, 1)),
        )
        for pid in sorted(fg.person_ids)
    }
    degrees = {
        (a, b): fg.relationship_degree(a, b)
        for a in sorted(fg.person_ids)
        for b in sorted(fg.person_ids)
    }
    return {
        "people": per_person,
        "degrees": degrees,
        "components": fg.components(),
        "generations": fg.generations(),
        "consanguinity": sorted(fg.consanguineous_unions()),
    }


@pytest.mark.parametrize(
    "factory", [three_generations, remarriage, cousin_marriage, uncle_niece, two_families, adoption]
)
def test_permuted_input_gives_identical_results(factory: Any) -> None:
    doc = factory()
    expected = signature(build_graph(doc))
    rng = random.Random(7)
    for _ in range(3):
        people = list(doc.people)
        unions = list(doc.unions)
        rng.shuffle(people)
        rng.shuffle(unions)
        shuffled = doc.model_copy(update={"people": tuple(people), "unions": tuple(unions)})
        assert signature(build_graph(shuffled)) == expected


# -- scale -----------------------------------------------------------------------------------


def synthetic_pedigree(size: int, seed: int = 1) -> Document:
    """Founder couples, 1-4 children per union, marry-ins, in-family marriages, remarriages."""
    rng = random.Random(seed)
    people: list[dict[str, Any]] = []
    unions: list[dict[str, Any]] = []
    counter = 0

    def new_person(year: int) -> str:
        nonlocal counter
        counter += 1
        pid = f"p{counter}"
        people.append({"id": pid, "birth": str(year)})
        return pid

    year = 1700
    couples = [(new_person(year), new_person(year)) for _ in range(60)]
    while True:
        year += 25
        generation: list[str] = []
        for a, b in couples:
            kids = [new_person(year + i) for i in range(rng.randint(1, 4))]
            unions.append({"partners": [a, b], "children": kids})
            generation.extend(kids)
        if len(people) >= size:
            break
        rng.shuffle(generation)
        couples = []
        single: list[str] = []
        for pid in generation:
            roll = rng.random()
            if roll < 0.55:
                couples.append((pid, new_person(year)))  # marry-in
            elif roll < 0.8:
                single.append(pid)
            if roll < 0.08:
                couples.append((pid, new_person(year)))  # a second partner
        # Pair up some singles inside the pedigree: joins families, makes cousin marriages.
        couples.extend(zip(single[::2], single[1::2], strict=False))
    return Document.model_validate({"people": people, "unions": unions})


def test_large_synthetic_pedigree() -> None:
    doc = synthetic_pedigree(10_000)
    assert len(doc.people) >= 10_000
    fg = build_graph(doc)
    rows = fg.generations()
    assert len(rows) == len(doc.people)
    for key in fg.union_keys:
        partners = fg.union_partners(key)
        if len(partners) == 2:
            assert rows[partners[0]] == rows[partners[1]]
        for child, _ in fg.union_children(key):
            assert all(rows[child] == rows[p] + 1 for p in partners)
    found = fg.consanguineous_unions()
    assert found
    for key, common in found[:20]:
        a, b = fg.union_partners(key)
        up_a = {a, *fg.ancestors(a, parentage=BLOOD)}
        up_b = {b, *fg.ancestors(b, parentage=BLOOD)}
        assert set(common) <= up_a & up_b
        assert fg.relationship_degree(a, b) is not None


# -- the kinship building blocks -------------------------------------------------------------


def test_date_sorted_moves_only_dated_items() -> None:
    items = [("a", 1980), ("b", None), ("c", 1970), ("d", 1970), ("e", None), ("f", 1960)]
    dated = date_sorted(items, lambda item: None if item[1] is None else FuzzyDate(item[1]))
    assert [name for name, _ in dated] == ["f", "b", "c", "d", "e", "a"]
    in_order = [("x", 1950), ("y", None), ("z", 1951)]
    assert date_sorted(in_order, lambda i: None if i[1] is None else FuzzyDate(i[1])) == in_order


def test_components_hands_out_copies() -> None:
    fg = build_graph(two_families())
    first = fg.components()
    first[0].clear()
    assert fg.components()[0] == set(fg.person_ids)


def test_cyclic_cohorts_are_only_those_on_a_cycle() -> None:
    edges = {("a", "b"), ("b", "a"), ("b", "c"), ("x", "y"), ("s", "s"), ("s", "t")}
    assert _cyclic_cohorts(edges) == {"a", "b", "s"}
    assert _cyclic_cohorts({("a", "b"), ("b", "c"), ("a", "c")}) == set()


def test_ancestor_bitsets_drop_the_edge_closing_a_cycle() -> None:
    # a -> b -> a: the depth-first search from a keeps a -> b and drops b -> a.
    people = ["a", "b", "c"]
    bits = ancestor_bitsets(people, [("a", "b"), ("b", "a"), ("b", "c"), ("b", "c")])
    assert bits == {"a": 0b001, "b": 0b011, "c": 0b111}


@pytest.mark.parametrize("seed", range(300))
def test_tighten_bridges_matches_its_definition(seed: int) -> None:
    """Bridges span one row (first listed direction decides), blocks keep their depth
    differences, every connected part starts at row 0: checked against networkx."""
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(rng.randint(1, 12))]
    rng.shuffle(nodes)
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 16))]
    depth = {n: rng.randint(-3, 6) for n in nodes}
    rows = _tighten_bridges(nodes, edges, depth)
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from(edges)
    bridges = {frozenset(e) for e in nx.bridges(simple)}
    first: dict[frozenset[str], tuple[str, str]] = {}
    for u, v in edges:
        first.setdefault(frozenset((u, v)), (u, v))
    for pair in bridges:
        u, v = first[pair]
        assert rows[v] - rows[u] == 1
    simple.remove_edges_from([tuple(pair) for pair in bridges])
    for block in nx.connected_components(simple):
        anchor = min(block)
        assert all(rows[n] - rows[anchor] == depth[n] - depth[anchor] for n in block)
    simple.add_edges_from(edges)
    assert all(min(rows[n] for n in part) == 0 for part in nx.connected_components(simple))
    assert set(rows) == set(nodes)
