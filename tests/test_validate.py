"""Tests for the semantic checks in genomap.validate and genomap.validate_ecomap."""

from __future__ import annotations

from typing import Any

import pytest

from genomap.errors import Diagnostic
from genomap.models import Document
from genomap.validate import check_document

Found = tuple[str, str, tuple[str | int, ...]]


def doc(**parts: Any) -> Document:
    """A document from plain data; people named in ``ids`` are added first."""
    ids = parts.pop("ids", "")
    people = [{"id": i} for i in ids.split()] + parts.pop("people", [])
    return Document.model_validate({"people": people, **parts})


def found(document: Document) -> list[Found]:
    return [(d.severity, d.code, d.location.path) for d in check_document(document)]


def only(document: Document) -> Diagnostic:
    diagnostics = check_document(document)
    assert len(diagnostics) == 1, diagnostics
    return diagnostics[0]


REALISTIC: dict[str, Any] = {
    "title": "The Okafor-Smith family",
    "date": "2024-03-01",
    "people": [
        {"id": "george", "gender": "male", "birth": "1941", "death": "2009-02-11"},
        {"id": "mary", "gender": "female", "birth": "about 1945", "age": 78},
        {"id": "john", "gender": "male", "birth": "1968-04-02", "age": 55},
        {
            "id": "ann",
            "gender": "female",
            "birth": "1970",
            "conditions": [{"kind": "other", "name": "migraine"}, {"kind": "mental_illness"}],
        },
        {"id": "lisa", "gender": "female", "birth": "1972"},
        {"id": "tom", "gender": "male", "birth": "1999-07-01", "index": True},
        {"id": "tim", "gender": "male", "birth": "1999-07-02"},
        {"id": "zoe", "gender": "female", "birth": "2005", "sex_at_birth": "female"},
        {"id": "mc", "kind": "miscarriage", "birth": "2003"},
        {"id": "sam", "birth": "2010", "gender": "non_binary"},
        {"id": "rex", "kind": "pet", "species": "dog"},
    ],
    "unions": [
        {
            "partners": ["george", "mary"],
            "events": [{"type": "married", "date": "1966"}, {"type": "widowed", "date": "2009"}],
            "children": ["john"],
        },
        {
            "id": "first",
            "partners": ["john", "ann"],
            "events": [
                {"type": "divorced", "date": "2008"},
                {"type": "married", "date": "1997-06"},
            ],
            "children": ["tom", "tim", "mc", "zoe"],
        },
        {
            "partners": ["john", "lisa"],
            "kind": "cohabitation",
            "events": [{"type": "cohabiting", "date": "2009"}],
            "children": [
                {"person": "sam", "parentage": "biological"},
                {"person": "zoe", "parentage": "step"},
            ],
        },
        {"partners": ["mary"], "children": [{"person": "lisa", "parentage": "adopted"}]},
    ],
    "multiple_births": [{"members": ["tom", "tim"], "zygosity": "fraternal"}],
    "relationships": [
        {"kind": "close", "source": "tom", "target": "tim"},
        {"kind": "focused_on", "source": "ann", "target": "tom", "mutual": True},
        {"id": "r1", "kind": "cutoff", "source": "john", "target": "george"},
    ],
    "households": [
        {"id": "home", "members": ["john", "lisa", "sam", "zoe", "rex"]},
        {"id": "mums", "members": ["ann", "tom", "tim", "zoe"]},
    ],
    "ecomap": {
        "household": "home",
        "categories": [{"key": "sport", "label": "Sport"}],
        "systems": [
            {"id": "school", "name": "Hill School", "category": "education"},
            {"id": "club", "name": "Football club", "category": "sport"},
            {"id": "camhs", "name": "CAMHS", "category": "mental_health", "absent": True},
        ],
        "connections": [
            {"system": "school", "member": "zoe", "strength": "strong"},
            {"system": "school", "member": "sam", "stressful": True},
            {"system": "club"},
        ],
    },
}


def test_realistic_document_has_no_diagnostics() -> None:
    assert check_document(Document.model_validate(REALISTIC)) == []


def test_empty_document_has_no_diagnostics() -> None:
    assert check_document(Document()) == []


# --- duplicate ids -------------------------------------------------------------------------


def test_duplicate_person_id_points_at_the_second() -> None:
    d = only(doc(ids="a b a"))
    assert (d.severity, d.code, d.location.path) == ("error", "duplicate-id", ("people", 2, "id"))
    assert "'a'" in d.message and "people[0]" in d.message


def test_duplicate_union_without_ids_asks_for_explicit_ids() -> None:
    d = only(doc(ids="a b", unions=[{"partners": ["a", "b"]}, {"partners": ["a", "b"]}]))
    assert (d.code, d.location.path) == ("duplicate-id", ("unions", 1, "partners"))
    assert "give each union an explicit id" in d.message


def test_two_unions_of_one_pair_with_ids_are_fine() -> None:
    unions = [{"id": "u1", "partners": ["a", "b"]}, {"id": "u2", "partners": ["a", "b"]}]
    assert found(doc(ids="a b", unions=unions)) == []


def test_duplicate_explicit_union_id() -> None:
    unions = [{"id": "u", "partners": ["a"]}, {"id": "u", "partners": ["b"]}]
    assert found(doc(ids="a b", unions=unions)) == [("error", "duplicate-id", ("unions", 1, "id"))]


def test_person_and_union_ids_are_separate_namespaces() -> None:
    assert found(doc(ids="a b", unions=[{"id": "a", "partners": ["a", "b"]}])) == []


def test_duplicate_household_and_relationship_ids() -> None:
    document = doc(
        ids="a b",
        households=[{"id": "h", "members": ["a"]}, {"id": "h", "members": ["b"]}],
        relationships=[
            {"id": "r", "kind": "close", "source": "a", "target": "b"},
            {"id": "r", "kind": "hostile", "source": "a", "target": "b"},
            {"kind": "close", "source": "a", "target": "b"},
        ],
    )
    assert found(document) == [
        ("error", "duplicate-id", ("relationships", 1, "id")),
        ("error", "duplicate-id", ("households", 1, "id")),
    ]


def test_duplicate_system_and_connection_ids() -> None:
    ecomap = {
        "systems": [{"id": "s", "name": "GP"}, {"id": "s", "name": "School"}],
        "connections": [{"id": "c", "system": "s"}, {"id": "c", "system": "s", "member": "a"}],
    }
    document = doc(ids="a", households=[{"id": "h", "members": ["a"]}], ecomap=ecomap)
    assert found(document) == [
        ("error", "duplicate-id", ("ecomap", "systems", 1, "id")),
        ("error", "duplicate-id", ("ecomap", "connections", 1, "id")),
    ]


# --- unknown ids ---------------------------------------------------------------------------


def test_unknown_people_everywhere() -> None:
    document = doc(
        ids="a b",
        unions=[{"partners": ["a", "x1"], "children": ["x2"]}],
        multiple_births=[{"members": ["x3", "b"]}],
        relationships=[{"kind": "close", "source": "x4", "target": "x5"}],
        households=[{"id": "h", "members": ["a", "x6"]}],
    )
    assert found(document) == [
        ("error", "unknown-person", ("unions", 0, "partners", 1)),
        ("error", "unknown-person", ("unions", 0, "children", 0, "person")),
        ("error", "unknown-person", ("multiple_births", 0, "members", 0)),
        ("error", "twins-not-siblings", ("multiple_births", 0, "members", 1)),
        ("error", "unknown-person", ("relationships", 0, "source")),
        ("error", "unknown-person", ("relationships", 0, "target")),
        ("error", "unknown-person", ("households", 0, "members", 1)),
    ]


def test_unknown_person_suggests_a_close_id() -> None:
    d = only(doc(ids="margaret bob", unions=[{"partners": ["margret", "bob"]}]))
    assert "'margret'" in d.message and "did you mean 'margaret'" in d.message


def test_unknown_ecomap_references() -> None:
    ecomap = {
        "household": "nowhere",
        "systems": [{"id": "gp", "name": "GP", "category": "healthcare"}],
        "connections": [{"system": "gq"}, {"system": "gp", "member": "zed"}],
    }
    document = doc(ids="a", households=[{"id": "home", "members": ["a"]}], ecomap=ecomap)
    results = check_document(document)
    assert [(d.severity, d.code, d.location.path) for d in results] == [
        ("error", "unknown-household", ("ecomap", "household")),
        ("error", "unknown-category", ("ecomap", "systems", 0, "category")),
        ("error", "unknown-system", ("ecomap", "connections", 0, "system")),
        ("error", "unknown-person", ("ecomap", "connections", 1, "member")),
    ]
    assert "health" in results[1].message and "extended_family" in results[1].message


def test_unknown_centre_person() -> None:
    ecomap = {"centre": "individual", "person": "nobody"}
    assert found(doc(ids="a", ecomap=ecomap)) == [("error", "unknown-person", ("ecomap", "person"))]


def test_custom_category_is_known() -> None:
    ecomap = {
        "categories": [{"key": "sport"}],
        "systems": [{"id": "club", "name": "Club", "category": "sport"}],
    }
    assert found(doc(ids="a", households=[{"id": "h", "members": ["a"]}], ecomap=ecomap)) == []


# --- unions --------------------------------------------------------------------------------


def test_self_union() -> None:
    d = only(doc(ids="a", unions=[{"partners": ["a", "a"]}]))
    assert (d.severity, d.code, d.location.path) == (
        "error",
        "self-union",
        ("unions", 0, "partners", 1),
    )


def test_child_listed_twice_in_one_union() -> None:
    document = doc(ids="a b c", unions=[{"partners": ["a", "b"], "children": ["c", "c"]}])
    assert found(document) == [("error", "duplicate-child", ("unions", 0, "children", 1, "person"))]


def test_child_who_is_a_partner_of_the_same_union() -> None:
    document = doc(ids="a b", unions=[{"partners": ["a", "b"], "children": ["b"]}])
    assert found(document) == [
        ("error", "child-is-partner", ("unions", 0, "children", 0, "person"))
    ]


def test_childless_union_with_children() -> None:
    unions = [{"partners": ["a", "b"], "childless": "by_choice", "children": ["c"]}]
    assert found(doc(ids="a b c", unions=unions)) == [
        ("error", "childless-with-children", ("unions", 0, "childless"))
    ]


@pytest.mark.parametrize("kind", ["miscarriage", "termination", "stillbirth", "ectopic"])
def test_pregnancy_outcome_with_children(kind: str) -> None:
    people = [{"id": "m", "kind": kind}]
    document = doc(ids="b c", people=people, unions=[{"partners": ["b", "m"], "children": ["c"]}])
    assert found(document) == [("error", "outcome-with-children", ("unions", 0, "partners", 1))]


def test_pregnancy_outcome_as_a_child_is_fine() -> None:
    people = [{"id": "m", "kind": "stillbirth"}]
    assert (
        found(doc(ids="a b", people=people, unions=[{"partners": ["a", "b"], "children": ["m"]}]))
        == []
    )


# --- biological parents --------------------------------------------------------------------


def test_three_biological_parents_over_two_unions() -> None:
    unions = [
        {"partners": ["a", "b"], "children": ["c"]},
        {"partners": ["d"], "children": ["c"]},
    ]
    d = only(doc(ids="a b c d", unions=unions))
    assert (d.severity, d.code) == ("error", "too-many-biological-parents")
    assert d.location.path == ("unions", 1, "children", 0, "parentage")
    assert "a, b, d" in d.message


def test_non_biological_links_do_not_count_as_parents() -> None:
    unions = [
        {"partners": ["a", "b"], "children": ["c"]},
        {"partners": ["d", "e"], "children": [{"person": "c", "parentage": "adopted"}]},
        {"partners": ["f"], "children": [{"person": "c", "parentage": "donor"}]},
        {"partners": ["g"], "children": [{"person": "c", "parentage": "step"}]},
    ]
    assert found(doc(ids="a b c d e f g", unions=unions)) == []


def test_biological_child_of_two_unions_with_two_parents_in_total_is_fine() -> None:
    # A single-parent union and a couple union that share the same two biological parents.
    unions = [{"partners": ["a"], "children": ["c"]}, {"partners": ["a", "b"], "children": ["c"]}]
    assert found(doc(ids="a b c", unions=unions)) == []


# --- own ancestor --------------------------------------------------------------------------


def test_own_ancestor_two_generations() -> None:
    unions = [
        {"partners": ["a", "b"], "children": ["c"]},
        {"partners": ["c", "d"], "children": ["a"]},
    ]
    d = only(doc(ids="a b c d", unions=unions))
    assert (d.severity, d.code) == ("error", "own-ancestor")
    assert d.location.path == ("unions", 0, "children", 0, "person")
    assert "a -> c -> a" in d.message


def test_own_ancestor_through_adoption_is_reported_once_per_loop() -> None:
    unions = [
        {"partners": ["a"], "children": ["b"]},
        {"partners": ["b"], "children": ["c"]},
        {"partners": ["c"], "children": [{"person": "a", "parentage": "adopted"}]},
        {"partners": ["x"], "children": ["y"]},
        {"partners": ["y"], "children": ["x"]},
    ]
    results = check_document(doc(ids="a b c x y", unions=unions))
    assert [(d.code, d.location.path) for d in results] == [
        ("own-ancestor", ("unions", 0, "children", 0, "person")),
        ("own-ancestor", ("unions", 3, "children", 0, "person")),
    ]
    assert "a -> b -> c -> a" in results[0].message
    assert "x -> y -> x" in results[1].message


# --- multiple births -----------------------------------------------------------------------


def test_twins_from_different_unions() -> None:
    unions = [
        {"partners": ["a", "b"], "children": ["t1"]},
        {"partners": ["a", "c"], "children": ["t2"]},
    ]
    document = doc(ids="a b c t1 t2", unions=unions, multiple_births=[{"members": ["t1", "t2"]}])
    d = only(document)
    assert (d.severity, d.code) == ("error", "twins-not-siblings")
    assert d.location.path == ("multiple_births", 0, "members", 1)
    assert "'t2'" in d.message and "t1" in d.message


def test_twins_without_parents() -> None:
    document = doc(ids="t1 t2", multiple_births=[{"members": ["t1", "t2"]}])
    assert found(document) == [
        ("error", "twins-not-siblings", ("multiple_births", 0, "members", 0))
    ]


def test_twin_listed_twice() -> None:
    unions = [{"partners": ["a"], "children": ["t1", "t2"]}]
    document = doc(ids="a t1 t2", unions=unions, multiple_births=[{"members": ["t1", "t2", "t1"]}])
    assert found(document) == [("error", "duplicate-member", ("multiple_births", 0, "members", 2))]


@pytest.mark.parametrize(
    ("first", "second", "warns"),
    [
        ("1990-01-01", "1990-01-03", False),
        ("1990-01-01", "1990-01-04", True),
        ("1990-12-31", "1991-01-01", False),
        ("1990", "1991", True),
        ("1990", "1990-05", False),
        ("about 1990", "1991", False),
    ],
)
def test_twin_birth_dates(first: str, second: str, warns: bool) -> None:
    people = [{"id": "t1", "birth": first}, {"id": "t2", "birth": second}]
    unions = [{"partners": ["a"], "children": ["t1", "t2"]}]
    document = doc(
        ids="a", people=people, unions=unions, multiple_births=[{"members": ["t1", "t2"]}]
    )
    expected = [("warning", "twin-birth-dates", ("multiple_births", 0, "members", 1))]
    assert found(document) == (expected if warns else [])


# --- life dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "death", "severity"),
    [
        ("1950-05-02", "1950-05-01", "error"),
        ("1950", "1949", "error"),
        ("1950-06", "1950", None),
        ("1950", "1950", None),
        ("about 1950", "1949", "warning"),
        ("1950", "about 1948", "warning"),
        ("after 1950", "1949", "error"),
        ("before 1950", "1949", None),
        ("1950", "1960", None),
    ],
)
def test_death_before_birth(birth: str, death: str, severity: str | None) -> None:
    document = doc(people=[{"id": "p", "birth": birth, "death": death}])
    expected = [(severity, "death-before-birth", ("people", 0, "death"))] if severity else []
    assert found(document) == expected


def test_death_date_on_someone_marked_alive() -> None:
    document = doc(people=[{"id": "p", "death": "2001", "deceased": False}])
    assert found(document) == [("error", "deceased-contradiction", ("people", 0, "deceased"))]


# --- parents' dates ------------------------------------------------------------------------


def family(parent_birth: str, child_birth: str, **parent: Any) -> Document:
    people = [{"id": "p", "birth": parent_birth, **parent}, {"id": "c", "birth": child_birth}]
    return doc(people=people, unions=[{"partners": ["p"], "children": ["c"]}])


CHILD_LINK = ("unions", 0, "children", 0, "person")


@pytest.mark.parametrize(
    ("parent_birth", "child_birth", "expected"),
    [
        ("1990-01-02", "1990-01-01", ("error", "parent-born-after-child")),
        ("1991", "1980", ("error", "parent-born-after-child")),
        ("about 1991", "1980", ("warning", "parent-born-after-child")),
        ("1980-05", "1980", ("warning", "parent-born-after-child")),
        ("1960", "1990", None),
        ("1980", "1990", ("warning", "parent-age")),
        ("1900", "1995", ("warning", "parent-age")),
        ("before 1980", "1990", None),
    ],
)
def test_parent_born_after_child_and_parent_age(
    parent_birth: str, child_birth: str, expected: tuple[str, str] | None
) -> None:
    results = found(family(parent_birth, child_birth))
    assert results == ([(*expected, CHILD_LINK)] if expected else [])


def test_birth_mother_age_threshold_is_lower() -> None:
    assert found(family("1900", "1975", gender="male")) == []
    assert found(family("1900", "1975", gender="female")) == [("warning", "parent-age", CHILD_LINK)]
    assert found(family("1900", "1975", gender="male", sex_at_birth="female")) == [
        ("warning", "parent-age", CHILD_LINK)
    ]


def test_parent_dates_ignore_adoptive_and_step_parents() -> None:
    people = [{"id": "p", "birth": "1990"}, {"id": "c", "birth": "1980"}]
    unions = [{"partners": ["p"], "children": [{"person": "c", "parentage": "adopted"}]}]
    assert found(doc(people=people, unions=unions)) == []


# --- union events --------------------------------------------------------------------------


def union_with(events: list[dict[str, str]], kind: str = "marriage", **people: str) -> Document:
    persons = [{"id": "a", **({"death": people["death"]} if people else {})}, {"id": "b"}]
    return doc(people=persons, unions=[{"partners": ["a", "b"], "kind": kind, "events": events}])


def test_events_may_be_listed_in_any_order() -> None:
    events = [{"type": "divorced", "date": "2001"}, {"type": "married", "date": "1990"}]
    assert found(union_with(events)) == []


def test_ending_before_the_union_began() -> None:
    events = [{"type": "married", "date": "1990"}, {"type": "separated", "date": "1985"}]
    assert found(union_with(events)) == [
        ("warning", "union-event-order", ("unions", 0, "events", 1, "date"))
    ]


def test_divorce_of_a_union_that_is_not_a_marriage() -> None:
    events = [{"type": "divorced", "date": "2001"}]
    assert found(union_with(events, kind="cohabitation")) == [
        ("warning", "divorce-without-marriage", ("unions", 0, "events", 0, "type"))
    ]
    assert found(union_with(events, kind="civil_partnership")) == []


def test_event_after_a_partners_death() -> None:
    events = [
        {"type": "married", "date": "1990"},
        {"type": "widowed", "date": "2005"},
        {"type": "divorced", "date": "2006"},
    ]
    assert found(union_with(events, death="2004")) == [
        ("warning", "event-after-death", ("unions", 0, "events", 2, "date"))
    ]


# --- person fields -------------------------------------------------------------------------


def test_count_with_index() -> None:
    document = doc(people=[{"id": "kids", "count": 3, "index": True}])
    assert found(document) == [("warning", "count-with-index", ("people", 0, "count"))]


@pytest.mark.parametrize(
    ("person", "warns"),
    [
        ({"birth": "1980-06-01", "age": 43}, False),
        ({"birth": "1980-06-01", "age": 42}, False),
        ({"birth": "1980-06-01", "age": 45}, True),
        ({"birth": "1940", "death": "2000", "age": 60}, False),
        ({"birth": "1940", "death": "2000", "age": 84}, True),
        ({"birth": "1940", "deceased": True, "age": 50}, False),
    ],
)
def test_age_against_birth_and_document_date(person: dict[str, Any], warns: bool) -> None:
    document = doc(date="2024-03-01", people=[{"id": "p", **person}])
    expected = [("warning", "age-mismatch", ("people", 0, "age"))]
    assert found(document) == (expected if warns else [])


def test_age_without_document_date_is_not_checked() -> None:
    assert found(doc(people=[{"id": "p", "birth": "1980", "age": 3}])) == []


def test_several_index_persons() -> None:
    people = [{"id": "a", "index": True}, {"id": "b"}, {"id": "c", "index": True}]
    d = only(doc(people=people))
    assert (d.severity, d.code, d.location.path) == (
        "warning",
        "several-index-persons",
        ("people", 2, "index"),
    )
    assert "several index persons: a, c" in d.message


def test_other_condition_needs_a_name() -> None:
    people = [{"id": "p", "conditions": [{"kind": "mental_illness"}, {"kind": "other"}]}]
    assert found(doc(people=people)) == [
        ("error", "condition-without-name", ("people", 0, "conditions", 1, "name"))
    ]


# --- relationships and households ----------------------------------------------------------


def test_relationship_with_oneself() -> None:
    document = doc(ids="a", relationships=[{"kind": "hostile", "source": "a", "target": "a"}])
    assert found(document) == [("error", "self-relationship", ("relationships", 0, "target"))]


def test_mutual_on_an_undirected_kind() -> None:
    rels = [
        {"kind": "close", "source": "a", "target": "b", "mutual": True},
        {"kind": "caretaker", "source": "a", "target": "b", "mutual": True},
    ]
    assert found(doc(ids="a b", relationships=rels)) == [
        ("warning", "mutual-undirected", ("relationships", 0, "mutual"))
    ]


def test_household_member_twice_but_several_households_are_fine() -> None:
    households = [{"id": "h1", "members": ["a", "b", "a"]}, {"id": "h2", "members": ["b"]}]
    assert found(doc(ids="a b", households=households)) == [
        ("error", "duplicate-member", ("households", 0, "members", 2))
    ]


# --- eco-map -------------------------------------------------------------------------------


def ecodoc(ecomap: dict[str, Any], **parts: Any) -> Document:
    parts.setdefault("households", [{"id": "home", "members": ["a", "b"]}])
    return doc(ids="a b c", ecomap=ecomap, **parts)


def test_connection_member_outside_the_centre_household() -> None:
    ecomap = {
        "systems": [{"id": "gp", "name": "GP"}],
        "connections": [{"system": "gp", "member": "a"}, {"system": "gp", "member": "c"}],
    }
    d = only(ecodoc(ecomap))
    assert (d.severity, d.code) == ("warning", "member-outside-household")
    assert d.location.path == ("ecomap", "connections", 1, "member")
    assert "'c'" in d.message and "'home'" in d.message


def test_centre_household_defaults_to_the_index_persons() -> None:
    ecomap = {
        "systems": [{"id": "gp", "name": "GP"}],
        "connections": [{"system": "gp", "member": "a"}, {"system": "gp", "member": "c"}],
    }
    households = [{"id": "h1", "members": ["a"]}, {"id": "h2", "members": ["c"]}]
    people = [{"id": "i", "index": True}]
    document = doc(ids="a c", people=people, households=households, ecomap=ecomap)
    assert found(document) == [
        ("warning", "member-outside-household", ("ecomap", "connections", 1, "member"))
    ]
    households[1] = {"id": "h2", "members": ["c", "i"]}
    document = doc(ids="a c", people=people, households=households, ecomap=ecomap)
    assert found(document) == [
        ("warning", "member-outside-household", ("ecomap", "connections", 0, "member"))
    ]


def test_individual_centre_accepts_any_member() -> None:
    ecomap = {
        "centre": "individual",
        "person": "a",
        "systems": [{"id": "gp", "name": "GP"}],
        "connections": [{"system": "gp", "member": "c"}],
    }
    assert found(ecodoc(ecomap)) == []


def test_duplicate_tie_and_absent_system_with_connections() -> None:
    ecomap = {
        "systems": [{"id": "gp", "name": "GP", "absent": True}],
        "connections": [{"system": "gp"}, {"system": "gp", "member": "a"}, {"system": "gp"}],
    }
    assert found(ecodoc(ecomap)) == [
        ("warning", "absent-system-connected", ("ecomap", "systems", 0, "absent")),
        ("warning", "duplicate-connection", ("ecomap", "connections", 2)),
    ]


def test_individual_centre_needs_a_person() -> None:
    assert found(ecodoc({"centre": "individual"})) == [
        ("error", "missing-centre-person", ("ecomap", "person"))
    ]


def test_household_centre_without_households() -> None:
    assert found(ecodoc({}, households=[])) == [
        ("warning", "no-household", ("ecomap", "household"))
    ]


# --- output shape --------------------------------------------------------------------------


def test_diagnostics_are_sorted_in_document_order_and_carry_paths_only() -> None:
    document = doc(
        people=[{"id": "a", "birth": "2000", "death": "1990"}, {"id": "a"}],
        unions=[{"partners": ["z", "a"], "childless": "infertility", "children": ["a"]}],
        households=[{"id": "h", "members": ["q"]}],
    )
    results = check_document(document)
    assert [(d.code, d.location.path) for d in results] == [
        ("death-before-birth", ("people", 0, "death")),
        ("duplicate-id", ("people", 1, "id")),
        ("unknown-person", ("unions", 0, "partners", 0)),
        ("child-is-partner", ("unions", 0, "children", 0, "person")),
        ("childless-with-children", ("unions", 0, "childless")),
        ("unknown-person", ("households", 0, "members", 0)),
    ]
    assert all(d.location.file is None and d.location.line is None for d in results)
    assert check_document(document) == results


# --- scale ---------------------------------------------------------------------------------


def big_family(generations: int = 400, siblings: int = 23) -> dict[str, Any]:
    """A long line of descent, each generation with a spouse and a wide sibship: 10,000 people."""
    people: list[dict[str, Any]] = []
    unions: list[dict[str, Any]] = []
    for g in range(generations):
        year = 1000 + 20 * g
        people.append({"id": f"g{g}", "birth": str(year)})
        people.append({"id": f"s{g}", "birth": str(year + 1)})
        people += [{"id": f"g{g}c{k}", "birth": str(year)} for k in range(siblings)]
        if g + 1 < generations:
            children = [f"g{g + 1}"] + [f"g{g + 1}c{k}" for k in range(siblings)]
            unions.append({"partners": [f"g{g}", f"s{g}"], "children": children})
    return {"people": people, "unions": unions}


def test_ten_thousand_people_validate_cleanly() -> None:
    data = big_family()
    assert len(data["people"]) == 10_000
    assert check_document(Document.model_validate(data)) == []


def test_a_loop_in_a_ten_thousand_person_family_is_found_once() -> None:
    data = big_family()
    data["unions"].append(
        {"id": "loop", "partners": ["g399"], "children": [{"person": "g0", "parentage": "adopted"}]}
    )
    results = check_document(Document.model_validate(data))
    assert [(d.code, d.location.path) for d in results] == [
        ("own-ancestor", ("unions", 0, "children", 0, "person"))
    ]
    assert "g0 -> g1 -> g2 -> " in results[0].message
    assert " -> g398 -> g399 -> g0 " in results[0].message
