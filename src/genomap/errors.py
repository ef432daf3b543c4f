"""Errors and diagnostics: what went wrong, where (file, line, field path), what was expected."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
PathPart = str | int
FieldPath = tuple[PathPart, ...]


def format_path(path: Sequence[PathPart]) -> str:
    """Render a field path the way users read it: ``people[3].birth``.

    Example:
        >>> format_path(("people", 3, "birth"))
        'people[3].birth'
        >>> format_path(())
        '(document)'
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(document)"


@dataclass(frozen=True, slots=True)
class Location:
    """Where in the input a problem is: file, 1-based line and column, and field path."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: FieldPath = ()

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in an input: an error (the input is unusable) or a warning."""

    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    code: str = "invalid"

    def __str__(self) -> str:
        path = f" {format_path(self.location.path)}:" if self.location.path else ""
        return f"{self.location}: {self.severity}:{path} {self.message}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form for ``--json`` output and for services."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "path": format_path(self.location.path) if self.location.path else None,
        }


class GenomapError(Exception):
    """Base class of every error genomap raises on purpose."""


class InputError(GenomapError):
    """The input cannot be used. Carries every error (and warning) found, with locations.

    This is the one exception type the API raises for bad input, whatever the format.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.severity == "error"]
        first = errors[0] if errors else (self.diagnostics[0] if self.diagnostics else None)
        summary = str(first) if first else "invalid input"
        more = len(errors) - 1
        if more > 0:
            summary += f" (and {more} more error{'s' if more > 1 else ''})"
        super().__init__(summary)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``error``."""
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``warning``."""
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    @property
    def location(self) -> Location:
        """The location of the first error."""
        first = self.errors[0] if self.errors else self.diagnostics[0]
        return first.location


class RenderError(GenomapError):
    """A drawing could not be produced (for example a missing optional dependency)."""
