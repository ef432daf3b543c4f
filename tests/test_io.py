"""Tests for genomap.io: loading with located, plain-language errors, dumping, and the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genomap.errors import Diagnostic, InputError
from genomap.io import (
    dump_json,
    dump_yaml,
    json_schema,
    load_file,
    loads,
    read_file,
    read_text,
)
from genomap.models import Document, Person
from genomap.sources import Limits


def errors_of(text: str, **kwargs: object) -> tuple[Diagnostic, ...]:
    with pytest.raises(InputError) as info:
        loads(text, **kwargs)  # type: ignore[arg-type]
    return info.value.errors


def only_error(text: str, **kwargs: object) -> Diagnostic:
    errors = errors_of(text, **kwargs)
    assert len(errors) == 1, errors
    return errors[0]


RICH = """\
title: Família Ødegård
date: 2024-03
author: A. Worker
people:
  - id: ann
    given_name: Ann
    family_name: Ødegård
    gender: female
    birth: about 1950
    death: 2020-02-29
    cause_of_death: "cancer: lung"
    conditions:
      - kind: mental_illness
        name: depression
        status: in_recovery
        since: 1990
    notes: |
      First line.
      Second line: with a colon.
  - id: bob
    gender: male
    birth: 1948-07
    occupation: "yes"
    index: true
  - id: cy
    gender: non_binary
    birth: before 1980
    count: n
  - id: dee
    kind: miscarriage
    gestation_weeks: 12
unions:
  - partners: [ann, bob]
    kind: marriage
    events:
      - type: married
        date: 1970
      - type: divorced
        date: 1985-06-01
    children: [cy, {person: dee, note: "null"}]
relationships:
  - kind: close
    source: ann
    target: cy
households:
  - id: home
    members: [bob, cy]
ecomap:
  household: home
  systems:
    - id: school
      name: "1970"
      category: education
  connections:
    - system: school
      strength: strong
      flow: to_family
      amount: 2
"""


def test_loads_a_rich_document() -> None:
    doc = loads(RICH)
    assert doc.title == "Família Ødegård"
    assert doc.people[0].death is not None and doc.people[0].death.day == 29
    assert doc.people[1].occupation == "yes"
    assert doc.unions[0].children[1].note == "null"
    assert doc.ecomap is not None and doc.ecomap.systems[0].name == "1970"


@pytest.mark.parametrize("dump", [dump_yaml, dump_json])
def test_dump_then_load_gives_the_same_document(dump: object) -> None:
    doc = loads(RICH)
    text = dump(doc)  # type: ignore[operator]
    assert loads(text) == doc


def test_dump_yaml_is_readable() -> None:
    text = dump_yaml(loads(RICH))
    lines = text.splitlines()
    assert lines[0] == "version: 1"
    assert "title: Família Ødegård" in lines  # unicode kept, not escaped
    assert "  - partners: [ann, bob]" in lines  # list items indented, short lists inline
    assert "    notes: |-" in lines  # multi-line text as a block
    assert "gender: unknown" not in text  # defaults left out
    assert "null" not in text.replace('"null"', "").replace("'null'", "")
    # Keys follow the model's field order, not the alphabet.
    assert text.index("title:") < text.index("author:") < text.index("people:")


def test_dump_json_is_indented_and_keeps_unicode() -> None:
    text = dump_json(loads(RICH))
    data = json.loads(text)
    assert data["version"] == 1
    assert data["people"][0]["birth"] == "about 1950"
    assert "Ødegård" in text
    assert "gestation_weeks" in text
    assert '"index": false' not in text


notes_text = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(notes=notes_text, name=notes_text)
def test_any_text_round_trips(notes: str, name: str) -> None:
    doc = Document(people=(Person(id="p", given_name=name, notes=notes),))
    assert loads(dump_yaml(doc)) == doc
    assert loads(dump_json(doc)) == doc


TRICKY = [
    "yes",
    "No",
    "null",
    "~",
    "1970",
    "1970-05-02",
    "1e3",
    ".inf",
    "0x1F",
    "- a",
    "a: b",
    "#x",
    "'",
    '"',
    "@x",
    "`x",
    "%x",
    "!x",
    "*x",
    "&x",
    "|",
    ">",
    "{a}",
    "[a]",
    "a\tb",
    "two\nlines",
    "x\u2028y",
    "ünï ✓ 家族",
    "a  #b",
    "=",
    "<<",
    "---",
    "...",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_round_trips(text: str) -> None:
    doc = Document(title=text, people=(Person(id="p", given_name=text, notes=text),))
    assert loads(dump_yaml(doc)) == doc
    assert loads(dump_json(doc)) == doc


@settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(st.binary(max_size=300), st.text(max_size=300)),
    fmt=st.sampled_from([None, "yaml", "json"]),
)
def test_any_input_loads_or_raises_input_error(data: str | bytes, fmt: str | None) -> None:
    try:
        loads(data, format=fmt)  # type: ignore[arg-type]
    except InputError as exc:
        assert exc.errors
        assert all(e.message for e in exc.errors)


@pytest.mark.parametrize(
    ("text", "what"),
    [("- id: ann\n- id: bob\n", "a list"), ("just words\n", "'just words'"), ("[1]", "a list")],
)
def test_top_level_must_be_a_mapping(text: str, what: str) -> None:
    error = only_error(text, filename="x.yaml")
    assert error.code == "not-a-mapping"
    assert error.location.line == 1
    assert error.message.startswith(f"the file holds {what}; expected a mapping with 'people'")


def test_unknown_field_lists_the_allowed_names() -> None:
    error = only_error("people:\n  - id: ann\n    gender: male\n    brith: 1970\n")
    assert error.code == "unknown-field"
    assert (error.location.line, error.location.column) == (4, 5)
    assert error.location.path == ("people", 0, "brith")
    assert "unknown field 'brith' (did you mean 'birth'?)" in error.message
    assert "expected one of: id, given_name, family_name," in error.message
    assert "gestation_weeks" in error.message


def test_unknown_top_level_field() -> None:
    error = only_error("poeple: []\n")
    assert error.location.line == 1
    assert "did you mean 'people'?" in error.message
    assert "expected one of: version, title, date," in error.message


def test_bad_enum_lists_the_allowed_values() -> None:
    error = only_error("people:\n  - id: ann\n  - id: bob\n    gender: mael\n")
    assert error.code == "invalid-value"
    assert (error.location.line, error.location.column) == (4, 13)
    assert error.location.path == ("people", 1, "gender")
    assert "expected one of: male, female, non_binary" in error.message
    assert "got 'mael' (did you mean 'male'?)" in error.message


def test_bad_date_points_at_the_value() -> None:
    error = only_error("people:\n  - id: ann\n    birth: last spring\n")
    assert (error.location.line, error.location.column) == (3, 12)
    assert error.location.path == ("people", 0, "birth")
    assert '"1970-05"' in error.message
    assert "'last spring'" in error.message


@pytest.mark.parametrize("date", ["'1970-02-30'", "1970-02-30"])
def test_impossible_calendar_date(date: str) -> None:
    error = only_error(f"people:\n  - id: ann\n    birth: {date}\n")
    assert error.location.line == 3
    assert "day 30" in error.message


def test_missing_field_points_at_its_parent() -> None:
    error = only_error("people:\n  - id: ann\n  - given_name: Bob\n    gender: male\n")
    assert error.code == "missing-field"
    assert error.location.line == 3
    assert error.location.path == ("people", 1)
    assert error.message == "missing required field 'id'"


def test_union_member_tags_are_dropped_and_messages_combined() -> None:
    error = only_error("people:\n  - id: kids\n    count: several\n")
    assert error.location.path == ("people", 0, "count")
    assert error.location.line == 3
    assert error.message == "expected a whole number or 'n'; got 'several'"


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        ("people:\n  - id: 12\n", ("people", 0, "id"), "expected text; got the number 12"),
        ("people:\n  - id: a b\n", ("people", 0, "id"), "an id of letters, digits"),
        ("people:\n  - id: a\n    age: 200\n", ("people", 0, "age"), "at most 150"),
        ("people:\n  - id: a\n    index: maybe\n", ("people", 0, "index"), "true or false"),
        ("people: {a: 1}\n", ("people",), "expected a list; got a mapping"),
        ("people:\n  - ann\n", ("people", 0), "expected a mapping"),
        ("unions:\n  - partners: []\n", ("unions", 0, "partners"), "at least 1 item; got 0"),
        (
            "unions:\n  - partners: [a]\n    children: [3]\n",
            ("unions", 0, "children", 0),
            "a person id or a mapping with 'person'",
        ),
        ("version: 2\n", ("version",), "expected 1; got the number 2"),
        ("title: ''\necomap: []\n", ("ecomap",), "expected a mapping"),
    ],
)
def test_type_errors_say_what_was_expected(text: str, path: tuple[object, ...], words: str) -> None:
    error = only_error(text)
    assert error.location.path == path
    assert words in error.message


def test_all_errors_are_reported_in_line_order() -> None:
    text = "people:\n  - id: ann\n    gender: x\n  - id: bob\n    birth: never\nversion: 7\n"
    assert [e.location.line for e in errors_of(text)] == [3, 5, 6]


def test_json_errors_are_located_too() -> None:
    text = '{\n  "people": [\n    {"id": "ann",\n     "gender": "x"}\n  ]\n}\n'
    error = only_error(text, filename="f.json")
    assert (error.location.file, error.location.line, error.location.column) == ("f.json", 4, 16)


def test_semantic_errors_are_located() -> None:
    text = "people:\n  - id: ann\nunions:\n  - partners: [ann, zed]\n"
    error = only_error(text, filename="f.yaml")
    assert error.location.file == "f.yaml"
    assert error.location.path == ("unions", 0, "partners", 1)
    assert (error.location.line, error.location.column) == (4, 21)
    assert "zed" in error.message


def test_warnings_come_with_the_result() -> None:
    text = "people:\n  - id: ann\n    index: true\n  - id: bob\n    index: true\n"
    result = read_text(text, filename="w.yaml")
    assert len(result.document.people) == 2
    assert [w.severity for w in result.warnings] == ["warning"]
    assert result.warnings[0].location.line == 5
    assert loads(text) == result.document


def test_syntax_errors_raise_input_error() -> None:
    error = only_error("people: [\n")
    assert error.code == "yaml-syntax"


def test_read_file(tmp_path: Path) -> None:
    path = tmp_path / "family.json"
    path.write_text('{"people": [{"id": "ann"}]}', encoding="utf-8")
    assert load_file(path).people[0].id == "ann"
    assert read_file(str(path)).warnings == ()


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(InputError) as info:
        load_file(path)
    error = info.value.errors[0]
    assert error.code == "unreadable"
    assert error.message == f"cannot read {path}: No such file or directory"
    assert error.location.file == str(path)


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_file(tmp_path)
    assert info.value.errors[0].message.startswith(f"cannot read {tmp_path}: ")


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("people: []\n" + "# padding\n" * 100, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_file(path, limits=Limits(max_bytes=500))
    assert info.value.errors[0].code == "too-large"


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    path.write_bytes(b"people:\n  - id: ann\n    notes: caf\xe9\n")
    with pytest.raises(InputError) as info:
        load_file(path)
    error = info.value.errors[0]
    assert (error.location.file, error.location.line, error.code) == (str(path), 3, "encoding")


def test_json_schema_describes_the_format() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "genomap document"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert {"people", "unions", "ecomap"} <= set(schema["properties"])
    person = schema["$defs"]["Person"]
    assert person["required"] == ["id"]
    assert "birth" in person["properties"]
    assert json.loads(json.dumps(schema)) == schema
