"""The eco-map: systems around the household and the ties between them and the family."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from genomap.models._base import Id, Model, Text, cached
from genomap.models.enums import DEFAULT_CATEGORIES, EcoCentre, Flow, Importance, Side, Strength

CategoryKey = Annotated[
    str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$", description="A category key.")
]


class Category(Model):
    """A system category: one of the defaults (to relabel or pin it) or a custom one."""

    key: CategoryKey
    label: Text | None = None
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] | None = None
    side: Side | None = Field(None, description="Pin the category's sector to a side of the map.")


class System(Model):
    """Something outside the household that matters to it: school, GP, police, a friend, ..."""

    id: Id
    name: Text
    category: CategoryKey = "other"
    importance: Importance = Importance.MEDIUM
    absent: bool = Field(
        False, description="A system the family has no contact with but needs (drawn dashed)."
    )
    notes: Text | None = None


class Connection(Model):
    """A tie from a system to the household, or to one member of it."""

    id: Id | None = None
    system: Id
    member: Id | None = Field(None, description="A person id; omit for the whole household.")
    strength: Strength = Strength.MODERATE
    stressful: bool = False
    flow: Flow = Flow.NONE
    amount: Annotated[int, Field(ge=1, le=3)] = Field(
        1, description="How much flows: the arrowhead is repeated 1-3 times."
    )
    note: Text | None = None

    @cached
    def key(self) -> str:
        """The identifier: ``id`` or ``system>member`` (``system>household``)."""
        return self.id or f"{self.system}>{self.member or 'household'}"


class EcoMap(Model):
    """An eco-map of the document's family."""

    centre: EcoCentre = EcoCentre.HOUSEHOLD
    household: Id | None = Field(
        None,
        description="The household in the centre; defaults to the index person's or the first.",
    )
    person: Id | None = Field(None, description="The person in the centre in individual mode.")
    categories: tuple[Category, ...] = ()
    category_order: tuple[CategoryKey, ...] | None = Field(
        None, description="Sector order clockwise from 12 o'clock; defaults to the canonical order."
    )
    systems: tuple[System, ...] = ()
    connections: tuple[Connection, ...] = ()

    def category_keys(self) -> list[str]:
        """Every known category key, in sector order."""
        custom = [c.key for c in self.categories]
        order = list(self.category_order or [k for k, _ in DEFAULT_CATEGORIES])
        for key in [k for k, _ in DEFAULT_CATEGORIES] + custom:
            if key not in order:
                order.append(key)
        return order

    def category_label(self, key: str) -> str:
        """The label to show for a category key."""
        for category in self.categories:
            if category.key == key and category.label:
                return category.label
        return dict(DEFAULT_CATEGORIES).get(key, key.replace("_", " ").capitalize())
