"""Identifiers from other formats made into genomap ids: ``@I1@`` -> ``I1``, unique and valid."""

from __future__ import annotations

import re
from typing import Final

MAX_ID: Final = 64
_INVALID: Final = re.compile(r"[^A-Za-z0-9_.\-]+")


def make_id(text: str) -> str:
    """A valid genomap id for a GEDCOM xref or PED name (not yet checked for uniqueness).

    Example:
        >>> make_id("@I1@"), make_id("@Fam 2@"), make_id("-x"), make_id("@@")
        ('I1', 'Fam_2', '_-x', '_')
    """
    core = _INVALID.sub("_", text.strip().strip("@")) or "_"
    if not (core[0].isascii() and (core[0].isalnum() or core[0] == "_")):
        core = "_" + core
    return core[:MAX_ID]


class IdMap:
    """Source names mapped to unique genomap ids, in the order they were added."""

    def __init__(self) -> None:
        """Start empty."""
        self._ids: dict[str, str] = {}
        self._used: set[str] = set()

    def add(self, name: str) -> str | None:
        """Map ``name`` to a new unique id and return it; None if ``name`` is already mapped."""
        if name in self._ids:
            return None
        self._ids[name] = self.unique(make_id(name))
        return self._ids[name]

    def get(self, name: str) -> str | None:
        """The id ``name`` was mapped to, if any."""
        return self._ids.get(name)

    def unique(self, wanted: str) -> str:
        """``wanted``, or ``wanted`` with a ``_2``, ``_3``, ... suffix when it is taken."""
        candidate, n = wanted, 1
        while candidate in self._used:
            n += 1
            suffix = f"_{n}"
            candidate = wanted[: MAX_ID - len(suffix)] + suffix
        self._used.add(candidate)
        return candidate

    def __len__(self) -> int:
        """How many names are mapped."""
        return len(self._ids)
