"""What partner finding reads for a user: the listings (page, export and API alike), the
suggestions for an organisation (a fixed number of bulk queries feeding `matching`), the inbox
of contact requests, and the recognition pages and yearly overview of engagement."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import RoleLevel
from accounts.scopes import organisation_scope_q
from actors.models import Language, Organisation, TargetGroup, Topic
from bildungsnetz.listing import Sorting
from cooperation.models import (
    Partnership,
    PartnershipKind,
    PartnershipParty,
    PartnershipStatus,
    Project,
    ProjectKind,
    ProjectParticipant,
)
from places.models import Level, Territory, within_q
from search import engine

from . import matching
from .models import ContactRequest, PartnerListing, RecognitionConsent, RequestState

LISTING_SORTING = Sorting(
    orders={
        "title": ("title", "pk"),
        "-title": ("-title", "-pk"),
        "organisation": ("organisation__name", "title", "pk"),
        "updated": ("-updated", "-pk"),
    },
    labels=[
        ("title", gettext_lazy("Title A–Z")),
        ("-title", gettext_lazy("Title Z–A")),
        ("organisation", gettext_lazy("Organisation")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="updated",
)

# When a city has several partnerships with another, the closest names the reason.
KIND_PRECEDENCE = [
    PartnershipKind.TWINNING,
    PartnershipKind.MEMORANDUM,
    PartnershipKind.COOPERATION,
    PartnershipKind.PROFESSIONAL_EXCHANGE,
    PartnershipKind.NETWORK,
]


# --- Listings -------------------------------------------------------------------------------
def listings_visible_to(user):
    """The rule `partners.view_partnerlisting` as one query: current listings of public
    organisations, and every listing of the organisations the user's roles cover."""
    public = Q(pk__in=PartnerListing.objects.public().values("pk"))
    covered = organisation_scope_q(user, RoleLevel.VIEWER, lookup="organisation")
    if covered is None:
        return PartnerListing.objects.all()
    return PartnerListing.objects.filter(public | covered)


def listing_list(*, user, filters: dict | None = None):
    filters = filters or {}
    queryset = listings_visible_to(user)
    if filters.get("q"):
        queryset = engine.filter_queryset(queryset, filters["q"], kind="partnerlisting")
    if filters.get("direction"):
        queryset = queryset.filter(direction=filters["direction"])
    if filters.get("format"):
        queryset = queryset.filter(format=filters["format"])
    if filters.get("city"):
        queryset = queryset.filter(within_q("organisation__seat", [filters["city"]]))
    if filters.get("topic"):
        queryset = queryset.filter(topics=filters["topic"])
    if filters.get("target_group"):
        queryset = queryset.filter(target_groups=filters["target_group"])
    if filters.get("organisation"):
        queryset = queryset.filter(organisation=filters["organisation"])
    return PartnerListing.objects.filter(pk__in=queryset.values("pk")).with_listing_relations()


def organisation_listings(organisation, *, user) -> list[PartnerListing]:
    return list(
        listings_visible_to(user)
        .filter(organisation=organisation)
        .prefetch_related("topics", "target_groups", "cities")
        .order_by("direction", "title", "pk")
    )


# --- Cities ---------------------------------------------------------------------------------
def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def cities_of(territory_ids) -> dict[int, int]:
    """Territory id -> the id of the city it is (or lies in); two queries for any number.
    A territory above city level (a state, a country) stands for itself."""
    rows = list(
        Territory.objects.filter(pk__in=set(territory_ids)).values_list("pk", "path", "level")
    )
    ancestors = {i for _pk, path, _level in rows for i in _path_ids(path)}
    cities = set(
        Territory.objects.filter(pk__in=ancestors, level=Level.CITY).values_list("pk", flat=True)
    )
    result = {}
    for pk, path, level in rows:
        found = [i for i in _path_ids(path) if i in cities]
        result[pk] = pk if level == Level.CITY else (found[-1] if found else pk)
    return result


def partner_cities(city: Territory | None) -> dict[int, str]:
    """City id -> partnership kind, for every city (or organisation's city) that is a party of
    a partnership that is not ended, together with `city` or an organisation seated in it."""
    if city is None:
        return {}
    own = Q(territory=city) | within_q("organisation__seat", [city])
    partnerships = (
        PartnershipParty.objects.filter(own)
        .exclude(partnership__status=PartnershipStatus.ENDED)
        .values("partnership_id")
    )
    rows = list(
        PartnershipParty.objects.filter(partnership__in=partnerships).values_list(
            "territory_id", "organisation__seat_id", "partnership__kind"
        )
    )
    mapping = cities_of({t or s for t, s, _kind in rows})
    best: dict[int, str] = {}
    for territory_id, seat_id, kind in rows:
        other = mapping.get(territory_id or seat_id)
        if other is None or other == city.pk:
            continue
        if other not in best or KIND_PRECEDENCE.index(kind) < KIND_PRECEDENCE.index(best[other]):
            best[other] = kind
    return best


# --- Suggestions ----------------------------------------------------------------------------
def _relation_sets(through, owner: str, target: str, ids) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for owner_id, target_id in through.objects.filter(**{f"{owner}__in": ids}).values_list(
        owner, target
    ):
        out[owner_id].add(target_id)
    return out


def _matcher_listings(queryset) -> list[matching.Listing]:
    """Listings as plain data for the matcher: seven queries whatever their number."""
    rows = list(
        queryset.values_list(
            "pk", "organisation_id", "direction", "format", "organisation__seat_id"
        )
    )
    # Subqueries, not lists of ids: thousands of listings make no query too long.
    ids = queryset.values("pk")
    org_ids = queryset.values("organisation_id")
    through = PartnerListing
    topics = _relation_sets(through.topics.through, "partnerlisting_id", "topic_id", ids)
    groups = _relation_sets(
        through.target_groups.through, "partnerlisting_id", "targetgroup_id", ids
    )
    languages = _relation_sets(through.languages.through, "partnerlisting_id", "language_id", ids)
    cities = _relation_sets(through.cities.through, "partnerlisting_id", "territory_id", ids)
    org_topics = _relation_sets(Organisation.topics.through, "organisation_id", "topic_id", org_ids)
    org_groups = _relation_sets(
        Organisation.target_groups.through, "organisation_id", "targetgroup_id", org_ids
    )
    org_languages = _relation_sets(
        Organisation.languages.through, "organisation_id", "language_id", org_ids
    )
    city_of = cities_of({r[4] for r in rows} | {c for s in cities.values() for c in s})
    return [
        matching.Listing(
            id=pk,
            organisation_id=org,
            direction=direction,
            format=fmt,
            city_id=city_of.get(seat),
            cities=frozenset(city_of.get(c, c) for c in cities[pk]),
            topics=frozenset(topics[pk] | org_topics[org]),
            target_groups=frozenset(groups[pk] | org_groups[org]),
            languages=frozenset(languages[pk] | org_languages[org]),
        )
        for pk, org, direction, fmt, seat in rows
    ]


def organisation_city(organisation: Organisation) -> Territory | None:
    city_id = cities_of([organisation.seat_id]).get(organisation.seat_id)
    return Territory.objects.filter(pk=city_id).first()


@dataclass(frozen=True)
class Seeker:
    """What suggestions for an organisation start from, read once for both kinds of them."""

    own: list[matching.Listing]
    profile: matching.Profile
    city: Territory | None
    partner_cities: dict[int, str]


def seeker(organisation: Organisation) -> Seeker:
    """The organisation's current listings, its profile (its own topics, target groups and
    languages with those of its listings), its city and the city's partner cities."""
    city = organisation_city(organisation)
    own = _matcher_listings(PartnerListing.objects.current().filter(organisation=organisation))
    org_sets = {
        name: frozenset(getattr(organisation, name).values_list("pk", flat=True))
        for name in ("topics", "target_groups", "languages")
    }
    profile = matching.Profile(
        organisation_id=organisation.pk,
        city_id=city.pk if city else None,
        topics=org_sets["topics"].union(*(o.topics for o in own)),
        target_groups=org_sets["target_groups"].union(*(o.target_groups for o in own)),
        languages=org_sets["languages"].union(*(o.languages for o in own)),
    )
    return Seeker(own, profile, city, partner_cities(city))


def suggestions_for(
    organisation: Organisation, *, start: Seeker | None = None
) -> tuple[list[matching.Suggestion], Territory | None]:
    """Every suggestion for `organisation`, best first, and its city: current listings of
    other public organisations, scored by `matching`. A fixed number of queries (about 20),
    whatever the number of organisations and listings."""
    start = start or seeker(organisation)
    candidates = _matcher_listings(
        PartnerListing.objects.public().exclude(organisation=organisation)
    )
    found = matching.suggest(start.profile, start.own, candidates, start.partner_cities)
    return found, start.city


def directory_suggestions_for(
    organisation: Organisation, *, start: Seeker | None = None, limit: int = 10
) -> list[matching.Suggestion]:
    """Public organisations without current listings whose kind provides what `organisation`
    seeks (a school for a school partnership), best first, at most `limit`. The candidates are
    only organisations of those kinds; a fixed number of queries, as for listings."""
    start = start or seeker(organisation)
    kinds = matching.sought_kinds(start.own)
    if not kinds:
        return []
    candidates = (
        Organisation.objects.public()
        .filter(kind__in=kinds)
        .exclude(pk=organisation.pk)
        .exclude(pk__in=PartnerListing.objects.current().values("organisation_id"))
    )
    rows = list(candidates.values_list("pk", "kind", "seat_id"))
    ids = candidates.values("pk")
    topics = _relation_sets(Organisation.topics.through, "organisation_id", "topic_id", ids)
    groups = _relation_sets(
        Organisation.target_groups.through, "organisation_id", "targetgroup_id", ids
    )
    languages = _relation_sets(
        Organisation.languages.through, "organisation_id", "language_id", ids
    )
    city_of = cities_of({seat for _pk, _kind, seat in rows})
    entries = [
        matching.Entry(
            organisation_id=pk,
            kind=kind,
            city_id=city_of.get(seat),
            topics=frozenset(topics[pk]),
            target_groups=frozenset(groups[pk]),
            languages=frozenset(languages[pk]),
        )
        for pk, kind, seat in rows
    ]
    found = matching.suggest_from_directory(start.profile, start.own, entries, start.partner_cities)
    return found[:limit]


def directory_organisations(suggestions) -> dict[int, Organisation]:
    return Organisation.objects.select_related("seat").in_bulk(
        [s.organisation_id for s in suggestions]
    )


def taxonomy_names() -> dict[str, dict[int, str]]:
    """Names of topics, target groups and languages for the reasons (three small tables)."""
    return {
        "topics": {t.pk: t.name for t in Topic.objects.all()},
        "target_groups": {t.pk: t.name for t in TargetGroup.objects.all()},
        "languages": {lang.pk: lang.name for lang in Language.objects.all()},
    }


def suggestion_listings(suggestions) -> dict[int, PartnerListing]:
    """The listings of one page of suggestions, with what the page shows (three queries)."""
    ids = [s.listing_id for s in suggestions]
    return PartnerListing.objects.select_related("organisation__seat").in_bulk(ids)


def open_request_listing_ids(organisation: Organisation) -> set[int]:
    """Listings the organisation has already asked about and awaits an answer to."""
    return set(
        ContactRequest.objects.filter(
            from_organisation=organisation, state=RequestState.SENT
        ).values_list("listing_id", flat=True)
    )


# --- Contact requests -----------------------------------------------------------------------
def _requests():
    return ContactRequest.objects.select_related(
        "from_organisation__seat", "to_organisation__seat", "listing", "recipient", "project"
    )


def inbox(organisation: Organisation) -> dict[str, list[ContactRequest]]:
    return {
        "received": list(_requests().filter(to_organisation=organisation)),
        "sent": list(_requests().filter(from_organisation=organisation)),
    }


def requests_for_person(user) -> list[ContactRequest]:
    """Open requests addressed to the user as a fixed contact person."""
    if not user.is_authenticated:
        return []
    return list(_requests().filter(recipient__user=user, state=RequestState.SENT))


# --- Recognition ----------------------------------------------------------------------------
def _engaged(participants, consents: set[tuple[int, int]]) -> list[dict]:
    """Each participant with the person named only where the person consented for the project
    (else "a member of staff of …")."""
    rows = []
    for participant in participants:
        person = participant.contact
        named = (
            person is not None
            and person.erased_at is None
            and (person.pk, participant.project_id) in consents
        )
        rows.append(
            {
                "participant": participant,
                "organisation": participant.organisation,
                "person_name": person.full_name if named else "",
                "has_contact": person is not None,
            }
        )
    return rows


def model_projects_recognition(projects) -> list[dict]:
    """Projects with who is engaged on each (three queries for any number of projects)."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    participants = defaultdict(list)
    for participant in ProjectParticipant.objects.filter(project_id__in=ids).select_related(
        "organisation__seat", "contact"
    ):
        participants[participant.project_id].append(participant)
    consents = set(
        RecognitionConsent.objects.filter(project_id__in=ids).values_list("person_id", "project_id")
    )
    return [{"project": p, "engaged": _engaged(participants[p.pk], consents)} for p in projects]


def public_model_projects():
    return (
        Project.objects.public()
        .filter(kind=ProjectKind.MODEL_PARTNERSHIP)
        .select_related("partnership")
        .order_by("-start", "title", "pk")
    )


def partnership_recognition(partnership: Partnership) -> list[dict]:
    return model_projects_recognition(
        Project.objects.public().filter(partnership=partnership).order_by("-start", "title", "pk")
    )


def engagement_by_city_and_year(*, city=None) -> list[dict]:
    """Per city and year: the public model partnerships running, and the organisations and
    fixed contact persons engaged in them (a participant counts for the city it is seated in).
    A project counts from its start (or its creation) to its end (or this year)."""
    this_year = timezone.localdate().year
    rows = list(
        ProjectParticipant.objects.filter(
            project__in=public_model_projects().values("pk")
        ).values_list(
            "project_id",
            "organisation_id",
            "contact_id",
            "organisation__seat_id",
            "project__start",
            "project__end",
            "project__created",
        )
    )
    city_of = cities_of({r[3] for r in rows})
    found: dict[tuple[int, int], dict[str, set]] = defaultdict(
        lambda: {"projects": set(), "organisations": set(), "people": set()}
    )
    for project_id, org_id, contact_id, seat_id, start, end, created in rows:
        first = start.year if start else created.year
        last = end.year if end else max(this_year, first)
        for year in range(first, min(last, this_year) + 1):
            cell = found[(city_of[seat_id], year)]
            cell["projects"].add(project_id)
            cell["organisations"].add(org_id)
            if contact_id:
                cell["people"].add(contact_id)
    names = Territory.objects.in_bulk({c for c, _y in found})
    table = [
        {
            "city": names[city_id],
            "year": year,
            "model_partnerships": len(cell["projects"]),
            "organisations": len(cell["organisations"]),
            "people": len(cell["people"]),
        }
        for (city_id, year), cell in found.items()
        if city is None or city_id == city.pk
    ]
    return sorted(table, key=lambda r: (-r["year"], r["city"].name, r["city"].pk))
