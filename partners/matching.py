"""Which listings of other organisations suit an organisation, and why: pure computation on
plain data (no Django), fed by `selectors.suggestions_for` with a few bulk queries.

The rank follows what matters for a model partnership (Wolgograd workshop): first a listing
that complements one of the organisation's own (it offers what the organisation seeks, or seeks
what it offers), then an organisation in a partner city of the organisation's city (town
twinnings and cooperations), then shared topics and target groups, then a shared language.
Each suggestion carries its reasons as codes; `reasons.py` turns them into sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

OFFER, SEEK = "offer", "seek"

# Reason codes, in the order they are shown.
COMPLEMENTS_SEEK = "offers_what_you_seek"  # the other side offers a format you seek
COMPLEMENTS_OFFER = "seeks_what_you_offer"  # the other side seeks a format you offer
PARTNER_CITY = "partner_city"
NAMES_YOUR_CITY = "names_your_city"  # the listing looks for partners in your city
SHARED_TOPICS = "shared_topics"
SHARED_TARGET_GROUPS = "shared_target_groups"
SHARED_LANGUAGES = "shared_languages"

WEIGHTS = {
    "complement": 1000,
    PARTNER_CITY: 300,
    NAMES_YOUR_CITY: 50,
    "topic": 40,  # per shared topic, at most MAX_TOPICS counted
    "target_group": 20,  # per shared target group, at most MAX_TARGET_GROUPS counted
    SHARED_LANGUAGES: 10,
}
MAX_TOPICS = 3
MAX_TARGET_GROUPS = 2


@dataclass(frozen=True)
class Profile:
    """The organisation suggestions are made for: its city and what it works on (its own
    topics, target groups and languages together with those of its listings)."""

    organisation_id: int
    city_id: int | None
    topics: frozenset[int] = frozenset()
    target_groups: frozenset[int] = frozenset()
    languages: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Listing:
    """A listing as the matcher sees it. `city_id` is the city its organisation is seated in;
    `cities` where it looks for partners (empty: anywhere); topics, target groups and
    languages are the listing's together with its organisation's."""

    id: int
    organisation_id: int
    direction: str
    format: str
    city_id: int | None = None
    cities: frozenset[int] = frozenset()
    topics: frozenset[int] = frozenset()
    target_groups: frozenset[int] = frozenset()
    languages: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Reason:
    code: str
    format: str = ""  # complement reasons: the format
    kind: str = ""  # partner city: the partnership kind
    items: tuple[int, ...] = ()  # shared topics, target groups or languages (ids)


@dataclass(frozen=True)
class Suggestion:
    listing_id: int
    organisation_id: int
    score: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def _complements(own: Listing, other: Listing) -> bool:
    """`other` is the counterpart of `own`: opposite direction, same format, and in a city
    `own` looks in (if it names any)."""
    return (
        own.direction != other.direction
        and own.format == other.format
        and (not own.cities or other.city_id in own.cities)
    )


def _admits(other: Listing, city_id: int | None) -> bool:
    """A listing naming cities is for organisations of those cities only."""
    return not other.cities or city_id in other.cities


def score_listing(
    profile: Profile,
    own: Iterable[Listing],
    other: Listing,
    partner_cities: Mapping[int, str],
) -> Suggestion | None:
    """The suggestion of `other` for the organisation of `profile` (None: no reason to)."""
    if other.organisation_id == profile.organisation_id or not _admits(other, profile.city_id):
        return None
    reasons: list[Reason] = []
    score = 0
    formats = sorted({o.format for o in own if _complements(o, other)})
    for fmt in formats:
        code = COMPLEMENTS_SEEK if other.direction == OFFER else COMPLEMENTS_OFFER
        reasons.append(Reason(code, format=fmt))
    complementary = bool(formats)
    if complementary:
        score += WEIGHTS["complement"]
    topics = tuple(sorted(profile.topics & other.topics))
    groups = tuple(sorted(profile.target_groups & other.target_groups))
    if not (complementary or topics or groups):
        return None
    if other.city_id is not None and other.city_id in partner_cities:
        reasons.append(Reason(PARTNER_CITY, kind=partner_cities[other.city_id]))
        score += WEIGHTS[PARTNER_CITY]
    if other.cities and profile.city_id in other.cities:
        reasons.append(Reason(NAMES_YOUR_CITY))
        score += WEIGHTS[NAMES_YOUR_CITY]
    if topics:
        reasons.append(Reason(SHARED_TOPICS, items=topics))
        score += WEIGHTS["topic"] * min(len(topics), MAX_TOPICS)
    if groups:
        reasons.append(Reason(SHARED_TARGET_GROUPS, items=groups))
        score += WEIGHTS["target_group"] * min(len(groups), MAX_TARGET_GROUPS)
    languages = tuple(sorted(profile.languages & other.languages))
    if languages:
        reasons.append(Reason(SHARED_LANGUAGES, items=languages))
        score += WEIGHTS[SHARED_LANGUAGES]
    return Suggestion(other.id, other.organisation_id, score, tuple(reasons))


def suggest(
    profile: Profile,
    own: Iterable[Listing],
    candidates: Iterable[Listing],
    partner_cities: Mapping[int, str],
) -> list[Suggestion]:
    """Every candidate listing with a reason, best first (ties: by listing id, so the order is
    stable between pages)."""
    own = list(own)
    found = (score_listing(profile, own, other, partner_cities) for other in candidates)
    return sorted((s for s in found if s is not None), key=lambda s: (-s.score, s.listing_id))


# --- The directory: organisations that have not stated offers yet --------------------------
# Organisations that state nothing are still worth asking when their kind is the one that
# makes what the seeker seeks (a school partnership is made with a school). Open data brings
# schools, day-care centres and associations by the thousand without any listing.
KIND_FITS = "kind_fits"  # the organisation's kind provides a format you seek
KINDS_FOR_FORMAT = {
    "school_partnership": frozenset({"school"}),
    "hospitation": frozenset({"administration", "unit", "school", "daycare", "adult_education"}),
    "expertise": frozenset({"university", "network", "foundation", "adult_education"}),
    "premises": frozenset({"library", "adult_education", "school"}),
    "volunteers": frozenset({"ngo", "initiative"}),
    "exchange": frozenset({"administration", "unit", "school", "adult_education"}),
    "joint_project": frozenset({"ngo", "initiative", "foundation", "network", "school"}),
}


@dataclass(frozen=True)
class Entry:
    """A directory organisation as the matcher sees it: kind, city, what it works on."""

    organisation_id: int
    kind: str
    city_id: int | None = None
    topics: frozenset[int] = frozenset()
    target_groups: frozenset[int] = frozenset()
    languages: frozenset[int] = frozenset()


def sought_kinds(own: Iterable[Listing]) -> dict[str, list[str]]:
    """Organisation kind -> the formats the organisation seeks that such an organisation
    provides."""
    kinds: dict[str, list[str]] = {}
    for fmt in sorted({o.format for o in own if o.direction == SEEK}):
        for kind in KINDS_FOR_FORMAT.get(fmt, ()):
            kinds.setdefault(kind, []).append(fmt)
    return kinds


def score_entry(
    profile: Profile,
    own: Iterable[Listing],
    entry: Entry,
    partner_cities: Mapping[int, str],
) -> Suggestion | None:
    """A directory organisation without listings, suggested when its kind provides a format
    the organisation seeks, in a city its need names (if any); ranked as listings are, below
    every listing that complements one."""
    own = list(own)
    formats = [
        fmt
        for fmt in sought_kinds(own).get(entry.kind, [])
        if any(
            o.direction == SEEK and o.format == fmt and (not o.cities or entry.city_id in o.cities)
            for o in own
        )
    ]
    if entry.organisation_id == profile.organisation_id or not formats:
        return None
    reasons = [Reason(KIND_FITS, format=fmt, kind=entry.kind) for fmt in formats]
    score = 0
    if entry.city_id is not None and entry.city_id in partner_cities:
        reasons.append(Reason(PARTNER_CITY, kind=partner_cities[entry.city_id]))
        score += WEIGHTS[PARTNER_CITY]
    topics = tuple(sorted(profile.topics & entry.topics))
    groups = tuple(sorted(profile.target_groups & entry.target_groups))
    languages = tuple(sorted(profile.languages & entry.languages))
    if topics:
        reasons.append(Reason(SHARED_TOPICS, items=topics))
        score += WEIGHTS["topic"] * min(len(topics), MAX_TOPICS)
    if groups:
        reasons.append(Reason(SHARED_TARGET_GROUPS, items=groups))
        score += WEIGHTS["target_group"] * min(len(groups), MAX_TARGET_GROUPS)
    if languages:
        reasons.append(Reason(SHARED_LANGUAGES, items=languages))
        score += WEIGHTS[SHARED_LANGUAGES]
    return Suggestion(0, entry.organisation_id, score, tuple(reasons))


def suggest_from_directory(
    profile: Profile,
    own: Iterable[Listing],
    entries: Iterable[Entry],
    partner_cities: Mapping[int, str],
) -> list[Suggestion]:
    """Directory organisations worth asking, best first (ties: by organisation id)."""
    own = list(own)
    found = (score_entry(profile, own, entry, partner_cities) for entry in entries)
    return sorted((s for s in found if s is not None), key=lambda s: (-s.score, s.organisation_id))
