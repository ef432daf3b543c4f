"""The committed examples: each loads, validates, makes family sense, and shows what it claims."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from functools import cache
from pathlib import Path

import pytest
import yaml

from genomap import models
from genomap.dates import years_between
from genomap.graph import build_graph
from genomap.io import read_file
from genomap.models import (
    Document,
    EcoCentre,
    Flow,
    Parentage,
    PersonKind,
    Preset,
    Strength,
    UnionEventType,
)
from genomap.validate import check_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = sorted(EXAMPLES.glob("*.yaml"))
EXPECTED = {
    "conventions-gallery.yaml",
    "harris-family.yaml",
    "nsgc-pedigree.yaml",
    "okafor-ecomap-2027.yaml",
    "okafor-ecomap.yaml",
    "teaching-basics.yaml",
}
INTENDED_WARNINGS: dict[str, set[str]] = {}
"""Warning codes an example is meant to produce, by file name; every other warning is a bug."""

# Parentages where the parents begat or carried the child, so their ages must make sense.
BIRTH_PARENTAGES = {Parentage.BIOLOGICAL, Parentage.DONOR, Parentage.SURROGATE}


@cache
def load(name: str) -> Document:
    """An example, read with plain ``yaml.safe_load`` and the model, as the brief of each says."""
    return Document.model_validate(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")))


def names() -> list[str]:
    return [path.name for path in FILES]


def values_used(documents: list[Document]) -> dict[type[StrEnum], set[StrEnum]]:
    """Every enum value the documents use, by enum."""
    used: dict[type[StrEnum], set[StrEnum]] = {}

    def add(value: StrEnum | None) -> None:
        if value is not None:
            used.setdefault(type(value), set()).add(value)

    for doc in documents:
        add(doc.preset)
        for person in doc.people:
            add(person.gender)
            add(person.sex_at_birth)
            add(person.kind)
            for condition in person.conditions:
                add(condition.kind)
                add(condition.status)
        for union in doc.unions:
            add(union.kind)
            add(union.childless)
            for event in union.events:
                add(event.type)
            for child in union.children:
                add(child.parentage)
        for birth in doc.multiple_births:
            add(birth.zygosity)
        for rel in doc.relationships:
            add(rel.kind)
        if doc.ecomap is not None:
            add(doc.ecomap.centre)
            for category in doc.ecomap.categories:
                add(category.side)
            for system in doc.ecomap.systems:
                add(system.importance)
            for tie in doc.ecomap.connections:
                add(tie.strength)
                add(tie.flow)
    return used


def missing(used: dict[type[StrEnum], set[StrEnum]], *enums: type[StrEnum]) -> list[str]:
    return [str(v) for enum in enums for v in enum if v not in used.get(enum, set())]


def birth_links(doc: Document) -> Iterator[tuple[str, str, Parentage]]:
    """(parent id, child id, parentage) for every parent-child link."""
    for union in doc.unions:
        for child in union.children:
            for parent in union.partners:
                yield parent, child.person, child.parentage


# -- every example ----------------------------------------------------------------------------


def test_the_expected_examples_are_there() -> None:
    assert set(names()) == EXPECTED


@pytest.mark.parametrize("name", names())
def test_example_validates_without_errors_or_stray_warnings(name: str) -> None:
    doc = load(name)
    diagnostics = check_document(doc)
    assert [str(d) for d in diagnostics if d.severity == "error"] == []
    stray = {d.code for d in diagnostics} - INTENDED_WARNINGS.get(name, set())
    assert not stray, [str(d) for d in diagnostics]


@pytest.mark.parametrize("name", names())
def test_example_loads_through_the_reader(name: str) -> None:
    result = read_file(EXAMPLES / name)
    assert result.document == load(name)


@pytest.mark.parametrize("name", names())
def test_example_round_trips_through_json(name: str) -> None:
    doc = load(name)
    assert Document.model_validate(doc.model_dump(mode="json")) == doc


@pytest.mark.parametrize("name", names())
def test_example_makes_family_sense(name: str) -> None:
    doc = load(name)
    people = {p.id: p for p in doc.people}
    assert doc.title and doc.date, "an example has a title and a date"
    for parent_id, child_id, parentage in birth_links(doc):
        parent, child = people[parent_id], people[child_id]
        if parentage in BIRTH_PARENTAGES and parent.birth and child.birth:
            age = years_between(parent.birth, child.birth)
            assert age >= 16, f"{parent_id} was {age} when {child_id} was born"
        assert child.kind != PersonKind.PET, "pets are not anyone's children"
    for person in doc.people:
        if person.birth and person.death:
            assert person.birth.sort_key() <= person.death.sort_key(), person.id
        if person.kind == PersonKind.PET:
            assert person.species, person.id
    for birth in doc.multiple_births:
        assert len({str(people[m].birth) for m in birth.members}) == 1, birth.members
    assert sum(p.index for p in doc.people) <= 1
    for union in doc.unions:
        dated = [e.date.sort_key() for e in union.events if e.date]
        assert dated == sorted(dated), f"events of {union.key} are written in date order"
        for event in union.events:
            if event.type == UnionEventType.WIDOWED:
                dead = [people[p] for p in union.partners if people[p].is_deceased]
                assert dead, f"{union.key} is widowed but neither partner died"
    if doc.ecomap is not None:
        keys = doc.ecomap.category_keys()
        assert all(s.category in keys for s in doc.ecomap.systems)
        absent = {s.id for s in doc.ecomap.systems if s.absent}
        assert not absent & {c.system for c in doc.ecomap.connections}


@pytest.mark.parametrize("name", names())
def test_example_ids_are_readable(name: str) -> None:
    # Examples teach the format: ids are lower-case words, not p1, p2, ...
    for person in load(name).people:
        assert person.id == person.id.lower() and not person.id[1:].isdigit(), person.id


# -- together, and one by one -----------------------------------------------------------------


def test_examples_together_use_every_value_of_the_format() -> None:
    used = values_used([load(name) for name in names()])
    enums = [v for v in vars(models).values() if isinstance(v, type) and issubclass(v, StrEnum)]
    assert len(enums) >= 17
    assert missing(used, *enums) == []


def test_gallery_alone_uses_every_symbol_and_line() -> None:
    used = values_used([load("conventions-gallery.yaml")])
    assert (
        missing(
            used,
            models.EmotionKind,
            models.UnionKind,
            models.UnionEventType,
            models.Parentage,
            models.PersonKind,
            models.Gender,
            models.SexAtBirth,
            models.ConditionKind,
            models.ConditionStatus,
            models.Zygosity,
            models.Childlessness,
            models.Strength,
            models.Flow,
            models.Side,
        )
        == []
    )
    doc = load("conventions-gallery.yaml")
    assert {p.count for p in doc.people if p.count is not None} >= {3, "n"}
    assert any(p.deceased and p.death is None for p in doc.people)
    assert any(p.death and p.cause_of_death for p in doc.people)
    assert any(p.age is not None and p.birth is None for p in doc.people)
    assert any(len(b.members) == 3 for b in doc.multiple_births)


def test_consanguinity_is_declared_and_detectable() -> None:
    gallery = load("conventions-gallery.yaml")
    detected = dict(build_graph(gallery).consanguineous_unions())
    undeclared = [u.key for u in gallery.unions if u.key in detected and not u.consanguineous]
    declared_only = [u.key for u in gallery.unions if u.consanguineous and u.key not in detected]
    assert undeclared == ["leo-maya"]
    assert declared_only == ["hamid+zahra"]
    assert next(u for u in gallery.unions if u.key == "hamid+zahra").relationship
    pedigree = load("nsgc-pedigree.yaml")
    cousins = [u for u in pedigree.unions if u.consanguineous]
    assert len(cousins) == 1 and cousins[0].relationship == "first cousins"
    assert dict(build_graph(pedigree).consanguineous_unions()) == {
        cousins[0].key: ["mariam", "yusuf"]
    }


def test_harris_family_is_a_three_generation_therapy_genogram() -> None:
    doc = load("harris-family.yaml")
    assert doc.preset == Preset.MCGOLDRICK and doc.author
    assert 20 <= len(doc.people) <= 30
    born = {p.id for p in doc.people if p.kind == PersonKind.PERSON}
    rows = {row for pid, row in build_graph(doc).generations().items() if pid in born}
    assert len(rows) == 3, "three generations of people (and a pregnancy below them)"
    assert any(e.type == UnionEventType.DIVORCED for u in doc.unions for e in u.events)
    parentages = {c.parentage for u in doc.unions for c in u.children}
    assert {Parentage.STEP, Parentage.ADOPTED} <= parentages
    assert doc.multiple_births and any(p.is_deceased for p in doc.people)
    assert len(doc.households) == 2 and len(doc.relationships) >= 8
    remarried = [p.id for p in doc.people if sum(p.id in u.partners for u in doc.unions) >= 2]
    assert "david" in remarried


def test_okafor_ecomap_covers_the_systems_of_a_family_known_to_services() -> None:
    doc = load("okafor-ecomap.yaml")
    assert doc.ecomap is not None and doc.ecomap.centre == EcoCentre.HOUSEHOLD
    ecomap = doc.ecomap
    assert 10 <= len(doc.people) <= 15
    assert len(ecomap.systems) >= 13
    assert len({s.category for s in ecomap.systems}) >= 12
    assert {c.strength for c in ecomap.connections} == set(Strength)
    assert {c.flow for c in ecomap.connections} == set(Flow)
    assert any(c.stressful for c in ecomap.connections)
    assert any(c.member is None for c in ecomap.connections)
    assert any(c.member is not None for c in ecomap.connections)
    assert any(s.absent for s in ecomap.systems)
    assert ecomap.categories and all(
        s.category in {c.key for c in ecomap.categories}
        or s.category in dict(models.DEFAULT_CATEGORIES)
        for s in ecomap.systems
    )


def test_okafor_maps_eight_months_apart_can_be_compared() -> None:
    before, after = load("okafor-ecomap.yaml"), load("okafor-ecomap-2027.yaml")
    assert before.date and after.date
    months = (
        (after.date.year - before.date.year) * 12
        + (after.date.month or 0)
        - (before.date.month or 0)
    )
    assert 7 <= months <= 9
    assert before.ecomap is not None and after.ecomap is not None
    old = {s.id: s for s in before.ecomap.systems}
    new = {s.id: s for s in after.ecomap.systems}
    assert len(set(old) - set(new)) == 1, "one system is gone"
    assert len(set(new) - set(old)) == 1, "one system is new"
    assert old["camhs"].absent and not new["camhs"].absent
    ties_before = {c.key: c for c in before.ecomap.connections}
    ties_after = {c.key: c for c in after.ecomap.connections}
    common = set(ties_before) & set(ties_after)
    rank = {Strength.TENUOUS: 0, Strength.MODERATE: 1, Strength.STRONG: 2}
    assert any(rank[ties_after[k].strength] > rank[ties_before[k].strength] for k in common)
    assert any(ties_before[k].stressful and not ties_after[k].stressful for k in common)
    assert {p.id for p in before.people} == {p.id for p in after.people}


def test_nsgc_pedigree_is_a_four_generation_counselling_pedigree() -> None:
    doc = load("nsgc-pedigree.yaml")
    assert doc.preset == Preset.NSGC
    assert len(set(build_graph(doc).generations().values())) == 4
    assert sum(p.index for p in doc.people) == 1 and sum(p.consultand for p in doc.people) == 1
    statuses = {c.status.value for p in doc.people for c in p.conditions}
    assert {"current", "carrier", "presymptomatic", "unknown"} <= statuses
    kinds = {p.kind for p in doc.people}
    assert {PersonKind.MISCARRIAGE, PersonKind.TERMINATION, PersonKind.STILLBIRTH} <= kinds
    assert PersonKind.PREGNANCY in kinds


def test_teaching_example_is_small() -> None:
    doc = load("teaching-basics.yaml")
    assert 8 <= len(doc.people) <= 10
    assert doc.index_person is not None and doc.households and doc.relationships
