"""Read API: events (with the list page's filters), one event, working groups.

Lists are the list pages' selectors with the same filter forms, checked the same way (an
invalid filter is a 422 with the field's message); details ask the pages' rules. Without a
token the public objects, with one what its user may see. Participants are never in the API.
"""

import datetime as dt

from django.conf import settings
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from bildungsnetz.access import object_for
from bildungsnetz.listing import filters_or_error

from . import selectors, selectors_minutes
from .forms import EventFilterForm, GroupFilterForm
from .forms_minutes import DecisionFilterForm
from .ical import ICAL_STATUS
from .models import Event

router = Router(tags=["events"])


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    status: str
    ical_status: str = Field(description="STATUS of the event in the iCal feed")
    sequence: int = Field(description="revision, raised on every change of time, place, status")
    start: dt.datetime = Field(description="start, in the event's time zone")
    end: dt.datetime
    time_zone: str
    attendance_mode: str = Field(description="offline, online or mixed")
    place: str | None = Field(description="official key of the territory")
    address: str
    latitude: float | None
    longitude: float | None
    online_url: str
    organisers: list[str] = Field(description="slugs of the co-hosting organisations")
    topics: list[str]
    languages: list[str]
    accessibility: list[str]
    series: str | None
    working_group: str | None
    url: str

    @staticmethod
    def resolve_ical_status(obj) -> str:
        return ICAL_STATUS[obj.status]

    @staticmethod
    def resolve_start(obj):
        return obj.local_start

    @staticmethod
    def resolve_end(obj):
        return obj.local_end

    @staticmethod
    def resolve_place(obj) -> str | None:
        return obj.territory.key if obj.territory_id else None

    @staticmethod
    def resolve_organisers(obj) -> list[str]:
        return [o.slug for o in obj.organisers.all()]

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return [language.code for language in obj.languages.all()]

    @staticmethod
    def resolve_series(obj) -> str | None:
        return obj.series.slug if obj.series_id else None

    @staticmethod
    def resolve_working_group(obj) -> str | None:
        return obj.working_group.slug if obj.working_group_id else None

    @staticmethod
    def resolve_url(obj) -> str:
        return settings.SITE_URL + obj.get_absolute_url()


class EventFilter(FilterSchema):
    q: str | None = Field(None, description="words in title, description, place or organisers")
    when: str | None = Field(None, description="upcoming, past or all (default)")
    city: str | None = Field(None, description="official code of a city, e.g. 16051000")
    kind: str | None = None
    topic: str | None = Field(None, description="topic slug")
    organiser: str | None = Field(None, description="organisation slug")
    series: str | None = Field(None, description="series slug")
    group: str | None = Field(None, description="working-group slug")
    start: dt.date | None = Field(None, description="ending on or after this day")
    end: dt.date | None = Field(None, description="starting on or before this day")


class GroupOut(Schema):
    slug: str
    name: str
    topic: str | None
    lead_organisation: str
    cadence: str
    place: str | None
    members: int
    url: str

    @staticmethod
    def resolve_topic(obj) -> str | None:
        return obj.topic.slug if obj.topic_id else None

    @staticmethod
    def resolve_lead_organisation(obj) -> str:
        return obj.lead_organisation.slug

    @staticmethod
    def resolve_place(obj) -> str | None:
        return obj.territory.key if obj.territory_id else None

    @staticmethod
    def resolve_members(obj) -> int:
        return obj.member_count

    @staticmethod
    def resolve_url(obj) -> str:
        return settings.SITE_URL + obj.get_absolute_url()


class GroupFilter(FilterSchema):
    q: str | None = Field(None, description="words in name, description or members")
    city: str | None = Field(None, description="official code of a city")
    topic: str | None = Field(None, description="topic slug")
    organisation: str | None = Field(None, description="organisation slug (lead or member)")


def _data(filters) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}


@router.get("/events", response=list[EventOut])
@paginate
def list_events(request, filters: Query[EventFilter]):
    cleaned = filters_or_error(
        EventFilterForm, _data(filters), public_only=not request.user.is_authenticated
    )
    queryset = selectors.event_list(user=request.user, filters=cleaned).prefetch_related(
        "topics", "languages"
    )
    return selectors.EVENT_SORTING.apply(queryset)


@router.get("/events/{slug}", response=EventOut)
def get_event(request, slug: str):
    return object_for(request.user, Event.objects.with_detail_relations(), slug=slug)


@router.get("/working-groups", response=list[GroupOut])
@paginate
def list_working_groups(request, filters: Query[GroupFilter]):
    cleaned = filters_or_error(GroupFilterForm, _data(filters))
    return selectors.GROUP_SORTING.apply(selectors.group_list(user=request.user, filters=cleaned))


@router.get("/working-groups/{slug}", response=GroupOut)
def get_working_group(request, slug: str):
    return object_for(request.user, selectors.group_list(user=request.user), slug=slug)


# --- Decisions of minutes (#15): the compiled decisions page as a list -----------------------
class DecisionOut(Schema):
    meeting: str = Field(description="slug of the meeting (event)")
    meeting_title: str
    date: dt.date = Field(description="day of the meeting, in its time zone")
    working_group: str | None = Field(description="slug of the working group")
    series: str | None = Field(description="slug of the series")
    number: int = Field(description="number of the decision in its minutes")
    text: str
    vote: str
    minutes_status: str = Field(description="draft, review or approved")
    url: str

    @staticmethod
    def resolve_meeting(obj) -> str:
        return obj.minutes.event.slug

    @staticmethod
    def resolve_meeting_title(obj) -> str:
        return obj.minutes.event.title

    @staticmethod
    def resolve_date(obj):
        return obj.minutes.event.local_start.date()

    @staticmethod
    def resolve_working_group(obj) -> str | None:
        event = obj.minutes.event
        return event.working_group.slug if event.working_group_id else None

    @staticmethod
    def resolve_series(obj) -> str | None:
        event = obj.minutes.event
        return event.series.slug if event.series_id else None

    @staticmethod
    def resolve_vote(obj) -> str:
        return obj.vote_result

    @staticmethod
    def resolve_minutes_status(obj) -> str:
        return obj.minutes.status

    @staticmethod
    def resolve_url(obj) -> str:
        return settings.SITE_URL + obj.get_absolute_url()


class DecisionFilter(FilterSchema):
    q: str | None = Field(None, description="words in the decision, its meeting or group")
    group: str | None = Field(None, description="working group slug")
    series: str | None = Field(None, description="series slug")
    start: dt.date | None = Field(None, description="meetings from this day")
    end: dt.date | None = Field(None, description="meetings until this day")
    approved_only: bool | None = Field(None, description="only decisions of approved minutes")


@router.get("/decisions", response=list[DecisionOut])
@paginate
def list_decisions(request, filters: Query[DecisionFilter]):
    """Every decision of minutes the caller may see (public: approved minutes of public
    meetings), latest meeting first."""
    cleaned = filters_or_error(DecisionFilterForm, _data(filters))
    rows = selectors_minutes.decision_list(user=request.user, filters=cleaned)
    return selectors_minutes.DECISION_SORTING.apply(rows)
