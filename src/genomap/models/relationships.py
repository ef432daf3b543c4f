"""Emotional relationships between two people, and households."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from genomap.models._base import Date, Id, Model, Text, cached
from genomap.models.enums import DIRECTED_EMOTIONS, EmotionKind


class EmotionalRelationship(Model):
    """An emotional tie drawn over the genogram: close, hostile, cutoff, abuse, ..."""

    id: Id | None = None
    kind: EmotionKind
    source: Id = Field(description="The first person; for directed kinds, where the arrow starts.")
    target: Id = Field(description="The second person; for directed kinds, where the arrow points.")
    mutual: bool = Field(False, description="For directed kinds: the pattern goes both ways.")
    start: Date | None = None
    end: Date | None = None
    note: Text | None = None

    @cached
    def key(self) -> str:
        """The identifier: ``id`` or ``kind:source>target``."""
        return self.id or f"{self.kind.value}:{self.source}>{self.target}"

    @cached
    def is_directed(self) -> bool:
        """True when the kind points from source to target."""
        return self.kind in DIRECTED_EMOTIONS


class Household(Model):
    """People who live together, drawn as a boundary around them."""

    id: Id
    label: Text | None = None
    members: Annotated[tuple[Id, ...], Field(min_length=1)]
    notes: Text | None = None
