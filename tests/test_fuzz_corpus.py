"""The fuzz corpus: every malformed input is refused cleanly, through the API and the CLI.

``tests/fuzz_corpus/{yaml,json,gedcom,ped}/`` holds inputs broken on purpose by
``tools/make_fuzz_corpus.py`` (truncation, wrong types, deleted and duplicated keys, broken
references, cycles, binary bytes, wrong encodings, enormous numbers and dates, deep nesting,
alias bombs). Each must raise :class:`~genomap.errors.InputError` whose errors name the file
and, unless the whole file is the problem, a line or a field path; and the command line must
exit with status 1 and print that same diagnostic, with no traceback and no "internal error".
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from genomap.cli import EXIT_INPUT, main
from genomap.errors import InputError
from genomap.io import LoadResult, read_file

CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
FORMATS = ("yaml", "json", "gedcom", "ped")
FILES = sorted(p for fmt in FORMATS for p in (CORPUS / fmt).iterdir() if p.is_file())
WHOLE_FILE_CODES = frozenset({"empty", "too-large", "unreadable"})
"""Errors about the file as a whole, located by its name alone."""
HAS_INTERCHANGE = importlib.util.find_spec("genomap.interchange.formats") is not None


def _refusal(path: Path) -> InputError:
    """The InputError the API raises for the file (the same through every entry point)."""
    found: list[InputError] = []
    readers: list[Callable[[Path], LoadResult]] = []
    if path.parent.name in ("yaml", "json"):
        readers.append(read_file)
    if HAS_INTERCHANGE:
        from genomap.interchange.formats import read_any

        readers.append(read_any)
    if not readers:
        pytest.skip("genomap.interchange.formats (GEDCOM and PED import) is not there yet")
    for read in readers:
        with pytest.raises(InputError) as info:
            read(path)
        found.append(info.value)
    assert all(e.diagnostics == found[0].diagnostics for e in found)
    return found[0]


def _sample() -> list[Path]:
    """The first input of each mutation of each format."""
    first: dict[tuple[str, str], Path] = {}
    for path in FILES:
        first.setdefault((path.parent.name, path.stem.split("-", 1)[1]), path)
    return list(first.values())


SAMPLE = _sample()


def test_the_corpus_is_large_and_small() -> None:
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    counts = {fmt: len(list((CORPUS / fmt).iterdir())) for fmt in FORMATS}
    assert counts == {fmt: manifest["formats"][fmt]["inputs"] for fmt in FORMATS}
    assert sum(counts.values()) >= 1000 and all(n >= 100 for n in counts.values())
    assert sum(p.stat().st_size for p in FILES) < 5_000_000


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_input_is_refused_cleanly(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    error = _refusal(path)
    assert error.errors, "an InputError must carry at least one error"
    for diagnostic in error.errors:
        where = diagnostic.location
        assert where.file == str(path), diagnostic
        assert diagnostic.message and "Traceback" not in diagnostic.message
        located = where.line is not None or bool(where.path)
        assert located or diagnostic.code in WHOLE_FILE_CODES, diagnostic

    if not HAS_INTERCHANGE and path.parent.name not in ("yaml", "json"):
        return  # validate reads GEDCOM and PED through genomap.interchange
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    printed = out + err
    assert status == EXIT_INPUT, printed
    assert "Traceback" not in printed and "internal error" not in printed
    assert str(error.errors[0]) in printed  # the problem and where it is


@pytest.mark.parametrize("command", ["render", "convert"])
@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_other_commands_refuse_cleanly(
    path: Path, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if path.parent.name not in ("yaml", "json") and not HAS_INTERCHANGE:
        pytest.skip("genomap.interchange.formats (GEDCOM and PED import) is not there yet")
    output = tmp_path / ("out.svg" if command == "render" else "out.yaml")
    status = main([command, str(path), "-o", str(output)])
    printed = "".join(capsys.readouterr())
    assert status == EXIT_INPUT, printed
    assert "Traceback" not in printed and "internal error" not in printed
    assert str(path) in printed and not output.exists()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "genomap", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )


def test_a_real_process_exits_1_with_a_report_for_each_input() -> None:
    """One process over one input of each mutation of each format: status 1, no traceback."""
    done = _run("validate", "--json", *map(str, SAMPLE))
    assert done.returncode == EXIT_INPUT, done.stderr[-2000:]
    assert "Traceback" not in done.stderr + done.stdout
    report: dict[str, Any] = json.loads(done.stdout)
    assert [f["file"] for f in report["files"]] == [str(p) for p in SAMPLE]
    assert not any(f["ok"] for f in report["files"])
    assert all(f["errors"] and f["diagnostics"][0]["file"] for f in report["files"])


@pytest.mark.skipif(not HAS_INTERCHANGE, reason="GEDCOM import is not there yet")
def test_gedcom_problems_name_their_line() -> None:
    """Regressions: a level of thousands of digits leaked Python's own message about integer
    conversion, and a file that ends inside its header had no line."""
    from genomap.interchange.formats import read_any

    text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n" + "1" * 5000 + " NAME x\n"
    with pytest.raises(InputError) as info:
        read_any(text.encode(), source_format="gedcom", filename="big.ged")
    (found,) = info.value.errors
    assert found.location.line == 6 and "5,000 digits" in found.message
    assert "sys.set_int_max_str_digits" not in found.message
    with pytest.raises(InputError) as info:
        read_any(b"0 HEAD\n1 GEDC\n", source_format="gedcom", filename="cut.ged")
    assert info.value.errors[0].location.line == 2
