"""The document: one family, its relationships, households and optionally its eco-map."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from genomap.models._base import Date, Model, Text, cached
from genomap.models.ecomap import EcoMap
from genomap.models.enums import Preset
from genomap.models.people import Person
from genomap.models.relationships import EmotionalRelationship, Household
from genomap.models.unions import MultipleBirth, Union


class Document(Model):
    """A genomap document: what one YAML or JSON file holds."""

    version: Literal[1] = Field(1, description="The document format version.")
    title: Text | None = None
    date: Date | None = Field(None, description="The date the diagram describes.")
    author: Text | None = None
    case_id: Text | None = None
    description: Text | None = None
    preset: Preset = Preset.MCGOLDRICK
    people: tuple[Person, ...] = ()
    unions: tuple[Union, ...] = ()
    multiple_births: tuple[MultipleBirth, ...] = ()
    relationships: tuple[EmotionalRelationship, ...] = ()
    households: tuple[Household, ...] = ()
    ecomap: EcoMap | None = None

    def person(self, person_id: str) -> Person:
        """The person with this id; raises KeyError if there is none."""
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    @cached
    def index_person(self) -> Person | None:
        """The first person marked as the index person, if any."""
        return next((p for p in self.people if p.index), None)

    def _repr_svg_(self) -> str:
        """The drawing as SVG, so that Jupyter shows a document as its genogram."""
        # Imported here: the models must not depend on the rendering stack at import time.
        from genomap.api import display_svg

        return display_svg(self)
