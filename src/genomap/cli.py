"""The ``genomap`` command line: one function pair (arguments, run) per subcommand."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from genomap import __version__, cli_interchange, cli_render
from genomap.errors import Diagnostic, InputError
from genomap.io import LoadResult, json_schema
from genomap.layout import GenogramLayout, layout_genogram
from genomap.metrics import measure
from genomap.models import Document, Preset
from genomap.style import style_for

EXIT_OK: Final = 0
EXIT_INPUT: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERNAL: Final = 3

EPILOG: Final = """\
exit status:
  0  success
  1  invalid input (errors, or warnings with --strict), or a file that cannot be read or written
  2  usage error: unknown command or bad arguments
  3  internal error: a bug in genomap (set GENOMAP_DEBUG=1 to see the traceback)
"""


@dataclass(frozen=True, slots=True)
class Command:
    """A subcommand: its name, help texts, how it declares arguments, and what it runs.

    Adding a subcommand means writing an ``add_arguments`` and a ``run`` function and listing a
    ``Command`` in :data:`COMMANDS`.
    """

    name: str
    summary: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _print(text: str = "", *, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout)


def _load(name: str, source_format: str | None = None) -> LoadResult:
    """Read a document (genomap YAML/JSON, GEDCOM or PED) from a path, or stdin for '-'."""
    return cli_interchange.load_input(name, source_format)  # type: ignore[arg-type]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _counts(document: Document) -> dict[str, int]:
    counts = {
        "people": len(document.people),
        "unions": len(document.unions),
        "relationships": len(document.relationships),
        "households": len(document.households),
        "multiple_births": len(document.multiple_births),
    }
    if document.ecomap is not None:
        counts["systems"] = len(document.ecomap.systems)
        counts["connections"] = len(document.ecomap.connections)
    return counts


def _summary(document: Document) -> str:
    counts = _counts(document)
    words = {"people": ("person", "people"), "multiple_births": ("multiple birth", None)}
    parts = [
        _plural(count, *words.get(key, (key[:-1], None)))
        for key, count in counts.items()
        if count or key in ("people", "unions")
    ]
    return ", ".join(parts)


def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a genomap document (.yaml, .yml or .json); '-' reads standard input",
    )
    parser.add_argument(
        "--json", action="store_true", help="print a JSON report instead of text lines"
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    cli_interchange.add_from_argument(parser)


def _run_validate(args: argparse.Namespace) -> int:
    files: list[dict[str, Any]] = []
    failed = False
    for name in args.inputs:
        shown = "<stdin>" if name == "-" else name
        document: Document | None = None
        try:
            result = _load(name, args.source_format)
            document, diagnostics = result.document, result.warnings
        except InputError as exc:
            diagnostics = exc.diagnostics
        errors = sum(d.severity == "error" for d in diagnostics)
        ok = document is not None and not (args.strict and diagnostics)
        failed = failed or not ok
        files.append(
            {
                "file": shown,
                "ok": ok,
                "errors": errors,
                "warnings": len(diagnostics) - errors,
                "counts": _counts(document) if document is not None else None,
                "diagnostics": [d.to_dict() for d in diagnostics],
            }
        )
        if not args.json:
            _report(shown, document, diagnostics, ok)
    if args.json:
        _print(json.dumps({"ok": not failed, "files": files}, indent=2, ensure_ascii=False))
    return EXIT_INPUT if failed else EXIT_OK


def _report(
    name: str, document: Document | None, diagnostics: Sequence[Diagnostic], ok: bool
) -> None:
    for diagnostic in diagnostics:
        _print(str(diagnostic))
    if document is None:
        return
    if ok:
        warned = f"; {_plural(len(diagnostics), 'warning')}" if diagnostics else ""
        _print(f"{name}: ok ({_summary(document)}{warned})")
    else:
        _print(f"{name}: failed: {_plural(len(diagnostics), 'warning')} with --strict")


def _schema_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the schema to FILE instead of standard output"
    )


def _run_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        _print(f"genomap: cannot write {args.output}: {exc.strerror or exc}", error=True)
        return EXIT_INPUT
    return EXIT_OK


def _layout_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that lays a genogram out."""
    parser.add_argument(
        "--preset",
        choices=[p.value for p in Preset],
        help="drawing conventions (default: the document's preset, else mcgoldrick)",
    )
    parser.add_argument(
        "--focus", metavar="PERSON", help="draw only the family around this person id"
    )
    parser.add_argument(
        "--generations",
        type=int,
        default=2,
        metavar="N",
        help="with --focus: generations up and down to include (default 2)",
    )
    parser.add_argument(
        "--loops",
        choices=["connect", "duplicate"],
        default="connect",
        help="blood-relative unions: partners side by side with long lines (connect, default) "
        "or one partner drawn twice, marked with matching letters (duplicate)",
    )


def _stats_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input", metavar="INPUT", help="a genomap, GEDCOM or PED file; '-' reads stdin"
    )
    cli_interchange.add_from_argument(parser)
    _layout_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")


def _layout_for(args: argparse.Namespace, document: Document) -> GenogramLayout | None:
    """Lay the document out as the options say; None (after a message) for a bad --focus."""
    style = style_for(args.preset or document.preset).replace(loops=args.loops)
    if args.focus is not None and args.focus not in {p.id for p in document.people}:
        _print(f"genomap: --focus: no person with id {args.focus!r}", error=True)
        return None
    if args.generations < 0:
        _print("genomap: --generations must be 0 or more", error=True)
        return None
    return layout_genogram(document, style, focus=args.focus, generations=args.generations)


def _run_stats(args: argparse.Namespace) -> int:
    try:
        result = _load(args.input, args.source_format)
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            _print(str(diagnostic), error=True)
        return EXIT_INPUT
    layout = _layout_for(args, result.document)
    if layout is None:
        return EXIT_INPUT
    metrics: dict[str, Any] = dict(measure(layout, result.document).to_dict())
    ecomap: dict[str, Any] | None = None
    if result.document.ecomap is not None:
        from genomap.api_ecomap import layout_ecomap  # eco-maps load only when present
        from genomap.ecomap_metrics import measure_ecomap

        style = style_for(args.preset or result.document.preset)
        ecomap_layout = layout_ecomap(result.document, style)
        ecomap = dict(measure_ecomap(ecomap_layout, result.document).to_dict())
    if args.json:
        _print(json.dumps({**metrics, "ecomap": ecomap} if ecomap else metrics, indent=2))
        return EXIT_OK
    sections = [("genogram", metrics)] + ([("eco-map", ecomap)] if ecomap else [])
    for title, values in sections:
        if len(sections) > 1:
            _print(f"{title}:")
        width = max(len(k) for k in values)
        for key, value in values.items():
            _print(f"{key.replace('_', ' '):<{width}}  {value}")
    return EXIT_OK


COMMANDS: Final[tuple[Command, ...]] = (
    Command(
        "validate",
        "check documents and report every problem with its line",
        "Check genomap documents: syntax, fields and values, and family logic (unknown ids,\n"
        "impossible dates, ...). Each problem is printed as FILE:LINE:COLUMN: SEVERITY: PATH:\n"
        "MESSAGE; a valid file prints 'FILE: ok (...)'.\n\n"
        "example:\n  genomap validate family.yaml\n  genomap validate --strict --json *.yaml",
        _validate_arguments,
        _run_validate,
    ),
    Command(
        "schema",
        "print the JSON Schema of the document format",
        "Print the JSON Schema (draft 2020-12) of genomap documents, for editors and other\n"
        "tools.\n\nexample:\n  genomap schema -o genomap.schema.json",
        _schema_arguments,
        _run_schema,
    ),
    Command(
        "stats",
        "lay a genogram out and print its quality metrics",
        "Lay out the genogram of a document and print its quality metrics: people drawn,\n"
        "line crossings, overlaps, lines through symbols, split couples, birth-order\n"
        "inversions, generation misalignments, size and layout time. A document with an\n"
        "eco-map also gets eco-map metrics: circle and label overlaps, line crossings,\n"
        "lines through circles.\n\n"
        "example:\n  genomap stats family.yaml --json",
        _stats_arguments,
        _run_stats,
    ),
    Command(*cli_render.COMMAND),
    Command(*cli_interchange.COMMAND),
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="genomap",
        description="Genograms and eco-maps for systemic practice: YAML in, SVG out.\n\n"
        "example:\n  genomap validate family.yaml",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"genomap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.summary,
            description=command.description,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status (see ``genomap --help``).

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` when None.
    """
    for stream in (sys.stdout, sys.stderr):
        # A name a terminal cannot show must not crash the report.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("GENOMAP_DEBUG") == "1":
            raise
        _print(
            f"genomap: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in genomap. Please report it with the command and input that "
            "caused it (GENOMAP_DEBUG=1 shows the traceback).",
            error=True,
        )
        return EXIT_INTERNAL
