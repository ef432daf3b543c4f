"""People: family members, pregnancies and their outcomes, pets, and their conditions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from genomap.models._base import Date, Id, Model, Text, cached
from genomap.models.enums import (
    PREGNANCY_OUTCOMES,
    ConditionKind,
    ConditionStatus,
    Gender,
    PersonKind,
    SexAtBirth,
)


class Condition(Model):
    """An illness, addiction or other condition, shaded on the person's symbol."""

    kind: ConditionKind = Field(description="The condition family; 'other' needs a name.")
    name: Text | None = Field(None, description="What it is, e.g. 'depression', 'diabetes'.")
    status: ConditionStatus = ConditionStatus.CURRENT
    since: Date | None = None
    note: Text | None = None

    @cached
    def label(self) -> str:
        """A short human-readable label: the name, or the kind in words."""
        return self.name or self.kind.value.replace("_", " ")


class Person(Model):
    """One symbol on the genogram: a person, a pregnancy or pregnancy outcome, or a pet."""

    id: Id
    given_name: Text | None = None
    family_name: Text | None = None
    nickname: Text | None = None
    display_name: Text | None = Field(
        None, description="The label to draw instead of the given and family names."
    )
    gender: Gender = Gender.UNKNOWN
    sex_at_birth: SexAtBirth | None = None
    kind: PersonKind = PersonKind.PERSON
    birth: Date | None = None
    death: Date | None = None
    deceased: bool | None = Field(
        None, description="True for a death with no date; implied by a death date."
    )
    cause_of_death: Text | None = None
    age: Annotated[int, Field(ge=0, le=150)] | None = Field(
        None, description="An age to show when the dates are not known."
    )
    index: bool = Field(False, description="The person the genogram is about (identified patient).")
    consultand: bool = Field(False, description="The person who sought advice (NSGC).")
    count: Annotated[int, Field(ge=2, le=999)] | Literal["n"] | None = Field(
        None, description="Several people drawn as one symbol: a number, or 'n' when unknown."
    )
    species: Text | None = Field(None, description="For pets: dog, cat, ...")
    gestation_weeks: Annotated[int, Field(ge=1, le=45)] | None = None
    conditions: tuple[Condition, ...] = ()
    occupation: Text | None = None
    education: Text | None = None
    location: Text | None = None
    notes: Text | None = None

    @cached
    def is_deceased(self) -> bool:
        """Whether the person has died (a death date, the flag, or a stillbirth)."""
        if self.deceased is not None:
            return self.deceased
        return self.death is not None or self.kind == PersonKind.STILLBIRTH

    @cached
    def is_pregnancy_outcome(self) -> bool:
        """Miscarriage, termination, stillbirth or ectopic pregnancy."""
        return self.kind in PREGNANCY_OUTCOMES

    @cached
    def label(self) -> str:
        """The name to draw: display name, else given (and nickname) and family name."""
        if self.display_name:
            return self.display_name
        given = self.given_name or ""
        if self.nickname:
            given = f'{given} "{self.nickname}"'.strip()
        return " ".join(part for part in (given, self.family_name or "") if part) or self.id
