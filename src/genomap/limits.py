"""Configurable bounds on what one document may hold: people, unions, systems, text length.

:class:`DocumentLimits` extends the parser's :class:`~genomap.sources.Limits` (input bytes,
nesting depth, values built) with counts checked on the parsed data, before the models see it,
so that an oversized document is refused quickly, with a located, plain message:

    >>> from genomap.io import loads
    >>> loads("people: [{id: a}, {id: b}]", limits=DocumentLimits(max_people=1))
    Traceback (most recent call last):
    ...
    genomap.errors.InputError: <input>:1:19: error: people[1]: the document has 2 people, \
more than the limit of 1 (DocumentLimits.max_people)

Any function of :mod:`genomap.io` that takes ``limits`` accepts a :class:`DocumentLimits`; a
plain :class:`~genomap.sources.Limits` gets the default document bounds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from genomap.errors import Diagnostic, FieldPath, InputError
from genomap.sources import Limits, Source

TEXT_CEILING: Final = 2000
"""The models' own bound on one text field; ``max_text_length`` may only lower it."""


@dataclass(frozen=True, slots=True)
class DocumentLimits(Limits):
    """Input bounds plus bounds on the size of the document itself.

    Attributes:
        max_people: Most entries in ``people``.
        max_unions: Most entries in ``unions``.
        max_relationships: Most entries in ``relationships``.
        max_households: Most entries in ``households``.
        max_systems: Most entries in ``ecomap.systems``.
        max_connections: Most entries in ``ecomap.connections``.
        max_text_length: Longest text value or field name, in characters (the models refuse
            text over 2,000 characters whatever this says).
    """

    max_people: int = 20_000
    max_unions: int = 20_000
    max_relationships: int = 20_000
    max_households: int = 5_000
    max_systems: int = 1_000
    max_connections: int = 5_000
    max_text_length: int = TEXT_CEILING


# (path of the list, word for its items, DocumentLimits field)
_COUNTED: Final[tuple[tuple[FieldPath, str, str], ...]] = (
    (("people",), "people", "max_people"),
    (("unions",), "unions", "max_unions"),
    (("relationships",), "relationships", "max_relationships"),
    (("households",), "households", "max_households"),
    (("ecomap", "systems"), "eco-map systems", "max_systems"),
    (("ecomap", "connections"), "eco-map connections", "max_connections"),
)
_MAX_REPORTED: Final = 20
"""Long texts reported before the rest are summed up in one count."""


def document_limits(limits: Limits | None) -> DocumentLimits:
    """The document bounds in force: ``limits`` itself, or the defaults."""
    return limits if isinstance(limits, DocumentLimits) else DocumentLimits()


def _at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _texts(data: Any) -> Iterator[tuple[FieldPath, str, bool]]:
    """Every text value and mapping key in the data: (path, text, is a key), in file order."""
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    while stack:  # a stack, not recursion: the depth bound is the caller's to choose
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value, False
        elif isinstance(value, dict):
            for key in value:
                yield path, key, True
            stack.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))


def check_limits(src: Source, limits: Limits | None = None) -> None:
    """Refuse parsed data that holds more than the limits allow.

    Args:
        src: The parsed input.
        limits: The bounds; :class:`DocumentLimits` defaults for anything else.

    Raises:
        InputError: One diagnostic per list that is too long (at its first item over the
            limit) and per text that is too long (at the text).
    """
    bounds = document_limits(limits)
    found: list[Diagnostic] = []
    for path, words, name in _COUNTED:
        items = _at(src.data, path)
        most = getattr(bounds, name)
        if isinstance(items, list) and len(items) > most:
            found.append(
                Diagnostic(
                    "error",
                    f"the document has {len(items):,} {words}, more than the limit of "
                    f"{most:,} (DocumentLimits.{name})",
                    src.locate((*path, most)),
                    "too-many-items",
                )
            )
    longest = min(bounds.max_text_length, TEXT_CEILING)
    long_texts = [(p, t, k) for p, t, k in _texts(src.data) if len(t) > longest]
    for path, text, is_key in long_texts[:_MAX_REPORTED]:
        what = "a field name" if is_key else "the text"
        found.append(
            Diagnostic(
                "error",
                f"{what} is {len(text):,} characters long, more than the limit of {longest:,} "
                "(DocumentLimits.max_text_length)",
                src.locate(path, value=not is_key),
                "text-too-long",
            )
        )
    if len(long_texts) > _MAX_REPORTED:
        path = long_texts[_MAX_REPORTED][0]
        found.append(
            Diagnostic(
                "error",
                f"{len(long_texts) - _MAX_REPORTED:,} more texts are longer than the limit",
                src.locate(path),
                "text-too-long",
            )
        )
    if found:
        raise InputError(found)


__all__ = ["TEXT_CEILING", "DocumentLimits", "check_limits", "document_limits"]
