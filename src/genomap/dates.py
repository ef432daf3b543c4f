"""Partial and approximate dates: "1970", "1970-05", "1970-05-02", "about 1970", "before 1970"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Final, Literal

Qualifier = Literal["exact", "about", "before", "after"]

# Words people write in front of a date, mapped to a qualifier.  GEDCOM uses ABT/BEF/AFT/EST/CAL.
_QUALIFIER_WORDS: Final[dict[str, Qualifier]] = {
    "about": "about",
    "abt": "about",
    "approx": "about",
    "approximately": "about",
    "around": "about",
    "circa": "about",
    "ca": "about",
    "c": "about",
    "est": "about",
    "estimated": "about",
    "cal": "about",
    "~": "about",
    "before": "before",
    "bef": "before",
    "after": "after",
    "aft": "after",
}

_DATE_RE: Final = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_QUAL_RE: Final = re.compile(r"^(?P<word>[A-Za-z]+\.?|~)\s*(?P<rest>.+)$")

DATE_FORMS: Final = (
    '"1970", "1970-05", "1970-05-02", or one of these after "about", "before" or "after"'
)


class DateFormatError(ValueError):
    """Raised when a text is not a date genomap understands."""


@dataclass(frozen=True, slots=True, order=False)
class FuzzyDate:
    """A calendar date that may be partial (year, or year and month) and approximate.

    Example:
        >>> d = FuzzyDate.parse("about 1970-05")
        >>> d.year, d.month, d.day, d.qualifier
        (1970, 5, None, 'about')
        >>> str(d)
        'about 1970-05'
    """

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier = "exact"

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateFormatError(f"year {self.year} is out of range 1-9999")
        if self.month is None and self.day is not None:
            raise DateFormatError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateFormatError(f"month {self.month} is not 01-12")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateFormatError(f"day {self.day} is not in {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Read a date from text, a year number or a `datetime.date` (YAML reads dates so)."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, bool):
            raise DateFormatError(f"expected a date like {DATE_FORMS}, got {value!r}")
        if isinstance(value, int):
            return cls(year=value)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise DateFormatError(f"expected a date like {DATE_FORMS}, got {type(value).__name__}")
        text = value.strip()
        qualifier: Qualifier = "exact"
        qual = _QUAL_RE.match(text)
        if qual and not text[:1].isdigit():
            word = qual.group("word").rstrip(".").lower()
            if word not in _QUALIFIER_WORDS:
                raise DateFormatError(f"expected a date like {DATE_FORMS}, got {value!r}")
            qualifier = _QUALIFIER_WORDS[word]
            text = qual.group("rest").strip()
        match = _DATE_RE.match(text)
        if not match:
            raise DateFormatError(f"expected a date like {DATE_FORMS}, got {value!r}")
        month = match.group("month")
        day = match.group("day")
        return cls(
            year=int(match.group("year")),
            month=int(month) if month else None,
            day=int(day) if day else None,
            qualifier=qualifier,
        )

    @property
    def is_approximate(self) -> bool:
        """True when the date is qualified or missing its month or day."""
        return self.qualifier != "exact" or self.day is None

    def earliest(self) -> dt.date:
        """The first calendar day this date can mean (ignoring "about" slack)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last calendar day this date can mean (ignoring "about" slack)."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """A key for ordering events; a partial date sorts at its start."""
        return (self.year, self.month or 0, self.day or 0)

    def definitely_before(self, other: FuzzyDate) -> bool:
        """True when every reading of ``self`` is strictly before every reading of ``other``."""
        if self.qualifier == "after" or other.qualifier == "before":
            return False
        return self.latest() < other.earliest()

    def short_year(self) -> str:
        """The two-digit year used on genograms: '41 for 1941."""
        return f"'{self.year % 100:02d}"

    def __str__(self) -> str:
        text = str(self.year).zfill(4)
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text if self.qualifier == "exact" else f"{self.qualifier} {text}"

    def __repr__(self) -> str:
        return f"FuzzyDate({str(self)!r})"


def years_between(start: FuzzyDate, end: FuzzyDate | dt.date) -> int:
    """Whole years from ``start`` to ``end``, using the month and day when both have them."""
    end_y, end_m, end_d = end.year, end.month, end.day
    years = end_y - start.year
    if start.month is not None and end_m is not None:
        before_birthday = (end_m, end_d or 31) < (start.month, start.day or 1)
        if before_birthday:
            years -= 1
    return years


def coerce_date(value: Any) -> FuzzyDate:
    """Pydantic hook: turn any accepted input into a :class:`FuzzyDate`."""
    return FuzzyDate.parse(value)
