"""Unions (partnerships and single-parent families), their children, and multiple births."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from genomap.models._base import Date, Id, Model, Text, cached
from genomap.models.enums import (
    ENDING_EVENTS,
    RESUMING_EVENTS,
    Childlessness,
    Parentage,
    UnionEventType,
    UnionKind,
    Zygosity,
)

UnionId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=140,
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.+\-]*$",
        description="A union identifier; may contain '+' like the default partner-id key.",
    ),
]


class UnionEvent(Model):
    """A dated moment in a union's history: married 1998, separated 2009, ..."""

    type: UnionEventType
    date: Date | None = None
    note: Text | None = None


def _child_shorthand(value: Any) -> Any:
    # A bare id in the children list means a biological child.
    return {"person": value} if isinstance(value, str) else value


class ChildLink(Model):
    """A child of a union, with how the union's partners are its parents."""

    person: Id
    parentage: Parentage = Parentage.BIOLOGICAL
    note: Text | None = None


Child = Annotated[
    ChildLink, BeforeValidator(_child_shorthand, json_schema_input_type=Id | ChildLink)
]


class Union(Model):
    """A partnership between two people, or a single parent (one partner) with children."""

    id: UnionId | None = Field(
        None, description="Optional; defaults to the partner ids joined by '+'."
    )
    partners: Annotated[tuple[Id, ...], Field(min_length=1, max_length=2)]
    kind: UnionKind = UnionKind.MARRIAGE
    events: tuple[UnionEvent, ...] = ()
    children: tuple[Child, ...] = ()
    childless: Childlessness | None = None
    consanguineous: bool = Field(
        False, description="Declared blood relationship between the partners."
    )
    relationship: Text | None = Field(
        None, description="How the partners are related, e.g. 'first cousins'."
    )
    label: Text | None = Field(None, description="Text to draw on the partner line.")
    notes: Text | None = None

    @cached
    def key(self) -> str:
        """The union's identifier: ``id`` or the partner ids joined by '+'."""
        return self.id or "+".join(self.partners)

    @cached
    def start(self) -> Any:
        """The earliest dated event (a FuzzyDate), or None."""
        dated = [e.date for e in self.events if e.date is not None]
        return min(dated, key=lambda d: d.sort_key()) if dated else None

    @cached
    def status(self) -> UnionEventType | None:
        """The last event that ended or resumed the union, in date then file order."""
        state: UnionEventType | None = None
        for event in self._events_by_date:
            if event.type in ENDING_EVENTS or event.type in RESUMING_EVENTS:
                state = event.type
        return state

    @cached
    def has_ended(self) -> bool:
        """True when the union's last status event ends it."""
        return self.status in ENDING_EVENTS

    def chronological_events(self) -> list[UnionEvent]:
        """Events sorted by date; undated events keep their file position after dated ones."""
        return list(self._events_by_date)

    @cached
    def _events_by_date(self) -> tuple[UnionEvent, ...]:
        events = self.events
        if len(events) < 2:  # nothing to sort (most unions)
            return events
        dated = sorted(
            (e for e in events if e.date is not None),
            key=lambda e: e.date.sort_key() if e.date else (0, 0, 0),
        )
        return (*dated, *(e for e in events if e.date is None))


class MultipleBirth(Model):
    """Twins, triplets or more: siblings born together."""

    members: Annotated[tuple[Id, ...], Field(min_length=2, max_length=12)]
    zygosity: Zygosity = Zygosity.UNKNOWN
