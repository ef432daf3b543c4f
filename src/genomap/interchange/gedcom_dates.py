"""GEDCOM dates (5.5.1 and 7.0) to genomap's partial, approximate dates, and back.

ged4py parses the GEDCOM 5.5.1 date grammar; GEDCOM 7's calendar words (``JULIAN 1 JAN
1700``, ``44 BCE``) and a few common slips (``Abt. 1950``, ISO ``1950-05-02``) are rewritten
before a second try. The mapping:

- ``1950``, ``MAR 1950``, ``2 MAR 1950`` -> the same date; a dual year ``1750/51`` -> 1751;
- ``ABT``, ``CAL``, ``EST`` -> "about"; ``BEF`` -> "before"; ``AFT`` -> "after";
- ``BET x AND y`` -> "about" the middle year (or their shared year and month);
- ``FROM x`` and ``FROM x TO y`` -> x; ``TO y`` -> "before" y; ``INT x (phrase)`` -> x;
- Julian and French republican dates are converted to the Gregorian calendar (a year-only
  French date becomes "about" a year); a Hebrew date becomes "about" its Gregorian year (ged4py
  0.5 numbers Hebrew months from Tishri where its converter counts from Nisan);
- a date phrase, a B.C. date or an impossible date cannot be used: :func:`read_date` says why.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from ged4py.calendar import CalendarDate, GregorianDate, HebrewDate, JulianDate
from ged4py.date import (
    DateValue,
    DateValueAbout,
    DateValueAfter,
    DateValueBefore,
    DateValueCalculated,
    DateValueEstimated,
    DateValueFrom,
    DateValueInterpreted,
    DateValuePeriod,
    DateValuePhrase,
    DateValueRange,
    DateValueSimple,
    DateValueTo,
)

from genomap.dates import DateFormatError, FuzzyDate, Qualifier
from genomap.interchange.gedcom_vocab import MONTHS

_V7_CALENDARS: Final = (
    (re.compile(r"\bGREGORIAN\s+"), ""),
    (re.compile(r"\bJULIAN\s+"), "@#DJULIAN@ "),
    (re.compile(r"\bHEBREW\s+"), "@#DHEBREW@ "),
    (re.compile(r"\bFRENCH_R\s+"), "@#DFRENCH R@ "),
    (re.compile(r"\s*\bBCE\b"), " B.C."),
    (re.compile(r"\b(ABT|EST|CAL|BEF|AFT|BET|AND|FROM|TO|INT)\.", re.IGNORECASE), r"\1"),
)
# Julian day number of 0001-01-01 (proleptic Gregorian), to turn a JD into a date ordinal.
_JD_OF_ORDINAL_ZERO: Final = 1721424.5


class UnusableDateError(ValueError):
    """A GEDCOM date genomap cannot use; the message says why, for a warning."""


def read_date(value: object) -> FuzzyDate:
    """The genomap date for a parsed GEDCOM ``DATE`` value (a ged4py DateValue, or text).

    Raises:
        UnusableDateError: For a date phrase, an empty, B.C. or impossible date.

    Example:
        >>> str(read_date("BET 1950 AND 1960")), str(read_date("1 JAN 1750/51"))
        ('about 1955', '1751-01-01')
    """
    parsed = value if isinstance(value, DateValue) else DateValue.parse(str(value or ""))
    if isinstance(parsed, DateValuePhrase):
        text = parsed.phrase or ""
        if not text.strip():
            raise UnusableDateError("the DATE is empty")
        rewritten = text
        for pattern, replacement in _V7_CALENDARS:
            rewritten = pattern.sub(replacement, rewritten)
        parsed = DateValue.parse(rewritten)
        if isinstance(parsed, DateValuePhrase):
            try:
                return FuzzyDate.parse(text)  # genomap's own forms: 1950-05-02, about 1950
            except DateFormatError:
                raise UnusableDateError(f"'{text}' is not a date genomap can read") from None
    return _convert(parsed)


def _convert(parsed: DateValue) -> FuzzyDate:
    if isinstance(parsed, DateValueSimple | DateValueFrom | DateValueInterpreted):
        return _calendar_date(parsed.date, "exact")
    if isinstance(parsed, DateValueAbout | DateValueCalculated | DateValueEstimated):
        return _calendar_date(parsed.date, "about")
    if isinstance(parsed, DateValueBefore | DateValueTo):
        return _calendar_date(parsed.date, "before")
    if isinstance(parsed, DateValueAfter):
        return _calendar_date(parsed.date, "after")
    if isinstance(parsed, DateValuePeriod):
        return _calendar_date(parsed.date1, "exact")
    if isinstance(parsed, DateValueRange):
        return _between(
            _calendar_date(parsed.date1, "exact"), _calendar_date(parsed.date2, "exact")
        )
    raise UnusableDateError(f"'{parsed}' is not a date genomap can read")


def _between(first: FuzzyDate, last: FuzzyDate) -> FuzzyDate:
    if first.year == last.year:
        month = first.month if first.month == last.month else None
        return FuzzyDate(first.year, month, qualifier="about")
    return FuzzyDate((first.year + last.year) // 2, qualifier="about")


def _calendar_date(date: CalendarDate, qualifier: Qualifier) -> FuzzyDate:
    if date.bc:
        raise UnusableDateError(f"'{date}' is before the common era")
    if isinstance(date, GregorianDate):
        year = date.dual_year if date.dual_year is not None else date.year
        return _fuzzy(year, date.month_num, date.day, qualifier, date)
    if isinstance(date, HebrewDate):  # year Y ends in the autumn of Gregorian year Y - 3760
        return _fuzzy(
            date.year - 3760, None, None, "about" if qualifier == "exact" else qualifier, date
        )
    complete = date.day is not None and date.month_num is not None
    # ged4py's key is the Julian day of the date, or of the end of a partial date.
    jd, _ = date.key()
    gregorian = dt.date.fromordinal(max(1, int(jd - _JD_OF_ORDINAL_ZERO)))
    if complete:
        return _fuzzy(gregorian.year, gregorian.month, gregorian.day, qualifier, date)
    if isinstance(date, JulianDate):  # the calendars differ by days, not years
        return _fuzzy(date.year, date.month_num, None, qualifier, date)
    return _fuzzy(gregorian.year, None, None, "about" if qualifier == "exact" else qualifier, date)


def _fuzzy(
    year: int, month: int | None, day: int | None, qualifier: Qualifier, source: CalendarDate
) -> FuzzyDate:
    try:
        return FuzzyDate(year, month, day if month is not None else None, qualifier)
    except DateFormatError as exc:
        raise UnusableDateError(f"'{source}' is not a real date ({exc})") from None


def write_date(date: FuzzyDate) -> str:
    """A genomap date as a GEDCOM 5.5.1 ``DATE`` value: ``ABT 2 MAR 1950``, ``BEF 1960``.

    Example:
        >>> write_date(FuzzyDate.parse("about 1950-03"))
        'ABT MAR 1950'
    """
    parts = [] if date.day is None else [str(date.day)]
    if date.month is not None:
        parts.append(MONTHS[date.month - 1])
    parts.append(str(date.year))
    prefix = {"exact": "", "about": "ABT ", "before": "BEF ", "after": "AFT "}[date.qualifier]
    return prefix + " ".join(parts)
