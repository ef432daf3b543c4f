"""The ``genomap convert`` subcommand, and the ``--from`` option other commands can share.

``genomap convert INPUT -o OUTPUT`` reads genomap YAML or JSON, GEDCOM 5.5.1 or 7.0, or a PED
/ ``.fam`` pedigree, and writes YAML, JSON, GEDCOM 5.5.1 or Graphviz DOT, each picked by
extension unless ``--from`` / ``--to`` say otherwise. ``--focus ID --generations N`` keeps only
the family around one person. :mod:`genomap.cli` lists :data:`COMMAND` among its subcommands;
since it imports this module to do so, the helpers shared with it are imported when the
command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

from genomap.errors import InputError
from genomap.interchange import (
    OUTPUT_FORMATS,
    SOURCE_FORMATS,
    SourceFormat,
    focus,
    output_format_of,
    read_any,
    write_any,
)
from genomap.interchange.ids import make_id
from genomap.io import LoadResult
from genomap.models import Document
from genomap.sources import Limits

SUMMARY: Final = "convert between genomap YAML/JSON, GEDCOM, PED and Graphviz DOT"
DESCRIPTION: Final = """\
Read a genomap document (.yaml, .yml, .json), a GEDCOM 5.5.1 or 7.0 file (.ged, .gedcom) or a
PED / PLINK pedigree (.ped, .fam), and write it as genomap YAML or JSON (to add what genealogy
files cannot say: emotional relationships, households, conditions, an eco-map), GEDCOM 5.5.1
(.ged) or Graphviz DOT (.dot, .gv). Formats follow the extensions unless --from / --to say
otherwise. Warnings (tags skipped, links dropped, dates that could not be read) name their
line and go to standard error.

examples:
  genomap convert family.ged -o family.yaml
  genomap convert family.ged -o around-ann.yaml --focus I42 --generations 2
  genomap convert pedigree.fam -o pedigree.json
  genomap convert family.yaml -o family.ged
  genomap convert family.yaml -o - --to dot | dot -Tsvg -o family.svg"""


def add_from_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--from FORMAT``, the input format (stored as ``args.source_format``)."""
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=SOURCE_FORMATS,
        metavar="FORMAT",
        help="input format: yaml, json, gedcom or ped (default: from the file extension; "
        "standard input is read as GEDCOM when it starts with '0 HEAD', else YAML or JSON)",
    )


def load_input(name: str, source_format: SourceFormat | None = None) -> LoadResult:
    """Read a document in any supported format from a path, or from standard input for '-'.

    Raises:
        InputError: The input cannot be read or is not valid.
    """
    if name == "-":
        data = sys.stdin.buffer.read(Limits().max_bytes + 1)
        return read_any(data, source_format=source_format, filename="<stdin>")
    return read_any(Path(name), source_format=source_format, filename=name)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="the file to read; '-' reads standard input")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="the file to write (.yaml, .yml, .json, .ged, .gedcom, .dot, .gv); "
        "'-' writes to standard output (give --to)",
    )
    add_from_argument(parser)
    parser.add_argument(
        "--to",
        choices=OUTPUT_FORMATS,
        metavar="FORMAT",
        help="output format: yaml, json, gedcom or dot (default: from OUTPUT's extension)",
    )
    parser.add_argument(
        "--focus", metavar="PERSON", help="keep only the family around this person id"
    )
    parser.add_argument(
        "--generations",
        type=int,
        default=2,
        metavar="N",
        help="with --focus: generations up and down to keep (default 2)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def _focus_id(document: Document, wanted: str) -> str | None:
    """The person ``--focus`` names: an id, or a GEDCOM xref such as ``@I42@``."""
    ids = {person.id for person in document.people}
    for candidate in (wanted, make_id(wanted)):
        if candidate in ids:
            return candidate
    return None


def _run(args: argparse.Namespace) -> int:
    from genomap.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, _plural, _print, _summary

    output_format = args.to or (None if args.output == "-" else output_format_of(args.output))
    if output_format is None:
        _print(
            f"genomap convert: cannot tell the output format of {args.output!r}; name it "
            ".yaml, .json, .ged or .dot, or give --to",
            error=True,
        )
        return EXIT_USAGE
    try:
        result = load_input(args.input, args.source_format)
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            _print(str(diagnostic), error=True)
        return EXIT_INPUT
    for diagnostic in result.warnings:
        _print(str(diagnostic), error=True)
    if args.strict and result.warnings:
        warned = _plural(len(result.warnings), "warning")
        _print(f"genomap convert: failed: {warned} with --strict", error=True)
        return EXIT_INPUT
    document = result.document
    if args.focus is not None:
        person = _focus_id(document, args.focus)
        if person is None:
            _print(f"genomap convert: --focus: no person with id {args.focus!r}", error=True)
            return EXIT_INPUT
        if args.generations < 0:
            _print("genomap convert: --generations must be 0 or more", error=True)
            return EXIT_USAGE
        document = focus(document, person, args.generations)
    text = write_any(document, output_format)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        _print(f"genomap convert: cannot write {args.output}: {exc.strerror or exc}", error=True)
        return EXIT_INPUT
    warned = f"; {_plural(len(result.warnings), 'warning')}" if result.warnings else ""
    _print(f"{args.output}: wrote {_summary(document)}{warned}")
    return EXIT_OK


COMMAND: Final[
    tuple[
        str,
        str,
        str,
        Callable[[argparse.ArgumentParser], None],
        Callable[[argparse.Namespace], int],
    ]
] = ("convert", SUMMARY, DESCRIPTION, _arguments, _run)
"""The fields of the ``convert`` :class:`genomap.cli.Command`."""
