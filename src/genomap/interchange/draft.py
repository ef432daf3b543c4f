"""A document read from GEDCOM or PED records, with each item's source line, made valid.

Readers fill a :class:`Draft` with plain people and union data and the line each item came
from. :func:`finish` validates it and runs :func:`genomap.validate.check_document`; genealogy
files routinely hold what genomap refuses (a loop that makes someone their own ancestor, a
child with biological parents in two families, a death before a birth), so each such error is
repaired, with a warning naming the line, until the document is clean:

- a child link that closes a loop, repeats, or names a partner of the same family is dropped;
- a third biological parent's link becomes ``step`` (the family shares a partner with the
  child's birth family) or ``adopted`` (it does not);
- a family whose two partners are one person keeps one partner;
- a death dated before the birth loses its date (the person stays deceased);
- a child born before a parent loses its birth date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import ValidationError

from genomap.errors import Diagnostic, FieldPath, InputError, Location, format_path
from genomap.io import LoadResult
from genomap.models import Document, Parentage
from genomap.validate import check_document

MAX_ROUNDS: Final = 50
"""Repair rounds before giving up (each round fixes every error reported; loops nest)."""


@dataclass(slots=True)
class Origin:
    """The source lines of one person or union and of its parts."""

    line: int | None
    fields: dict[str, int] = field(default_factory=dict)
    partners: list[int | None] = field(default_factory=list)
    children: list[int | None] = field(default_factory=list)
    events: list[int | None] = field(default_factory=list)


@dataclass(slots=True)
class Draft:
    """People and unions as plain data (the document format's fields), with their origins.

    Attributes:
        filename: The name used in diagnostics.
        people: Person mappings, in file order.
        unions: Union mappings; ``children`` holds ``{"person": id, "parentage": ...}``.
        extra: Other top-level document fields (``preset``, ``title``).
        warnings: Problems found while reading.
    """

    filename: str | None
    people: list[dict[str, Any]] = field(default_factory=list)
    unions: list[dict[str, Any]] = field(default_factory=list)
    person_origins: list[Origin] = field(default_factory=list)
    union_origins: list[Origin] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)

    def add_person(self, data: dict[str, Any], origin: Origin) -> None:
        """Add a person and where it came from."""
        self.people.append(data)
        self.person_origins.append(origin)

    def add_union(self, data: dict[str, Any], origin: Origin) -> None:
        """Add a union (with ``partners`` and ``children`` lists) and where it came from."""
        data.setdefault("partners", [])
        data.setdefault("children", [])
        self.unions.append(data)
        self.union_origins.append(origin)

    def warn(self, code: str, message: str, line: int | None) -> None:
        """Record a warning at a source line."""
        self.warnings.append(Diagnostic("warning", message, Location(self.filename, line), code))

    def line_of(self, path: FieldPath) -> int | None:
        """The source line of a document field path such as ``("unions", 2, "children", 0)``."""
        if len(path) < 2 or not isinstance(path[1], int):
            return None
        kind, index, rest = path[0], path[1], path[2:]
        origins = self.person_origins if kind == "people" else self.union_origins
        if kind not in ("people", "unions") or not 0 <= index < len(origins):
            return None
        origin = origins[index]
        if rest and isinstance(rest[0], str):
            parts = {"partners": origin.partners, "children": origin.children}
            parts["events"] = origin.events
            items = parts.get(rest[0])
            if items is not None and len(rest) > 1 and isinstance(rest[1], int):
                if 0 <= rest[1] < len(items) and items[rest[1]] is not None:
                    return items[rest[1]]
            elif rest[0] in origin.fields:
                return origin.fields[rest[0]]
        return origin.line

    def relocated(self, diagnostic: Diagnostic) -> Diagnostic:
        """A diagnostic located by document path, moved to the source line (path dropped)."""
        line = self.line_of(diagnostic.location.path)
        return Diagnostic(
            diagnostic.severity,
            diagnostic.message,
            Location(self.filename, line),
            diagnostic.code,
        )


def finish(draft: Draft) -> LoadResult:
    """Validate a draft, repairing what genomap refuses, and return it with every warning.

    Raises:
        InputError: An error no repair covers, with its source line.
    """
    for _ in range(MAX_ROUNDS):
        document = _validate(draft)
        found = check_document(document)
        errors = [d for d in found if d.severity == "error"]
        if not errors:
            warnings = draft.warnings + [draft.relocated(d) for d in found]
            return LoadResult(document, tuple(_by_line(warnings)))
        if not _repair(draft, errors):
            break
    raise InputError(_by_line(draft.warnings + [draft.relocated(d) for d in errors]))


def _by_line(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: d.location.line or 0)


def _validate(draft: Draft) -> Document:
    data = {**draft.extra, "people": draft.people, "unions": draft.unions}
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            path = tuple(error["loc"])
            problems.append(
                Diagnostic(
                    "error",
                    f"{format_path(path)}: {error['msg']}",
                    Location(draft.filename, draft.line_of(path)),
                    "invalid-value",
                )
            )
        raise InputError(problems) from None


def _repair(draft: Draft, errors: list[Diagnostic]) -> bool:
    """Fix every error genomap knows how to; False when one cannot be fixed."""
    drop: dict[int, set[int]] = {}
    index = {person["id"]: i for i, person in enumerate(draft.people)}
    for error in errors:
        path = error.location.path
        line = draft.line_of(path)
        if error.code in ("own-ancestor", "child-is-partner", "duplicate-child"):
            u, c = int(path[1]), int(path[3])
            drop.setdefault(u, set()).add(c)
            union = draft.unions[u]
            child, key = (
                union["children"][c]["person"],
                union.get("id") or "+".join(union["partners"]),
            )
            draft.warn(
                error.code,
                f"{error.message}; dropped the link that makes '{child}' a child of '{key}'",
                line,
            )
        elif error.code == "too-many-biological-parents":
            u, c = int(path[1]), int(path[3])
            link = draft.unions[u]["children"][c]
            link["parentage"] = _second_parentage(draft, u, link["person"]).value
            draft.warn(
                error.code,
                f"{error.message}; the link was read as '{link['parentage']}'",
                line,
            )
        elif error.code == "self-union":
            u = int(path[1])
            del draft.unions[u]["partners"][1:]
            del draft.union_origins[u].partners[1:]
            draft.warn(error.code, f"{error.message}; kept one partner", line)
        elif error.code == "death-before-birth":
            person = draft.people[int(path[1])]
            person.pop("death", None)
            person["deceased"] = True
            draft.warn(error.code, f"{error.message}; the death date was dropped", line)
        elif error.code == "parent-born-after-child":
            child_id = draft.unions[int(path[1])]["children"][int(path[3])]["person"]
            draft.people[index[child_id]].pop("birth", None)
            draft.warn(error.code, f"{error.message}; the child's birth date was dropped", line)
        else:
            return False
    for u, children in drop.items():
        union, origin = draft.unions[u], draft.union_origins[u]
        for c in sorted(children, reverse=True):
            del union["children"][c]
            if c < len(origin.children):
                del origin.children[c]
    return True


def _second_parentage(draft: Draft, union_index: int, child: str) -> Parentage:
    """Step when this family shares a partner with the child's biological family, else adopted."""
    partners = set(draft.unions[union_index]["partners"])
    for u, union in enumerate(draft.unions):
        if u == union_index:
            continue
        for link in union["children"]:
            biological = link.get("parentage", "biological") == "biological"
            if link["person"] == child and biological and partners & set(union["partners"]):
                return Parentage.STEP
    return Parentage.ADOPTED
