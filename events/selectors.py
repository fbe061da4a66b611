"""What events reads for a user: the lists (page, export, iCal feed and API alike) and what
the detail pages show beside their object."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import RoleLevel
from accounts.scopes import scope_q
from actors.privacy import person_visible_fields
from bildungsnetz.listing import Sorting
from places.models import within_q
from search import engine

from .models import Event, GroupMembership, Registration, Series, WorkingGroup

EVENT_SORTING = Sorting(
    orders={
        "start": ("starts_at", "pk"),
        "-start": ("-starts_at", "-pk"),
        "title": ("title", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[
        ("start", gettext_lazy("Soonest first")),
        ("-start", gettext_lazy("Latest first")),
        ("title", gettext_lazy("Title A–Z")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="start",
)
GROUP_SORTING = Sorting(
    orders={"name": ("name", "pk"), "updated": ("-updated", "pk")},
    labels=[
        ("name", gettext_lazy("Name A–Z")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="name",
)

PARTICIPANT_SORTING = Sorting(
    orders={
        "status": ("status", "created", "pk"),
        "name": ("name", "pk"),
        "registered": ("created", "pk"),
    },
    labels=[
        ("status", gettext_lazy("By status")),
        ("name", gettext_lazy("Name A–Z")),
        ("registered", gettext_lazy("Order of registration")),
    ],
    default="status",
)


def _visible(queryset, user, *, organisations=("organisers",)):
    condition = scope_q(
        user,
        territory_paths=["territory"],
        organisation_paths=list(organisations),
        level=RoleLevel.VIEWER,
    )
    if condition is None:  # a superuser
        return queryset
    return queryset.filter(Q(is_public=True) | condition)


def events_visible_to(user):
    return Event.objects.filter(pk__in=_visible(Event.objects.all(), user).values("pk"))


def series_visible_to(user):
    return Series.objects.filter(pk__in=_visible(Series.objects.all(), user).values("pk"))


def groups_visible_to(user):
    visible = _visible(
        WorkingGroup.objects.all(),
        user,
        organisations=("lead_organisation", "memberships__organisation"),
    )
    return WorkingGroup.objects.filter(pk__in=visible.values("pk"))


def _day_start(day, zone=None):
    return datetime.combine(day, time.min, tzinfo=zone or ZoneInfo(settings.TIME_ZONE))


def event_list(*, user, filters: dict | None = None, now=None):
    """The events `user` may see, filtered by the cleaned data of `EventFilterForm`."""
    filters = filters or {}
    now = now or timezone.now()
    queryset = events_visible_to(user)
    if filters.get("q"):
        queryset = engine.filter_queryset(queryset, filters["q"], kind="event")
    if filters.get("city"):
        queryset = queryset.filter(within_q("territory", [filters["city"]]))
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("topic"):
        queryset = queryset.filter(topics=filters["topic"])
    if filters.get("organiser"):
        queryset = queryset.filter(organisers=filters["organiser"])
    if filters.get("series"):
        queryset = queryset.filter(series=filters["series"])
    if filters.get("group"):
        queryset = queryset.filter(working_group=filters["group"])
    when = filters.get("when")
    if when == "upcoming":
        queryset = queryset.filter(ends_at__gte=now)
    elif when == "past":
        queryset = queryset.filter(ends_at__lt=now)
    if filters.get("start"):
        queryset = queryset.filter(ends_at__gte=_day_start(filters["start"]))
    if filters.get("end"):
        queryset = queryset.filter(starts_at__lt=_day_start(filters["end"]) + timedelta(days=1))
    return Event.objects.filter(pk__in=queryset.values("pk")).with_listing_relations()


def group_list(*, user, filters: dict | None = None):
    filters = filters or {}
    queryset = groups_visible_to(user)
    if filters.get("q"):
        queryset = engine.filter_queryset(queryset, filters["q"], kind="workinggroup")
    if filters.get("city"):
        queryset = queryset.filter(within_q("territory", [filters["city"]]))
    if filters.get("topic"):
        queryset = queryset.filter(topic=filters["topic"])
    if filters.get("organisation"):
        queryset = queryset.filter(
            Q(lead_organisation=filters["organisation"])
            | Q(memberships__organisation=filters["organisation"])
        )
    return (
        WorkingGroup.objects.filter(pk__in=queryset.values("pk"))
        .select_related("lead_organisation", "topic", "territory")
        .defer("territory__boundary")
        .annotate(member_count=Count("memberships", distinct=True))
    )


# --- Beside the detail pages ----------------------------------------------------------------


def speaker_names(people, user) -> list[str]:
    """The names of `people` that `user` may see (actors.privacy); hidden names are left out,
    never shown in part."""
    names = []
    for person in people:
        name = person_visible_fields(person, user).get("name")
        if name:
            names.append(name)
    return names


def event_programme(event: Event, *, user) -> list[dict]:
    sessions = event.sessions.prefetch_related("speakers").order_by("starts_at", "pk")
    return [
        {
            "session": session,
            "speakers": speaker_names(session.speakers.all(), user),
            "hidden_speakers": len(session.speakers.all())
            - len(speaker_names(session.speakers.all(), user)),
        }
        for session in sessions
    ]


def event_participants(event: Event):
    """The registrations of `event` for its organisers (never public): confirmed first, then
    the waiting list in its order, then cancelled ones."""
    return (
        Registration.objects.filter(event=event)
        .select_related("organisation")
        .prefetch_related("answers__question")
        .order_by("status", "created", "pk")
    )


def series_meetings(series: Series, *, user, now=None):
    now = now or timezone.now()
    meetings = events_visible_to(user).filter(series=series).order_by("starts_at", "pk")
    return {
        "upcoming": list(meetings.filter(ends_at__gte=now)),
        "past": list(meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")),
    }


def group_meetings(group: WorkingGroup, *, user, now=None):
    now = now or timezone.now()
    meetings = events_visible_to(user).filter(working_group=group).order_by("starts_at", "pk")
    return {
        "upcoming": list(meetings.filter(ends_at__gte=now)),
        "past": list(meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:50]),
    }


def group_members(group: WorkingGroup, *, user) -> list[dict]:
    rows = []
    memberships = GroupMembership.objects.filter(group=group).select_related(
        "organisation", "person"
    )
    for membership in memberships.order_by("role", "organisation__name", "pk"):
        name = None
        if membership.person_id:
            name = person_visible_fields(membership.person, user).get("name")
            if name is None and not membership.organisation_id:
                continue  # a person whose name the user may not see, alone: not listed
        rows.append({"membership": membership, "person_name": name})
    return rows


def organisation_events(organisation, *, now=None):
    now = now or timezone.now()
    return (
        Event.objects.public()
        .filter(organisers=organisation, ends_at__gte=now)
        .order_by("starts_at", "pk")[:20]
    )
