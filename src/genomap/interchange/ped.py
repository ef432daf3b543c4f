"""Read LINKAGE / PLINK pedigree files (``.ped``, ``.fam``) into genomap documents.

Each line holds six columns separated by spaces or tabs: family id, individual id, father id,
mother id, sex (1 or M male, 2 or F female, 0 unknown) and phenotype (1 unaffected, 2
affected, 0 or -9 missing). Columns after the sixth (a ``.ped`` file's genotypes) are ignored,
as are blank lines, ``#`` comments and a header line (``FID IID ...``). Affected people get an
"affected" condition, drawn as shading; the document uses the NSGC preset. Parents of a child
become one union per (father, mother) pair. A parent id that has no line of its own is added
as a person with a warning. Ids are the individual ids, or ``FAMILY_ID`` when an individual id
is used in two families.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from genomap.errors import Diagnostic, InputError, Location
from genomap.interchange.draft import Draft, Origin, finish
from genomap.interchange.ids import IdMap
from genomap.io import LoadResult
from genomap.models import Preset
from genomap.sources import Limits, decode

_MISSING: Final = frozenset({"0", "-9", ".", "NA", "na"})
_SEXES: Final = {"1": "male", "M": "male", "m": "male", "2": "female", "F": "female"}
_SEXES["f"] = "female"
_HEADER_WORDS: Final = frozenset({"fid", "famid", "family", "fam", "pedigree", "ped", "#fid"})
AFFECTED: Final = {"kind": "other", "name": "affected"}
"""The condition an affected person (phenotype 2) gets."""


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    family: str
    person: str
    father: str | None
    mother: str | None
    sex: str
    phenotype: str


def read_ped(
    source: str | bytes, *, filename: str | None = None, limits: Limits | None = None
) -> LoadResult:
    """Read a PED or ``.fam`` pedigree into a valid document and the warnings found.

    Args:
        source: The file's text, or its UTF-8 bytes.
        filename: The name used in diagnostics.
        limits: Only ``max_bytes`` applies.

    Raises:
        InputError: Lines with fewer than six columns (every one, with its line), or no
            pedigree lines at all.

    Example:
        >>> result = read_ped("f1 dad 0 0 1 1\\nf1 mum 0 0 2 1\\nf1 kid dad mum 2 2\\n")
        >>> [(u.partners, [c.person for c in u.children]) for u in result.document.unions]
        [(('dad', 'mum'), ['kid'])]
    """
    limits = limits or Limits()
    size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace"))
    if size > limits.max_bytes:
        raise InputError(
            [
                Diagnostic(
                    "error",
                    f"the input is {size:,} bytes, more than the limit of {limits.max_bytes:,}",
                    Location(filename),
                    "too-large",
                )
            ]
        )
    text = decode(source, filename) if isinstance(source, bytes) else source.removeprefix("\ufeff")
    draft = Draft(filename, extra={"preset": Preset.NSGC.value})
    rows = _rows(text, draft)
    _build(rows, draft)
    return finish(draft)


def _rows(text: str, draft: Draft) -> list[_Row]:
    rows: list[_Row] = []
    errors: list[Diagnostic] = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = line.split()
        if not cells or cells[0].startswith("#"):
            continue
        if not rows and not errors and cells[0].lower() in _HEADER_WORDS:
            continue  # a column header
        if len(cells) < 6:
            errors.append(
                Diagnostic(
                    "error",
                    f"expected 6 columns (family, individual, father, mother, sex, phenotype) "
                    f"separated by spaces or tabs; found {len(cells)}: '{line.strip()[:60]}'",
                    Location(draft.filename, number),
                    "ped-columns",
                )
            )
            continue
        family, person, father, mother, sex, phenotype = cells[:6]
        rows.append(
            _Row(
                number,
                family,
                person,
                None if father in _MISSING else father,
                None if mother in _MISSING else mother,
                sex,
                phenotype,
            )
        )
    if errors:
        raise InputError(errors)
    if not rows:
        raise InputError(
            [
                Diagnostic(
                    "error",
                    "the file has no pedigree lines; expected lines of six columns: family, "
                    "individual, father, mother, sex, phenotype",
                    Location(draft.filename),
                    "empty",
                )
            ]
        )
    return rows


def _build(rows: list[_Row], draft: Draft) -> None:
    families: dict[str, set[str]] = {}
    for row in rows:
        families.setdefault(row.person, set()).add(row.family)
    # Individual ids are unique within a family; prefix them only when they clash across.
    prefixed = any(len(found) > 1 for found in families.values())
    ids = IdMap()

    def name(family: str, person: str) -> str:
        return f"{family}_{person}" if prefixed else person

    people: dict[tuple[str, str], int] = {}
    kept: list[_Row] = []
    for row in rows:
        key = (row.family, row.person)
        if key in people:
            draft.warn(
                "duplicate-id",
                f"individual '{row.person}' of family '{row.family}' is already on line "
                f"{draft.person_origins[people[key]].line}; this line was skipped",
                row.line,
            )
            continue
        kept.append(row)
        people[key] = len(draft.people)
        draft.add_person(_person(ids, name(*key), row, draft), Origin(row.line))
    _add_missing_parents(kept, people, ids, name, draft)
    unions: dict[tuple[str, str | None, str | None], int] = {}
    for row in kept:
        if row.father is None and row.mother is None:
            continue
        pair = (row.family, row.father, row.mother)
        if pair not in unions:
            unions[pair] = len(draft.unions)
            partners = [
                draft.people[people[(row.family, parent)]]["id"]
                for parent in (row.father, row.mother)
                if parent is not None
            ]
            origin = Origin(row.line, partners=[row.line] * len(partners))
            draft.add_union({"partners": partners}, origin)
        child = draft.people[people[(row.family, row.person)]]["id"]
        union, origin = draft.unions[unions[pair]], draft.union_origins[unions[pair]]
        if all(link["person"] != child for link in union["children"]):
            union["children"].append({"person": child})
            origin.children.append(row.line)


def _person(ids: IdMap, wanted: str, row: _Row, draft: Draft) -> dict[str, Any]:
    data: dict[str, Any] = {"id": ids.add(wanted) or ids.unique(wanted)}
    if row.sex in _SEXES:
        data["gender"] = _SEXES[row.sex]
    elif row.sex not in _MISSING:
        draft.warn(
            "ped-sex",
            f"sex '{row.sex}' of '{row.person}' is not 1 (male), 2 (female) or 0 (unknown); "
            "read as unknown",
            row.line,
        )
    if row.phenotype == "2":
        data["conditions"] = [dict(AFFECTED)]
    elif row.phenotype not in ("1", *_MISSING):
        draft.warn(
            "ped-phenotype",
            f"phenotype '{row.phenotype}' of '{row.person}' is not 1 (unaffected), "
            "2 (affected) or 0/-9 (missing); it is not drawn",
            row.line,
        )
    return data


def _add_missing_parents(
    rows: list[_Row],
    people: dict[tuple[str, str], int],
    ids: IdMap,
    name: Callable[[str, str], str],
    draft: Draft,
) -> None:
    """Add a person for every father or mother id that has no line of its own."""
    for row in rows:
        for parent, role in ((row.father, "father"), (row.mother, "mother")):
            if parent is None or (row.family, parent) in people:
                continue
            people[(row.family, parent)] = len(draft.people)
            gender = "male" if role == "father" else "female"
            wanted = name(row.family, parent)
            data = {"id": ids.add(wanted) or ids.unique(wanted), "gender": gender}
            draft.add_person(data, Origin(row.line))
            draft.warn(
                "missing-record",
                f"{role} '{parent}' of '{row.person}' has no line of their own in family "
                f"'{row.family}'; added as a {gender} person with nothing else known",
                row.line,
            )
