"""Read YAML or JSON text into plain data and the line and column of every field path."""

from __future__ import annotations

import codecs
import json
import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Final, Literal

import yaml

from genomap.errors import Diagnostic, FieldPath, InputError, Location

Format = Literal["yaml", "json"]
Position = tuple[int, int]
"""A 1-based (line, column)."""

EMPTY_MESSAGE: Final = (
    "the file is empty; expected a mapping with 'people' (and optionally 'unions', "
    "'relationships', 'households', 'ecomap')"
)
_EXTENSIONS: Final[dict[str, Format]] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile or broken input from exhausting time or memory.

    Attributes:
        max_bytes: Largest accepted input, in bytes of UTF-8.
        max_depth: Deepest accepted nesting of mappings and lists.
        max_nodes: Most values built, counting every expansion of a YAML alias.
    """

    max_bytes: int = 20_000_000
    max_depth: int = 100
    max_nodes: int = 1_000_000


@dataclass(frozen=True, slots=True)
class Source:
    """Parsed input: plain data plus where each field path sits in the text.

    Attributes:
        data: Dicts, lists and scalars, as ``json.loads`` or ``yaml.safe_load`` would give.
        positions: Field path -> (line, column) of its key (mapping entries), of the item
            (list items), or of the whole document (the empty path).
        value_positions: Field path -> (line, column) where its value starts.
        filename: The name used in diagnostics, if any.
        format: The syntax the text was read as.
    """

    data: Any
    positions: dict[FieldPath, Position] = field(default_factory=dict)
    value_positions: dict[FieldPath, Position] = field(default_factory=dict)
    filename: str | None = None
    format: Format = "yaml"

    def locate(self, path: FieldPath, *, value: bool = False) -> Location:
        """The location of ``path``, or of its longest prefix found in the text.

        Args:
            path: A field path such as ``("people", 3, "birth")``.
            value: Prefer where the value starts over where its key is.
        """
        found = self.value_positions.get(path) if value else None
        for end in range(len(path), -1, -1):
            found = found or self.positions.get(path[:end])
        line, column = found or (None, None)
        return Location(self.filename, line, column, path)


def _fail(
    message: str,
    filename: str | None,
    line: int | None = None,
    column: int | None = None,
    code: str = "syntax",
    path: FieldPath = (),
) -> InputError:
    return InputError([Diagnostic("error", message, Location(filename, line, column, path), code)])


def decode(data: bytes, filename: str | None = None) -> str:
    """Decode UTF-8 bytes (dropping a byte-order mark); raise InputError naming a bad byte."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail(
            "not UTF-8 text: the file is UTF-16; save it as UTF-8", filename, 1, 1, "encoding"
        )
    nul = data.find(b"\x00")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start if nul < 0 else min(nul, exc.start)
    else:
        if nul < 0:
            return text
        bad = nul
    line = data.count(b"\n", 0, bad) + 1
    column = bad - (data.rfind(b"\n", 0, bad) + 1) + 1
    what = "a NUL byte" if bad == nul else f"byte 0x{data[bad]:02x}"
    raise _fail(
        f"not UTF-8 text: {what} at line {line} (byte offset {bad}); is this a binary file?",
        filename,
        line,
        column,
        "encoding",
    )


def detect_format(text: str, filename: str | None = None) -> Format:
    """The syntax of a text: by the file extension, else JSON if it starts with '{' or '['."""
    if filename:
        suffix = PurePath(filename).suffix.lower()
        if suffix in _EXTENSIONS:
            return _EXTENSIONS[suffix]
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def parse(
    source: str | bytes,
    *,
    format: Format | None = None,
    filename: str | None = None,
    limits: Limits | None = None,
) -> Source:
    """Parse YAML or JSON text into a :class:`Source`.

    Args:
        source: The text, or its UTF-8 bytes.
        format: ``"yaml"`` or ``"json"``; by default from ``filename``'s extension or the text.
        filename: The name to show in diagnostics.
        limits: Size, depth and node-count bounds; :class:`Limits` defaults if omitted.

    Raises:
        InputError: The text is not valid, is empty, or exceeds a limit.

    Example:
        >>> src = parse("people:\\n  - id: ann\\n")
        >>> src.data, src.positions[("people", 0, "id")]
        ({'people': [{'id': 'ann'}]}, (2, 5))
    """
    limits = limits or Limits()
    size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace"))
    if size > limits.max_bytes:
        raise _fail(
            f"the input is {size:,} bytes, more than the limit of {limits.max_bytes:,}",
            filename,
            code="too-large",
        )
    text = decode(source, filename) if isinstance(source, bytes) else source.removeprefix("\ufeff")
    if isinstance(source, str) and "\x00" in text:
        raise _fail(
            "not UTF-8 text: it contains a NUL character; is this a binary file?",
            filename,
            text.count("\n", 0, text.index("\x00")) + 1,
            None,
            "encoding",
        )
    if not text.strip():
        raise _fail(EMPTY_MESSAGE, filename, code="empty")
    fmt = format or detect_format(text, filename)
    reader = _JsonReader if fmt == "json" else _YamlReader
    return reader(text, filename, limits, fmt).read()


class _Reader:
    """State shared by the YAML and JSON readers: limits, positions and collected errors."""

    def __init__(self, text: str, filename: str | None, limits: Limits, fmt: Format) -> None:
        self.text = text
        self.filename = filename
        self.limits = limits
        self.format: Format = fmt
        self.nodes = 0
        self.depth = 0
        self.positions: dict[FieldPath, Position] = {}
        self.value_positions: dict[FieldPath, Position] = {}
        self.errors: list[Diagnostic] = []

    def read(self) -> Source:
        data = self.parse()
        if self.errors:
            raise InputError(self.errors)
        return Source(data, self.positions, self.value_positions, self.filename, self.format)

    def parse(self) -> Any:
        raise NotImplementedError

    def fail(
        self, message: str, where: Position | None, code: str | None = None, path: FieldPath = ()
    ) -> InputError:
        line, column = where or (None, None)
        return _fail(message, self.filename, line, column, code or f"{self.format}-syntax", path)

    def count(self, where: Position) -> None:
        """Count one built value against the limit (aliases count each time they expand)."""
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.too_many(where)

    def too_many(self, where: Position) -> InputError:
        return self.fail(
            f"the input has or expands to more than {self.limits.max_nodes:,} values "
            "(too many, or too deeply nested aliases?)",
            where,
            "too-many-nodes",
        )

    def visit(self, path: FieldPath, where: Position) -> None:
        """Count one built value and remember where it starts."""
        self.count(where)
        self.value_positions.setdefault(path, where)
        self.positions.setdefault(path, where)

    def too_deep(self, where: Position) -> InputError:
        return self.fail(
            f"the input is nested more than {self.limits.max_depth} levels deep", where, "too-deep"
        )

    @contextmanager
    def nested(self, where: Position) -> Iterator[None]:
        """Enter a mapping or list, failing past the depth limit."""
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise self.too_deep(where)
        try:
            yield
        finally:
            self.depth -= 1

    def duplicate(self, key: str, path: FieldPath, where: Position, first: Position) -> None:
        """Record a key that appears twice in one mapping (both parsers would keep only one)."""
        self.errors.append(
            Diagnostic(
                "error",
                f"duplicate key '{key}': it is already set on line {first[0]}; a key may "
                "appear only once in a mapping",
                Location(self.filename, where[0], where[1], path),
                "duplicate-key",
            )
        )


_MAP_TAG: Final = "tag:yaml.org,2002:map"
_SEQ_TAG: Final = "tag:yaml.org,2002:seq"
_MERGE_TAG: Final = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG: Final = "tag:yaml.org,2002:timestamp"

# PyYAML's problem texts, reworded for people who do not know YAML's grammar.
_YAML_PROBLEMS: Final = (
    (
        "mapping values are not allowed",
        "a ':' is not allowed here (put text that contains ': ' "
        "in quotes, or check the indentation)",
    ),
    ("'\\t' that cannot start", "a tab character here; indent YAML with spaces, not tabs"),
    (
        "could not find expected ':'",
        "expected 'key: value' (is a ':' missing, or a quote not closed?)",
    ),
    ("expected <block end>", "this line's indentation does not match the lines above it"),
    (
        "undefined alias",
        "an alias '*name' refers to an anchor '&name' that is not defined before it",
    ),
    ("could not determine a constructor", "an unknown '!' tag; genomap files use plain values"),
    ("unexpected end of stream", "the file ends too early"),
)
_YAML_CONTEXTS: Final = (
    ("quoted scalar", "quoted text"),
    ("plain scalar", "value"),
    ("block scalar", "block text"),
    ("flow sequence", "[...] list"),
    ("flow mapping", "{...} mapping"),
    ("block mapping", "mapping"),
    ("block collection", "list or mapping"),
    ("simple key", "key"),
)


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class _SafeComposer(yaml.SafeLoader):
    """A SafeLoader whose recursive composer stops at the depth limit instead of overflowing."""

    def __init__(self, text: str, reader: _Reader) -> None:
        super().__init__(text)
        self.reader = reader
        self.compose_depth = 0
        self.composed = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.compose_depth += 1
        self.composed += 1  # the node tree of a huge file would exhaust memory before building
        event = self.peek_event()  # type: ignore[no-untyped-call]
        where = (event.start_mark.line + 1, event.start_mark.column + 1)
        try:
            if self.composed > self.reader.limits.max_nodes:
                raise self.reader.too_many(where)
            collection = isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent)
            if collection and self.compose_depth > self.reader.limits.max_depth:
                raise self.reader.too_deep(where)
            return super().compose_node(parent, index)
        finally:
            self.compose_depth -= 1


class _YamlReader(_Reader):
    """Builds plain data from PyYAML's node tree, recording every node's position."""

    loader: _SafeComposer

    def parse(self) -> Any:
        try:
            self.loader = _SafeComposer(self.text, self)
            node = self.loader.get_single_node()
            if node is None:
                raise self.fail(EMPTY_MESSAGE, None, "empty")
            self.check_expansion(node)
            return self.build(node, ())
        except yaml.YAMLError as exc:
            raise self.syntax_error(exc) from None
        finally:
            if hasattr(self, "loader"):
                self.loader.dispose()

    def check_expansion(self, root: yaml.Node) -> None:
        """Refuse a node tree whose aliases would expand past the node limit, before building
        any of it: a billion-laughs file is refused at once instead of after a million values.

        Sizes are counted once per distinct node (an alias is the node it names), so this takes
        time in proportion to the text. A node that contains itself counts as empty here; the
        depth limit stops it while building.
        """
        sizes: dict[int, int] = {}  # id(node) -> expanded size; -1 while inside it
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            children = _children(node)
            if leaving:
                size = 1 + sum(max(sizes[id(child)], 0) for child in children)
                if size > self.limits.max_nodes:
                    raise self.too_many(_mark(node))
                sizes[id(node)] = size
            elif id(node) not in sizes:
                sizes[id(node)] = -1
                stack.append((node, True))
                stack.extend((child, False) for child in children if id(child) not in sizes)

    def syntax_error(self, exc: yaml.YAMLError) -> InputError:
        if isinstance(exc, yaml.reader.ReaderError):
            line = self.text.count("\n", 0, exc.position) + 1
            column = exc.position - (self.text.rfind("\n", 0, exc.position) + 1) + 1
            return self.fail(
                f"invalid YAML: character #x{exc.character:04x} is not allowed in YAML text",
                (line, column),
            )
        if not isinstance(exc, yaml.MarkedYAMLError):
            return self.fail(f"invalid YAML: {exc}", None)
        problem = exc.problem or exc.context or "unreadable"
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else None
        if "another document" in problem:
            return self.fail(
                "the file holds more than one YAML document (a '---' line starts a "
                "new one); a genomap file holds exactly one",
                where,
            )
        message = next((plain for key, plain in _YAML_PROBLEMS if key in problem), problem)
        if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            what = exc.context.replace("while scanning ", "").replace("while parsing ", "")
            what = next((plain for key, plain in _YAML_CONTEXTS if key in what), what)
            message += f" (in the {what} that starts on line {exc.context_mark.line + 1})"
        return self.fail(f"invalid YAML: {message}", where)

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        where = _mark(node)
        self.visit(path, where)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if node.tag not in (_MAP_TAG, _SEQ_TAG):
            raise self.fail(
                f"unsupported tag '{node.tag}'; use a plain mapping or list", where, path=path
            )
        with self.nested(where):
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            return self.build_mapping(node, path)

    def scalar(self, node: yaml.Node, path: FieldPath) -> Any:
        try:
            return self.loader.construct_object(node)
        except yaml.YAMLError:
            raise
        except Exception:  # PyYAML's constructors raise ValueError, KeyError, ... on bad text
            if node.tag != _TIMESTAMP_TAG:
                kind = node.tag.rsplit(":", 1)[-1]
                raise self.fail(
                    f"invalid YAML: cannot read '{node.value}' as {kind}", _mark(node), path=path
                ) from None
            # A date-like value such as 2020-02-30 stays text, for the date checks to explain.
            self.loader.recursive_objects.pop(node, None)
            self.loader.constructed_objects[node] = str(node.value)
            return str(node.value)

    def build_mapping(self, node: yaml.Node, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Position] = {}
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self.merge_entries(value_node, path))
                continue
            key, where = self.key(key_node, path), _mark(key_node)
            if key in first:
                self.duplicate(key, (*path, key), where, first[key])
                continue
            first[key] = where
            self.positions.setdefault((*path, key), where)
            result[key] = self.build(value_node, (*path, key))
        # "<<: *defaults" fills in keys the mapping does not set itself; the first merge wins.
        for key_node, value_node in merged:
            key = self.key(key_node, path)
            if key not in result:
                self.positions.setdefault((*path, key), _mark(key_node))
                result[key] = self.build(value_node, (*path, key))
        return result

    def merge_entries(self, node: yaml.Node, path: FieldPath) -> list[tuple[yaml.Node, yaml.Node]]:
        entries: list[tuple[yaml.Node, yaml.Node]] = []
        for source in node.value if isinstance(node, yaml.SequenceNode) else [node]:
            if not isinstance(source, yaml.MappingNode):
                raise self.fail(
                    "'<<' (merge) must be followed by a mapping or a list of mappings",
                    _mark(source),
                    path=path,
                )
            with self.nested(_mark(source)):
                for key_node, value_node in source.value:
                    self.count(_mark(key_node))
                    if key_node.tag == _MERGE_TAG:
                        entries.extend(self.merge_entries(value_node, path))
                    else:
                        entries.append((key_node, value_node))
        return entries

    def key(self, node: yaml.Node, path: FieldPath) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(
                "a key must be a plain name, not a list or mapping", _mark(node), path=path
            )
        # The text as written: 'yes:' stays "yes" rather than becoming True.
        return str(node.value)


_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")
_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_TOKEN: Final = re.compile(r"[A-Za-z0-9_+\-.]+|\S")
_LITERALS: Final[tuple[tuple[str, Any], ...]] = (("true", True), ("false", False), ("null", None))
_scanstring: Final[Any] = json.decoder.scanstring  # type: ignore[attr-defined]
_STRING_PROBLEMS: Final = (
    ("Unterminated", "text in double quotes is not closed"),
    (
        "Invalid control",
        "a line break or control character inside text in double quotes "
        "(write a line break as \\n)",
    ),
    ("Invalid \\u", "an invalid \\uXXXX escape"),
    (
        "Invalid \\escape",
        "an invalid escape after '\\' (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
    ),
)


class _JsonReader(_Reader):
    """A recursive-descent JSON parser that records the position of every key and value."""

    pos = 0

    def parse(self) -> Any:
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        data = self.value(())
        self.skip()
        if self.pos < len(self.text):
            raise self.error(f"unexpected {self.found()} after the end of the JSON document")
        return data

    def where(self, offset: int) -> Position:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def error(self, message: str, offset: int | None = None) -> InputError:
        where = self.where(self.pos if offset is None else offset)
        return self.fail(f"invalid JSON: {message}", where)

    def skip(self) -> None:
        match = _WHITESPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def found(self) -> str:
        token = _TOKEN.match(self.text, self.pos)
        if token is None:
            return "the end of the file"
        return f'"{token.group()}"' if token.group() == "'" else f"'{token.group()[:20]}'"

    def value(self, path: FieldPath) -> Any:
        self.skip()
        start = self.pos
        self.visit(path, self.where(start))
        char = self.text[start : start + 1]
        if char in ("{", "["):
            with self.nested(self.where(start)):
                return self.object(path) if char == "{" else self.array(path)
        if char == '"':
            return self.string()
        number = _NUMBER.match(self.text, start)
        if number:
            return self.number(number)
        for word, literal in _LITERALS:
            if self.text.startswith(word, start):
                self.pos += len(word)
                return literal
        found = self.found()
        hint = {
            "'NaN'": " (NaN is not allowed)",
            "'Infinity'": " (Infinity is not allowed)",
            "'-Infinity'": " (Infinity is not allowed)",
            '"\'"': " (JSON text needs double quotes)",
        }
        raise self.error(
            f"expected a value (text in double quotes, a number, true, false, null, "
            f"an object or a list), found {found}{hint.get(found, '')}"
        )

    def string(self) -> str:
        try:
            text, self.pos = _scanstring(self.text, self.pos + 1, True)
        except json.JSONDecodeError as exc:
            problem = next((p for k, p in _STRING_PROBLEMS if exc.msg.startswith(k)), exc.msg)
            raise self.error(problem, exc.pos) from None
        return str(text)

    def number(self, match: re.Match[str]) -> int | float:
        self.pos = match.end()
        if match.group(1) or match.group(2):
            value = float(match.group())
            if not math.isfinite(value):
                raise self.error("the number is too large", match.start())
            return value
        try:
            return int(match.group())
        except ValueError:  # Python refuses to convert thousands of digits
            raise self.error("the number has too many digits", match.start()) from None

    def separator(self, close: str, after: str) -> bool:
        """Consume ',' (True: another item follows) or the closing bracket (False)."""
        self.skip()
        char = self.text[self.pos : self.pos + 1]
        if char == close:
            self.pos += 1
            return False
        if char != ",":
            raise self.error(f"expected ',' or '{close}' after {after}, found {self.found()}")
        self.pos += 1
        self.skip()
        if self.text.startswith(close, self.pos):
            raise self.error(f"a comma before '{close}' is not allowed in JSON")
        return True

    def object(self, path: FieldPath) -> dict[str, Any]:
        self.pos += 1
        result: dict[str, Any] = {}
        first: dict[str, Position] = {}
        self.skip()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return result
        while True:
            self.skip()
            if not self.text.startswith('"', self.pos):
                raise self.error(f"expected a key in double quotes, found {self.found()}")
            where = self.where(self.pos)
            key = self.string()
            self.skip()
            if not self.text.startswith(":", self.pos):
                raise self.error(f"expected ':' after the key \"{key}\", found {self.found()}")
            self.pos += 1
            if key in first:
                self.duplicate(key, (*path, key), where, first[key])
                self.value((*path, key))
            else:
                first[key] = where
                self.positions.setdefault((*path, key), where)
                result[key] = self.value((*path, key))
            if not self.separator("}", f'the value of "{key}"'):
                return result

    def array(self, path: FieldPath) -> list[Any]:
        self.pos += 1
        result: list[Any] = []
        self.skip()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return result
        while True:
            result.append(self.value((*path, len(result))))
            if not self.separator("]", "a list item"):
                return result
