"""The document strategies generate valid, sensible and varied documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from enum import StrEnum
from functools import cache

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from genomap import models
from genomap.dates import years_between
from genomap.graph import build_graph
from genomap.models import Document, EcoCentre, Parentage, PersonKind
from genomap.validate import check_document
from tests.strategies import documents, ecomaps, families, permutations_of, permuted
from tests.test_examples import missing, values_used

# The profile (tests/conftest.py) sets how many examples; these tests only drop the deadline.
PROPERTY = settings(deadline=None)
# Searching for documents with a feature: generation only, no shrinking, the same every run.
SEARCH = settings(
    max_examples=2000, phases=[Phase.generate], database=None, deadline=None, derandomize=True
)


def errors(document: Document) -> list[str]:
    return [str(d) for d in check_document(document) if d.severity == "error"]


def assert_sensible(doc: Document) -> None:
    """Rules stricter than the validator's, which the generator promises to keep."""
    people = {p.id: p for p in doc.people}
    assert [p.id for p in doc.people] == [f"p{i}" for i in range(len(doc.people))]
    keys = [u.key for u in doc.unions]
    assert len(keys) == len(set(keys))
    for union in doc.unions:
        for link in union.children:
            child = people[link.person]
            for parent_id in union.partners:
                parent = people[parent_id]
                if link.parentage != Parentage.STEP and parent.birth and child.birth:
                    assert years_between(parent.birth, child.birth) >= 16, (parent_id, child.id)
                if parent.death and child.birth and link.parentage == Parentage.BIOLOGICAL:
                    assert not parent.death.definitely_before(child.birth), (parent_id, child.id)
        dated = [e.date.sort_key() for e in union.events if e.date]
        assert dated == sorted(dated), union.key
    for person in doc.people:
        if person.birth and person.death:
            assert person.birth.definitely_before(person.death) or (
                person.birth.qualifier != "exact"
            ), person.id
    for birth in doc.multiple_births:
        assert len({str(people[m].birth) for m in birth.members}) == 1
    for rel in doc.relationships:
        assert rel.source != rel.target
    members = [m for h in doc.households for m in h.members]
    assert len(members) == len(set(members)), "households are disjoint"
    assert not any(people[m].is_deceased for m in members), "households hold the living"
    assert sum(p.index for p in doc.people) <= 1


# -- validity ---------------------------------------------------------------------------------


@PROPERTY
@given(documents())
def test_documents_are_valid(doc: Document) -> None:
    assert Document.model_validate(doc.model_dump(mode="json")) == doc
    assert errors(doc) == []
    assert_sensible(doc)


@PROPERTY
@given(ecomaps())
def test_ecomaps_are_valid_and_centred(doc: Document) -> None:
    assert Document.model_validate(doc.model_dump(mode="json")) == doc
    assert errors(doc) == []
    assert doc.ecomap is not None
    assert len(doc.ecomap.systems) <= 40
    if doc.households:
        assert doc.ecomap.centre == EcoCentre.HOUSEHOLD
        centre = build_graph(doc).centre_household
        household = next(h for h in doc.households if h.id == centre)
        assert all(c.member in household.members for c in doc.ecomap.connections if c.member)
    else:
        assert doc.ecomap.centre == EcoCentre.INDIVIDUAL and doc.ecomap.person


@PROPERTY
@given(families(max_people=12))
def test_families_have_no_ecomap_and_respect_the_size(doc: Document) -> None:
    assert doc.ecomap is None
    assert 1 <= len(doc.people) <= 12
    assert errors(doc) == []


def _one_partner_each(doc: Document) -> bool:
    partners = Counter(p for u in doc.unions for p in u.partners)
    steps = any(c.parentage == Parentage.STEP for u in doc.unions for c in u.children)
    return max(partners.values(), default=0) <= 1 and not steps


def _birth_children_only(doc: Document) -> bool:
    kept = {Parentage.BIOLOGICAL, Parentage.STEP}
    return all(c.parentage in kept for u in doc.unions for c in u.children)


def _no_consanguinity(doc: Document) -> bool:
    declared = any(u.consanguineous for u in doc.unions)
    return not declared and not build_graph(doc).consanguineous_unions()


FLAGS: list[tuple[str, Callable[[Document], bool]]] = [
    ("multiple_partners", _one_partner_each),
    ("adoption", _birth_children_only),
    ("twins", lambda doc: not doc.multiple_births),
    ("cousin_marriages", _no_consanguinity),
    ("emotions", lambda doc: not doc.relationships),
    (
        "households",
        lambda doc: not doc.households and PersonKind.PET not in {p.kind for p in doc.people},
    ),
    ("ecomap", lambda doc: doc.ecomap is None),
]


@pytest.mark.parametrize(("flag", "holds"), FLAGS, ids=[f for f, _ in FLAGS])
def test_switching_a_feature_off_removes_it(flag: str, holds: Callable[[Document], bool]) -> None:
    @settings(PROPERTY, max_examples=max(10, settings().max_examples // 4))
    @given(documents(**{flag: False}))
    def check(doc: Document) -> None:
        assert holds(doc)
        assert errors(doc) == []

    check()


# -- variety: each feature the layout must cope with does come up ------------------------------


def _cousins_undeclared(doc: Document) -> bool:
    found = dict(build_graph(doc).consanguineous_unions())
    return any(u.key in found and not u.consanguineous for u in doc.unions)


def _adopted_out(doc: Document) -> bool:
    links: dict[str, set[Parentage]] = {}
    for union in doc.unions:
        for child in union.children:
            links.setdefault(child.person, set()).add(child.parentage)
    return any({Parentage.BIOLOGICAL, Parentage.ADOPTED} <= kinds for kinds in links.values())


FEATURES: list[tuple[str, Callable[[Document], bool]]] = [
    ("declared first cousins", lambda d: any(u.consanguineous for u in d.unions)),
    ("undeclared first cousins", _cousins_undeclared),
    (
        "three partners",
        lambda d: (
            max(
                Counter(p for u in d.unions if len(u.partners) == 2 for p in u.partners).values(),
                default=0,
            )
            >= 3
        ),
    ),
    (
        "step-children",
        lambda d: any(c.parentage == Parentage.STEP for u in d.unions for c in u.children),
    ),
    ("adopted out", _adopted_out),
    (
        "adopted and fostered",
        lambda d: (
            {Parentage.ADOPTED, Parentage.FOSTER}
            <= {c.parentage for u in d.unions for c in u.children}
        ),
    ),
    (
        "donor and surrogate",
        lambda d: (
            {Parentage.DONOR, Parentage.SURROGATE}
            <= {c.parentage for u in d.unions for c in u.children}
        ),
    ),
    ("triplets", lambda d: any(len(b.members) == 3 for b in d.multiple_births)),
    ("single parent", lambda d: any(len(u.partners) == 1 for u in d.unions)),
    ("pregnancy", lambda d: PersonKind.PREGNANCY in {p.kind for p in d.people}),
    ("stillbirth", lambda d: PersonKind.STILLBIRTH in {p.kind for p in d.people}),
    ("widowed", lambda d: any(e.type == "widowed" for u in d.unions for e in u.events)),
    ("four generations", lambda d: len(set(build_graph(d).generations().values())) >= 4),
    ("two families", lambda d: len(build_graph(d).components()) >= 2),
    ("member ties", lambda d: d.ecomap is not None and any(c.member for c in d.ecomap.connections)),
]


@cache
def sample() -> tuple[Document, ...]:
    """Documents drawn once per session, the same ones on every run (derandomized)."""
    drawn: list[Document] = []

    @settings(SEARCH, max_examples=400)
    @given(documents())
    def collect(doc: Document) -> None:
        drawn.append(doc)

    collect()
    return tuple(drawn)


def _uses(enum: type[StrEnum], value: StrEnum) -> Callable[[Document], bool]:
    return lambda d: value in values_used([d]).get(enum, set())


def test_generated_documents_use_every_value_of_the_format() -> None:
    enums = [v for v in vars(models).values() if isinstance(v, type) and issubclass(v, StrEnum)]
    docs = list(sample())
    # Hypothesis may stop generating early on a busy machine, so a value the shared sample
    # happens to miss gets a dedicated search, as the features below do.
    for enum in enums:
        for value in enum:
            if value not in values_used(docs).get(enum, set()):
                docs.append(find(documents(), _uses(enum, value), settings=SEARCH))
    assert missing(values_used(docs), *enums) == []


@pytest.mark.parametrize(("feature", "present"), FEATURES, ids=[f for f, _ in FEATURES])
def test_generated_documents_reach_every_feature(
    feature: str, present: Callable[[Document], bool]
) -> None:
    # The shared sample usually has one; a dedicated search makes sure, should it not.
    doc = next((d for d in sample() if present(d)), None)
    doc = doc or find(documents(), present, settings=SEARCH)
    assert present(doc) and errors(doc) == []


# -- permutations -----------------------------------------------------------------------------


@PROPERTY
@given(documents(max_people=15), st.data())
def test_permuted_documents_hold_the_same_content(doc: Document, data: st.DataObject) -> None:
    shuffled = permuted(doc, data)
    assert sorted(shuffled.people, key=lambda p: p.id) == sorted(doc.people, key=lambda p: p.id)
    assert sorted(u.key for u in shuffled.unions) == sorted(u.key for u in doc.unions)
    original = {u.key: u for u in doc.unions}
    for union in shuffled.unions:
        assert union == original[union.key], "children, partners and events keep their order"
    assert Counter(shuffled.relationships) == Counter(doc.relationships)
    assert Counter(shuffled.multiple_births) == Counter(doc.multiple_births)
    households = {h.id: set(h.members) for h in doc.households}
    assert {h.id: set(h.members) for h in shuffled.households} == households
    if doc.ecomap is not None:
        assert shuffled.ecomap is not None
        assert Counter(shuffled.ecomap.systems) == Counter(doc.ecomap.systems)
        assert Counter(shuffled.ecomap.connections) == Counter(doc.ecomap.connections)
        assert shuffled.ecomap.categories == doc.ecomap.categories
    assert errors(shuffled) == []
    assert Counter(d.code for d in check_document(shuffled)) == Counter(
        d.code for d in check_document(doc)
    )


def test_permutations_do_shuffle() -> None:
    doc = find(documents(), lambda d: len(d.people) >= 10 and len(d.unions) >= 3, settings=SEARCH)
    reordered = find(
        permutations_of(doc),
        lambda d: (
            [p.id for p in d.people] != [p.id for p in doc.people]
            and [u.key for u in d.unions] != [u.key for u in doc.unions]
        ),
        settings=SEARCH,
    )
    assert reordered.model_dump() != doc.model_dump()
