"""Tests for the genomap command line, called through main(argv)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import genomap
from genomap import cli
from genomap.cli import main

GOOD = """\
people:
  - id: ann
  - id: bob
  - id: cy
unions:
  - partners: [ann, bob]
    children: [cy]
"""

BAD = """\
people:
  - id: ann
    gender: femal
  - given_name: Bob
"""

WARNS = "people:\n  - id: ann\n    index: true\n  - id: bob\n    index: true\n"


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_validate_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    code, out, _ = run(capsys, "validate", path)
    assert code == 0
    assert out == f"{path}: ok (3 people, 1 union)\n"


def test_validate_reports_each_error_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.yaml", BAD)
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:3:13: error: people[0].gender: expected one of: male,")
    assert lines[1] == f"{path}:4:5: error: people[1]: missing required field 'id'"


def test_validate_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "bad.yaml", BAD)
    good = write(tmp_path, "good.json", '{"people": [{"id": "a"}]}')
    code, out, _ = run(capsys, "validate", bad, good)
    assert code == 1
    assert out.splitlines()[-1] == f"{good}: ok (1 person, 0 unions)"


def test_validate_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "bad.yaml", BAD)
    good = write(tmp_path, "good.yaml", GOOD)
    code, out, _ = run(capsys, "validate", "--json", good, bad)
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    first, second = report["files"]
    assert first["ok"] is True
    assert first["counts"]["people"] == 3
    assert first["diagnostics"] == []
    assert second["ok"] is False
    assert second["errors"] == 2
    assert second["diagnostics"][0] == {
        "severity": "error",
        "code": "invalid-value",
        "message": second["diagnostics"][0]["message"],
        "file": bad,
        "line": 3,
        "column": 13,
        "path": "people[0].gender",
    }


def test_warnings_pass_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "w.yaml", WARNS)
    code, out, _ = run(capsys, "validate", path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}:5:5: warning: people[1].index: ")
    assert lines[1] == f"{path}: ok (2 people, 0 unions; 1 warning)"
    code, out, _ = run(capsys, "validate", "--strict", path)
    assert code == 1
    assert out.splitlines()[-1] == f"{path}: failed: 1 warning with --strict"
    code, out, _ = run(capsys, "validate", "--strict", "--json", path)
    assert (code, json.loads(out)["files"][0]["warnings"]) == (1, 1)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.yaml", "", "empty.yaml: error: the file is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not UTF-8 text"),
        ("list.yaml", "- id: ann\n- id: bob\n", "list.yaml:1:1: error: the file holds a list"),
        ("open.yaml", "people: [\n", "open.yaml:2:1: error: invalid YAML"),
        ("open.json", '{"people": [}', "open.json:1:13: error: invalid JSON"),
        ("loop.yaml", "a: &a [*a, *a]\n", "nested more than 100 levels deep"),
        ("scalar.json", "42", "the file holds the number 42"),
    ],
)
def test_bad_input_never_crashes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes,
    words: str,
) -> None:
    path = write(tmp_path, name, content)
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    assert words in out


def test_huge_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("people: []\n")
        stream.write("#" * 20_000_001)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert "more than the limit of 20,000,000" in out


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "nope.yaml")
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    assert out == f"{path}: error: cannot read {path}: No such file or directory\n"


def test_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert f"cannot read {tmp_path}: " in out


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(GOOD.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "validate", "-")
    assert (code, out) == (0, "<stdin>: ok (3 people, 1 union)\n")


@pytest.mark.parametrize(
    "argv", [[], ["frobnicate"], ["validate"], ["validate", "--bogus", "x.yaml"], ["schema", "x"]]
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage: genomap" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"genomap {genomap.__version__}\n")


@pytest.mark.parametrize("argv", [["--help"], ["validate", "--help"], ["schema", "--help"]])
def test_help_has_an_example_and_exit_codes(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "example:" in out
    assert "exit status:" in out
    assert "3  internal error" in out


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "genomap document"
    assert "people" in schema["properties"]


def test_schema_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "schema.json"
    code, out, _ = run(capsys, "schema", "-o", str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"].startswith("https://")


def test_schema_to_unwritable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing-dir" / "schema.json"
    code, _, err = run(capsys, "schema", "-o", str(target))
    assert code == 1
    assert f"cannot write {target}" in err


def _explode() -> dict[str, object]:
    raise RuntimeError("boom")


def test_internal_error_exits_3_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GENOMAP_DEBUG", raising=False)
    monkeypatch.setattr(cli, "json_schema", _explode)
    code, _, err = run(capsys, "schema")
    assert code == 3
    assert "internal error: RuntimeError: boom" in err
    assert "report" in err


def test_debug_shows_the_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENOMAP_DEBUG", "1")
    monkeypatch.setattr(cli, "json_schema", _explode)
    with pytest.raises(RuntimeError, match="boom"):
        main(["schema"])


def test_commands_are_registered_once() -> None:
    names = [command.name for command in cli.COMMANDS]
    assert names == sorted(set(names), key=names.index)
    assert {"validate", "schema"} <= set(names)


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "genomap", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: genomap")


def test_stats_reports_genogram_and_ecomap_metrics(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parent.parent
    assert main(["stats", str(root / "examples" / "okafor-ecomap.yaml"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["people_drawn"] == report["people"]
    assert report["symbol_overlaps"] == 0
    assert report["ecomap"]["systems_drawn"] == report["ecomap"]["systems"]
    assert report["ecomap"]["lines_through_circles"] == 0


def test_stats_loops_option_draws_cousins_twice(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parent.parent
    case = root / "tests" / "layout_cases" / "cousin-marriage.yaml"
    assert main(["stats", str(case), "--json", "--loops", "duplicate"]) == 0
    assert json.loads(capsys.readouterr().out)["duplicated"] == 1
