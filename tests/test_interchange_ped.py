"""PED / PLINK .fam import: columns, codes, affected shading, missing parents, errors."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from genomap.errors import InputError
from genomap.interchange import read_any, read_ped
from genomap.interchange.ped import AFFECTED
from genomap.models import ConditionKind, Gender, Person, Preset
from genomap.validate import check_document

DATA = Path(__file__).parent / "data" / "interchange"


def affected(people: Iterable[Person]) -> list[str]:
    return [p.id for p in people if p.conditions]


def test_space_separated_pedigree() -> None:
    result = read_any(DATA / "pedigree.ped")
    doc = result.document
    assert result.warnings == ()
    assert doc.preset == Preset.NSGC
    assert [p.id for p in doc.people] == ["gf", "gm", "dad", "mum", "kid1", "kid2", "kid3"]
    assert [p.gender for p in doc.people] == [
        Gender.MALE,
        Gender.FEMALE,
        Gender.MALE,
        Gender.FEMALE,
        Gender.FEMALE,
        Gender.MALE,
        Gender.UNKNOWN,
    ]
    assert [(u.partners, [c.person for c in u.children]) for u in doc.unions] == [
        (("gf", "gm"), ["dad"]),
        (("dad", "mum"), ["kid1", "kid2", "kid3"]),
    ]
    assert affected(doc.people) == ["gm", "dad", "kid1"]
    condition = doc.person("kid1").conditions[0]
    assert (condition.kind, condition.name) == (ConditionKind.OTHER, AFFECTED["name"])


def test_tab_separated_fam_with_header_prefixes_ids_used_in_two_families() -> None:
    result = read_any(DATA / "plink.fam")
    doc = result.document
    assert result.warnings == ()
    assert [p.id for p in doc.people] == ["A_1", "A_2", "A_3", "B_1", "B_2"]
    assert doc.person("B_2").gender == Gender.FEMALE  # sex written as F
    assert affected(doc.people) == ["A_3", "B_2"]  # -9 is missing, not affected
    # B_2 has a mother only: a single-parent union.
    assert [u.partners for u in doc.unions] == [("A_1", "A_2"), ("B_1",)]


def test_short_lines_are_errors_each_naming_its_line() -> None:
    with pytest.raises(InputError) as caught:
        read_any(DATA / "error-columns.ped")
    assert [(e.code, e.location.line) for e in caught.value.errors] == [
        ("ped-columns", 3),
        ("ped-columns", 5),
    ]
    assert "expected 6 columns" in caught.value.errors[0].message
    assert caught.value.errors[0].location.file == str(DATA / "error-columns.ped")


def test_odd_codes_missing_parents_and_repeats_are_warnings() -> None:
    result = read_any(DATA / "warn-ped-problems.ped")
    assert [(w.code, w.location.line) for w in result.warnings] == [
        ("ped-sex", 1),
        ("ped-phenotype", 1),
        ("missing-record", 1),
        ("duplicate-id", 3),
        ("child-is-partner", 4),
    ]
    doc = result.document
    assert doc.person("mum").gender == Gender.FEMALE  # added for the missing mother
    assert doc.person("kid").gender == Gender.UNKNOWN and not doc.person("kid").conditions
    assert [[c.person for c in u.children] for u in doc.unions] == [["kid"], []]


def test_loops_are_broken_with_a_warning() -> None:
    result = read_any(DATA / "warn-ped-loop.ped")
    assert [(w.code, w.location.line) for w in result.warnings] == [("own-ancestor", 1)]
    assert not [d for d in check_document(result.document) if d.severity == "error"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n\n",
        "FID IID PAT MAT SEX PHENO\n",
    ],
)
def test_files_without_pedigree_lines_are_errors(text: str) -> None:
    with pytest.raises(InputError) as caught:
        read_ped(text, filename="x.ped")
    assert caught.value.errors[0].code == "empty"


def test_bytes_with_a_bom_genotype_columns_and_crlf() -> None:
    data = b"\xef\xbb\xbff1 a 0 0 1 2 A A C G\r\nf1 b 0 0 2 0 A C C C\r\nf1 c a b 1 1 A A C C\r\n"
    doc = read_ped(data).document
    assert [p.id for p in doc.people] == ["a", "b", "c"]
    assert affected(doc.people) == ["a"]


def test_ped_content_needs_the_format_named() -> None:
    text = "f1 a 0 0 1 1\nf1 b 0 0 2 1\nf1 c a b 1 2\n"
    assert len(read_any(text, source_format="ped").document.people) == 3
    assert len(read_any(text, source_format="ped", filename="x.txt").document.unions) == 1


def test_non_utf8_ped_is_an_error_naming_the_line() -> None:
    with pytest.raises(InputError) as caught:
        read_ped(b"f1 a 0 0 1 1\nf1 b\xe9 0 0 2 1\n", filename="x.ped")
    assert caught.value.errors[0].location.line == 2
