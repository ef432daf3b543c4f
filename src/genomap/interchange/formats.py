"""Read any supported file into a document, and write a document in any supported format.

Input formats: genomap's own YAML and JSON, GEDCOM 5.5.1 and 7.0, and PED / ``.fam``
pedigrees, picked by extension (``.yaml``, ``.yml``, ``.json``, ``.ged``, ``.gedcom``,
``.ped``, ``.fam``) unless given. Output formats: YAML, JSON, GEDCOM 5.5.1 and Graphviz DOT
(``.yaml``, ``.yml``, ``.json``, ``.ged``, ``.gedcom``, ``.dot``, ``.gv``).
"""

from __future__ import annotations

import codecs
import os
from pathlib import PurePath
from typing import Final, Literal, get_args

from genomap.errors import Diagnostic, InputError, Location
from genomap.graph import build_graph, subdocument
from genomap.interchange.dot import write_dot
from genomap.interchange.gedcom_read import read_gedcom
from genomap.interchange.gedcom_write import write_gedcom
from genomap.interchange.ped import read_ped
from genomap.io import LoadResult, dump_json, dump_yaml, read_bytes, read_text
from genomap.models import Document
from genomap.sources import Limits, detect_format

SourceFormat = Literal["yaml", "json", "gedcom", "ped"]
OutputFormat = Literal["yaml", "json", "gedcom", "dot"]
SOURCE_FORMATS: Final[tuple[SourceFormat, ...]] = get_args(SourceFormat)
OUTPUT_FORMATS: Final[tuple[OutputFormat, ...]] = get_args(OutputFormat)

SOURCE_EXTENSIONS: Final[dict[str, SourceFormat]] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".ged": "gedcom",
    ".gedcom": "gedcom",
    ".ped": "ped",
    ".fam": "ped",
}
"""File extensions (lower case) and the input format they mean."""

OUTPUT_EXTENSIONS: Final[dict[str, OutputFormat]] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".ged": "gedcom",
    ".gedcom": "gedcom",
    ".dot": "dot",
    ".gv": "dot",
}
"""File extensions (lower case) and the output format they mean."""


def source_format_of(filename: str | os.PathLike[str] | None) -> SourceFormat | None:
    """The input format a file name's extension says, if it is one genomap knows."""
    if filename is None:
        return None
    return SOURCE_EXTENSIONS.get(PurePath(filename).suffix.lower())


def output_format_of(filename: str | os.PathLike[str] | None) -> OutputFormat | None:
    """The output format a file name's extension says, if it is one genomap writes."""
    if filename is None:
        return None
    return OUTPUT_EXTENSIONS.get(PurePath(filename).suffix.lower())


def _is_path(value: str | bytes | os.PathLike[str]) -> bool:
    if isinstance(value, os.PathLike):
        return True
    # A one-line string ending in a known extension names a file; anything else is content.
    return isinstance(value, str) and "\n" not in value and source_format_of(value) is not None


def _read_bytes(path: str | os.PathLike[str], limits: Limits) -> bytes:
    name = os.fspath(path)
    data = read_bytes(path, limits)
    if len(data) > limits.max_bytes:
        raise InputError(
            [
                Diagnostic(
                    "error",
                    f"the file is more than the limit of {limits.max_bytes:,} bytes",
                    Location(name),
                    "too-large",
                )
            ]
        )
    return data


def _sniff(data: str | bytes) -> SourceFormat:
    """GEDCOM when the text opens with ``0 HEAD``, else YAML or JSON as genomap.io decides."""
    head = data[:4096]
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    text = text.removeprefix(codecs.BOM_UTF8.decode("utf-8")).lstrip()
    if text.startswith("0 HEAD"):
        return "gedcom"
    return detect_format(text)


def read_any(
    path_or_text: str | bytes | os.PathLike[str],
    *,
    source_format: SourceFormat | None = None,
    filename: str | None = None,
    limits: Limits | None = None,
) -> LoadResult:
    """Read a genomap, GEDCOM or PED file (or its content) into a valid document.

    Args:
        path_or_text: A path (an ``os.PathLike``, or a one-line string that ends in a known
            extension, such as ``"family.ged"``, or names an existing file), or the content
            as text or bytes.
        source_format: ``"yaml"``, ``"json"``, ``"gedcom"`` or ``"ped"``; by default from the
            extension of the path or ``filename``, else GEDCOM for content that opens with
            ``0 HEAD``, else YAML or JSON.
        filename: The name shown in diagnostics (defaults to the path).
        limits: Input size bounds (and nesting bounds for YAML and JSON).

    Returns:
        The document and its warnings (for GEDCOM: tags skipped, links dropped, dates that
        could not be read; each names its line).

    Raises:
        InputError: The file cannot be read or is not valid; every diagnostic has the file
            and, for a problem in a line, its line number.

    Example:
        >>> result = read_any("0 HEAD\\n0 @I1@ INDI\\n1 NAME Ann /Lee/\\n0 TRLR\\n")
        >>> result.document.people[0].label
        'Ann Lee'
    """
    limits = limits or Limits()
    if _is_path(path_or_text):
        assert not isinstance(path_or_text, bytes)
        filename = filename or os.fspath(path_or_text)
        data: str | bytes = _read_bytes(path_or_text, limits)
    else:
        assert not isinstance(path_or_text, os.PathLike)
        data = path_or_text
    fmt = source_format or source_format_of(filename) or _sniff(data)
    if fmt == "gedcom":
        return read_gedcom(data, filename=filename, limits=limits)
    if fmt == "ped":
        return read_ped(data, filename=filename, limits=limits)
    if fmt not in ("yaml", "json"):
        raise ValueError(f"unknown source format {fmt!r}; expected one of {SOURCE_FORMATS}")
    return read_text(data, format=fmt, filename=filename, limits=limits)


def write_any(document: Document, output_format: OutputFormat) -> str:
    """The document as YAML, JSON, GEDCOM 5.5.1 or DOT text.

    Raises:
        ValueError: For an unknown format.
    """
    if output_format == "yaml":
        return dump_yaml(document)
    if output_format == "json":
        return dump_json(document)
    if output_format == "gedcom":
        return write_gedcom(document)
    if output_format == "dot":
        return write_dot(document)
    raise ValueError(f"unknown output format {output_format!r}; expected one of {OUTPUT_FORMATS}")


def focus(document: Document, person_id: str, generations: int) -> Document:
    """The part of a document a genogram around one person shows.

    That is the person, their ancestors and descendants up to ``generations`` away, and the
    partners and siblings of all of those (:meth:`genomap.graph.FamilyGraph.neighbourhood`).

    Raises:
        KeyError: No person has this id.
        ValueError: ``generations`` is negative.
    """
    if generations < 0:
        raise ValueError("generations must be 0 or more")
    keep = build_graph(document).neighbourhood(person_id, generations)
    return subdocument(document, keep)
