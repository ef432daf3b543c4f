"""Write the fuzz corpus: malformed YAML, JSON, GEDCOM and PED inputs made from the examples.

Each input is a valid seed (a small family cut from one of ``examples/*.yaml``, now and then a
whole example, written in the format) broken by one seeded mutation: truncation, wrong types,
deleted and duplicated keys, broken references, cycles, binary bytes, wrong encodings, enormous
numbers and dates, deep nesting, alias bombs, syntax noise. A candidate that still loads is
dropped (it is not malformed), so the corpus holds only inputs genomap must refuse;
``tests/test_fuzz_corpus.py`` checks that every one is refused cleanly, through the API and
the command line. The same seed always writes the same files, named
``NNNN-MUTATION.EXT`` under ``tests/fuzz_corpus/{yaml,json,gedcom,ped}/``, plus a
``MANIFEST.json`` with the counts.

Usage: python tools/make_fuzz_corpus.py [--out DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from genomap.errors import InputError
from genomap.graph import build_graph, subdocument
from genomap.interchange.formats import read_any
from genomap.interchange.gedcom_write import write_gedcom
from genomap.io import load_file, to_data
from genomap.models import Document, Gender, Parentage, PersonKind

ROOT: Final = Path(__file__).resolve().parent.parent
EXAMPLES: Final = ROOT / "examples"
DEFAULT_OUT: Final = ROOT / "tests" / "fuzz_corpus"
DEFAULT_SEED: Final = 20250601
EXTENSIONS: Final = {"yaml": "yaml", "json": "json", "gedcom": "ged", "ped": "ped"}

Data = Any
Output = str | bytes
Mutation = Callable[["Seed", random.Random], Output | None]


@dataclass(frozen=True)
class Seed:
    """A valid input to break: its plain data and its text in each format."""

    name: str
    data: Data
    gedcom: str
    ped: str
    whole: bool = False
    """A whole example rather than a family cut from one."""


MAX_CUT: Final = 12
"""Most people in a family cut from an example."""
MAX_SYSTEMS: Final = 6
"""Most eco-map systems in a family cut from an example."""
WHOLE_SHARE: Final = 0.04
"""How often a whole example is broken rather than a small family (keeps the corpus small)."""


def pick(found: list[Seed], rng: random.Random) -> Seed:
    """A seed to break: now and then a whole example, usually a small family."""
    whole = rng.random() < WHOLE_SHARE
    return rng.choice([s for s in found if s.whole == whole] or found)


# --------------------------------------------------------------------------- seeds


def _ped(document: Document) -> str:
    """The document's people as LINKAGE pedigree lines (family, id, father, mother, sex,
    phenotype), biological parents only."""
    father: dict[str, str] = {}
    mother: dict[str, str] = {}
    genders = {p.id: p.gender for p in document.people}
    for union in document.unions:
        for child in union.children:
            if child.parentage != Parentage.BIOLOGICAL:
                continue
            for partner in union.partners:
                if genders.get(partner) == Gender.MALE:
                    father.setdefault(child.person, partner)
                elif genders.get(partner) == Gender.FEMALE:
                    mother.setdefault(child.person, partner)
    lines = ["#FID IID PAT MAT SEX PHENO"]
    for person in document.people:
        if person.kind != PersonKind.PERSON:
            continue
        sex = {Gender.MALE: "1", Gender.FEMALE: "2"}.get(person.gender, "0")
        affected = "2" if person.conditions else "1"
        dad, mum = father.get(person.id, "0"), mother.get(person.id, "0")
        lines.append(f"fam1 {person.id} {dad} {mum} {sex} {affected}")
    return "\n".join(lines) + "\n"


def _small(document: Document) -> Document:
    """The document with at most :data:`MAX_SYSTEMS` eco-map systems (and their ties)."""
    eco = document.ecomap
    if eco is None or len(eco.systems) <= MAX_SYSTEMS:
        return document
    systems = eco.systems[:MAX_SYSTEMS]
    kept = {s.id for s in systems}
    connections = tuple(c for c in eco.connections if c.system in kept)
    update = {"systems": systems, "connections": connections}
    return document.model_copy(update={"ecomap": eco.model_copy(update=update)})


def _seed(name: str, document: Document, *, whole: bool = False) -> Seed | None:
    """A seed from a document, or None when one of its forms does not load cleanly."""
    data = to_data(document)
    seed = Seed(name, data, write_gedcom(document), _ped(document), whole)
    for fmt in ("yaml", "json", "gedcom", "ped"):
        if not _loads(_text(seed, fmt), fmt):
            return None
    return seed


def seeds(rng: random.Random) -> list[Seed]:
    """Small families cut from every example (around a random person), and the examples."""
    found: list[Seed] = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        document = load_file(path)
        whole = _seed(path.stem, document, whole=True)
        if whole is not None:
            found.append(whole)
        graph = build_graph(document)
        ids = sorted(p.id for p in document.people)
        for _ in range(6):
            around = rng.choice(ids)
            keep = graph.neighbourhood(around, rng.choice((0, 1, 1, 2)))
            if len(keep) > MAX_CUT:
                keep = graph.neighbourhood(around, 0)
            if len(keep) > MAX_CUT:
                continue
            cut = _seed(f"{path.stem}:{around}", _small(subdocument(document, sorted(keep))))
            if cut is not None:
                found.append(cut)
    return found


def _text(seed: Seed, fmt: str) -> str:
    if fmt == "gedcom":
        return seed.gedcom
    if fmt == "ped":
        return seed.ped
    return dump(seed.data, fmt)


def _bytes(data: Output) -> bytes:
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


def _loads(data: Output, fmt: str) -> bool:
    """True when the input (as the bytes a file would hold) loads as a valid document."""
    try:
        read_any(_bytes(data), source_format=fmt, filename=f"candidate.{EXTENSIONS[fmt]}")  # type: ignore[arg-type]
    except InputError:
        return False
    except Exception:  # a crash is a bug the corpus must keep, so it counts as refused
        return False
    return True


# --------------------------------------------------------------------------- writing data

_RAW: Final = "RAW{}MARK"
_DUP: Final = "DUPKEY{}MARK"


class Raw:
    """Text to put into serialised data verbatim, through placeholders."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.keys: dict[str, str] = {}

    def value(self, text: str) -> str:
        marker = _RAW.format(len(self.values))
        self.values[marker] = text
        return marker

    def key(self, name: str) -> str:
        marker = _DUP.format(len(self.keys))
        self.keys[marker] = name
        return marker


def dump(data: Data, fmt: str, raw: Raw | None = None) -> str:
    """Data as YAML or JSON, with placeholders replaced by raw text."""
    if fmt == "json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    for marker, value in (raw.values if raw else {}).items():
        text = text.replace(f'"{marker}"' if fmt == "json" else marker, value)
    for marker, name in (raw.keys if raw else {}).items():
        text = text.replace(f'"{marker}"' if fmt == "json" else marker, json.dumps(name))
    return text


# Lists of records and the fields each record must have.
_RECORDS: Final[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = (
    (("people",), ("id",)),
    (("unions",), ("partners",)),
    (("relationships",), ("kind", "source", "target")),
    (("households",), ("id", "members")),
    (("multiple_births",), ("members",)),
    (("ecomap", "systems"), ("id", "name")),
    (("ecomap", "connections"), ("system",)),
)


def _get(data: Data, path: tuple[Any, ...]) -> Any:
    for part in path:
        found = isinstance(data, dict) and part in data
        if not (found or (isinstance(data, list) and isinstance(part, int) and part < len(data))):
            return None
        data = data[part]
    return data


def records(data: Data) -> list[tuple[tuple[Any, ...], dict[str, Any], tuple[str, ...]]]:
    """(path, record, required fields) for every record in the known lists, nested ones too."""
    found = []
    for path, required in _RECORDS:
        items = _get(data, path)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                found.append(((*path, i), item, required))
    for p, person in enumerate(data.get("people", [])):
        for c, condition in enumerate(person.get("conditions", [])):
            found.append((("people", p, "conditions", c), condition, ("kind",)))
    for u, union in enumerate(data.get("unions", [])):
        for e, event in enumerate(union.get("events", [])):
            found.append((("unions", u, "events", e), event, ("type",)))
    return found


def leaves(data: Data, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every value below the root with its path, in document order."""
    found: list[tuple[tuple[Any, ...], Any]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        found.append(((*path, key), value))
        if isinstance(value, dict | list):
            found.extend(leaves(value, (*path, key)))
    return found


def _set(data: Data, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _ids(data: Data) -> list[str]:
    return [p["id"] for p in data.get("people", []) if isinstance(p, dict) and "id" in p]


# --------------------------------------------------------------------------- data mutations


def structural(change: Callable[[Data, random.Random, Raw], bool]) -> Callable[[str], Mutation]:
    """A mutation of the seed's data, written in the format the corpus entry is for."""

    def for_format(fmt: str) -> Mutation:
        def mutate(seed: Seed, rng: random.Random) -> Output | None:
            data = copy.deepcopy(seed.data)
            raw = Raw()
            if not change(data, rng, raw):
                return None
            return dump(data, fmt, raw)

        return mutate

    return for_format


@structural
def delete_required(data: Data, rng: random.Random, raw: Raw) -> bool:
    found = [(path, rec, f) for path, rec, req in records(data) for f in req if f in rec]
    if not found:
        return False
    _, record, name = rng.choice(found)
    del record[name]
    return True


_WRONG: Final[dict[type, tuple[Any, ...]]] = {
    str: (["a", "list"], {"a": "mapping"}, 42, 3.5, True, [], {}),
    list: ("text", {"k": "v"}, 7, True, "[a, b]"),
    dict: ("text", ["x"], 0, False, [{"id": "x"}]),
    bool: ("maybe", [True], {"x": 1}, 2, "yes please", -1.5),
    int: ("many", [1], {"n": 1}, 1.5, "12 years", True),
}


@structural
def wrong_type(data: Data, rng: random.Random, raw: Raw) -> bool:
    found = [(p, v) for p, v in leaves(data) if type(v) in _WRONG]
    if not found:
        return False
    path, value = rng.choice(found)
    _set(data, path, rng.choice(_WRONG[type(value)]))
    return True


@structural
def duplicate_key(data: Data, rng: random.Random, raw: Raw) -> bool:
    record = rng.choice([rec for _, rec, _ in records(data)] + [data])
    if not record:
        return False
    name = rng.choice(sorted(record))
    record[raw.key(name)] = copy.deepcopy(record[name])
    return True


@structural
def duplicate_id(data: Data, rng: random.Random, raw: Raw) -> bool:
    lists = [
        items
        for key in ("people", "households")
        if isinstance(items := data.get(key), list) and items
    ]
    eco = data.get("ecomap") or {}
    if eco.get("systems"):
        lists.append(eco["systems"])
    if not lists:
        return False
    items = rng.choice(lists)
    twin = copy.deepcopy(rng.choice(items))
    if "given_name" in twin:
        twin["given_name"] = "Twin"
    items.insert(rng.randrange(len(items) + 1), twin)
    return True


def _reference_sites(data: Data) -> list[tuple[Any, ...]]:
    """Paths of every value that refers to a person, household or system by id."""
    sites: list[tuple[Any, ...]] = []
    for u, union in enumerate(data.get("unions", [])):
        sites += [("unions", u, "partners", i) for i in range(len(union.get("partners", [])))]
        for c, child in enumerate(union.get("children", [])):
            sites.append(
                ("unions", u, "children", c, *(("person",) if isinstance(child, dict) else ()))
            )
    for r, _ in enumerate(data.get("relationships", [])):
        sites += [("relationships", r, "source"), ("relationships", r, "target")]
    for h, household in enumerate(data.get("households", [])):
        sites += [("households", h, "members", i) for i in range(len(household["members"]))]
    for b, birth in enumerate(data.get("multiple_births", [])):
        sites += [("multiple_births", b, "members", i) for i in range(len(birth["members"]))]
    eco = data.get("ecomap") or {}
    for c, tie in enumerate(eco.get("connections", [])):
        sites.append(("ecomap", "connections", c, "system"))
        if "member" in tie:
            sites.append(("ecomap", "connections", c, "member"))
    sites += [("ecomap", key) for key in ("household", "person") if key in eco]
    return sites


@structural
def broken_reference(data: Data, rng: random.Random, raw: Raw) -> bool:
    sites = _reference_sites(data)
    if not sites:
        return False
    path = rng.choice(sites)
    old = _get(data, path)
    options = [f"ghost{rng.randrange(1000)}", f"{old}x", str(old)[:-1] or "q", "household"]
    households = [h["id"] for h in data.get("households", [])]
    if households and path[0] != "ecomap":
        options.append(rng.choice(households))  # an id of the wrong kind
    _set(data, path, rng.choice(options))
    return True


@structural
def cycle(data: Data, rng: random.Random, raw: Raw) -> bool:
    """A person who is their own ancestor, or their own partner."""
    unions = [u for u in data.get("unions", []) if u.get("children")]
    way = rng.randrange(3)
    if way == 2 or not unions:
        partnered = [u for u in data.get("unions", []) if u.get("partners")]
        if not partnered:
            return False
        union = rng.choice(partnered)
        union["partners"] = [union["partners"][0]] * 2
        return True
    union = rng.choice(unions)
    parent = rng.choice(union["partners"])
    if way == 0:  # the parent is also the union's child
        union["children"].append(parent)
        return True
    child = union["children"][-1]
    child_id = child["person"] if isinstance(child, dict) else child
    # The child becomes the parent of their own parent.
    data["unions"].append({"partners": [child_id], "children": [parent]})
    return True


_ENORMOUS_NUMBERS: Final = (
    "1e300",
    "-1e308",
    "1.0e999",
    "1" + "0" * 5000,
    "-" + "9" * 400,
    "123456789012345678901234567890",
    "4294967296",
    "-0.000000000000001",
)
_NUMBER_FIELDS: Final = (
    ("people", "age"),
    ("people", "gestation_weeks"),
    ("people", "count"),
    ("connections", "amount"),
    ("document", "version"),
)


@structural
def enormous_number(data: Data, rng: random.Random, raw: Raw) -> bool:
    where, name = rng.choice(_NUMBER_FIELDS)
    if where == "document":
        record = data
    elif where == "connections":
        ties = (data.get("ecomap") or {}).get("connections") or []
        if not ties:
            return False
        record = rng.choice(ties)
    else:
        record = rng.choice(data["people"]) if data.get("people") else None
        if record is None:
            return False
    record[name] = raw.value(rng.choice(_ENORMOUS_NUMBERS))
    return True


_ENORMOUS_DATES: Final = (
    "99999",
    "'99999-01-01'",
    "'about 99999'",
    "'0000-00-00'",
    "'1970-13-01'",
    "'2021-02-29'",
    "'-2000'",
    "20000101",
    "'1e4'",
    "9" * 40,
    "'before before 1970'",
    "'1970-05-02T99:99:99'",
    "'" + "1" * 300 + "'",
    "0",
    "-1",
)


def _date_sites(data: Data) -> list[tuple[dict[str, Any], str]]:
    sites: list[tuple[dict[str, Any], str]] = [(data, "date")]
    for person in data.get("people", []):
        sites += [(person, "birth"), (person, "death")]
        sites += [(condition, "since") for condition in person.get("conditions", [])]
    for union in data.get("unions", []):
        sites += [(event, "date") for event in union.get("events", [])]
    for rel in data.get("relationships", []):
        sites += [(rel, "start"), (rel, "end")]
    return sites


def enormous_date_for(fmt: str) -> Mutation:
    def change(data: Data, rng: random.Random, raw: Raw) -> bool:
        record, name = rng.choice(_date_sites(data))
        text = rng.choice(_ENORMOUS_DATES)
        if fmt == "json" and text.startswith("'"):
            text = json.dumps(text.strip("'"))
        record[name] = raw.value(text)
        return True

    return structural(change)(fmt)


_MISSPELT: Final = (
    "birht",
    "gendre",
    "partner",
    "child",
    "colour_of_eyes",
    "Id",
    "given name",
    "peoples",
    "relations",
    "<script>",
    "ünïcode",
    "",
    "x" * 200,
)


@structural
def unknown_field(data: Data, rng: random.Random, raw: Raw) -> bool:
    found = [rec for _, rec, _ in records(data)] + [data]
    rng.choice(found)[rng.choice(_MISSPELT)] = rng.choice(("value", 1, True, ["a"]))
    return True


_BAD_ENUMS: Final = (
    ("people", "gender", ("mail", "M", "Female ", "woman", 1, "")),
    ("people", "kind", ("human", "dog", "miscarried")),
    ("unions", "kind", ("marraige", "wed", "civil union")),
    ("relationships", "kind", ("angry", "hostility", "love")),
    ("households", "id", ("has space", "-lead", "semi;colon", "<b>")),
    ("document", "preset", ("mcgoldric", "genopro", "NSGC ")),
)


@structural
def bad_enum(data: Data, rng: random.Random, raw: Raw) -> bool:
    where, name, values = rng.choice(_BAD_ENUMS)
    items = [data] if where == "document" else data.get(where) or []
    if not items:
        return False
    rng.choice(items)[name] = rng.choice(values)
    return True


@structural
def impossible_family(data: Data, rng: random.Random, raw: Raw) -> bool:
    """Family logic errors: self-relationships, deaths before births, too many partners."""
    people = data.get("people", [])
    if len(people) < 3:
        return False
    ids = _ids(data)
    way = rng.randrange(5)
    if way == 0:
        pid = rng.choice(ids)
        data.setdefault("relationships", []).append(
            {"kind": "hostile", "source": pid, "target": pid}
        )
    elif way == 1:
        person = rng.choice(people)
        person["birth"] = "1990-05-01"
        person["death"] = "1950-01-01"
    elif way == 2:
        data.setdefault("unions", []).append({"partners": ids[:3]})
    elif way == 3:
        data.setdefault("unions", []).append({"partners": []})
    else:
        data.setdefault("households", []).append({"id": "hh-empty", "members": []})
    return True


@structural
def top_level(data: Data, rng: random.Random, raw: Raw) -> bool:
    way = rng.randrange(4)
    key = rng.choice(sorted(data))
    if way == 0:
        data[key] = raw.value(rng.choice(("3", "'people'", "true", "[[[]]]")))
    elif way == 1:
        data.clear()
        data["people"] = raw.value(rng.choice(("3", "'everyone'", "{}")))
    elif way == 2:
        data.clear()
        data["peopel"] = []
    else:
        data.clear()
        data["version"] = raw.value(rng.choice(("2", "'1'", "0", "null")))
        data["people"] = []
    return True


# --------------------------------------------------------------------------- text mutations


def textual(
    change: Callable[[str, random.Random, str], Output | None],
) -> Callable[[str], Mutation]:
    """A mutation of the seed's text in the format the corpus entry is for."""

    def for_format(fmt: str) -> Mutation:
        def mutate(seed: Seed, rng: random.Random) -> Output | None:
            return change(_text(seed, fmt), rng, fmt)

        return mutate

    return for_format


@textual
def truncate(text: str, rng: random.Random, fmt: str) -> Output:
    data = text.encode("utf-8")
    return data[: rng.randrange(1, len(data))]


@textual
def binary_bytes(text: str, rng: random.Random, fmt: str) -> Output:
    data = text.encode("utf-8")
    at = rng.randrange(len(data))
    way = rng.randrange(4)
    if way == 0:
        junk = rng.randbytes(rng.randint(1, 24))
    elif way == 1:
        junk = b"\x00"
    elif way == 2:
        junk = rng.choice(
            (b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80")
        )
    else:
        return bytes(rng.randrange(256) for _ in range(rng.randint(8, 400)))  # pure noise
    return data[:at] + junk + data[at:]


_FOREIGN: Final = (
    ("latin-1", "Zoë Ødegård"),
    ("cp1252", "“Zoë” – Ødegård"),
    ("utf-16-le", "Zoë"),
    ("utf-16-be", "Zoë"),
    ("utf-16", "Zoë"),
    ("utf-32", "Zoë"),
    ("shift_jis", "山田 花子"),
    ("gb18030", "王 小明"),
    ("koi8-r", "Иван Петров"),
    ("mac-roman", "Zoë Ødegård"),
)


def wrong_encoding_for(fmt: str) -> Mutation:
    def mutate(seed: Seed, rng: random.Random) -> Output | None:
        encoding, name = rng.choice(_FOREIGN)
        if fmt in ("yaml", "json"):
            data = copy.deepcopy(seed.data)
            people = data.get("people") or []
            if people:
                rng.choice(people)["given_name"] = name
            else:
                data["title"] = name
            text = dump(data, fmt)
        else:
            text = _text(seed, fmt)
            lines = text.splitlines()
            at = rng.randrange(1, len(lines))
            if fmt == "gedcom":
                level = lines[at].split(" ", 1)[0]
                lines.insert(at, f"{level} NOTE {name}")
            else:
                lines[at] = lines[at].replace("fam1", name.replace(" ", "_"), 1)
            text = "\n".join(lines) + "\n"
        return text.encode(encoding, errors="replace")

    return mutate


@textual
def control_chars(text: str, rng: random.Random, fmt: str) -> Output:
    char = chr(rng.choice([c for c in range(1, 32) if c not in (9, 10, 13)] + [0x7F, 0xFFFE]))
    at = rng.randrange(len(text))
    return text[:at] + char + text[at:]


@textual
def line_noise(text: str, rng: random.Random, fmt: str) -> Output:
    """Delete, repeat, swap or cut into one line; delete or add one character."""
    lines = text.splitlines(keepends=True)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    way = rng.randrange(6)
    if way == 0:
        del lines[i]
    elif way == 1:
        lines.insert(i, lines[j])
    elif way == 2:
        lines[i], lines[j] = lines[j], lines[i]
    elif way == 3:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)] + "\n"
    else:
        joined = "".join(lines)
        at = rng.randrange(len(joined))
        if way == 4:
            return joined[:at] + joined[at + 1 :]
        return joined[:at] + rng.choice("{}[]:,\"'-#&*!|>%@`\\ ") + joined[at:]
    return "".join(lines)


def deep_nesting_for(fmt: str) -> Mutation:
    def change(data: Data, rng: random.Random, raw: Raw) -> bool:
        depth = rng.choice((101, 150, 1000, 10_000))
        opening, closing = rng.choice(
            (("[", "]"), ('{"a": ', "}") if fmt == "json" else ("{a: ", "}"))
        )
        closed = depth < 10_000 or rng.random() < 0.5
        found = leaves(data)
        path, _ = rng.choice(found)
        _set(data, path, raw.value(opening * depth + (closing * depth if closed else "")))
        return True

    return structural(change)(fmt)


# --------------------------------------------------------------------------- YAML only


_YAML_TAGS: Final = (
    "!!python/object/apply:os.system ['echo pwned']",
    "!!python/object/new:subprocess.Popen [['ls']]",
    "!!python/name:os.system ''",
    "!!python/tuple [1, 2]",
    "!custom x",
    "!!set {a, b}",
    "!!binary aGVsbG8=",
    "!!omap [a: 1]",
    "!!timestamp 2020-99-99",
    "!!int x",
    "!!float y",
    "!!bool maybe",
    "!!map [1, 2]",
    "!!seq {a: 1}",
    "!<tag:evil.example,2024:x> y",
)


@structural
def yaml_tag(data: Data, rng: random.Random, raw: Raw) -> bool:
    path, _ = rng.choice(leaves(data))
    _set(data, path, raw.value(rng.choice(_YAML_TAGS)))
    return True


def _laughs(levels: int, fan: int) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * fan)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fan)}]")
    return "\n".join(lines) + "\n"


def yaml_aliases(seed: Seed, rng: random.Random) -> Output | None:
    text = dump(seed.data, "yaml")
    way = rng.randrange(6)
    if way == 0:  # billion laughs, under a key the document does not know
        return (
            text + "bomb:\n" + "".join("  " + line + "\n" for line in _laughs(9, 10).splitlines())
        )
    if way == 1:  # a bomb built from the document's own lists
        return (
            "x: &x ["
            + ", ".join(["lol"] * 64)
            + "]\n"
            + "y: &y ["
            + ", ".join(["*x"] * 128)
            + "]\n"
            + "z: &z ["
            + ", ".join(["*y"] * 128)
            + "]\n"
            + text
        )
    if way == 2:  # an alias to its own anchor
        return text + "loop: &loop [*loop]\n"
    if way == 3:
        return text.replace("people:", "people: *nowhere\npeople_:", 1)
    if way == 4:
        return "base: &b {id: x}\n" + text + "extra:\n  <<: 3\n"
    return text + "merge: &m\n  <<: *m\n"


def yaml_documents(seed: Seed, rng: random.Random) -> Output | None:
    text = dump(seed.data, "yaml")
    return rng.choice(
        (
            "---\n" + text + "---\npeople: []\n",
            text + "...\n---\n" + text,
            "%YAML 9.9\n---\n" + text,
        )
    )


def yaml_indentation(seed: Seed, rng: random.Random) -> Output | None:
    lines = dump(seed.data, "yaml").splitlines(keepends=True)
    indented = [i for i, line in enumerate(lines) if line.startswith("  ")]
    if not indented:
        return None
    i = rng.choice(indented)
    way = rng.randrange(3)
    if way == 0:
        lines[i] = "\t" + lines[i].lstrip(" ")
    elif way == 1:
        lines[i] = " " + lines[i]
    else:
        lines[i] = lines[i][1:]
    return "".join(lines)


# --------------------------------------------------------------------------- JSON only


def json_syntax(seed: Seed, rng: random.Random) -> Output | None:
    text = dump(seed.data, "json")
    lines = text.splitlines(keepends=True)
    i = rng.randrange(1, len(lines) - 1)
    way = rng.randrange(12)
    if way == 0:
        lines.insert(i, "  // a comment\n")
    elif way == 1:
        lines[i] = lines[i].replace('"', "'", 2)
    elif way == 2:
        return text.rstrip().removesuffix("}").rstrip() + ",\n}\n"
    elif way == 3:
        return text.replace('"people": [', '"people": NaN, "x": [', 1)
    elif way == 4:
        return text.replace('"version": 1', '"version": Infinity', 1)
    elif way == 5:
        lines[i] = lines[i].replace('"', "", 2)
    elif way == 6:
        return "[" + text + "]"
    elif way == 7:
        return text.replace('": "', '": "\\ud800', 1)
    elif way == 8:
        return text.replace('": "', '": "\\u0000', 1)
    elif way == 9:
        return text.replace('": ', '" ', 1)
    elif way == 10:
        return text.replace(",\n", "\n", 1)
    else:
        return text + rng.choice(("}", "]", "{}", "null", "x"))
    return "".join(lines)


# --------------------------------------------------------------------------- GEDCOM only


def _gedcom_lines(seed: Seed) -> list[str]:
    return seed.gedcom.splitlines()


def gedcom_levels(seed: Seed, rng: random.Random) -> Output | None:
    lines = _gedcom_lines(seed)
    i = rng.randrange(1, len(lines) - 1)
    level, _, rest = lines[i].partition(" ")
    way = rng.randrange(5)
    if way == 0 and level.isdigit():
        new = str(int(level) + rng.randint(2, 9))
    elif way == 1:
        new = rng.choice(("X", "-1", "1.5", "", "I", "一"))
    elif way == 2:
        new = rng.choice(("99999999999999999999", "1" + "0" * 5000, "1e300"))
    elif way == 3:
        new = "0" if level != "0" else "1"
        if new == "1" and i == 0:
            return None
    else:
        new = f" {level}"
    lines[i] = f"{new} {rest}"
    return "\n".join(lines) + "\n"


def gedcom_lines(seed: Seed, rng: random.Random) -> Output | None:
    lines = _gedcom_lines(seed)
    i = rng.randrange(1, len(lines) - 1)
    way = rng.randrange(7)
    level = lines[i].split(" ", 1)[0]
    if way == 0:
        lines[i] = level
    elif way == 1:
        lines[i] = lines[i].replace(" ", "", 1)
    elif way == 2:
        lines[i] = f"{level} @X1@"
    elif way == 3:
        lines.insert(i, "0 CONC orphan continuation")
    elif way == 4:
        lines.insert(i, f"{level} @@ @@")
    elif way == 5:
        lines.insert(i, "    ")
    else:
        lines[i] = f"{level} {'N' * 5000} value"
    return "\n".join(lines) + "\n"


def gedcom_structure(seed: Seed, rng: random.Random) -> Output | None:
    lines = _gedcom_lines(seed)
    way = rng.randrange(6)
    if way == 0:  # no header
        end = next(i for i in range(1, len(lines)) if lines[i].startswith("0 "))
        return "\n".join(lines[end:]) + "\n"
    if way == 1:
        return rng.choice(("", "\n\n", "0 TRLR\n", "   \n", "\ufeff"))
    if way == 2:  # a record inside a record: the level climbs one step a line
        depth = rng.choice((100, 1000, 5000))
        chain = [f"{n} _DEEP x" for n in range(1, depth)]
        return "\n".join([*lines[:-1], "0 @D1@ _DEEP", *chain, lines[-1]]) + "\n"
    if way == 3:
        charset = rng.choice(("KLINGON", "UTF-99", "ASCII "))
        return "\n".join([lines[0], f"1 CHAR {charset}", *lines[1:]]) + "\n"
    if way == 4:  # one record id twice
        records = [i for i, line in enumerate(lines) if line.startswith("0 @") and "INDI" in line]
        if not records:
            return None
        i = rng.choice(records)
        return "\n".join([*lines[:-1], lines[i], "1 NAME Second /Copy/", lines[-1]]) + "\n"
    return (
        "\n".join(lines).replace(
            "0 HEAD", rng.choice(("0 HAED", "HEAD", "1 HEAD", "0 @H@ HEAD x")), 1
        )
        + "\n"
    )


# --------------------------------------------------------------------------- PED only


def ped_columns(seed: Seed, rng: random.Random) -> Output | None:
    lines = seed.ped.splitlines()
    i = rng.randrange(1, len(lines))
    columns = lines[i].split()
    keep = rng.randint(0 if rng.random() < 0.2 else 1, 5)
    lines[i] = " ".join(columns[:keep])
    if keep == 0:
        lines[i] = rng.choice(("-", "fam1", "\t\t", "0 0 0"))
    return "\n".join(lines) + "\n"


def ped_structure(seed: Seed, rng: random.Random) -> Output | None:
    way = rng.randrange(4)
    if way == 0:
        return rng.choice(
            ("", "\n", "#FID IID PAT MAT SEX PHENO\n", "# only a comment\n# and another\n")
        )
    if way == 1:
        return "\n".join(f"fam1 p{n}" for n in range(rng.randint(1, 20))) + "\n"
    if way == 2:
        return seed.ped.replace(" ", ",")
    return seed.ped.replace(" ", "|")


# --------------------------------------------------------------------------- the plan

# (mutation name, its function for the format, how many inputs to write)
Plan = list[tuple[str, Mutation, int]]


def _shared(fmt: str, scale: int) -> Plan:
    return [
        ("truncated", truncate(fmt), 4 * scale),
        ("binary", binary_bytes(fmt), 3 * scale),
        ("encoding", wrong_encoding_for(fmt), 2 * scale),
        ("control-chars", control_chars(fmt), 2 * scale),
        ("line-noise", line_noise(fmt), 3 * scale),
    ]


def plan(fmt: str) -> Plan:
    """What to write for a format."""
    if fmt in ("yaml", "json"):
        steps: Plan = [
            ("missing-field", delete_required(fmt), 30),
            ("wrong-type", wrong_type(fmt), 45),
            ("duplicate-key", duplicate_key(fmt), 20),
            ("duplicate-id", duplicate_id(fmt), 15),
            ("broken-reference", broken_reference(fmt), 35),
            ("cycle", cycle(fmt), 20),
            ("enormous-number", enormous_number(fmt), 20),
            ("enormous-date", enormous_date_for(fmt), 25),
            ("unknown-field", unknown_field(fmt), 15),
            ("bad-value", bad_enum(fmt), 15),
            ("impossible-family", impossible_family(fmt), 20),
            ("top-level", top_level(fmt), 10),
            ("deep-nesting", deep_nesting_for(fmt), 8),
            *_shared(fmt, 8),
        ]
        if fmt == "yaml":
            steps += [
                ("yaml-tag", yaml_tag(fmt), 20),
                ("yaml-alias", yaml_aliases, 12),
                ("yaml-documents", yaml_documents, 6),
                ("yaml-indentation", yaml_indentation, 15),
            ]
        else:
            steps += [("json-syntax", json_syntax, 40)]
        return steps
    if fmt == "gedcom":
        return [
            ("bad-level", gedcom_levels, 50),
            ("malformed-line", gedcom_lines, 45),
            ("structure", gedcom_structure, 25),
            *_shared(fmt, 10),
        ]
    return [
        ("too-few-columns", ped_columns, 60),
        ("structure", ped_structure, 15),
        *_shared(fmt, 8),
    ]


MAX_TRIES: Final = 60
"""Candidates tried per input written before a mutation is given up on."""


def generate(out: Path, seed: int) -> dict[str, Any]:
    """Write the corpus under ``out`` (replacing it) and return the manifest."""
    rng = random.Random(seed)
    found = seeds(rng)
    if out.exists():
        shutil.rmtree(out)
    manifest: dict[str, Any] = {"seed": seed, "seeds": len(found), "formats": {}}
    for fmt in ("yaml", "json", "gedcom", "ped"):
        folder = out / fmt
        folder.mkdir(parents=True)
        counts: dict[str, int] = {}
        seen: set[bytes] = set()  # for membership only: the order never matters
        tried = dropped = 0
        number = 0
        for name, mutation, wanted in plan(fmt):
            written = 0
            for _ in range(wanted * MAX_TRIES):
                if written == wanted:
                    break
                base = pick(found, rng)
                candidate = mutation(base, rng)
                if candidate is None:
                    continue
                data = _bytes(candidate)
                if data in seen:
                    continue
                seen.add(data)
                tried += 1
                if _loads(data, fmt):
                    dropped += 1  # still a valid document: not malformed
                    continue
                path = folder / f"{number:04d}-{name}.{EXTENSIONS[fmt]}"
                path.write_bytes(data)
                number += 1
                written += 1
            counts[name] = written
        manifest["formats"][fmt] = {
            "inputs": number,
            "candidates": tried,
            "still_valid_dropped": dropped,
            "mutations": counts,
        }
    manifest["inputs"] = sum(f["inputs"] for f in manifest["formats"].values())
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """Write the corpus and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpus folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    for fmt, info in manifest["formats"].items():
        dropped = info["still_valid_dropped"]
        print(f"{fmt:7} {info['inputs']:5} inputs ({dropped} valid candidates dropped)")
    print(f"total   {manifest['inputs']:5} inputs, {size / 1e6:.2f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
