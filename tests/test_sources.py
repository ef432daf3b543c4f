"""Tests for genomap.sources: YAML/JSON parsing with positions, limits and located errors."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from genomap.errors import Diagnostic, InputError
from genomap.sources import Limits, detect_format, parse


def only_error(text: str | bytes, **kwargs: object) -> Diagnostic:
    """Parse text that must fail with exactly one diagnostic, and return it."""
    with pytest.raises(InputError) as info:
        parse(text, **kwargs)  # type: ignore[arg-type]
    assert len(info.value.diagnostics) == 1, info.value.diagnostics
    return info.value.diagnostics[0]


YAML_DOC = """\
title: Family
people:
  - id: ann
    birth: 1970-05-02
  - id: bob
    notes: >
      folded
unions:
  - partners: [ann, bob]
"""

JSON_DOC = """\
{
  "title": "Family",
  "people": [
    {"id": "ann", "birth": "1970"},
    {
      "id": "bob", "age": 4, "weight": 1.5e1, "x": null, "y": true, "z": false
    }
  ],
  "unions": [{"partners": ["ann", "bob"]}]
}
"""


def test_yaml_data_and_positions() -> None:
    src = parse(YAML_DOC, filename="f.yaml")
    assert src.format == "yaml"
    assert src.data["people"][0] == {"id": "ann", "birth": dt.date(1970, 5, 2)}
    assert src.data["people"][1]["notes"] == "folded\n"
    assert src.positions[()] == (1, 1)
    assert src.positions[("people",)] == (2, 1)
    assert src.positions[("people", 1)] == (5, 5)
    assert src.positions[("people", 0, "birth")] == (4, 5)
    assert src.value_positions[("people", 0, "birth")] == (4, 12)
    assert src.positions[("unions", 0, "partners", 1)] == (9, 21)


def test_json_data_and_positions() -> None:
    src = parse(JSON_DOC, filename="f.json")
    assert src.format == "json"
    bob = src.data["people"][1]
    assert bob == {"id": "bob", "age": 4, "weight": 15.0, "x": None, "y": True, "z": False}
    assert isinstance(bob["age"], int)
    assert src.positions[("people",)] == (3, 3)
    assert src.value_positions[("people",)] == (3, 13)
    assert src.positions[("people", 1)] == (5, 5)
    assert src.positions[("people", 1, "age")] == (6, 20)
    assert src.positions[("unions", 0, "partners", 1)] == (9, 35)


def test_locate_uses_longest_known_prefix() -> None:
    src = parse(YAML_DOC, filename="f.yaml")
    location = src.locate(("people", 1, "gender"))
    assert (location.file, location.line, location.column) == ("f.yaml", 5, 5)
    assert location.path == ("people", 1, "gender")
    assert src.locate(("people", 0, "birth"), value=True).column == 12
    assert src.locate(("nothing", 3)).line == 1


@pytest.mark.parametrize(
    ("text", "line", "first"),
    [
        ("people:\n  - id: ann\n    gender: male\n    id: bob\n", 4, 2),
        ('{"people": [\n  {"id": "ann",\n   "id": "bob"}]}', 3, 2),
    ],
)
def test_duplicate_keys_name_both_lines(text: str, line: int, first: int) -> None:
    error = only_error(text)
    assert error.code == "duplicate-key"
    assert error.location.line == line
    assert error.location.path == ("people", 0, "id")
    assert "'id'" in error.message
    assert f"line {first}" in error.message


def test_every_duplicate_key_is_reported() -> None:
    with pytest.raises(InputError) as info:
        parse("a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n")
    assert [(d.location.line, d.location.path) for d in info.value.errors] == [
        (3, ("a",)),
        (6, ("c", "x")),
    ]


def test_yaml_merge_keys_fill_in_without_overriding() -> None:
    text = "base: &b {gender: male, kind: pet}\npeople:\n  - <<: *b\n    id: rex\n    kind: dog\n"
    person = parse(text).data["people"][0]
    assert person == {"id": "rex", "kind": "dog", "gender": "male"}


def test_impossible_yaml_dates_stay_text() -> None:
    assert parse("a: &d 2020-02-30\nb: [*d, *d]\n").data == {
        "a": "2020-02-30",
        "b": ["2020-02-30", "2020-02-30"],
    }


def test_yaml_keys_stay_as_written() -> None:
    assert parse("yes: 1\nnull: 2\n3: x\n").data == {"yes": 1, "null": 2, "3": "x"}


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_input(text: str) -> None:
    error = only_error(text, filename="e.yaml")
    assert error.code == "empty"
    assert error.message.startswith("the file is empty; expected a mapping with 'people'")


def test_several_yaml_documents() -> None:
    error = only_error("people: []\n---\npeople: []\n")
    assert error.location.line == 2
    assert "more than one YAML document" in error.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("people:\n  - id: ann\n   gender: male\n", 3, "indentation"),
        ("people:\n\t- id: ann\n", 2, "tab"),
        ("title: a: b\n", 1, "':' is not allowed here"),
        ("title: 'open\npeople: []\n", 3, "quoted text that starts on line 1"),
        ("people: [a, b\nunions: []\n", 2, "[...] list that starts on line 1"),
        ("title: *nowhere\n", 1, "anchor"),
        ("title: !custom x\n", 1, "unknown '!' tag"),
        ("title: !!set {a, b}\n", 1, "unsupported tag"),
        ("? [a, b]\n: c\n", 1, "a key must be a plain name"),
        ("title: a\x01b\n", 1, "#x0001"),
        ("title: ok\nage: !!int x\n", 2, "cannot read 'x' as int"),
        ("title: !!bool maybe\n", 1, "cannot read 'maybe' as bool"),
        ("title: !!python/object/apply:os.system [echo]\n", 1, "unsupported tag"),
        ("title: !!python/name:os.system ''\n", 1, "unknown '!' tag"),
    ],
)
def test_malformed_yaml(text: str, line: int, words: str) -> None:
    error = only_error(text, filename="bad.yaml")
    assert error.location.file == "bad.yaml"
    assert error.location.line == line
    assert words in error.message


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{"a": 1,\n "b": 2,\n}', 3, 1, "comma before '}'"),
        ('{"a": 1\n "b": 2}', 2, 2, "expected ',' or '}'"),
        ('{"a" 1}', 1, 6, "expected ':' after the key \"a\""),
        ('{\n  "a": NaN}', 2, 8, "NaN is not allowed"),
        ('{"a": -Infinity}', 1, 7, "Infinity is not allowed"),
        ("{'a': 1}", 1, 2, "expected a key in double quotes"),
        ('{"a": "open\n}', 1, 12, "line break"),
        ('{"a": "x\\q"}', 1, 9, "invalid escape"),
        ('{"a": 1} extra', 1, 10, "after the end of the JSON document"),
        ('{"a": 1e999}', 1, 7, "too large"),
        ('{"a": ', 1, 7, "found the end of the file"),
        ("[1, 2,]", 1, 7, "comma before ']'"),
        ('{"a": tru}', 1, 7, "expected a value"),
    ],
)
def test_malformed_json(text: str, line: int, column: int, words: str) -> None:
    error = only_error(text, filename="bad.json")
    assert error.code == "json-syntax"
    assert (error.location.line, error.location.column) == (line, column)
    assert error.message.startswith("invalid JSON: ")
    assert words in error.message


def billion_laughs(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_expansion_is_bounded() -> None:
    error = only_error(billion_laughs(9), limits=Limits(max_nodes=10_000))
    assert error.code == "too-many-nodes"
    assert "10,000" in error.message
    assert error.location.line is not None


def test_billion_laughs_stops_at_the_default_limit() -> None:
    assert Limits().max_nodes == 1_000_000
    error = only_error(billion_laughs(9))
    assert error.code == "too-many-nodes"


def test_recursive_alias_is_bounded() -> None:
    error = only_error("a: &a [*a]\n")
    assert error.code in ("too-deep", "too-many-nodes")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_is_bounded(fmt: str) -> None:
    assert parse("[" * 100 + "]" * 100, format=fmt).data is not None  # type: ignore[arg-type]
    error = only_error("[" * 101 + "]" * 101, format=fmt)
    assert error.code == "too-deep"
    assert (error.location.line, error.location.column) == (1, 101)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_pathological_nesting_does_not_overflow(fmt: str) -> None:
    assert only_error("[" * 200_000, format=fmt).code == "too-deep"


def test_block_nesting_is_bounded() -> None:
    text = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 120))
    error = only_error(text, limits=Limits(max_depth=20))
    assert error.code == "too-deep"
    assert error.location.line == 21


def test_input_size_is_bounded() -> None:
    error = only_error("a: 1\n" * 100, limits=Limits(max_bytes=100))
    assert error.code == "too-large"
    assert "500" in error.message


def test_bytes_with_bom_are_decoded() -> None:
    assert parse(codecs.BOM_UTF8 + "name: Zoë\n".encode()).data == {"name": "Zoë"}
    assert parse("\ufeff{}").data == {}


def test_undecodable_bytes_name_line_and_offset() -> None:
    error = only_error(b"a: 1\nb: caf\xe9\n", filename="x.yaml")
    assert error.code == "encoding"
    assert error.location.line == 2
    assert "not UTF-8 text" in error.message
    assert "byte offset 11" in error.message


@pytest.mark.parametrize("data", [b"a: 1\n\x00\x01\x02garbage", bytes(range(256)) * 4])
def test_binary_garbage(data: bytes) -> None:
    error = only_error(data)
    assert error.code == "encoding"
    assert "not UTF-8 text" in error.message


def test_utf16_is_named() -> None:
    assert "UTF-16" in only_error("a: 1".encode("utf-16")).message


def test_nul_in_text() -> None:
    error = only_error("a: 1\nb: \x00\n")
    assert (error.code, error.location.line) == ("encoding", 2)


@pytest.mark.parametrize(
    ("text", "filename", "expected"),
    [
        ("{}", "a.yaml", "yaml"),
        ("a: 1", "a.JSON", "json"),
        ("a: 1", "a.yml", "yaml"),
        ('  {"a": 1}', None, "json"),
        ("[1]", "notes.txt", "json"),
        ("a: 1", None, "yaml"),
    ],
)
def test_detect_format(text: str, filename: str | None, expected: str) -> None:
    assert detect_format(text, filename) == expected


def test_explicit_format_wins() -> None:
    assert parse("a: 1", format="yaml", filename="x.json").data == {"a": 1}
    assert only_error("a: 1", format="json").code == "json-syntax"
