"""Shared pydantic configuration and field types for the input models."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Annotated, Any, ClassVar, Generic, Self, TypeVar, overload

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

_T = TypeVar("_T")


class _Cached(Generic[_T]):
    """A read-only property whose value is computed on first read and kept in the instance.

    Like :func:`functools.cached_property`, it stores the value in the instance ``__dict__``
    (where later reads find it directly), but it takes no lock (Python 3.11's takes one on
    every first read) and, not being a ``cached_property``, it does not make pydantic allow
    assigning or deleting the attribute on a frozen model: those still fail as for a property.
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> Self: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...

    def __get__(self, instance: object, owner: type | None = None) -> _T | Self:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


def cached(func: Callable[[Any], _T]) -> _Cached[_T]:
    """Decorate a :class:`Model` method to make it a property computed once per instance."""
    return _Cached(func)


class Model(BaseModel):
    """Base for every input model: immutable, strict about unknown fields.

    Derived values (``Person.label``, ``Union.status``, ...) are :func:`cached` properties,
    computed on first read and kept in the instance ``__dict__`` (a custom descriptor, which
    pydantic's ``ignored_types`` setting is for). Pydantic's equality, hashing, repr, dumping
    and JSON schema look at the fields only; the methods below keep the cached values out of
    everything else that reads ``__dict__`` (copies, pickles, ``dict(model)``), so a cache is
    never visible and never outlives the field values it came from.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        use_enum_values=False,
        populate_by_name=True,
        ignored_types=(_Cached,),
    )

    _cached_names: ClassVar[frozenset[str]] = frozenset()
    """The names of the class's cached properties (set for each subclass)."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Record the names of the cached properties the class defines or inherits."""
        super().__pydantic_init_subclass__(**kwargs)
        cls._cached_names = frozenset(
            name
            for klass in cls.__mro__
            for name, value in vars(klass).items()
            if isinstance(value, _Cached)
        )

    def _drop_cache(self) -> Self:
        # Only called on a fresh copy, whose __dict__ is its own.
        for name in self._cached_names.intersection(self.__dict__):
            del self.__dict__[name]
        return self

    def __copy__(self) -> Self:
        """A shallow copy without cached values (``model_copy(update=...)`` would make them stale).

        Pydantic copies the whole ``__dict__`` (see the note on :meth:`BaseModel.model_copy`).
        """
        return super().__copy__()._drop_cache()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        """A deep copy without cached values (see :meth:`__copy__`)."""
        return super().__deepcopy__(memo)._drop_cache()

    def __getstate__(self) -> dict[Any, Any]:
        """The pickled state: the fields only, as without caching."""
        state = super().__getstate__()
        if not self._cached_names.isdisjoint(self.__dict__):
            names = self._cached_names
            state["__dict__"] = {k: v for k, v in self.__dict__.items() if k not in names}
        return state

    def __iter__(self) -> Generator[tuple[str, Any], None, None]:
        """The fields as (name, value) pairs, so that ``dict(model)`` works; no cached values."""
        names = self._cached_names
        yield from [(k, v) for k, v in super().__iter__() if k not in names]


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
