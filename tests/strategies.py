"""Hypothesis strategies that generate random, valid genomap documents.

The family is grown generation by generation, the way a genogram is drawn: founders, their
unions (single parents, marriages, remarriages in date order), children born while their parents
are of an age to have them, then the children's own unions with marry-ins, the occasional first
cousin, and so on until the people budget runs out. Emotional relationships, households and an
eco-map are added over the finished family. Every date rule the validator knows is kept with a
margin (parents at least 18 years older than their children, deaths after every event a person
took part in), so every generated document passes ``Document.model_validate`` and
``genomap.validate.check_document`` reports no error.

Ids are assigned from counters in creation order (``p0``, ``p1``, ...; ``u0``, ...), so they are
unique and depend only on the drawn data.

Public strategies: :func:`documents`, :func:`families` (genogram only), :func:`ecomaps`, and
:func:`permutations_of` / :func:`permuted` for order-independence tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from hypothesis import strategies as st

from genomap.dates import FuzzyDate
from genomap.models import (
    DEFAULT_CATEGORIES,
    DIRECTED_EMOTIONS,
    ConditionKind,
    ConditionStatus,
    Document,
    EcoCentre,
    EmotionKind,
    Flow,
    Gender,
    Importance,
    Parentage,
    PersonKind,
    SexAtBirth,
    Side,
    Strength,
    UnionEventType,
    UnionKind,
    Zygosity,
)

__all__ = ["documents", "ecomaps", "families", "permutations_of", "permuted"]

LATEST_YEAR = 2024
"""No generated event, birth or death is later than this year."""
DOCUMENT_DATE = "2025-06-01"
"""The date every generated document describes."""
MIN_PARENT_GAP = 18
"""A parent is at least this many years older than their child (the validator warns under 12)."""
MAX_PARENT_GAP = 45
"""A parent is at most this many years older than a child born to them."""
MIN_PARTNER_AGE = 18
"""Nobody enters a union younger than this."""

_T = TypeVar("_T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

GIVEN_NAMES = (
    "Aarav",
    "Ada",
    "Amara",
    "Bronwen",
    "Chen",
    "Dara",
    "Elif",
    "Emeka",
    "Fatima",
    "Freya",
    "Hamza",
    "Ines",
    "Jamal",
    "Kai",
    "Lena",
    "Mateo",
    "Mei",
    "Niamh",
    "Olu",
    "Priya",
    "Rhys",
    "Sanne",
    "Tariq",
    "Una",
    "Wiktor",
    "Yusuf",
    "Zofia",
)
FAMILY_NAMES = (
    "Abara",
    "Brennan",
    "Costa",
    "Davies",
    "Eriksen",
    "Haddad",
    "Ivanova",
    "Kaur",
    "Lindqvist",
    "Mensah",
    "Nakamura",
    "Novak",
    "O'Neill",
    "Petrova",
    "Quispe",
    "Rossi",
    "Silva",
    "Tanaka",
)
OCCUPATIONS = ("Nurse", "Electrician", "Teacher", "Farmer", "Driver", "Student", "Carer", "Chef")

# Union kinds weighted towards the common ones; the rest appear now and then.
_UNION_KINDS = (
    (UnionKind.MARRIAGE,) * 6
    + (UnionKind.COHABITATION,) * 2
    + (UnionKind.CIVIL_PARTNERSHIP, UnionKind.DATING, UnionKind.ENGAGEMENT)
    + tuple(
        k
        for k in UnionKind
        if k
        not in {
            UnionKind.MARRIAGE,
            UnionKind.COHABITATION,
            UnionKind.CIVIL_PARTNERSHIP,
            UnionKind.DATING,
            UnionKind.ENGAGEMENT,
        }
    )
)
_MARRIED = {
    UnionKind.MARRIAGE: UnionEventType.MARRIED,
    UnionKind.CIVIL_PARTNERSHIP: UnionEventType.CIVIL_PARTNERSHIP,
}
_COHABITING = {
    UnionKind.COHABITATION,
    UnionKind.LEGAL_COHABITATION,
    UnionKind.NON_SENTIMENTAL_COHABITATION,
}
_CONDITION_NAMES = {
    ConditionKind.PHYSICAL_ILLNESS: ("diabetes", "cystic fibrosis", "breast cancer"),
    ConditionKind.MENTAL_ILLNESS: ("depression", "anxiety", "schizophrenia"),
    ConditionKind.SUBSTANCE_MISUSE: ("solvents", "gambling"),
    ConditionKind.ALCOHOL_MISUSE: ("alcohol",),
    ConditionKind.DRUG_MISUSE: ("cannabis", "opioids"),
    ConditionKind.OTHER: ("autism", "hearing loss"),
}
# Carrier and presymptomatic (the last two) only make sense for an inherited illness.
_STATUSES = (
    ConditionStatus.CURRENT,
    ConditionStatus.SUSPECTED,
    ConditionStatus.IN_RECOVERY,
    ConditionStatus.PAST,
    ConditionStatus.UNKNOWN,
    ConditionStatus.CARRIER,
    ConditionStatus.PRESYMPTOMATIC,
)
_LINK_NOTES = {
    Parentage.ADOPTED: "Adopted",
    Parentage.FOSTER: "Placed in foster care",
    Parentage.DONOR: "Donor conception",
    Parentage.SURROGATE: "Born to a surrogate",
}
_LOSSES = (
    PersonKind.MISCARRIAGE,
    PersonKind.TERMINATION,
    PersonKind.STILLBIRTH,
    PersonKind.ECTOPIC,
)


@cache
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    # Building a strategy validates its arguments: cheap once, slow thousands of times a document.
    return st.integers(low, high)


def _date_key(value: Any) -> tuple[int, int, int]:
    return FuzzyDate.parse(value).sort_key()


@dataclass(frozen=True)
class _Options:
    max_people: int
    multiple_partners: bool = True
    adoption: bool = True
    twins: bool = True
    cousin_marriages: bool = True
    emotions: bool = True
    households: bool = True
    ecomap: bool = True
    max_systems: int = 15
    need_household: bool = False


@dataclass
class _Person:
    """What the generator knows about a person while the family grows."""

    pid: str
    year: int
    """The birth year every date rule uses, whether or not the birth is written out."""
    data: dict[str, Any]
    bio_parents: tuple[str, ...] = ()
    lineage: frozenset[str] = frozenset()
    """The person and every ancestor through any parent link (adoption and step included)."""
    grandparents: frozenset[str] = frozenset()
    last_year: int = 0
    """The latest year of anything the person took part in: unions, children."""
    death: Any = None
    """A death date fixed by a 'widowed' event."""
    death_year: int | None = None
    keep_alive: bool = False
    partnered: bool = False
    adopted: bool = False

    @property
    def can_partner(self) -> bool:
        return self.data["kind"] == PersonKind.PERSON.value and "count" not in self.data


@dataclass
class _Family:
    """The growing document, as plain data, plus the generator's bookkeeping."""

    draw: Draw
    options: _Options
    people: list[_Person] = field(default_factory=list)
    by_id: dict[str, _Person] = field(default_factory=dict)
    unions: list[dict[str, Any]] = field(default_factory=list)
    births: list[dict[str, Any]] = field(default_factory=list)
    queue: list[str] = field(default_factory=list)
    """People who may still form unions of their own, in generation order."""
    unions_of: dict[str, list[int]] = field(default_factory=dict)

    # -- small helpers ------------------------------------------------------------------------

    def integer(self, low: int, high: int) -> int:
        """An integer in [low, high]; shrinks towards ``low``."""
        return int(self.draw(_integers(low, high)))

    def chance(self, percent: int) -> bool:
        """True with about the given probability; shrinks towards False (a smaller family)."""
        return self.integer(0, 99) >= 100 - percent

    def pick(self, items: Sequence[_T]) -> _T:
        """One of ``items``; shrinks towards the first."""
        return items[self.integer(0, len(items) - 1)]

    def sample(self, items: Sequence[_T], size: int) -> list[_T]:
        """``size`` different items, in draw order."""
        pool = list(items)
        return [pool.pop(self.integer(0, len(pool) - 1)) for _ in range(min(size, len(pool)))]

    def budget(self) -> int:
        return self.options.max_people - len(self.people)

    def date(self, year: int, *, loose: bool = True) -> Any:
        """A date in ``year``: a bare year, year-month, a full date, or (loose) 'about'."""
        styles = ["year", "month", "day", "day"] + (["about"] if loose else [])
        style = self.pick(styles)
        if style == "year":
            return year
        if style == "about":
            return f"about {year}"
        month = self.integer(1, 12)
        if style == "month":
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{self.integer(1, 28):02d}"

    # -- people -------------------------------------------------------------------------------

    def add_person(
        self,
        year: int,
        *,
        kind: PersonKind = PersonKind.PERSON,
        parents: Sequence[str] = (),
        gender: Gender | None = None,
        birth: Any = None,
    ) -> _Person:
        pid = f"p{len(self.people)}"
        data: dict[str, Any] = {"id": pid, "kind": kind.value}
        if kind == PersonKind.PERSON:
            data["gender"] = (gender or self._gender()).value
            if data["gender"] in {Gender.TRANSGENDER_MALE.value, Gender.TRANSGENDER_FEMALE.value}:
                trans_male = data["gender"] == Gender.TRANSGENDER_MALE.value
                data["sex_at_birth"] = (SexAtBirth.FEMALE if trans_male else SexAtBirth.MALE).value
            elif data["gender"] == Gender.OTHER.value and self.chance(50):
                data["sex_at_birth"] = SexAtBirth.UNASSIGNED.value
            if self.chance(85):
                data["given_name"] = self.pick(GIVEN_NAMES)
                data["family_name"] = self.pick(FAMILY_NAMES)
            if self.chance(15):
                data["occupation"] = self.pick(OCCUPATIONS)
            data["conditions"] = self._conditions()
        else:
            data["gender"] = (gender or Gender.UNKNOWN).value
            if kind in _LOSSES and self.chance(40):
                data["gestation_weeks"] = self.integer(6, 40)
        if kind == PersonKind.PREGNANCY:
            data["gestation_weeks"] = self.integer(6, 40)
        elif birth is not None:
            data["birth"] = birth
        elif kind != PersonKind.PERSON or self.chance(92):
            data["birth"] = self.date(year)
        elif self.chance(50):
            data["age"] = int(DOCUMENT_DATE[:4]) - year  # no birth date: an age instead
        lineage = frozenset({pid}).union(*(self.by_id[p].lineage for p in parents))
        grandparents = frozenset(g for p in parents for g in self.by_id[p].bio_parents)
        person = _Person(pid, year, data, tuple(parents), lineage, grandparents, last_year=year)
        self.people.append(person)
        self.by_id[pid] = person
        self.unions_of[pid] = []
        return person

    def _gender(self) -> Gender:
        if self.chance(90):
            return self.pick((Gender.MALE, Gender.FEMALE))
        return self.pick(tuple(Gender))

    def _conditions(self) -> list[dict[str, Any]]:
        # Dates ('since') are added by finish_lives, once the person's lifetime is known.
        conditions: list[dict[str, Any]] = []
        for _ in range(self.integer(1, 2) if self.chance(20) else 0):
            kind = self.pick(tuple(ConditionKind))
            condition: dict[str, Any] = {"kind": kind.value}
            if kind == ConditionKind.OTHER or self.chance(50):
                condition["name"] = self.pick(_CONDITION_NAMES[kind])
            statuses = _STATUSES if kind == ConditionKind.PHYSICAL_ILLNESS else _STATUSES[:5]
            condition["status"] = self.pick(statuses).value
            conditions.append(condition)
        return conditions

    # -- unions -------------------------------------------------------------------------------

    def develop(self, pid: str) -> None:
        """Give one person their unions, in date order, with children."""
        person = self.by_id[pid]
        most = 3 if self.options.multiple_partners else 1
        count = self.integer(1, most) if self.chance(80) else 0
        year = person.year + self.integer(MIN_PARTNER_AGE, 32)
        for k in range(count):
            if year > LATEST_YEAR or self.budget() <= 0:
                return
            end = self.add_union(person, year, must_end=k < count - 1, only=count == 1)
            if end is None:
                return  # the union still holds, or there was no time left for it to end
            year = end + self.integer(0, 4)

    def _partner(self, person: _Person, start: int, *, only: bool) -> _Person | None:
        """A partner for a union starting in ``start``: a cousin, someone unrelated, or new.

        None means a single parent, which only a person with no other union may be: the
        unions of someone with several are all dated, so their order never depends on the
        order of the unions list.
        """
        if only and not self.chance(90):
            return None
        if self.options.cousin_marriages and self.chance(70):
            cousins = [
                self.by_id[c] for c in self.queue if self._cousins(person, self.by_id[c], start)
            ]
            if cousins:
                return self.pick(cousins)
        if self.chance(5):
            strangers = [
                self.by_id[c]
                for c in self.queue
                if self._available(person, self.by_id[c], start)
                and not person.lineage & self.by_id[c].lineage
                and not person.grandparents & self.by_id[c].grandparents
            ]
            if strangers:
                return self.pick(strangers)
        if self.budget() <= 0:
            return None
        low = max(person.year - 12, 1900)
        high = min(person.year + 12, start - MIN_PARTNER_AGE)
        return self.add_person(self.integer(low, high))

    def _available(self, person: _Person, other: _Person, start: int) -> bool:
        return (
            other.pid != person.pid
            and other.can_partner
            and not other.partnered
            and not self.unions_of[other.pid]
            and other.year + MIN_PARTNER_AGE <= start
            and abs(other.year - person.year) <= 15
        )

    def _cousins(self, person: _Person, other: _Person, start: int) -> bool:
        return (
            self._available(person, other, start)
            and bool(person.grandparents & other.grandparents)
            and not set(person.bio_parents) & set(other.bio_parents)
            and person.pid not in other.lineage
            and other.pid not in person.lineage
        )

    def add_union(self, person: _Person, start: int, *, must_end: bool, only: bool) -> int | None:
        """Add a union of ``person`` starting in ``start``; return the year it ended, if it did.

        ``only`` says it is the person's one union; otherwise it gets a partner and dates.
        """
        end = None
        if must_end or self.chance(30):
            end = start + self.integer(1, 15)
            if end > LATEST_YEAR:
                if must_end:
                    return None
                end = None
        partner = self._partner(person, start, only=only)
        if partner is None and not only:
            return None  # no partner could be found (the people budget ran out)
        partners = [person] if partner is None else [person, partner]
        if partner is not None and partner.pid in self.queue:
            self.queue.remove(partner.pid)  # a cousin or stranger: this is their one union
        if partner is not None:
            partner.partnered = True
        kind = self.pick(_UNION_KINDS) if partner is not None else UnionKind.UNKNOWN
        u = len(self.unions)
        union: dict[str, Any] = {"partners": [p.pid for p in partners]}
        if self.chance(40):
            union["id"] = f"u{u}"
        if partner is not None:
            union["kind"] = kind.value
            if (
                person.bio_parents
                and partner.pid not in person.lineage
                and (person.grandparents & partner.grandparents)
            ):
                union["consanguineous"] = self.chance(65)
                union["relationship"] = "first cousins"
        dated = not only or self.chance(92)
        events, end_type, last = self._events(kind, partners, start, end, dated)
        if events:
            union["events"] = events
        self.unions.append(union)
        for p in partners:
            self.unions_of[p.pid].append(u)
        # A partner who died at the union's end had their children before that year.
        last_birth = end - 1 if end_type == UnionEventType.WIDOWED and end is not None else end
        children = self._children(partners, start, last_birth)
        if children:
            union["children"] = children
        self._step_children(union, person, u)
        if "children" not in union and partner is not None and self.chance(10):
            union["childless"] = self.pick(("by_choice", "infertility"))
        if end_type == UnionEventType.WIDOWED and end is not None:
            partners[1].death = events[-1]["date"]  # the partner died on the day of widowhood
            partners[1].death_year = end
        for p in partners:
            p.last_year = max(p.last_year, last, end or start)
        return end

    def _events(
        self,
        kind: UnionKind,
        partners: Sequence[_Person],
        start: int,
        end: int | None,
        dated: bool,
    ) -> tuple[list[dict[str, Any]], UnionEventType | None, int]:
        """The union's events in date order, how it ended, and the year of the last event."""
        if not dated or len(partners) == 1:
            return [], None, start
        opening: list[UnionEventType] = []
        if self.chance(30):
            opening.append(UnionEventType.MET)
        if kind in _MARRIED:
            if self.chance(20):
                opening.append(UnionEventType.ENGAGED)
            opening.append(_MARRIED[kind])
        elif kind in _COHABITING:
            opening.append(UnionEventType.COHABITING)
        elif kind == UnionKind.ENGAGEMENT:
            opening.append(UnionEventType.ENGAGED)
        elif kind == UnionKind.DATING:
            opening.append(UnionEventType.DATING)
        if not opening:
            opening.append(UnionEventType.MET)  # every dated union has a dated start
        # Separated and reconciled, or divorced and remarried to each other: both need room
        # after the opening events, so those are kept to the first year then.
        reconcile = kind in _MARRIED and end is not None and end - start >= 3 and self.chance(15)
        remarry = (
            kind == UnionKind.MARRIAGE
            and end is None
            and start + 4 <= LATEST_YEAR
            and (self.chance(10))
        )
        if reconcile or remarry:
            high = start
        elif end is not None:
            high = end - 1
        else:
            high = min(start + 3, LATEST_YEAR)
        years = [self.integer(start, high) for _ in opening]
        # Sorted as dates, so a bare "1990" comes before "1990-05" as the model sorts them.
        dates = sorted((self.date(y, loose=False) for y in years), key=_date_key)
        events = [{"type": t.value, "date": d} for t, d in zip(opening, dates, strict=True)]
        if remarry:
            events.append({"type": UnionEventType.DIVORCED.value, "date": start + 1})
            events.append({"type": UnionEventType.REMARRIED.value, "date": start + 4})
            return events, None, start + 4
        if end is None:
            return events, None, max(years, default=start)
        if reconcile:
            events.append({"type": UnionEventType.SEPARATED.value, "date": start + 1})
            events.append({"type": UnionEventType.RECONCILED.value, "date": start + 2})
        end_type = self._end_type(kind, partners)
        events.append({"type": end_type.value, "date": self.date(end, loose=False)})
        return events, end_type, end

    def _end_type(self, kind: UnionKind, partners: Sequence[_Person]) -> UnionEventType:
        """How a union of this kind plausibly ends."""
        choices = [UnionEventType.ENDED]
        if kind in _MARRIED or kind in _COHABITING or kind == UnionKind.COMMITTED:
            choices.append(UnionEventType.SEPARATED)
            # The partner came into the family through this union and has no other one, so
            # their death on this date contradicts nothing.
            if partners[1].death is None and not partners[1].keep_alive:
                choices.append(UnionEventType.WIDOWED)
        if kind in _MARRIED or kind == UnionKind.LEGAL_COHABITATION:
            choices.append(UnionEventType.LEGAL_SEPARATION)
        if kind in _MARRIED:
            choices += [UnionEventType.DIVORCED] * 3
        if kind == UnionKind.MARRIAGE:
            choices.append(UnionEventType.ANNULLED)
        return self.pick(choices)

    def _children(self, partners: Sequence[_Person], start: int, end: int | None) -> list[Any]:
        """Children born while the union holds and both partners are of an age to have them."""
        low = max(start, max(p.year for p in partners) + MIN_PARENT_GAP)
        high = min(
            end if end is not None else LATEST_YEAR,
            LATEST_YEAR,
            min(p.year for p in partners) + MAX_PARENT_GAP,
        )
        children: list[Any] = []
        if low > high:
            return children
        wanted = self.integer(1, 4 if self.chance(25) else 3) if self.chance(85) else 0
        # One birth a year at most (twins share one), so that the list is in birth order
        # whatever months the dates get.
        years: list[int] = []
        for year in sorted(self.integer(low, high) for _ in range(wanted)):
            year = max(year, years[-1] + 1) if years else year
            if year <= high:
                years.append(year)
        for i, year in enumerate(years):
            if self.budget() <= 0:
                break
            if self.options.twins and self.budget() >= 2 and self.chance(10):
                children += self._multiple_birth(partners, year)
            elif self.chance(8):
                loss = self.add_person(year, kind=self.pick(_LOSSES), parents=self._ids(partners))
                children.append(loss.pid)
            elif self.options.adoption and self.chance(15):
                # An adoptee from elsewhere must be born between this child's siblings.
                after = years[i - 1] if i else low - 1
                before = years[i + 1] if i + 1 < len(years) else high + 1
                children.append(self._non_biological(partners, year, (after, before)))
            else:
                children.append(self._born(partners, year).pid)
        # A current pregnancy, in a union that still holds, keeps its partners alive.
        young = all(p.year + MAX_PARENT_GAP >= LATEST_YEAR for p in partners)
        if end is None and young and self.budget() > 0 and self.chance(15):
            pregnancy = self.add_person(LATEST_YEAR, kind=PersonKind.PREGNANCY)
            children.append(pregnancy.pid)
            for p in partners:
                p.keep_alive = True
        for p in partners:
            p.last_year = max([p.last_year, *years])
        return children

    def _ids(self, partners: Sequence[_Person]) -> list[str]:
        return [p.pid for p in partners]

    def _born(
        self, partners: Sequence[_Person], year: int, *, single: bool = False, **kwargs: Any
    ) -> _Person:
        """A child born to the partners; now and then a 'count' symbol (unless ``single``)."""
        child = self.add_person(year, parents=self._ids(partners), **kwargs)
        if not single and self.chance(6):
            child.data["count"] = self.pick((2, 3, 4, "n"))
            child.data.pop("given_name", None)
        elif child.year + MIN_PARTNER_AGE <= LATEST_YEAR:
            self.queue.append(child.pid)
        return child

    def _multiple_birth(self, partners: Sequence[_Person], year: int) -> list[str]:
        size = 3 if self.budget() >= 3 and self.chance(20) else 2
        zygosity = self.pick(tuple(Zygosity))
        gender = self._gender() if zygosity == Zygosity.IDENTICAL else None
        birth = self.date(year)
        members = [
            self._born(partners, year, single=True, gender=gender, birth=birth) for _ in range(size)
        ]
        ids = [m.pid for m in members]
        self.births.append({"members": ids, "zygosity": zygosity.value})
        return ids

    def _non_biological(
        self, partners: Sequence[_Person], year: int, between: tuple[int, int]
    ) -> dict[str, Any]:
        parentage = self.pick(
            (
                Parentage.ADOPTED,
                Parentage.ADOPTED,
                Parentage.FOSTER,
                Parentage.DONOR,
                Parentage.SURROGATE,
            )
        )
        if parentage in {Parentage.DONOR, Parentage.SURROGATE}:
            child = self._born(partners, year)
        else:
            child = self._adoptee(partners, year, between)
        link: dict[str, Any] = {"person": child.pid, "parentage": parentage.value}
        if self.chance(30):
            link["note"] = f"{_LINK_NOTES[parentage]} ({child.year})."
        return link

    def _adoptee(self, partners: Sequence[_Person], year: int, between: tuple[int, int]) -> _Person:
        """Usually a new person; now and then the child of another union, adopted out.

        A child from elsewhere is born strictly ``between`` the given years, and at least
        :data:`MIN_PARENT_GAP` years after both new parents.
        """
        lowest = max(max(p.year for p in partners) + MIN_PARENT_GAP, between[0] + 1)
        elsewhere = [
            self.by_id[c]
            for c in self.queue
            if self.by_id[c].bio_parents
            and not self.by_id[c].adopted
            and not self.unions_of[c]
            and lowest <= self.by_id[c].year < between[1]
            and not set(self.by_id[c].bio_parents) & set(self._ids(partners))
        ]
        if elsewhere and self.chance(50):
            child = self.pick(elsewhere)
            # It has no descendants yet (no unions), so no loop can form through it.
            child.lineage = child.lineage.union(*(p.lineage for p in partners))
        else:
            child = self.add_person(year)
            if child.year + MIN_PARTNER_AGE <= LATEST_YEAR:
                self.queue.append(child.pid)
        child.adopted = True
        return child

    def _step_children(self, union: dict[str, Any], person: _Person, u: int) -> None:
        """In a later union, list the person's earlier children as step-children."""
        if len(union["partners"]) < 2 or not self.chance(50):
            return
        earlier = [
            child
            for i in self.unions_of[person.pid]
            if i != u
            for child in self.unions[i].get("children", [])
            if isinstance(child, str) and self.by_id[child].data["kind"] == PersonKind.PERSON.value
        ]
        if earlier:
            steps = [{"person": c, "parentage": Parentage.STEP.value} for c in earlier]
            union["children"] = steps + union.get("children", [])
            partner = self.by_id[union["partners"][1]]
            for c in earlier:  # the step-parent now counts as an ancestor too
                self.by_id[c].lineage |= partner.lineage

    # -- finishing touches --------------------------------------------------------------------

    def finish_lives(self) -> None:
        """Deaths after everything each person took part in; otherwise alive."""
        for person in self.people:
            data = person.data
            if data["kind"] != PersonKind.PERSON.value or "count" in data:
                continue
            if person.death is not None:
                data["death"] = person.death
            elif not person.keep_alive:
                lowest = max(person.year, person.last_year) + 1
                age = LATEST_YEAR - person.year
                if lowest <= LATEST_YEAR and self.chance(max(0, min(90, age - 35))):
                    if self.chance(90):
                        person.death_year = self.integer(lowest, LATEST_YEAR)
                        data["death"] = self.date(person.death_year)
                    else:
                        data["deceased"] = True
            for condition in data["conditions"]:
                if self.chance(30):
                    last = person.death_year or LATEST_YEAR
                    condition["since"] = self.date(self.integer(person.year, last))
            if ("death" in data or data.get("deceased")) and self.chance(30):
                data["cause_of_death"] = self.pick(("stroke", "cancer", "accident", "unknown"))
            if "age" in data and ("death" in data or data.get("deceased")):
                del data["age"]  # the stated age would be the age at death: keep it simple

    def living(self) -> list[str]:
        return [
            p.pid
            for p in self.people
            if p.data["kind"] in {PersonKind.PERSON.value, PersonKind.PET.value}
            and "death" not in p.data
            and not p.data.get("deceased")
            and "count" not in p.data
        ]

    def mark_index(self) -> None:
        candidates = [p for p in self.people if p.can_partner]
        if candidates and self.chance(70):
            self.pick(candidates).data["index"] = True
        if candidates and self.chance(10):
            self.pick(candidates).data["consultand"] = True

    def add_pets(self) -> None:
        for _ in range(self.integer(0, 2) if self.chance(20) else 0):
            if self.budget() <= 0:
                return
            pet = self.add_person(self.integer(2005, LATEST_YEAR), kind=PersonKind.PET)
            pet.data["species"] = self.pick(("dog", "cat", "rabbit"))
            pet.data["given_name"] = self.pick(("Biscuit", "Luna", "Pepper", "Milo"))

    def relationships(self) -> list[dict[str, Any]]:
        ids = [p.pid for p in self.people if p.can_partner]
        found: list[dict[str, Any]] = []
        seen: set[tuple[str, str, str]] = set()
        if len(ids) < 2:
            return found
        for r in range(self.integer(0, min(12, len(ids)))):
            source, target = self.sample(ids, 2)
            kind = self.pick(tuple(EmotionKind))
            if (kind.value, source, target) in seen:
                continue
            seen.add((kind.value, source, target))
            rel: dict[str, Any] = {"kind": kind.value, "source": source, "target": target}
            if self.chance(30):
                rel["id"] = f"r{r}"
            if kind in DIRECTED_EMOTIONS and self.chance(25):
                rel["mutual"] = True
            first = max(self.by_id[source].year, self.by_id[target].year)
            if first <= LATEST_YEAR and self.chance(30):
                rel["start"] = self.integer(first, LATEST_YEAR)
                if self.chance(50):
                    rel["end"] = self.integer(rel["start"], LATEST_YEAR)
            if self.chance(20):
                rel["note"] = "Noted at the first session."
            found.append(rel)
        return found

    def households(self) -> list[dict[str, Any]]:
        pool = self.living()
        households: list[dict[str, Any]] = []
        wanted = self.integer(1 if self.options.need_household else 0, 3)
        for h in range(wanted):
            if not pool:
                break
            members = self.sample(pool, self.integer(1, min(6, len(pool))))
            pool = [p for p in pool if p not in members]
            household: dict[str, Any] = {"id": f"h{h}", "members": members}
            if self.chance(50):
                household["label"] = f"Household {h + 1}"
            households.append(household)
        return households

    def ecomap(self, households: list[dict[str, Any]]) -> dict[str, Any]:
        centre = self._centre(households)
        ecomap: dict[str, Any] = {}
        keys = [k for k, _ in DEFAULT_CATEGORIES]
        categories: list[dict[str, Any]] = []
        if self.chance(20):  # relabel and pin a default category
            categories.append(
                {
                    "key": self.pick(keys),
                    "label": "Relabelled",
                    "side": self.pick(tuple(Side)).value,
                }
            )
        if self.chance(20):
            custom = {"key": "custom_support", "label": "Support network"}
            if self.chance(50):
                custom["side"] = self.pick(tuple(Side)).value
            if self.chance(50):
                custom["colour"] = "#1b9e77"
            categories.append(custom)
            keys.append("custom_support")
        if categories:
            ecomap["categories"] = categories
        if self.chance(15):
            ecomap["category_order"] = self.draw(st.permutations(keys))[: len(keys) // 2]
        members: list[str | None] = [None]
        if centre is None:
            living = [p for p in self.living() if self.by_id[p].can_partner] or [self.people[0].pid]
            ecomap["centre"] = EcoCentre.INDIVIDUAL.value
            ecomap["person"] = self.pick(living)
        else:
            members += centre["members"]
            if self.chance(60):
                ecomap["household"] = centre["id"]
        systems: list[dict[str, Any]] = []
        connections: list[dict[str, Any]] = []
        for s in range(self.integer(0, self.options.max_systems)):
            system: dict[str, Any] = {
                "id": f"s{s}",
                "name": f"System {s}",
                "category": self.pick(keys),
            }
            if self.chance(50):
                system["importance"] = self.pick(tuple(Importance)).value
            systems.append(system)
            if self.chance(8):
                system["absent"] = True
                continue
            targets = self.sample(members, self.integer(0, 2))
            for target in targets:
                connections.append(self._connection(system["id"], target, len(connections)))
        ecomap["systems"] = systems
        ecomap["connections"] = connections
        return ecomap

    def _centre(self, households: list[dict[str, Any]]) -> dict[str, Any] | None:
        """The household the validator treats as the centre (index person's, else the first)."""
        if not households:
            return None
        index = next((p.pid for p in self.people if p.data.get("index")), None)
        return next((h for h in households if index in h["members"]), households[0])

    def _connection(self, system: str, member: str | None, n: int) -> dict[str, Any]:
        tie: dict[str, Any] = {
            "system": system,
            "strength": self.pick(tuple(Strength)).value,
            "flow": self.pick(tuple(Flow)).value,
        }
        if member is not None:
            tie["member"] = member
        if self.chance(25):
            tie["stressful"] = True
        if self.chance(25):
            tie["amount"] = self.integer(1, 3)
        if self.chance(15):
            tie["id"] = f"c{n}"
        return tie


@st.composite
def _documents(draw: Draw, options: _Options) -> Document:
    family = _Family(draw, options)
    # Mostly one founding family, so that the budget reaches grandchildren and cousins.
    founders = family.integer(2, 3) if family.chance(35) else 1
    for _ in range(founders):
        if family.budget() <= 0:
            break
        founder = family.add_person(family.integer(1900, 1990))
        if "birth" in founder.data and family.chance(10):
            founder.data["birth"] = family.pick(("before", "after")) + f" {founder.year}"
        family.queue.append(founder.pid)
    while family.queue and family.budget() > 0:
        family.develop(family.queue.pop(0))
    family.finish_lives()
    family.mark_index()
    if options.households:
        family.add_pets()
    data: dict[str, Any] = {
        "version": 1,
        "title": "Generated family",
        "date": DOCUMENT_DATE,
        "preset": family.pick(("mcgoldrick", "nsgc")),
        "people": [p.data for p in family.people],
        "unions": family.unions,
        "multiple_births": family.births,
    }
    if options.emotions:
        data["relationships"] = family.relationships()
    households = family.households() if options.households else []
    data["households"] = households
    if options.ecomap and (households or options.need_household or family.chance(30)):
        data["ecomap"] = family.ecomap(households)
    return Document.model_validate(data)


def documents(
    max_people: int = 30,
    *,
    multiple_partners: bool = True,
    adoption: bool = True,
    twins: bool = True,
    cousin_marriages: bool = True,
    emotions: bool = True,
    households: bool = True,
    ecomap: bool = True,
) -> st.SearchStrategy[Document]:
    """Random valid documents: a family of up to ``max_people`` symbols, and optionally more.

    Args:
        max_people: The most people (including pregnancies, losses and pets) to generate.
        multiple_partners: Allow second and third unions (remarriage, step-children).
        adoption: Allow adopted, foster, donor and surrogate children.
        twins: Allow twins and triplets.
        cousin_marriages: Allow first cousins to form a union.
        emotions: Add emotional relationships.
        households: Add households (and pets in them).
        ecomap: Add an eco-map now and then (always when there is a household).
    """
    _check_size(max_people)
    return _documents(
        _Options(
            max_people=max_people,
            multiple_partners=multiple_partners,
            adoption=adoption,
            twins=twins,
            cousin_marriages=cousin_marriages,
            emotions=emotions,
            households=households,
            ecomap=ecomap,
        )
    )


def families(
    max_people: int = 30,
    *,
    multiple_partners: bool = True,
    adoption: bool = True,
    twins: bool = True,
    cousin_marriages: bool = True,
    emotions: bool = True,
    households: bool = True,
) -> st.SearchStrategy[Document]:
    """Random valid genogram-only documents (no eco-map); arguments as for :func:`documents`."""
    return documents(
        max_people,
        multiple_partners=multiple_partners,
        adoption=adoption,
        twins=twins,
        cousin_marriages=cousin_marriages,
        emotions=emotions,
        households=households,
        ecomap=False,
    )


def ecomaps(max_systems: int = 40, *, max_people: int = 12) -> st.SearchStrategy[Document]:
    """Random valid documents built for eco-map tests: a small family, a household, systems.

    The centre is a household whenever one could be formed from the living people, else one
    person (individual mode).

    Args:
        max_systems: The most eco-map systems to generate.
        max_people: The most people in the family.
    """
    _check_size(max_people)
    return _documents(_Options(max_people=max_people, max_systems=max_systems, need_household=True))


def _check_size(max_people: int) -> None:
    if max_people < 1:
        raise ValueError(f"max_people must be at least 1, not {max_people}")


def _shuffled(items: Sequence[_T]) -> st.SearchStrategy[list[_T]]:
    return st.permutations(list(items))


@st.composite
def permutations_of(draw: Draw, document: Document) -> Document:
    """The same document with its unordered lists shuffled.

    Shuffled: people, unions, multiple births, relationships, households, household members,
    eco-map systems and connections. Kept: the children of a union (their order is birth
    order), union partners and events, multiple-birth members, and eco-map categories (their
    order is sector order). An eco-map that centres on "the first household" by default gets
    that household named in ``ecomap.household``, so that its centre stays the same.
    """
    households = [
        h.model_copy(update={"members": tuple(draw(_shuffled(h.members)))})
        for h in draw(_shuffled(document.households))
    ]
    update: dict[str, Any] = {
        "people": tuple(draw(_shuffled(document.people))),
        "unions": tuple(draw(_shuffled(document.unions))),
        "multiple_births": tuple(draw(_shuffled(document.multiple_births))),
        "relationships": tuple(draw(_shuffled(document.relationships))),
        "households": tuple(households),
    }
    ecomap = document.ecomap
    if ecomap is not None:
        pinned: dict[str, Any] = {
            "systems": tuple(draw(_shuffled(ecomap.systems))),
            "connections": tuple(draw(_shuffled(ecomap.connections))),
        }
        if ecomap.centre == EcoCentre.HOUSEHOLD and ecomap.household is None:
            pinned["household"] = _default_centre(document)
        update["ecomap"] = ecomap.model_copy(update=pinned)
    return document.model_copy(update=update)


def _default_centre(document: Document) -> str | None:
    """The household an eco-map without ``household`` centres on: the index person's, or the
    first one, which would change when the households are shuffled."""
    index = document.index_person
    for household in document.households:
        if index is not None and index.id in household.members:
            return household.id
    return document.households[0].id if document.households else None


def permuted(document: Document, data: st.DataObject) -> Document:
    """Draw a shuffled copy of ``document`` inside a test that takes ``data: st.data()``."""
    return data.draw(permutations_of(document), label="permuted")
