"""Load and save genomap documents as YAML or JSON, with every problem located and explained.

Use :func:`load_file` or :func:`loads` to get a :class:`~genomap.models.Document` (they raise
:class:`~genomap.errors.InputError` listing every error), or :func:`read_file` and
:func:`read_text` to also get the warnings, as a :class:`LoadResult`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, get_args

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from genomap.errors import Diagnostic, FieldPath, InputError, Location
from genomap.limits import check_limits
from genomap.models import Document
from genomap.sources import Format, Limits, Source, parse
from genomap.validate import check_document

SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_TOP_LEVEL: Final = (
    "expected a mapping with 'people' (and optionally 'unions', 'relationships', "
    "'households', 'ecomap')"
)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A valid document and the warnings found while checking it.

    Attributes:
        document: The validated document.
        warnings: Problems worth a look that do not stop the document being used.
    """

    document: Document
    warnings: tuple[Diagnostic, ...] = ()


def read_text(
    source: str | bytes,
    *,
    format: Format | None = None,
    filename: str | None = None,
    limits: Limits | None = None,
) -> LoadResult:
    """Parse, validate and check a document given as text or UTF-8 bytes.

    Args:
        source: YAML or JSON text, or its UTF-8 bytes (a byte-order mark is allowed).
        format: ``"yaml"`` or ``"json"``; by default from ``filename``'s extension, else JSON
            when the text starts with '{' or '[', else YAML.
        filename: The name shown in diagnostics.
        limits: Input size, nesting and alias-expansion bounds; a
            :class:`~genomap.limits.DocumentLimits` also bounds people, systems and text.

    Returns:
        The document and its warnings.

    Raises:
        InputError: With every error found (and the warnings), each with file, line, column
            and field path.

    Example:
        >>> result = read_text("people:\\n  - id: ann\\n")
        >>> result.document.people[0].id, result.warnings
        ('ann', ())
    """
    src = parse(source, format=format, filename=filename, limits=limits)
    if not isinstance(src.data, dict):
        raise InputError(
            [
                Diagnostic(
                    "error",
                    f"the file holds {describe(src.data)}; {_TOP_LEVEL}",
                    src.locate(()),
                    "not-a-mapping",
                )
            ]
        )
    check_limits(src, limits)
    try:
        document = Document.model_validate(src.data)
    except ValidationError as exc:
        raise InputError(_in_order(_explain(exc.errors(include_url=False), src))) from None
    found = [_located(d, src) for d in check_document(document)]
    if any(d.severity == "error" for d in found):
        raise InputError(_in_order(found))
    return LoadResult(document, tuple(_in_order(found)))


def read_file(
    path: str | os.PathLike[str], *, format: Format | None = None, limits: Limits | None = None
) -> LoadResult:
    """Like :func:`read_text`, reading the file at ``path``.

    Raises:
        InputError: Also when the file cannot be read ("cannot read FILE: No such file or
            directory") or is larger than ``limits.max_bytes``.
    """
    limits = limits or Limits()
    data = read_bytes(path, limits)
    return read_text(data, format=format, filename=os.fspath(path), limits=limits)


def read_bytes(path: str | os.PathLike[str], limits: Limits) -> bytes:
    """The file's bytes, at most one past ``limits.max_bytes`` (so an oversized file is
    refused without reading it all); InputError "cannot read FILE: reason" when unreadable."""
    name = os.fspath(path)
    try:
        with Path(path).open("rb") as stream:
            return stream.read(limits.max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InputError(
            [Diagnostic("error", f"cannot read {name}: {reason}", Location(name), "unreadable")]
        ) from None


def loads(
    source: str | bytes,
    *,
    format: Format | None = None,
    filename: str | None = None,
    limits: Limits | None = None,
) -> Document:
    """Parse and validate a document from text; see :func:`read_text`.

    Raises:
        InputError: With every error found.
    """
    return read_text(source, format=format, filename=filename, limits=limits).document


def load_file(
    path: str | os.PathLike[str], *, format: Format | None = None, limits: Limits | None = None
) -> Document:
    """Parse and validate the document in a file; see :func:`read_file`.

    Raises:
        InputError: With every error found, or when the file cannot be read.
    """
    return read_file(path, format=format, limits=limits).document


def _located(diagnostic: Diagnostic, src: Source) -> Diagnostic:
    return dataclasses.replace(diagnostic, location=src.locate(diagnostic.location.path))


def _in_order(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    # By line, so the report reads top to bottom; the sort is stable for ties.
    return sorted(diagnostics, key=lambda d: (d.location.line or 0, d.location.column or 0))


# Pydantic error types -> what was expected, in words.
_EXPECTED: Final[dict[str, str]] = {
    "model_type": "a mapping (name: value lines)",
    "dict_type": "a mapping (name: value lines)",
    "model_attributes_type": "a mapping (name: value lines)",
    "tuple_type": "a list",
    "list_type": "a list",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_too_short": "non-empty text",
}
_BOUNDS: Final = (("ge", "at least"), ("gt", "more than"), ("le", "at most"), ("lt", "less than"))
_PATTERNS: Final = (
    (
        "[A-Za-z0-9_.",
        "an id of letters, digits, '_', '.' and '-' starting with a letter, digit or '_'",
    ),
    ("#[0-9a-fA-F]{6}", "a colour like '#1f77b4'"),
    ("[a-z0-9_]+", "a key of lowercase letters, digits and '_'"),
)


def describe(value: Any) -> str:
    """Name a value for a message: ``'abc'``, ``the number 3``, ``a list``, ..."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:37]}...'"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return type(value).__name__


def _data_path(data: Any, loc: tuple[int | str, ...], missing: bool) -> FieldPath:
    """Pydantic's error location as a path in the input, without its internal union tags."""
    path: list[int | str] = []
    for i, part in enumerate(loc):
        found = isinstance(data, dict) and part in data
        if found or (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            data = data[part]
        elif not (missing and i == len(loc) - 1):
            continue  # e.g. 'constrained-int' or "literal['n']": not a place in the file
        path.append(part)
    return tuple(path)


def _model_at(path: FieldPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path``, following field annotations."""
    annotation: Any = Document
    for part in path:
        model = _find_model(annotation)
        if isinstance(part, str):
            if model is None or part not in model.model_fields:
                return None
            annotation = model.model_fields[part].annotation
    return _find_model(annotation)


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_find_model, get_args(annotation))), None)


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _expected(error: ErrorDetails) -> str | None:
    """What a wrong value should have been, in words; None when a full message fits better."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "model_type" and ctx.get("class_name") == "ChildLink":
        return "a person id or a mapping with 'person'"
    if kind in _EXPECTED:
        return _EXPECTED[kind]
    if kind in ("enum", "literal_error"):
        values = re.findall(r"'([^']*)'", str(ctx["expected"]))
        if len(values) == 1:
            return f"'{values[0]}'"
        return "one of: " + ", ".join(values) if values else str(ctx["expected"])
    for key, words in _BOUNDS:
        if key in ctx:
            return f"a number {words} {ctx[key]}"
    if kind == "string_too_long":
        return f"text of at most {ctx['max_length']} characters"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx["pattern"])
        return next((w for key, w in _PATTERNS if key in pattern), f"text matching {pattern}")
    if kind in ("too_short", "too_long"):
        count = ctx["min_length"] if kind == "too_short" else ctx["max_length"]
        bound = "at least" if kind == "too_short" else "at most"
        return f"a list of {bound} {count} item{'s' if count != 1 else ''}"
    return None


def _message(errors: list[ErrorDetails], path: FieldPath) -> str:
    """One plain message for the errors pydantic reports at one place."""
    first = errors[0]
    kind, value = first["type"], first["input"]
    if kind == "missing":
        return f"missing required field '{first['loc'][-1]}'"
    if kind == "extra_forbidden":
        name = str(path[-1])
        model = _model_at(path[:-1])
        allowed = list(model.model_fields) if model else []
        listed = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"unknown field '{name}'{_suggest(name, allowed)}{listed}"
    expected = [e for e in map(_expected, errors) if e]
    if not expected:
        return str(first["msg"]).removeprefix("Value error, ")
    got = describe(value)
    if kind in ("too_short", "too_long") and isinstance(value, list):
        got = f"{len(value)}"
    hint = ""
    if isinstance(value, str) and kind in ("enum", "literal_error"):
        hint = _suggest(value, re.findall(r"'([^']*)'", str(first.get("ctx", {}).get("expected"))))
    elif kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        hint = f" (write it in quotes: '{value}')"
    return f"expected {' or '.join(dict.fromkeys(expected))}; got {got}{hint}"


def _explain(errors: list[ErrorDetails], src: Source) -> list[Diagnostic]:
    """Turn pydantic's errors into located, plain-language diagnostics."""
    grouped: dict[FieldPath, list[ErrorDetails]] = {}
    for error in errors:
        missing = error["type"] == "missing"
        path = _data_path(src.data, error["loc"], missing)
        # A missing field is reported at its parent, the mapping that lacks it.
        grouped.setdefault(path[:-1] if missing else path, []).append(error)
    diagnostics = []
    for path, group in grouped.items():
        # One diagnostic per place, except several missing or unknown fields in one mapping.
        singles = [e for e in group if e["type"] in ("missing", "extra_forbidden")]
        others = [e for e in group if e not in singles]
        for part in [[e] for e in singles] + ([others] if others else []):
            code = {"missing": "missing-field", "extra_forbidden": "unknown-field"}.get(
                part[0]["type"], "invalid-value"
            )
            at_value = code == "invalid-value"
            diagnostics.append(
                Diagnostic("error", _message(part, path), src.locate(path, value=at_value), code)
            )
    return diagnostics


def to_data(document: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data, leaving out every field left at its default."""
    data = document.model_dump(mode="json", exclude_defaults=True)
    return {"version": document.version, **data}


class _Dumper(yaml.SafeDumper):
    """Block-style YAML with list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line notes read best as '|' blocks.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, "|" if "\n" in value else None)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    # Lists of plain values (partners, members) fit on one line: [ann, bob].
    flat = all(isinstance(item, str | int | float) and "\n" not in str(item) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def dump_yaml(document: Document) -> str:
    """Write a document as YAML: block style, fields in model order, defaults left out.

    Example:
        >>> print(dump_yaml(loads('{"people": [{"id": "ann", "birth": "1970"}]}')), end="")
        version: 1
        people:
          - id: ann
            birth: '1970'
    """
    return yaml.dump(
        to_data(document),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def dump_json(document: Document) -> str:
    """Write a document as indented JSON, defaults left out, non-ASCII text kept."""
    return json.dumps(to_data(document), indent=2, ensure_ascii=False) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document format, as ``genomap schema`` prints."""
    schema = Document.model_json_schema()
    schema.pop("title", None)
    return {"$schema": SCHEMA_DIALECT, "title": "genomap document", **schema}
