"""``genomap render`` through main(argv): formats, outputs, options, and clean errors."""

from __future__ import annotations

import io
import re
import sys
import types
from pathlib import Path

import pytest
from lxml import etree

from genomap.api import render
from genomap.cli import main
from genomap.io import LoadResult, dump_yaml, loads
from genomap.render import raster
from genomap.render.pages import PageSetup
from genomap.synthetic import synthetic_pedigree

SVG = "{http://www.w3.org/2000/svg}"

FAMILY = """\
title: The Lee family
people:
  - {id: bo, gender: male, birth: 1948}
  - {id: ann, gender: female, birth: 1950}
  - {id: cy, gender: male, birth: 1975, index: true}
unions:
  - partners: [bo, ann]
    children: [cy]
relationships:
  - {kind: hostile, source: bo, target: cy}
"""

ECOMAP = (
    FAMILY
    + """\
households:
  - {id: home, members: [bo, ann, cy]}
ecomap:
  systems:
    - {id: school, name: Hill School, category: education}
  connections:
    - {system: school, strength: strong}
"""
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def parse(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def pages(data: bytes) -> int:
    assert data.startswith(b"%PDF-")
    (count,) = re.findall(rb"/Count (\d+)", data)
    return int(count)


def test_default_output_is_an_svg_next_to_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "lee.yaml", FAMILY)
    code, out, err = run(capsys, "render", source)
    target = tmp_path / "lee.svg"
    assert (code, out, err) == (0, f"wrote {target}\n", "")
    root = parse(target)
    assert root.get("role") == "img"
    assert {g.get("data-id") for g in root.iter(f"{SVG}g") if g.get("class") == "person"} == {
        "bo",
        "ann",
        "cy",
    }


def test_png_and_pdf_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "lee.yaml", FAMILY)
    assert run(capsys, "render", source, "-o", tmp_path / "lee.png", "--scale", "2")[0] == 0
    png = (tmp_path / "lee.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = raster.svg_size(render(loads(FAMILY)))[0]
    assert int.from_bytes(png[16:20], "big") == round(width * 2)
    code, _, _ = run(capsys, "render", source, "-o", tmp_path / "lee.pdf", "--page", "letter")
    assert code == 0 and pages((tmp_path / "lee.pdf").read_bytes()) == 1
    code, _, _ = run(capsys, "render", source, "-o", tmp_path / "lee.out", "--format", "pdf")
    assert code == 0 and pages((tmp_path / "lee.out").read_bytes()) == 1


def test_big_pedigree_is_split_across_pdf_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = synthetic_pedigree(100)
    source = write(tmp_path, "big.yaml", dump_yaml(document))
    target = tmp_path / "big.pdf"
    code, _, _ = run(capsys, "render", source, "-o", target, "--orientation", "landscape")
    assert code == 0
    svg = render(document)
    plan = raster.plan_for(svg, PageSetup(orientation="landscape"))
    assert pages(target.read_bytes()) == plan.pages > 1
    code, _, _ = run(capsys, "render", source, "-o", target, "--orientation", "portrait")
    portrait = raster.plan_for(svg, PageSetup(orientation="portrait"))
    assert code == 0 and pages(target.read_bytes()) == portrait.pages != plan.pages


def test_standard_output_and_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path, "lee.yaml", FAMILY)
    code, out, _ = run(capsys, "render", source, "-o", "-")
    assert code == 0 and out.startswith("<svg") and out.endswith("</svg>\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FAMILY.encode())))
    code, piped, _ = run(capsys, "render", "-")
    assert (code, piped) == (0, out)
    json_text = '{"people": [{"id": "ann", "gender": "female"}]}'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json_text.encode())))
    code, out, _ = run(capsys, "render", "-", "--from", "json")
    assert code == 0 and 'data-id="ann"' in out


def test_binary_to_standard_output(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = write(tmp_path, "lee.yaml", FAMILY)
    assert main(["render", str(source), "-o", "-", "--format", "png"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"\x89PNG")


def test_drawing_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, "lee.yaml", FAMILY)

    def svg(*options: str) -> str:
        code, out, _ = run(capsys, "render", source, "-o", "-", *options)
        assert code == 0
        return out

    plain = svg()
    colours = set(re.findall(r"#[0-9a-fA-F]{6}", svg("--theme", "black-and-white")))
    assert colours <= {"#000000", "#ffffff"} and colours != set(re.findall(r"#[0-9a-f]{6}", plain))
    assert 'class="legend"' in plain and 'class="legend"' not in svg("--no-legend")
    assert svg("--preset", "nsgc") != plain
    assert 'id="fam"' in svg("--id-prefix", "fam") and 'id="g"' in plain
    focused = svg("--focus", "cy", "--generations", "0")
    assert 'data-id="cy"' in focused and 'data-id="bo"' not in focused


def test_auto_writes_genogram_and_ecomap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, "lee.yaml", ECOMAP)
    code, out, _ = run(capsys, "render", source, "-o", tmp_path / "out.svg")
    genogram, ecomap = tmp_path / "out-genogram.svg", tmp_path / "out-ecomap.svg"
    assert (code, out) == (0, f"wrote {genogram}\nwrote {ecomap}\n")
    assert parse(genogram).get("id") == "g" and parse(ecomap).get("id") == "e"
    code, out, _ = run(capsys, "render", source, "--kind", "ecomap")
    assert (code, out) == (0, f"wrote {tmp_path / 'lee.svg'}\n")
    code, _, err = run(capsys, "render", source, "-o", "-")
    assert code == 2 and "cannot both go to standard output" in err


def test_ecomap_errors_are_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = write(tmp_path, "lee.yaml", FAMILY)
    code, _, err = run(capsys, "render", plain, "--kind", "ecomap")
    assert code == 1 and "no eco-map" in err
    monkeypatch.setitem(sys.modules, "genomap.api_ecomap", None)
    with_map = write(tmp_path, "map.yaml", ECOMAP)
    code, _, err = run(capsys, "render", with_map, "--kind", "ecomap")
    assert (code, err) == (
        1,
        "genomap: eco-map drawing is not available in this version of genomap\n",
    )


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["-o", "lee.txt"], "name the file .svg, .png or .pdf"),
        (["--scale", "2"], "--scale applies to PNG output only"),
        (["-o", "lee.png", "--page", "a4"], "--page and --orientation apply to PDF output only"),
        (["--id-prefix", "1bad"], "must start with a letter"),
        (["--scale", "0", "-o", "x.png"], "must be more than 0"),
        (["--theme", "sepia"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], words: str
) -> None:
    source = write(tmp_path, "lee.yaml", FAMILY)
    code, _, err = run(capsys, "render", source, *options)
    assert code == 2 and words in err


def test_input_and_output_errors_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = write(tmp_path, "bad.yaml", "people:\n  - id: ann\n    gender: femal\n")
    code, out, err = run(capsys, "render", bad)
    assert code == 1 and out == "" and err.startswith(f"{bad}:3:13: error: people[0].gender")
    assert not (tmp_path / "bad.svg").exists()
    source = write(tmp_path, "lee.yaml", FAMILY)
    code, _, err = run(capsys, "render", source, "-o", tmp_path / "no" / "such" / "dir.svg")
    assert code == 1 and "cannot write" in err
    code, _, err = run(capsys, "render", source, "--focus", "zed")
    assert code == 1 and "focus: no person with id 'zed'" in err
    monkeypatch.setitem(sys.modules, "cairosvg", None)
    raster._recorder.cache_clear()
    code, _, err = run(capsys, "render", source, "-o", tmp_path / "lee.pdf")
    raster._recorder.cache_clear()
    assert code == 1 and 'pip install "genomap[pdf]"' in err


def test_warnings_are_shown_but_do_not_stop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(
        tmp_path, "w.yaml", "people:\n  - {id: a, index: true}\n  - {id: b, index: true}\n"
    )
    code, _, err = run(capsys, "render", source)
    assert code == 0 and ": warning: people[1].index" in err


def _fake_interchange(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    calls: list[tuple[str, str | None]] = []

    def read_any(path: str, *, source_format: str | None = None) -> LoadResult:
        calls.append((path, source_format))
        return LoadResult(loads(FAMILY))

    module = types.ModuleType("genomap.interchange.formats")
    module.read_any = read_any
    monkeypatch.setitem(sys.modules, "genomap.interchange.formats", module)
    return calls


def test_gedcom_and_ped_go_through_the_interchange_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fake_interchange(monkeypatch)
    ged = write(tmp_path, "tree.ged", "0 HEAD\n0 TRLR\n")
    assert run(capsys, "render", ged)[0] == 0
    ped = write(tmp_path, "study.txt", "fam1 a 0 0 1 1\n")
    assert run(capsys, "render", ped, "--from", "ped")[0] == 0
    assert calls == [(str(ged), None), (str(ped), "ped")]
    assert (tmp_path / "tree.svg").exists() and (tmp_path / "study.svg").exists()
    code, _, err = run(capsys, "render", "-", "--from", "gedcom")
    assert code == 2 and "standard input takes YAML or JSON" in err


def test_missing_interchange_reader_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "genomap.interchange.formats", None)
    ged = write(tmp_path, "tree.ged", "0 HEAD\n0 TRLR\n")
    code, _, err = run(capsys, "render", ged)
    assert code == 2 and "reading GEDCOM and PED files is not available" in err


def test_help_has_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "render", "--help")
    assert code == 0
    assert "example:\n  genomap render family.yaml" in out
    assert "exit status:" in out and "--orientation" in out and "--scale" in out
