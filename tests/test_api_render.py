"""The one-call API: render() to SVG, PNG and PDF, render_to_file(), which drawings a document
has, and how a document shows itself in Jupyter."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from lxml import etree

import genomap as gm
from genomap.api import display_svg, drawings, format_for_path, output_paths, render_genogram
from genomap.io import loads
from genomap.models import Document
from genomap.theme import BLACK_AND_WHITE

SVG = "{http://www.w3.org/2000/svg}"

FAMILY = """\
title: The Lee family
people:
  - {id: bo, gender: male, birth: 1948}
  - {id: ann, gender: female, birth: 1950}
  - {id: cy, gender: male, birth: 1975, index: true}
  - {id: di, gender: female, birth: 1977}
unions:
  - partners: [bo, ann]
    children: [cy, di]
"""

ECOMAP = (
    FAMILY
    + """\
households:
  - {id: home, members: [bo, ann]}
ecomap:
  systems:
    - {id: school, name: Hill School, category: education}
  connections:
    - {system: school, strength: strong}
"""
)


@pytest.fixture(scope="module")
def family() -> Document:
    return loads(FAMILY)


@pytest.fixture(scope="module")
def with_ecomap() -> Document:
    return loads(ECOMAP)


def people(svg: str) -> set[str]:
    root = etree.fromstring(svg.encode())
    return {g.get("data-id") for g in root.iter(f"{SVG}g") if g.get("class") == "person"}


def test_render_defaults_to_the_genogram_as_svg(family: Document) -> None:
    svg = gm.render(family)
    assert isinstance(svg, str)
    assert svg == render_genogram(family)
    assert people(svg) == {"bo", "ann", "cy", "di"}


def test_render_takes_style_and_theme_names(family: Document) -> None:
    by_name = gm.render(family, theme="black-and-white", style="nsgc")
    assert by_name == render_genogram(family, theme=BLACK_AND_WHITE, style=gm.NSGC)
    assert gm.render(family, theme="black_and_white") == render_genogram(
        family, theme=BLACK_AND_WHITE
    )
    with pytest.raises(ValueError, match="unknown theme"):
        gm.render(family, theme="sepia")
    with pytest.raises(ValueError, match="unknown preset"):
        gm.render(family, style="ascii")


def test_render_png_and_pdf_bytes(family: Document) -> None:
    png = gm.render(family, "png", scale=2)
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG\r\n\x1a\n")
    pdf = gm.render(family, "pdf", page="letter")
    assert pdf.startswith(b"%PDF-") and b"/MediaBox [ 0 0 612 792 ]" in pdf
    assert b"The Lee family" in pdf
    setup = gm.PageSetup(orientation="portrait")
    assert b"/MediaBox [ 0 0 595.275591 841.889764 ]" in gm.render(family, "pdf", page=setup)


def test_render_rejects_what_it_cannot_do(family: Document) -> None:
    with pytest.raises(ValueError, match="unknown output format 'gif'"):
        gm.render(family, "gif")
    with pytest.raises(ValueError, match="unknown kind"):
        gm.render(family, kind="pedigree")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="no eco-map"):
        gm.render(family, kind="ecomap")


def test_focus_draws_the_neighbourhood(family: Document) -> None:
    assert people(gm.render(family, focus="cy", generations=0)) == {"cy", "di"}
    with pytest.raises(ValueError, match="focus: no person with id 'zed'"):
        gm.render(family, focus="zed")
    with pytest.raises(ValueError, match="generations"):
        gm.draw(family, focus="cy", generations=-1)


def test_drawings_of_a_document(family: Document, with_ecomap: Document) -> None:
    assert drawings(family) == ("genogram",)
    assert drawings(with_ecomap) == ("genogram", "ecomap")
    assert drawings(with_ecomap, "ecomap") == ("ecomap",)
    assert drawings(with_ecomap, "genogram") == ("genogram",)
    only_map = with_ecomap.model_copy(update={"people": (), "unions": (), "households": ()})
    assert drawings(only_map) == ("ecomap",)


def test_auto_renders_the_genogram_and_ids_keep_drawings_apart(with_ecomap: Document) -> None:
    genogram = gm.render(with_ecomap)
    ecomap = gm.render(with_ecomap, kind="ecomap")
    assert people(genogram) == {"bo", "ann", "cy", "di"}
    ids = [set(re.findall(r' id="([^"]+)"', svg)) for svg in (genogram, ecomap)]
    assert all(i == "g" or i.startswith("g-") for i in ids[0])
    assert all(i == "e" or i.startswith("e-") for i in ids[1])
    assert gm.render(with_ecomap, kind="ecomap", id_prefix="map").startswith("<svg")


def test_missing_ecomap_module_is_a_render_error(
    with_ecomap: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "genomap.api_ecomap", None)
    with pytest.raises(gm.RenderError, match="eco-map drawing is not available"):
        gm.render(with_ecomap, kind="ecomap")


def test_format_for_path_and_output_paths() -> None:
    assert [format_for_path(n) for n in ("a.svg", "b.PNG", "c/d.pdf")] == ["svg", "png", "pdf"]
    for name in ("family", "family.jpeg", "family.svg.txt"):
        with pytest.raises(ValueError, match=r"name the file \.svg, \.png or \.pdf"):
            format_for_path(name)
    assert output_paths("x/f.png", ("genogram",)) == (Path("x/f.png"),)
    assert output_paths("f.pdf", ("genogram", "ecomap")) == (
        Path("f-genogram.pdf"),
        Path("f-ecomap.pdf"),
    )


def test_render_to_file(tmp_path: Path, family: Document, with_ecomap: Document) -> None:
    (svg,) = gm.render_to_file(family, tmp_path / "lee.svg")
    assert svg.read_text(encoding="utf-8") == gm.render(family) + "\n"
    (png,) = gm.render_to_file(family, tmp_path / "lee.png", scale=0.5)
    assert png.read_bytes().startswith(b"\x89PNG")
    (pdf,) = gm.render_to_file(family, tmp_path / "lee.bin", format="pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    both = gm.render_to_file(with_ecomap, tmp_path / "map.svg")
    assert [p.name for p in both] == ["map-genogram.svg", "map-ecomap.svg"]
    assert all(p.read_text(encoding="utf-8").startswith("<svg") for p in both)
    (only,) = gm.render_to_file(with_ecomap, tmp_path / "only.svg", kind="ecomap")
    assert only.name == "only.svg"
    with pytest.raises(ValueError, match="cannot tell the output format"):
        gm.render_to_file(family, tmp_path / "lee.txt")


def test_a_document_shows_itself_in_jupyter(family: Document) -> None:
    shown = family._repr_svg_()
    assert shown == display_svg(family) == family._repr_svg_()
    root = etree.fromstring(shown.encode())
    prefix = root.get("id")
    assert re.fullmatch(r"g[0-9a-f]{8}", prefix)
    assert all(i.startswith(prefix) for i in re.findall(r' id="([^"]+)"', shown))
    other = loads(FAMILY.replace("1948", "1947"))._repr_svg_()
    assert etree.fromstring(other.encode()).get("id") != prefix
