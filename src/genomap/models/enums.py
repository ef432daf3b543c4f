"""The closed vocabularies of the document format, as string enums."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Preset(StrEnum):
    """Drawing conventions: McGoldrick (family therapy, default) or NSGC (genetic pedigrees)."""

    MCGOLDRICK = "mcgoldrick"
    NSGC = "nsgc"


class Gender(StrEnum):
    """Gender identity; the symbol follows it (square, circle, diamond)."""

    MALE = "male"
    FEMALE = "female"
    NON_BINARY = "non_binary"
    TRANSGENDER_MALE = "transgender_male"
    TRANSGENDER_FEMALE = "transgender_female"
    UNKNOWN = "unknown"
    OTHER = "other"


class SexAtBirth(StrEnum):
    """Sex assigned at birth, shown as AMAB / AFAB / UAAB when given."""

    MALE = "male"
    FEMALE = "female"
    UNASSIGNED = "unassigned"


class PersonKind(StrEnum):
    """What a person symbol stands for: a born person, a pregnancy or its outcome, or a pet."""

    PERSON = "person"
    PREGNANCY = "pregnancy"
    MISCARRIAGE = "miscarriage"
    TERMINATION = "termination"
    STILLBIRTH = "stillbirth"
    ECTOPIC = "ectopic"
    PET = "pet"


PREGNANCY_OUTCOMES: Final = frozenset(
    {PersonKind.MISCARRIAGE, PersonKind.TERMINATION, PersonKind.STILLBIRTH, PersonKind.ECTOPIC}
)
"""Kinds that record a pregnancy that did not lead to a live birth."""


class ConditionKind(StrEnum):
    """Condition families with a conventional shading; ``other`` takes a free-form name."""

    PHYSICAL_ILLNESS = "physical_illness"
    MENTAL_ILLNESS = "mental_illness"
    SUBSTANCE_MISUSE = "substance_misuse"
    ALCOHOL_MISUSE = "alcohol_misuse"
    DRUG_MISUSE = "drug_misuse"
    OTHER = "other"


SUBSTANCE_CONDITIONS: Final = frozenset(
    {ConditionKind.SUBSTANCE_MISUSE, ConditionKind.ALCOHOL_MISUSE, ConditionKind.DRUG_MISUSE}
)
"""Conditions shaded in the lower half under the McGoldrick preset."""


class ConditionStatus(StrEnum):
    """How sure or how current a condition is."""

    CURRENT = "current"
    SUSPECTED = "suspected"
    IN_RECOVERY = "in_recovery"
    PAST = "past"
    CARRIER = "carrier"
    PRESYMPTOMATIC = "presymptomatic"
    UNKNOWN = "unknown"


class UnionKind(StrEnum):
    """The type of a partnership; the partner line's pattern shows it."""

    MARRIAGE = "marriage"
    CIVIL_PARTNERSHIP = "civil_partnership"
    COMMITTED = "committed"
    ENGAGEMENT = "engagement"
    COHABITATION = "cohabitation"
    LEGAL_COHABITATION = "legal_cohabitation"
    NON_SENTIMENTAL_COHABITATION = "non_sentimental_cohabitation"
    DATING = "dating"
    AFFAIR = "affair"
    RAPE = "rape"
    TEMPORARY = "temporary"
    OTHER = "other"
    UNKNOWN = "unknown"


class UnionEventType(StrEnum):
    """Dated events in the history of a union."""

    MET = "met"
    DATING = "dating"
    ENGAGED = "engaged"
    COHABITING = "cohabiting"
    MARRIED = "married"
    CIVIL_PARTNERSHIP = "civil_partnership"
    SEPARATED = "separated"
    LEGAL_SEPARATION = "legal_separation"
    DIVORCED = "divorced"
    ANNULLED = "annulled"
    WIDOWED = "widowed"
    RECONCILED = "reconciled"
    REMARRIED = "remarried"
    ENDED = "ended"


ENDING_EVENTS: Final = frozenset(
    {
        UnionEventType.SEPARATED,
        UnionEventType.LEGAL_SEPARATION,
        UnionEventType.DIVORCED,
        UnionEventType.ANNULLED,
        UnionEventType.WIDOWED,
        UnionEventType.ENDED,
    }
)
"""Events after which the union no longer holds (until a reconciliation or remarriage)."""

RESUMING_EVENTS: Final = frozenset(
    {UnionEventType.RECONCILED, UnionEventType.REMARRIED, UnionEventType.MARRIED}
)
"""Events that restore a union after it ended."""


class Childlessness(StrEnum):
    """Why a union has no children, when that is recorded."""

    BY_CHOICE = "by_choice"
    INFERTILITY = "infertility"


class Parentage(StrEnum):
    """How the parents of a union relate to one of its children."""

    BIOLOGICAL = "biological"
    ADOPTED = "adopted"
    FOSTER = "foster"
    STEP = "step"
    DONOR = "donor"
    SURROGATE = "surrogate"


class Zygosity(StrEnum):
    """Twin or multiple-birth type."""

    IDENTICAL = "identical"
    FRATERNAL = "fraternal"
    UNKNOWN = "unknown"


class EmotionKind(StrEnum):
    """Emotional relationship types: McGoldrick's core set and the GenoPro-style catalogue."""

    NORMAL = "normal"
    HARMONY = "harmony"
    CLOSE = "close"
    FRIENDSHIP = "friendship"
    BEST_FRIENDS = "best_friends"
    LOVE = "love"
    IN_LOVE = "in_love"
    EMOTIONAL_CONNECTION = "emotional_connection"
    FAN = "fan"
    LIMERENCE = "limerence"
    DISCORD = "discord"
    HATE = "hate"
    DISTRUST = "distrust"
    HOSTILE = "hostile"
    INDIFFERENT = "indifferent"
    DISTANT = "distant"
    CUTOFF = "cutoff"
    CUTOFF_REPAIRED = "cutoff_repaired"
    NEVER_MET = "never_met"
    DISTANT_HOSTILE = "distant_hostile"
    CLOSE_HOSTILE = "close_hostile"
    FUSED_HOSTILE = "fused_hostile"
    FUSED = "fused"
    VIOLENCE = "violence"
    DISTANT_VIOLENCE = "distant_violence"
    CLOSE_VIOLENCE = "close_violence"
    FUSED_VIOLENCE = "fused_violence"
    ABUSE = "abuse"
    PHYSICAL_ABUSE = "physical_abuse"
    EMOTIONAL_ABUSE = "emotional_abuse"
    SEXUAL_ABUSE = "sexual_abuse"
    NEGLECT = "neglect"
    MANIPULATIVE = "manipulative"
    CONTROLLING = "controlling"
    JEALOUS = "jealous"
    FOCUSED_ON = "focused_on"
    FOCUSED_ON_NEGATIVELY = "focused_on_negatively"
    CARETAKER = "caretaker"
    SPIRITUAL_CONNECTION = "spiritual_connection"


DIRECTED_EMOTIONS: Final = frozenset(
    {
        EmotionKind.FAN,
        EmotionKind.LIMERENCE,
        EmotionKind.ABUSE,
        EmotionKind.PHYSICAL_ABUSE,
        EmotionKind.EMOTIONAL_ABUSE,
        EmotionKind.SEXUAL_ABUSE,
        EmotionKind.NEGLECT,
        EmotionKind.MANIPULATIVE,
        EmotionKind.CONTROLLING,
        EmotionKind.JEALOUS,
        EmotionKind.FOCUSED_ON,
        EmotionKind.FOCUSED_ON_NEGATIVELY,
        EmotionKind.CARETAKER,
    }
)
"""Kinds that point from ``source`` to ``target`` and get an arrowhead at the target."""


class EcoCentre(StrEnum):
    """What sits in the middle of an eco-map."""

    HOUSEHOLD = "household"
    INDIVIDUAL = "individual"


class Importance(StrEnum):
    """How important a system is to the family; sets the system circle's size."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Strength(StrEnum):
    """How strong a tie between the family and a system is."""

    STRONG = "strong"
    MODERATE = "moderate"
    TENUOUS = "tenuous"


class Flow(StrEnum):
    """Which way energy and resources flow along an eco-map tie."""

    NONE = "none"
    TO_FAMILY = "to_family"
    FROM_FAMILY = "from_family"
    BOTH = "both"


class Side(StrEnum):
    """A side of the eco-map a category can be pinned to."""

    TOP = "top"
    RIGHT = "right"
    BOTTOM = "bottom"
    LEFT = "left"


DEFAULT_CATEGORIES: Final[tuple[tuple[str, str], ...]] = (
    ("extended_family", "Extended family"),
    ("friends", "Friends"),
    ("community", "Neighbours & community"),
    ("education", "School & education"),
    ("work", "Work"),
    ("health", "Health care"),
    ("mental_health", "Mental health"),
    ("social_care", "Social services"),
    ("housing", "Housing"),
    ("financial", "Income & benefits"),
    ("legal", "Legal & justice"),
    ("faith", "Faith & spirituality"),
    ("culture", "Culture"),
    ("recreation", "Recreation"),
    ("online", "Online"),
    ("pets", "Pets"),
    ("other", "Other"),
)
"""The default system categories, in canonical sector order (clockwise from 12 o'clock)."""
