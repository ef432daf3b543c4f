"""Configurable limits: input size, nesting, alias expansion, people, systems and text length.

Large inputs are built here, in memory, only as big as each bound needs.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from genomap.errors import InputError
from genomap.io import loads, read_file
from genomap.limits import TEXT_CEILING, DocumentLimits, check_limits, document_limits
from genomap.sources import Limits, parse


def _error(text: str, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as info:
        loads(text, **kwargs)  # type: ignore[arg-type]
    return info.value


def _people(count: int) -> str:
    return json.dumps({"people": [{"id": f"p{i}"} for i in range(count)]})


def test_defaults_are_documented_values() -> None:
    limits = DocumentLimits()
    assert (limits.max_bytes, limits.max_depth, limits.max_nodes) == (20_000_000, 100, 1_000_000)
    assert (limits.max_people, limits.max_systems, limits.max_text_length) == (20_000, 1_000, 2000)
    assert document_limits(None) == limits == document_limits(Limits())
    assert document_limits(DocumentLimits(max_people=3)).max_people == 3


def test_too_many_people_is_located_at_the_first_one_over() -> None:
    error = _error(_people(4), limits=DocumentLimits(max_people=3))
    (found,) = error.errors
    assert found.code == "too-many-items"
    assert found.location.path == ("people", 3)
    assert found.location.line == 1 and found.location.column is not None
    assert "4 people, more than the limit of 3 (DocumentLimits.max_people)" in found.message
    assert len(loads(_people(3), limits=DocumentLimits(max_people=3)).people) == 3


def test_the_default_people_limit_refuses_a_huge_family_quickly() -> None:
    text = _people(DocumentLimits().max_people + 1)
    started = time.perf_counter()
    error = _error(text)
    assert time.perf_counter() - started < 5.0
    assert error.errors[0].location.path == ("people", 20_000)


def test_too_many_systems_and_connections() -> None:
    ecomap = {
        "systems": [{"id": f"s{i}", "name": "S"} for i in range(3)],
        "connections": [{"system": "s0"}, {"system": "s1"}, {"system": "s2"}],
    }
    text = json.dumps({"people": [{"id": "a"}], "ecomap": ecomap})
    error = _error(text, limits=DocumentLimits(max_systems=2, max_connections=2))
    assert [e.location.path for e in error.errors] == [
        ("ecomap", "systems", 2),
        ("ecomap", "connections", 2),
    ]
    assert "DocumentLimits.max_systems" in error.errors[0].message


def test_text_length_is_bounded_and_configurable() -> None:
    text = "title: " + "x" * 50 + "\npeople:\n  - id: a\n    notes: short\n"
    (found,) = _error(text, limits=DocumentLimits(max_text_length=10)).errors
    assert (found.code, found.location.path, found.location.line) == (
        "text-too-long",
        ("title",),
        1,
    )
    assert "50 characters long, more than the limit of 10" in found.message
    assert loads(text).title == "x" * 50


def test_text_over_the_ceiling_is_refused_whatever_the_limit() -> None:
    text = json.dumps({"people": [{"id": "a", "notes": "y" * (TEXT_CEILING + 1)}]})
    (found,) = _error(text, limits=DocumentLimits(max_text_length=10**9)).errors
    assert found.location.path == ("people", 0, "notes")
    assert f"limit of {TEXT_CEILING:,}" in found.message


def test_long_field_names_and_many_long_texts() -> None:
    data = {
        "people": [{"id": "a", "k" * 30: 1}]
        + [{"id": f"b{i}", "notes": "z" * 40} for i in range(25)]
    }
    error = _error(json.dumps(data), limits=DocumentLimits(max_text_length=20))
    assert "a field name is 30 characters long" in error.errors[0].message
    assert len(error.errors) == 21  # twenty shown, then one line for the rest
    assert error.errors[-1].message.startswith("6 more texts")


def test_check_limits_accepts_what_fits() -> None:
    check_limits(parse('{"people": [{"id": "a"}]}'), DocumentLimits(max_people=1))


def test_an_alias_bomb_is_refused_before_it_is_built() -> None:
    """Regression: the bomb used to be refused only after building a million values (4 s)."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        parse("\n".join(lines) + "\npeople: []\n")
    assert time.perf_counter() - started < 1.0
    (found,) = info.value.errors
    assert found.code == "too-many-nodes" and found.location.line is not None


def test_an_alias_used_many_times_below_the_limit_still_loads() -> None:
    text = "p: &p {id: x}\nrefs: [" + ", ".join(["*p"] * 500) + "]\n"
    assert len(parse(text).data["refs"]) == 500
    with pytest.raises(InputError):
        parse(text, limits=Limits(max_nodes=400))


def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("people: []\n" + "# padding\n" * 2000, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_file(path, limits=DocumentLimits(max_bytes=1000))
    assert info.value.errors[0].code == "too-large"
    assert info.value.errors[0].location.file == str(path)
