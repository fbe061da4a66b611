"""What cooperation reads for a user: the lists (pages, exports and API alike) and the queries
the views and rules share."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.models import RoleLevel
from accounts.scopes import scopes_for, territories_with_role
from actors.models import Organisation
from bildungsnetz.listing import Sorting
from places.models import within_q
from search import engine

from .models import (
    Agreement,
    CouncilDecision,
    ExchangeProgramme,
    Partnership,
    Placement,
    Project,
)
from .models.exchanges import ADMINISTRATION_KINDS


def home_administrations_for(user, programme):
    """The participating administrations the user works for: organisations of the programme
    (or below them) in which they hold any role, and, for a role in a participating city, that
    city's administrations. A platform admin may apply for any of them (as Django grants a
    superuser every permission)."""
    scopes = scopes_for(user)
    if scopes.superuser:
        return programme.participating_organisations()
    if not (scopes.organisations or scopes.territories):
        return Organisation.objects.none()
    condition = Q(pk__in=Organisation.objects.subtree_ids(scopes.organisations))
    seated = within_q("seat", territories_with_role(user, RoleLevel.VIEWER))
    condition |= Q(kind__in=ADMINISTRATION_KINDS) & seated
    return programme.participating_organisations().filter(condition)


# --- Lists: their orders (the page's sort links, its export and the API list) ---------------

PARTNERSHIP_SORTING = Sorting(
    orders={
        "name": ("name_de", "pk"),
        "-name": ("-name_de", "-pk"),
        "since": ("since", "name_de", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[
        ("name", gettext_lazy("Name A–Z")),
        ("-name", gettext_lazy("Name Z–A")),
        ("since", gettext_lazy("Oldest first")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="name",
)
AGREEMENT_SORTING = Sorting(
    orders={
        "signed": ("-signed_on", "title_de", "pk"),
        "title": ("title_de", "pk"),
        "valid_until": ("valid_until", "title_de", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[
        ("signed", gettext_lazy("Newest first")),
        ("title", gettext_lazy("Title A–Z")),
        ("valid_until", gettext_lazy("Ending first")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="signed",
)
PROJECT_SORTING = Sorting(
    orders={
        "title": ("title_de", "pk"),
        "-title": ("-title_de", "-pk"),
        "start": ("-start", "title_de", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[
        ("title", gettext_lazy("Title A–Z")),
        ("-title", gettext_lazy("Title Z–A")),
        ("start", gettext_lazy("Newest first")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="title",
)
PROGRAMME_SORTING = Sorting(
    orders={
        "newest": ("-start_year", "name_de", "pk"),
        "name": ("name_de", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[
        ("newest", gettext_lazy("Newest first")),
        ("name", gettext_lazy("Name A–Z")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="newest",
)
PLACEMENT_SORTING = Sorting(
    orders={"newest": ("-created", "pk"), "state": ("state", "-created", "pk")},
    labels=[
        ("newest", gettext_lazy("Newest first")),
        ("state", pgettext_lazy("placement status", "State")),
    ],
    default="newest",
)


# --- Lists: what each list page, its export and the API list show --------------------------
# `filters` is the cleaned data of the list's filter form (cooperation.forms), checked with
# bildungsnetz.listing.valid_filters: invalid filters never reach a selector. Search words go
# through the one search module (the full-text index, German and English words alike). Each
# list is one id subquery (filters join to-many relations) with the relations its rows show.


def _words(queryset, filters: dict, kind: str):
    if filters.get("q"):
        queryset = engine.filter_queryset(queryset, filters["q"], kind=kind)
    return queryset


def _kind_status_topic(queryset, filters: dict):
    for name in ("kind", "status"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("topic"):
        queryset = queryset.filter(topics=filters["topic"])
    return queryset


def _in_city(queryset, filters: dict):
    """Agreements and projects in the city of one of their partnership's parties."""
    if filters.get("city"):
        ids = Partnership.objects.in_territory(filters["city"]).values("pk")
        queryset = queryset.filter(partnership__in=ids)
    return queryset


def partnership_list(*, user, filters: dict | None = None):
    filters = filters or {}
    queryset = _words(Partnership.objects.visible_to(user), filters, "partnership")
    queryset = _kind_status_topic(queryset, filters)
    if filters.get("city"):
        queryset = queryset.in_territory(filters["city"])
    if filters.get("year"):
        queryset = queryset.active_in_year(filters["year"])
    return Partnership.objects.filter(pk__in=queryset.values("pk")).with_listing_relations()


def agreement_list(*, user, filters: dict | None = None):
    filters = filters or {}
    queryset = _words(Agreement.objects.visible_to(user), filters, "agreement")
    queryset = _in_city(_kind_status_topic(queryset, filters), filters)
    if filters.get("year"):
        first, last = f"{filters['year']}-01-01", f"{filters['year']}-12-31"
        queryset = queryset.filter(
            Q(valid_from__isnull=True, signed_on__isnull=True)
            | Q(valid_from__lte=last)
            | Q(valid_from__isnull=True, signed_on__lte=last),
            Q(valid_until__isnull=True) | Q(valid_until__gte=first),
        )
    if filters.get("expiring"):
        queryset = queryset.expiring_soon()
    return (
        Agreement.objects.filter(pk__in=queryset.values("pk"))
        .with_goal_counts()
        .select_related("partnership", "signed_place")
    )


def project_list(*, user, filters: dict | None = None):
    filters = filters or {}
    queryset = _words(Project.objects.visible_to(user), filters, "project")
    queryset = _in_city(_kind_status_topic(queryset, filters), filters)
    if filters.get("year"):
        queryset = queryset.active_in_year(filters["year"])
    queryset = (
        Project.objects.filter(pk__in=queryset.values("pk"))
        .with_contact_counts()
        .select_related("partnership")
    )
    if filters.get("missing_contact"):
        queryset = queryset.filter(Q(participants_without_contact__gt=0) | Q(participant_count=0))
    return queryset


def programme_list(*, user, filters: dict | None = None):
    filters = filters or {}
    queryset = _words(ExchangeProgramme.objects.visible_to(user), filters, "programme")
    if filters.get("city"):
        queryset = queryset.filter(cities=filters["city"])
    if filters.get("topic"):
        queryset = queryset.filter(topics=filters["topic"])
    if filters.get("year"):
        queryset = queryset.active_in_year(filters["year"])
    return (
        ExchangeProgramme.objects.filter(pk__in=queryset.values("pk"))
        .select_related("coordinator", "predecessor")
        .prefetch_related("cities")
    )


def placement_list(*, user, filters: dict | None = None):
    """Placements whose personal data the user may see."""
    filters = filters or {}
    queryset = Placement.objects.visible_to(user)
    if filters.get("state"):
        queryset = queryset.filter(state=filters["state"])
    if filters.get("city"):
        city = filters["city"]
        queryset = queryset.filter(Q(home_organisation__seat=city) | Q(wished_city=city))
    return Placement.objects.filter(pk__in=queryset.values("pk")).select_related(
        "programme", "person", "home_organisation", "wished_city", "host_organisation"
    )


# --- What the detail pages show beside their object ---------------------------------------


def agreements_expiring_for(user) -> list:
    """Agreements ending soon that `user` may change (the warning above the agreement list)."""
    if not user.is_authenticated:
        return []
    expiring = Agreement.objects.expiring_soon().select_related("partnership")
    return [a for a in expiring if user.has_perm("cooperation.change_agreement", a)]


def agreement_council_decision(agreement) -> CouncilDecision | None:
    """What the council system said about the agreement's current council paper, if checked."""
    if not agreement.council_paper_url:
        return None
    return CouncilDecision.objects.filter(
        agreement=agreement, paper_url=agreement.council_paper_url
    ).first()


def agreement_goals(agreement, *, user):
    """The goals of an agreement with their roll-up and the projects `user` may see."""
    projects = Project.objects.visible_to(user).order_by("title_de", "pk")
    return (
        agreement.goals.with_rollup()
        .prefetch_related(
            Prefetch("projects", queryset=projects), "topics", "owners__organisation",
            "owners__person",
        )
        .order_by("number")
    )  # fmt: skip


def partnership_agreements(partnership, *, user):
    return (
        Agreement.objects.visible_to(user)
        .filter(partnership=partnership)
        .with_goal_counts()
        .select_related("signed_place")
        .order_by("-signed_on", "pk")
    )


def partnership_projects(partnership, *, user):
    return (
        Project.objects.visible_to(user)
        .filter(partnership=partnership)
        .with_contact_counts()
        .order_by("title_de", "pk")
    )


def goal_projects(goal, *, user):
    """The projects serving a goal that `user` may see, with what the goal page shows."""
    return (
        Project.objects.visible_to(user)
        .filter(goals=goal)
        .with_contact_counts()
        .select_related("partnership")
        .prefetch_related("milestones", "participants__organisation", "participants__contact")
        .order_by("title_de", "pk")
    )


def goal_linkable_projects(goal, *, user):
    """Projects of the goal's partnership that do not serve it yet and that `user` may edit."""
    candidates = (
        Project.objects.filter(partnership_id=goal.agreement.partnership_id)
        .exclude(goals=goal)
        .select_related("partnership")
        .order_by("title_de", "pk")
    )
    ids = [p.pk for p in candidates if user.has_perm("cooperation.change_project", p)]
    return Project.objects.filter(pk__in=ids).order_by("title_de", "pk")


def programme_placements(programme, *, user):
    """The placements of a programme that `user` may see (none for visitors)."""
    if not user.is_authenticated:
        return Placement.objects.none()
    return (
        Placement.objects.visible_to(user)
        .filter(programme=programme)
        .select_related("person", "home_organisation", "wished_city", "host_organisation")
    )
