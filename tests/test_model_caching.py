"""Derived model values are computed once per instance and never show outside the attribute."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest
from pydantic import ValidationError

from genomap.io import dump_json, dump_yaml, json_schema, loads
from genomap.models import Document, Person, Union, UnionEventType

DOC = """\
people:
  - {id: a, given_name: Ann, family_name: Lee, nickname: Annie}
  - {id: b, given_name: Bo, death: 2001}
  - {id: c, kind: stillbirth}
  - {id: d, index: true}
unions:
  - partners: [a, b]
    events:
      - {type: divorced, date: 2005}
      - {type: married, date: 1990}
      - {type: separated}
    children: [c, d]
relationships:
  - {kind: close, source: a, target: d}
ecomap:
  systems: [{id: s, name: School}]
  connections: [{system: s, member: d}]
"""


def fresh() -> Document:
    return loads(DOC)


def touched() -> Document:
    """A document whose every derived value has been read (so is cached)."""
    doc = fresh()
    doc.index_person  # noqa: B018
    for person in doc.people:
        person.label, person.is_deceased, person.is_pregnancy_outcome  # noqa: B018
    for union in doc.unions:
        union.key, union.start, union.status, union.has_ended  # noqa: B018
        union.chronological_events()
    for rel in doc.relationships:
        rel.key, rel.is_directed  # noqa: B018
    assert doc.ecomap is not None
    for conn in doc.ecomap.connections:
        conn.key  # noqa: B018
    return doc


def test_values_are_cached_and_correct() -> None:
    doc = touched()
    union = doc.unions[0]
    assert "status" in union.__dict__ and "label" in doc.people[0].__dict__
    assert union.status is UnionEventType.SEPARATED  # undated events come after dated ones
    assert union.has_ended
    assert [e.type for e in union.chronological_events()] == ["married", "divorced", "separated"]
    assert str(union.start) == "1990"
    assert doc.people[0].label == 'Ann "Annie" Lee'
    assert [p.is_deceased for p in doc.people] == [False, True, True, False]
    assert doc.index_person is doc.people[3]


def test_chronological_events_returns_a_fresh_list() -> None:
    union = fresh().unions[0]
    events = union.chronological_events()
    events.clear()
    assert len(union.chronological_events()) == 3


def test_equality_hash_repr_and_dict_ignore_the_cache() -> None:
    plain, cached = fresh(), touched()
    assert plain == cached and cached == plain
    assert hash(plain) == hash(cached)
    assert repr(plain) == repr(cached)
    assert dict(plain.unions[0]) == dict(cached.unions[0])
    assert list(dict(cached.people[0])) == list(Person.model_fields)


def test_dumps_ignore_the_cache() -> None:
    plain, cached = fresh(), touched()
    assert plain.model_dump() == cached.model_dump()
    assert plain.model_dump_json() == cached.model_dump_json()
    assert dump_yaml(plain) == dump_yaml(cached)
    assert dump_json(plain) == dump_json(cached)


def test_model_copy_recomputes_from_the_new_fields() -> None:
    union = touched().unions[0]
    ongoing = union.model_copy(update={"events": union.events[1:2]})
    assert ongoing.status is UnionEventType.MARRIED and not ongoing.has_ended
    assert ongoing.key == "a+b"
    renamed = union.model_copy(update={"partners": ("a",)})
    assert renamed.key == "a"
    person = touched().people[0]
    assert person.model_copy(update={"display_name": "Nan"}).label == "Nan"
    deep = person.model_copy(update={"display_name": "Nan"}, deep=True)
    assert deep.label == "Nan"
    assert person.label == 'Ann "Annie" Lee'  # the original keeps its value


def test_copies_and_replace_carry_no_cache() -> None:
    doc = touched()
    for made in (copy.copy(doc), copy.deepcopy(doc), doc.model_copy(), doc.model_copy(deep=True)):
        assert made == doc
        assert "index_person" not in made.__dict__
    assert "status" not in copy.deepcopy(doc).unions[0].__dict__


def test_pickling_ignores_the_cache() -> None:
    plain, cached = fresh(), touched()
    state: dict[str, Any] = cached.unions[0].__getstate__()
    assert state["__dict__"] == plain.unions[0].__getstate__()["__dict__"]
    assert list(state["__dict__"]) == list(Union.model_fields)
    restored = pickle.loads(pickle.dumps(cached))
    assert restored == plain
    assert "status" not in restored.unions[0].__dict__
    assert restored.unions[0].status is UnionEventType.SEPARATED


def test_json_schema_has_the_fields_only() -> None:
    before = json.dumps(json_schema(), sort_keys=True)
    touched()
    assert json.dumps(json_schema(), sort_keys=True) == before
    defs = json_schema()["$defs"]
    assert set(defs["Person"]["properties"]) == set(Person.model_fields)
    assert set(defs["Union"]["properties"]) == set(Union.model_fields)
    assert "index_person" not in json_schema()["properties"]


@pytest.mark.parametrize("name", ["label", "is_deceased"])
def test_derived_values_stay_read_only(name: str) -> None:
    person = touched().people[0]
    with pytest.raises(ValidationError, match="frozen"):
        setattr(person, name, "x")
    with pytest.raises(ValidationError, match="frozen"):
        delattr(person, name)
