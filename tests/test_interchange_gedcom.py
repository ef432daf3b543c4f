"""GEDCOM 5.5.1 and 7.0 import, GEDCOM 5.5.1 export: fields, dates, charsets, errors, round trip."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from genomap.dates import FuzzyDate
from genomap.errors import InputError
from genomap.interchange import focus, read_any, read_gedcom, write_gedcom
from genomap.interchange.gedcom_dates import UnusableDateError, read_date, write_date
from genomap.interchange.ids import IdMap, make_id
from genomap.io import LoadResult, loads
from genomap.models import Document, Gender, Parentage, UnionEventType, UnionKind
from genomap.validate import check_document

DATA = Path(__file__).parent / "data" / "interchange"
EXAMPLES = Path(__file__).parent.parent / "examples"


def read(name: str) -> LoadResult:
    return read_any(DATA / name)


def errors_of(name: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read(name)
    return caught.value


def warnings_by_code(result: LoadResult) -> dict[str, list[int | None]]:
    found: dict[str, list[int | None]] = {}
    for warning in result.warnings:
        found.setdefault(warning.code, []).append(warning.location.line)
    return found


def links(document: Document) -> set[tuple[str, str, Parentage]]:
    return {(u.key, c.person, c.parentage) for u in document.unions for c in u.children}


# -- reading GEDCOM 5.5.1 ----------------------------------------------------------------------


def test_individuals_names_sex_and_life_dates() -> None:
    doc = read("family-551.ged").document
    george, margaret = doc.person("I1"), doc.person("I2")
    assert (george.given_name, george.family_name, george.nickname) == ("George", "Harris", "Geo")
    assert george.gender == Gender.MALE and margaret.gender == Gender.FEMALE
    assert doc.person("I8").gender == Gender.UNKNOWN
    assert str(george.birth) == "about 1930"
    assert str(george.death) == "1990-02-14"
    assert george.cause_of_death == "heart attack" and george.occupation == "miner"
    assert margaret.death is None and margaret.is_deceased  # "1 DEAT Y"
    assert margaret.notes == "Worked at the mill.\nMoved to York in 1970."


@pytest.mark.parametrize(
    ("person", "birth"),
    [
        ("I2", "about 1933"),  # BET 1931 AND 1935
        ("I3", "1956-03-02"),
        ("I4", "1958-03"),
        ("I5", "before 1935"),
        ("I6", "after 1955"),
        ("I7", "1986-01-01"),  # dual year 1985/86
        ("I8", "about 1988"),  # EST
    ],
)
def test_partial_and_approximate_birth_dates(person: str, birth: str) -> None:
    assert str(read("family-551.ged").document.person(person).birth) == birth


def test_families_partners_children_pedigree_and_events() -> None:
    doc = read("family-551.ged").document
    first, second, third = doc.unions
    assert first.partners == ("I1", "I2") and first.kind == UnionKind.MARRIAGE
    assert [(c.person, c.parentage) for c in first.children] == [
        ("I3", Parentage.BIOLOGICAL),
        ("I4", Parentage.ADOPTED),
    ]
    assert [(e.type, str(e.date)) for e in second.events] == [
        (UnionEventType.ENGAGED, "1992"),
        (UnionEventType.MARRIED, "about 1993"),
        (UnionEventType.DIVORCED, "1999"),
    ]
    assert second.has_ended
    # "1 MARR Y" makes a marriage without an undated event; ANUL FROM 1990 TO 1991 -> 1990.
    assert third.kind == UnionKind.MARRIAGE
    assert [(e.type, str(e.date)) for e in third.events] == [(UnionEventType.ANNULLED, "1990")]
    assert [c.parentage for c in third.children] == [Parentage.FOSTER, Parentage.BIOLOGICAL]


def test_unknown_tag_is_skipped_with_one_warning_naming_its_line() -> None:
    result = read("family-551.ged")
    assert [(w.code, w.location.line) for w in result.warnings] == [("unknown-tags", 22)]
    assert "_UID (line 22)" in result.warnings[0].message
    assert result.warnings[0].location.file == str(DATA / "family-551.ged")


def test_unknown_tags_are_counted_once_each_without_their_substructures() -> None:
    result = read("warn-unknown-tags.ged")
    (warning,) = result.warnings
    assert warning.location.line == 7
    assert warning.message.startswith("skipped 5 lines")
    for shown in ("_MARNM (line 7)", "_UID (line 9)", "_PRIM (line 12)", "FOO (line 14)"):
        assert shown in warning.message
    assert "_EXTRA" not in warning.message  # under _PRIM, so not counted
    assert str(result.document.person("I1").birth) == "1950"


# -- reading GEDCOM 7 ---------------------------------------------------------------------------


def test_gedcom7_file() -> None:
    result = read("family-7.ged")
    doc = result.document
    assert doc.title == "The Okafor family, GEDCOM 7 sample."
    assert str(doc.person("I1").birth) == "1900-01-13"  # JULIAN 1 JAN 1900
    assert doc.person("I3").gender == Gender.OTHER  # SEX X
    assert doc.person("I5").given_name == "Émile"
    f1, f2 = doc.unions
    assert [(c.person, c.parentage) for c in f1.children] == [
        ("I3", Parentage.ADOPTED),
        ("I4", Parentage.BIOLOGICAL),
    ]
    # WIFE @VOID@ and CHIL @VOID@ are no links and no warnings.
    assert f2.partners == ("I5",)
    assert f2.kind == UnionKind.COHABITATION
    assert [(c.person, c.parentage) for c in f2.children] == [("I4", Parentage.FOSTER)]
    assert warnings_by_code(result) == {"gedcom-date": [20], "unknown-tags": [30]}
    date_warning = next(w for w in result.warnings if w.code == "gedcom-date")
    assert "'During the war' is a date phrase" in date_warning.message
    assert doc.person("I2").is_deceased and doc.person("I2").death is None


# -- character sets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "warned"),
    [
        ("charset-ansel.ged", False),
        ("charset-ansi.ged", True),
        ("charset-latin1.ged", True),
        ("charset-utf8-bom.ged", False),
        ("charset-unicode.ged", False),
    ],
)
def test_character_sets(name: str, warned: bool) -> None:
    result = read(name)
    labels = [p.label for p in result.document.people]
    assert labels == ["José Müller", "Zoë Brontë"]  # composed (NFC), whatever the source
    assert [w.location.line for w in result.warnings] == ([5] if warned else [])


def test_text_that_is_not_in_its_declared_charset_names_the_line() -> None:
    error = errors_of("error-not-utf8.ged")
    assert [(e.code, e.location.line) for e in error.errors] == [("encoding", 7)]
    assert "0xe9" in error.errors[0].message


def test_no_char_line_and_not_utf8_is_read_as_ansel_with_a_warning() -> None:
    text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Jos\xe2e /Lee/\n0 TRLR\n"
    result = read_gedcom(text.encode("latin-1"))
    assert result.document.people[0].given_name == "José"
    assert [w.code for w in result.warnings] == ["gedcom-charset"]


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1950", "1950"),
        ("MAR 1950", "1950-03"),
        ("2 MAR 1950", "1950-03-02"),
        ("ABT 1950", "about 1950"),
        ("Abt. 1950", "about 1950"),
        ("CAL 1950", "about 1950"),
        ("EST JAN 1950", "about 1950-01"),
        ("BEF 1960", "before 1960"),
        ("AFT 1960", "after 1960"),
        ("BET 1950 AND 1960", "about 1955"),
        ("BET MAR 1950 AND MAR 1950", "about 1950-03"),
        ("FROM 1950 TO 1960", "1950"),
        ("FROM 1950", "1950"),
        ("TO 1960", "before 1960"),
        ("1 JAN 1750/51", "1751-01-01"),
        ("INT 1950 (from the family bible)", "1950"),
        ("@#DJULIAN@ 1 JAN 1700", "1700-01-11"),
        ("JULIAN 1 JAN 1700", "1700-01-11"),
        ("JULIAN 1700", "1700"),
        ("GREGORIAN 5 MAY 1990", "1990-05-05"),
        ("@#DFRENCH R@ 1 VEND 2", "1793-09-22"),
        ("@#DHEBREW@ 5780", "about 2020"),
        ("1950-05-02", "1950-05-02"),
    ],
)
def test_read_date(text: str, expected: str) -> None:
    assert str(read_date(text)) == expected


@pytest.mark.parametrize(
    "text", ["(the winter after the flood)", "", "garbage", "31 FEB 1990", "44 B.C.", "44 BCE"]
)
def test_unusable_dates(text: str) -> None:
    with pytest.raises(UnusableDateError):
        read_date(text)


def test_unusable_dates_are_dropped_with_a_warning_naming_the_line() -> None:
    result = read("warn-dates.ged")
    assert [(w.code, w.location.line) for w in result.warnings] == [
        ("gedcom-date", 8),
        ("gedcom-date", 10),
        ("gedcom-date", 16),
        ("death-before-birth", 22),
    ]
    doc = result.document
    assert doc.person("I1").birth is None and doc.person("I1").is_deceased
    assert str(doc.person("I2").birth) == "1950"
    cy = doc.person("I3")
    assert cy.death is None and cy.is_deceased and str(cy.birth) == "1980-05-05"


@pytest.mark.parametrize("text", ["1950", "about 1950-03", "before 1950-03-02", "after 2001"])
def test_write_date_reads_back(text: str) -> None:
    date = FuzzyDate.parse(text)
    assert read_date(write_date(date)) == date


# -- bad input ----------------------------------------------------------------------------------


def test_malformed_line_is_an_error_naming_its_line() -> None:
    error = errors_of("error-malformed-line.ged")
    (problem,) = error.errors
    assert problem.location.line == 7
    assert "not a GEDCOM line" in problem.message and "this line is not GEDCOM" in problem.message


def test_level_jump_is_an_error_at_the_source_line_despite_blank_lines() -> None:
    (problem,) = errors_of("error-level-jump.ged").errors
    assert problem.location.line == 8
    assert "level" in problem.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"people:\n  - id: ann\n", "gedcom-syntax"),
    ],
)
def test_files_that_are_not_gedcom_are_errors(text: bytes, code: str) -> None:
    with pytest.raises(InputError) as caught:
        read_gedcom(text, filename="odd.ged")
    assert caught.value.errors[0].code == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (b"0 HEAD\n1 CHAR UTF-8\n", ["gedcom-empty", "gedcom-trailer"]),
        (b"0 HEAD\n1 CHAR NOSUCHCODEC\n0 @I1@ INDI\n0 TRLR\n", ["gedcom-charset"]),
        (b"0 @I1@ INDI\n1 NAME Ann\n0 TRLR\n", ["gedcom-header"]),
    ],
)
def test_odd_files_give_warnings(text: bytes, codes: list[str]) -> None:
    assert sorted(w.code for w in read_gedcom(text).warnings) == codes


def test_missing_records_are_dropped_with_warnings() -> None:
    result = read("warn-missing-records.ged")
    assert [(w.code, w.location.line) for w in result.warnings] == [
        ("missing-record", 8),
        ("missing-record", 14),
        ("missing-record", 16),
    ]
    (union,) = result.document.unions
    assert union.partners == ("I2",)
    assert [c.person for c in union.children] == ["I1"]


def test_family_loops_are_broken_with_warnings_naming_the_lines() -> None:
    result = read("warn-family-loop.ged")
    assert [(w.code, w.location.line) for w in result.warnings] == [
        ("own-ancestor", 17),
        ("child-is-partner", 23),
    ]
    assert "own ancestor" in result.warnings[0].message
    assert not [d for d in check_document(result.document) if d.severity == "error"]


def test_structural_problems_become_warnings() -> None:
    result = read("warn-structure.ged")
    assert [(w.code, w.location.line) for w in result.warnings] == [
        ("gedcom-id", 8),
        ("gedcom-sex", 18),
        ("duplicate-child", 25),
        ("too-many-biological-parents", 29),
        ("missing-parents", 30),
        ("gedcom-empty-family", 32),
        ("self-union", 35),
    ]
    doc = result.document
    assert doc.person("I1").family_name == "Lee"  # the repeated @I1@ was skipped
    f1, f2, f3, f5 = doc.unions
    assert [c.person for c in f1.children] == ["I3"]
    # F2 shares I2 with I3's birth family F1: the second link is a step link.
    assert [(c.person, c.parentage) for c in f2.children] == [("I3", Parentage.STEP)]
    assert f3.partners == ("F3-parent",) and doc.person("F3-parent").display_name == "?"
    assert f5.partners == ("I2",)


def test_a_third_biological_parent_elsewhere_becomes_adopted() -> None:
    text = """0 HEAD
0 @A@ INDI
0 @B@ INDI
0 @C@ INDI
0 @D@ INDI
0 @K@ INDI
0 @F1@ FAM
1 HUSB @A@
1 WIFE @B@
1 CHIL @K@
0 @F2@ FAM
1 HUSB @C@
1 WIFE @D@
1 CHIL @K@
0 TRLR
"""
    result = read_gedcom(text)
    assert [c.parentage for u in result.document.unions for c in u.children] == [
        Parentage.BIOLOGICAL,
        Parentage.ADOPTED,
    ]
    assert [(w.code, w.location.line) for w in result.warnings] == [
        ("too-many-biological-parents", 14)
    ]


@pytest.mark.parametrize("path", sorted(DATA.glob("*.ged")), ids=lambda p: p.name)
def test_every_imported_document_passes_the_checks(path: Path) -> None:
    try:
        result = read_any(path)
    except InputError as exc:
        assert path.name.startswith("error-")
        assert all(e.location.line for e in exc.errors)
        return
    assert not path.name.startswith("error-")
    assert not [d for d in check_document(result.document) if d.severity == "error"]
    assert all(w.location.line for w in result.warnings)


# -- ids ----------------------------------------------------------------------------------------


def test_gedcom_ids_become_valid_unique_genomap_ids() -> None:
    assert [make_id(x) for x in ("@I1@", "@Fam 2@", "@-x@", "@@", "@é@")] == [
        "I1",
        "Fam_2",
        "_-x",
        "_",
        "_",
    ]
    ids = IdMap()
    assert [ids.add("@I 1@"), ids.add("@I_1@"), ids.add("@I 1@")] == ["I_1", "I_1_2", None]
    assert len(ids) == 2


# -- writing and round trips ---------------------------------------------------------------------


def test_written_gedcom_has_header_links_both_ways_and_continuations() -> None:
    doc = loads(
        "people:\n"
        "  - {id: ann, given_name: Ann, family_name: Lee, gender: female, death: 1990}\n"
        "  - {id: bob, gender: male, deceased: true, notes: 'mail: bob@example.com'}\n"
        f"  - {{id: cy, notes: '{'long words ' * 40}'}}\n"
        "unions:\n"
        "  - partners: [ann, bob]\n"
        "    events: [{type: separated, date: about 2001}]\n"
        "    children: [{person: cy, parentage: adopted}]\n"
    )
    text = write_gedcom(doc)
    lines = text.splitlines()
    assert lines[:3] == ["0 HEAD", "1 SOUR genomap", lines[2]]
    assert "2 VERS 5.5.1" in lines and "1 CHAR UTF-8" in lines and lines[-1] == "0 TRLR"
    assert "1 NOTE mail: bob@@example.com" in lines  # '@' doubled
    assert "1 DEAT Y" in lines
    assert any(line.startswith("2 CONC ") for line in lines)
    assert all(len(line) <= 255 for line in lines)
    family = text[text.index("0 @F1@ FAM") :]
    # The man is HUSB; a marriage without a date is "MARR Y"; other events are EVEN + TYPE.
    assert family.splitlines()[1:7] == [
        "1 HUSB @bob@",
        "1 WIFE @ann@",
        "1 MARR Y",
        "1 EVEN",
        "2 TYPE Separated",
        "2 DATE ABT 2001",
    ]
    assert "1 FAMC @F1@\n2 PEDI adopted" in text and "1 FAMS @F1@" in text
    back = read_gedcom(text).document
    assert back.person("cy").notes == doc.person("cy").notes
    assert back.person("bob").notes == "mail: bob@example.com"
    assert back.unions[0].events == doc.unions[0].events
    assert back.unions[0].has_ended


@pytest.mark.parametrize("name", ["family-551.ged", "family-7.ged", "warn-structure.ged"])
def test_gedcom_round_trip_keeps_people_families_and_links(name: str) -> None:
    first = read(name).document
    second = read_gedcom(write_gedcom(first)).document
    assert [p.id for p in second.people] == [p.id for p in first.people]
    assert [(u.key, u.partners) for u in second.unions] == [
        (u.key, u.partners) for u in first.unions
    ]
    assert links(second) == links(first)
    assert [u.events for u in second.unions] == [u.events for u in first.unions]
    assert [(p.birth, p.death, p.is_deceased) for p in second.people] == [
        (p.birth, p.death, p.is_deceased) for p in first.people
    ]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_genomap_to_gedcom_and_back_keeps_the_family_tree(path: Path) -> None:
    first = read_any(path).document
    second = read_gedcom(write_gedcom(first)).document
    assert len(second.people) == len(first.people)
    renamed = {a.id: b.id for a, b in zip(first.people, second.people, strict=True)}
    # A person without a name is written with their id as NAME, so labels survive.
    assert [p.label for p in second.people] == [p.label for p in first.people]

    def tree(doc: Document, ids: dict[str, str]) -> set[tuple[frozenset[str], str]]:
        return {
            (frozenset(ids.get(p, p) for p in u.partners), ids.get(c.person, c.person))
            for u in doc.unions
            for c in u.children
        }

    assert tree(second, {}) == tree(first, renamed)


# -- big files ----------------------------------------------------------------------------------


def generated_gedcom(people: int, families: int, seed: int = 7) -> str:
    """A GEDCOM 5.5.1 file of about ``people`` people in ``families`` unconnected pedigrees.

    Each pedigree starts from one couple; every couple has 1-3 children, and each child
    marries someone from outside, generation after generation.
    """
    rng = random.Random(seed)
    head = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8"]
    indi: list[str] = []
    fam: list[str] = []
    born: dict[int, int] = {}
    famc: dict[int, int] = {}
    fams: dict[int, list[int]] = {}
    fams_made: list[int] = []
    count = 0
    per_family = people // families
    for _ in range(families):
        start = count
        couples = [(count + 1, count + 2)]
        born[count + 1] = born[count + 2] = 1780
        count += 2
        while couples and count - start < per_family:
            next_couples: list[tuple[int, int]] = []
            for husband, wife in couples:
                if count - start >= per_family:
                    break
                fam_id = len(fams_made) + 1
                fams_made.append(fam_id)
                year = born[husband] + 25
                fams.setdefault(husband, []).append(fam_id)
                fams.setdefault(wife, []).append(fam_id)
                fam += [f"0 @F{fam_id}@ FAM", f"1 HUSB @I{husband}@", f"1 WIFE @I{wife}@"]
                fam += ["1 MARR", f"2 DATE ABT {year}"]
                for k in range(rng.randint(1, 3)):
                    kid, partner = count + 1, count + 2
                    count += 2
                    born[kid] = born[partner] = year + 2 + 2 * k
                    famc[kid] = fam_id
                    fam.append(f"1 CHIL @I{kid}@")
                    next_couples.append((kid, partner) if kid % 2 else (partner, kid))
            couples = next_couples
        for pid in range(start + 1, count + 1):
            indi += [f"0 @I{pid}@ INDI", f"1 NAME Person{pid} /Family{start}/"]
            indi += [f"1 SEX {'M' if pid % 2 else 'F'}", "1 BIRT", f"2 DATE {born[pid]}"]
            if pid in famc:
                indi.append(f"1 FAMC @F{famc[pid]}@")
            indi += [f"1 FAMS @F{f}@" for f in fams.get(pid, [])]
    return "\n".join([*head, *indi, *fam, "0 TRLR", ""])


def test_a_10000_person_file_converts_and_focuses_quickly() -> None:
    text = generated_gedcom(10_000, families=12)
    start = time.perf_counter()
    result = read_gedcom(text.encode("utf-8"), filename="big.ged")
    elapsed = time.perf_counter() - start
    doc = result.document
    assert result.warnings == ()
    assert len(doc.people) >= 10_000
    assert len(doc.unions) == text.count(" FAM\n")
    assert elapsed < 60  # a generous bound for slow machines; typically 3-6 s
    middle = doc.unions[len(doc.unions) // 2].children[0].person
    around = focus(doc, middle, 2)
    assert middle in {p.id for p in around.people}
    assert 1 < len(around.people) < 100
    assert not [d for d in check_document(around) if d.severity == "error"]


# -- robustness ---------------------------------------------------------------------------------

_FUZZ_TEXT = (
    "@I1@ @F1@ @I2@ @VOID@ CHIL HUSB WIFE FAMC FAMS INDI FAM DATE ABT BET AND PEDI "
    "adopted NAME /x/ SEX DEAT BIRT MARR DIV CONT CONC TRLR HEAD _X Y 1950 JAN @@ EVEN TYPE "
    "Separation NOTE @N1@ ADOP _FREL Step"
)
_FUZZ_WORDS = _FUZZ_TEXT.split()


@pytest.mark.parametrize("seed", range(4))
def test_damaged_files_give_input_errors_or_valid_documents(seed: int) -> None:
    rng = random.Random(seed)
    sources = sorted(DATA.glob("*.ged"))
    outcomes = {"error": 0, "document": 0}
    for _ in range(60):
        lines = rng.choice(sources).read_bytes().decode("utf-8", "replace").splitlines()
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(lines))
            roll = rng.random()
            if roll < 0.3:
                del lines[i]
            elif roll < 0.5:
                lines.insert(rng.randrange(len(lines) + 1), lines[i])
            elif roll < 0.8:
                words = rng.choices(_FUZZ_WORDS, k=rng.randint(1, 3))
                lines.insert(i, " ".join([str(rng.randint(0, 3)), *words]))
            else:
                lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        try:
            result = read_gedcom("\n".join(lines))
        except InputError as exc:
            assert exc.errors
            outcomes["error"] += 1
            continue
        outcomes["document"] += 1
        assert not [d for d in check_document(result.document) if d.severity == "error"]
    assert outcomes["document"] > 10  # most damage is survivable
