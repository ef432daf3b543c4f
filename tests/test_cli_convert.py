"""``genomap convert`` through main(argv): formats, --from/--to, --focus, errors, no tracebacks."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from genomap.cli import main
from genomap.interchange import read_any, read_gedcom
from genomap.io import load_file

DATA = Path(__file__).parent / "data" / "interchange"
FIXTURES = sorted(p for p in DATA.iterdir() if p.suffix in (".ged", ".ped", ".fam"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in err
    return code, out, err


def test_gedcom_to_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "family.yaml"
    code, stdout, stderr = run(capsys, "convert", str(DATA / "family-551.ged"), "-o", str(out))
    assert code == 0
    assert stdout == f"{out}: wrote 8 people, 3 unions; 1 warning\n"
    assert f"{DATA / 'family-551.ged'}:22: warning: skipped 1 line" in stderr
    document = load_file(out)
    assert document == read_any(DATA / "family-551.ged").document


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", lambda text: json.loads(text)["people"][0]["id"] == "I1"),
        ("out.ged", lambda text: text.startswith("0 HEAD\n") and "0 @F3@ FAM" in text),
        ("out.gedcom", lambda text: text.rstrip().endswith("0 TRLR")),
        ("out.dot", lambda text: text.startswith("digraph genogram {")),
        ("out.gv", lambda text: "shape=point" in text),
        ("out.yml", lambda text: text.startswith("version: 1\n")),
    ],
)
def test_output_format_follows_the_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, check: object
) -> None:
    out = tmp_path / name
    code, _, _ = run(capsys, "convert", str(DATA / "family-551.ged"), "-o", str(out))
    assert code == 0
    assert callable(check) and check(out.read_text(encoding="utf-8"))


def test_yaml_to_gedcom_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_file = tmp_path / "family.yaml"
    yaml_file.write_text(
        "people: [{id: ann, gender: female}, {id: bob, gender: male}, {id: cy}]\n"
        "unions: [{partners: [ann, bob], children: [{person: cy, parentage: foster}]}]\n",
        encoding="utf-8",
    )
    ged = tmp_path / "family.ged"
    assert run(capsys, "convert", str(yaml_file), "-o", str(ged))[0] == 0
    doc = read_gedcom(ged.read_bytes()).document
    assert [p.id for p in doc.people] == ["ann", "bob", "cy"]
    assert [(c.person, c.parentage.value) for c in doc.unions[0].children] == [("cy", "foster")]


def test_from_and_to_with_standard_streams(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pedigree = tmp_path / "pedigree.txt"  # an extension that says nothing
    pedigree.write_text("f a 0 0 1 1\nf b 0 0 2 1\nf c a b 2 2\n", encoding="utf-8")
    code, out, _ = run(capsys, "convert", str(pedigree), "--from", "ped", "-o", "-", "--to", "json")
    assert code == 0
    assert [p["id"] for p in json.loads(out)["people"]] == ["a", "b", "c"]
    gedcom = (DATA / "family-7.ged").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(gedcom)))
    code, out, err = run(capsys, "convert", "-", "-o", "-", "--to", "yaml")
    assert code == 0 and "given_name: Émile" in out
    assert "<stdin>:20: warning:" in err


def test_focus_keeps_the_family_around_one_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "around.yaml"
    argv = ["convert", str(DATA / "family-551.ged"), "-o", str(out), "--generations", "0"]
    assert run(capsys, *argv, "--focus", "@I7@")[0] == 0  # a GEDCOM xref works too
    # Lucy, her siblings (Sam) and her partners (none): generation 0 keeps no parents.
    assert [p.id for p in load_file(out).people] == ["I7", "I8"]
    assert run(capsys, *argv[:-1], "1", "--focus", "I7")[0] == 0
    # One generation up: her parents, and their partners and siblings (Peter's sister Susan).
    assert [p.id for p in load_file(out).people] == ["I3", "I4", "I6", "I7", "I8"]


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--focus", "nobody"], 1, "--focus: no person with id 'nobody'"),
        (["--focus", "I1", "--generations", "-1"], 2, "--generations must be 0 or more"),
        (["--strict"], 1, "failed: 1 warning with --strict"),
    ],
)
def test_option_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], code: int, message: str
) -> None:
    out = tmp_path / "x.yaml"
    result = run(capsys, "convert", str(DATA / "family-551.ged"), "-o", str(out), *extra)
    assert result[0] == code
    assert message in result[2]
    assert not out.exists()


def test_unknown_output_extension_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "convert", str(DATA / "pedigree.ped"), "-o", str(tmp_path / "x.txt"))
    assert code == 2
    assert "cannot tell the output format" in err


def test_bad_input_prints_each_error_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = DATA / "error-columns.ped"
    code, out, err = run(capsys, "convert", str(path), "-o", str(tmp_path / "x.yaml"))
    assert code == 1 and out == ""
    assert err.splitlines()[0].startswith(f"{path}:3: error: expected 6 columns")
    assert err.splitlines()[1].startswith(f"{path}:5: error:")


def test_unreadable_input_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "convert", str(tmp_path / "missing.ged"), "-o", "x.yaml")
    assert code == 1 and "cannot read" in err
    target = tmp_path / "no-such-dir" / "x.yaml"
    code, _, err = run(capsys, "convert", str(DATA / "pedigree.ped"), "-o", str(target))
    assert code == 1 and "cannot write" in err


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
@pytest.mark.parametrize("suffix", [".yaml", ".ged", ".dot"])
def test_every_fixture_converts_or_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: Path, suffix: str
) -> None:
    out = tmp_path / f"out{suffix}"
    code, _, err = run(capsys, "convert", str(path), "-o", str(out))
    if path.name.startswith("error-"):
        assert code == 1 and not out.exists()
        assert err.startswith(f"{path}:")  # every error names the file and its line
        assert ": error: " in err
    else:
        assert code == 0 and out.stat().st_size > 0
        for line in err.splitlines():
            assert line.startswith(f"{path}:") and ": warning: " in line
