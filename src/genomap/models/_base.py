"""Shared pydantic configuration and field types for the input models."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from genomap.dates import DATE_FORMS, DateFormatError, FuzzyDate


class Model(BaseModel):
    """Base for every input model: immutable, strict about unknown fields."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        use_enum_values=False,
        populate_by_name=True,
    )


def _to_date(value: Any) -> FuzzyDate:
    try:
        return FuzzyDate.parse(value)
    except DateFormatError as exc:
        raise PydanticCustomError("date_format", str(exc)) from None


Date = Annotated[
    FuzzyDate,
    BeforeValidator(_to_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": (
                        r"^((about|abt|approx|circa|ca|c\.?|est|cal|before|bef|after|aft|~)\s*)?"
                        r"\d{4}(-\d{2}(-\d{2})?)?$"
                    ),
                },
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": f"A full, partial or approximate date: {DATE_FORMS}.",
        }
    ),
]
"""A :class:`FuzzyDate` read from text, a year number or a YAML date; written back as text."""

Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$",
        description="An identifier: letters, digits, '_', '.' and '-', starting with a letter, "
        "digit or '_'.",
    ),
]
"""An identifier used to refer to a person, union, household or system."""

Text = Annotated[str, Field(max_length=2000)]
"""Free text shown or kept with an item (names, notes, labels)."""
