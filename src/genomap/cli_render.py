"""The ``genomap render`` command: a document to SVG, PNG or PDF files (or standard output).

:mod:`genomap.cli` lists :data:`COMMAND` among its subcommands. It imports this module to do
so, so the helpers this module shares with it (exit codes, reading standard input, the layout
options) are imported from it when the command runs, not at import time.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

from genomap import api
from genomap.compose import ID_PREFIX
from genomap.errors import InputError, RenderError
from genomap.io import LoadResult, read_file, read_text
from genomap.render.pages import PageSetup
from genomap.sources import Limits
from genomap.style import style_for

INTERCHANGE_SUFFIXES: Final = frozenset({".ged", ".gedcom", ".ped", ".fam"})
"""Input file extensions read through :mod:`genomap.interchange.formats`."""

SUMMARY: Final = "draw a document as SVG, PNG or PDF"

DESCRIPTION: Final = """\
Draw the genogram (and the eco-map, if the document has one) of a genomap document. The
output format comes from the -o file name (.svg, .png, .pdf) or --format. PNG and PDF need
CairoSVG: pip install "genomap[png]".

Without -o the drawing is written next to INPUT, with the format's extension. '-o -' writes
to standard output. With --kind auto (the default) a document with an eco-map gives two
files, OUT-genogram.EXT and OUT-ecomap.EXT.

A PDF page is A4 or Letter, in the orientation that fits best unless --orientation says.
A drawing that is readable on one page (symbols at least 6 mm, text at least 5 pt) is
scaled to fit it, never above natural size; a larger one is split across pages that
overlap by 10 mm, labelled 'page 2 of 4 (row 1 of 2, column 2 of 2)' in reading order.

example:
  genomap render family.yaml                   (writes family.svg)
  genomap render family.yaml -o family.pdf --page letter
  genomap render family.yaml -o family.png --scale 2 --theme black-and-white
  genomap render family.yaml --focus ann --generations 1 -o - > ann.svg"""

THEMES: Final = ("default", "black-and-white")


def _id_prefix(value: str) -> str:
    if not ID_PREFIX.match(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} must start with a letter or '_' and hold only letters, digits, "
            "'_', '.' and '-'"
        )
    return value


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} must be more than 0")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``genomap render``."""
    from genomap import cli  # see the module docstring

    parser.add_argument(
        "input",
        metavar="INPUT",
        help="a genomap document (.yaml, .yml, .json; GEDCOM and PED where supported); "
        "'-' reads standard input",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file to write (.svg, .png, .pdf); '-' for standard output",
    )
    parser.add_argument(
        "--format", choices=api.FORMATS, help="the output format (default: from OUT's extension)"
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=("yaml", "json", "gedcom", "ped"),
        help="the input format (default: from INPUT's extension)",
    )
    parser.add_argument(
        "--kind",
        choices=("genogram", "ecomap", "auto"),
        default="auto",
        help="what to draw (default auto: the genogram, and the eco-map if there is one)",
    )
    cli._layout_arguments(parser)
    parser.add_argument(
        "--theme", choices=THEMES, default="default", help="colours (default: default)"
    )
    parser.add_argument("--no-legend", action="store_true", help="leave the key out")
    parser.add_argument(
        "--id-prefix",
        type=_id_prefix,
        metavar="PREFIX",
        help="prefix of the SVG element ids (default: g for a genogram, e for an eco-map)",
    )
    parser.add_argument(
        "--page", choices=("a4", "letter"), help="PDF: the paper size (default: a4)"
    )
    parser.add_argument(
        "--orientation",
        choices=("portrait", "landscape", "auto"),
        help="PDF: the page orientation (default: auto, whichever fits better)",
    )
    parser.add_argument(
        "--scale",
        type=_positive,
        metavar="FACTOR",
        help="PNG: pixels per drawing unit (default: 1; 2 for high-density screens)",
    )


class _UsageError(Exception):
    """Options that do not go together; reported with exit status 2."""


def _fail(message: str, code: int) -> int:
    print(f"genomap: {message}", file=sys.stderr)
    return code


def _interchange_reader() -> Callable[..., LoadResult]:
    """``genomap.interchange.formats.read_any``, imported on first use (ImportError if absent)."""
    module = importlib.import_module("genomap.interchange.formats")
    reader: Callable[..., LoadResult] = module.read_any
    return reader


def _read(args: argparse.Namespace) -> LoadResult:
    """Load INPUT as --from says, else by its extension; '-' reads standard input."""
    from genomap import cli  # see the module docstring

    source = args.source_format
    foreign = source in ("gedcom", "ped") or (
        source is None and Path(args.input).suffix.lower() in INTERCHANGE_SUFFIXES
    )
    if foreign:
        if args.input == "-":
            raise _UsageError(
                "standard input takes YAML or JSON; give GEDCOM and PED files by name"
            )
        try:
            reader = _interchange_reader()
        except ImportError as exc:
            if exc.name not in ("genomap.interchange", "genomap.interchange.formats"):
                raise
            raise _UsageError(
                "reading GEDCOM and PED files is not available in this version"
            ) from None
        return reader(args.input, source_format=source)
    if args.input == "-":
        if source is None:
            return cli._load("-")
        data = sys.stdin.buffer.read(Limits().max_bytes + 1)
        return read_text(data, format=source, filename="<stdin>")
    return read_file(args.input, format=source)


def _targets(
    args: argparse.Namespace, names: tuple[api.Drawing, ...]
) -> tuple[str, list[Path | None]]:
    """The output format, and where each drawing goes (a Path, or None for standard output)."""
    output = args.output
    if args.format is not None:
        chosen: str = args.format
    elif output in (None, "-"):
        chosen = "svg"
    else:
        try:
            chosen = api.format_for_path(output)
        except ValueError as exc:
            raise _UsageError(f"-o: {exc} (--format)") from None
    if args.scale is not None and chosen != "png":
        raise _UsageError("--scale applies to PNG output only")
    if (args.page or args.orientation) and chosen != "pdf":
        raise _UsageError("--page and --orientation apply to PDF output only")
    to_stdout = output == "-" or (output is None and args.input == "-")
    if to_stdout:
        if len(names) > 1:
            raise _UsageError(
                "the genogram and the eco-map cannot both go to standard output; "
                "choose one with --kind, or give -o FILE"
            )
        return chosen, [None]
    base = Path(output) if output is not None else Path(args.input).with_suffix(f".{chosen}")
    return chosen, list(api.output_paths(base, names))


def _write(data: str | bytes, target: Path | None) -> None:
    if target is None:
        if isinstance(data, str):
            sys.stdout.write(data + "\n")
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    if isinstance(data, str):
        target.write_text(data + "\n", encoding="utf-8")
    else:
        target.write_bytes(data)


def run(args: argparse.Namespace) -> int:
    """Run ``genomap render``; returns the exit status."""
    from genomap import cli  # see the module docstring

    try:
        result = _read(args)
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return cli.EXIT_INPUT
    except _UsageError as exc:
        return _fail(str(exc), cli.EXIT_USAGE)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    document = result.document
    try:
        names = api.drawings(document, args.kind)
        chosen, targets = _targets(args, names)
    except _UsageError as exc:
        return _fail(str(exc), cli.EXIT_USAGE)
    except ValueError as exc:
        return _fail(f"--kind: {exc}", cli.EXIT_INPUT)
    page = PageSetup(size=args.page or "a4", orientation=args.orientation or "auto")
    style = style_for(args.preset or document.preset).replace(loops=args.loops)
    for name, target in zip(names, targets, strict=True):
        try:
            data = api.render(
                document,
                chosen,
                kind=name,
                style=style,
                theme=args.theme,
                legend=not args.no_legend,
                id_prefix=args.id_prefix,
                focus=args.focus if name == "genogram" else None,
                generations=args.generations,
                page=page,
                scale=args.scale or 1.0,
            )
        except (RenderError, ValueError) as exc:
            return _fail(str(exc), cli.EXIT_INPUT)
        try:
            _write(data, target)
        except OSError as exc:
            return _fail(f"cannot write {target}: {exc.strerror or exc}", cli.EXIT_INPUT)
        if target is not None:
            print(f"wrote {target}")
    return cli.EXIT_OK


COMMAND: Final[
    tuple[
        str,
        str,
        str,
        Callable[[argparse.ArgumentParser], None],
        Callable[[argparse.Namespace], int],
    ]
] = ("render", SUMMARY, DESCRIPTION, add_arguments, run)
"""The fields of the ``render`` :class:`genomap.cli.Command`."""
