"""Events and working groups in the full-text index (see search/sources.py).

Codes 7 and 8: codes 1–6 are taken by actors, offers and cooperation, 20 by the work
programme; the codes between are kept for this app's later kinds (minutes, decisions)."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.sources import SearchSource

from .models import Decision, Event, GroupMembership, Minutes, Session, WorkingGroup


def _event_keywords(event: Event) -> str:
    parts = [event.get_kind_display(), event.venue, event.locality]
    if event.territory_id:
        parts.append(event.territory.name)
    parts += [o.name for o in event.organisers.all()]
    parts += [t.name for t in event.topics.all()]
    parts += [s.title for s in event.sessions.all()]
    if event.series_id:
        parts.append(event.series.title)
    if event.working_group_id:
        parts.append(event.working_group.name)
    return " ".join(p for p in parts if p)


def _group_keywords(group: WorkingGroup) -> str:
    parts = [group.lead_organisation.name, group.cadence]
    if group.topic_id:
        parts.append(group.topic.name)
    if group.territory_id:
        parts.append(group.territory.name)
    parts += [m.organisation.name for m in group.memberships.all() if m.organisation_id]
    return " ".join(p for p in parts if p)


SOURCES = [
    SearchSource(
        model=Event,
        kind="event",
        code=7,
        label=_("Events"),
        title=lambda event: event.title,
        body=lambda event: strip_tags(f"{event.description} {event.outcomes}"),
        url=lambda event: event.get_absolute_url(),
        is_public=lambda event: event.is_public,
        keywords=_event_keywords,
        territory_ids=lambda event: [event.territory_id] if event.territory_id else [],
        freshness=lambda event: (event.starts_at.date(), event.updated.date()),
        queryset=lambda: Event.objects.select_related(
            "territory", "series", "working_group"
        ).prefetch_related("organisers", "topics", "sessions"),
        depends_on=((Session, "event"),),
    ),
    SearchSource(
        model=WorkingGroup,
        kind="workinggroup",
        code=8,
        label=_("Working groups"),
        title=lambda group: group.name,
        body=lambda group: strip_tags(group.description),
        url=lambda group: group.get_absolute_url(),
        is_public=lambda group: group.is_public,
        keywords=_group_keywords,
        territory_ids=lambda group: [group.territory_id] if group.territory_id else [],
        freshness=lambda group: (None, group.updated.date()),
        queryset=lambda: WorkingGroup.objects.select_related(
            "lead_organisation", "topic", "territory"
        ).prefetch_related("memberships__organisation"),
        depends_on=((GroupMembership, "group"),),
    ),
]


# --- Decisions of minutes (#15): code 9. Public once the minutes of a public meeting are
# approved; the compiled decisions page finds drafts for members through the same index.
def _decision_keywords(decision: Decision) -> str:
    event = decision.minutes.event
    parts = [event.title, decision.vote_result]
    if decision.agenda_item_id:
        parts.append(decision.agenda_item.title)
    if event.working_group_id:
        parts.append(event.working_group.name)
    if event.series_id:
        parts.append(event.series.title)
    return " ".join(p for p in parts if p)


SOURCES.append(
    SearchSource(
        model=Decision,
        kind="decision",
        code=9,
        label=_("Decisions"),
        title=lambda decision: decision.text[:300],
        body=lambda decision: decision.vote_result,
        url=lambda decision: decision.get_absolute_url(),
        is_public=lambda decision: (
            decision.minutes.is_approved and decision.minutes.event.is_public
        ),
        keywords=_decision_keywords,
        territory_ids=lambda d: (
            [d.minutes.event.territory_id] if d.minutes.event.territory_id else []
        ),
        freshness=lambda d: (d.minutes.event.starts_at.date(), d.minutes.updated.date()),
        queryset=lambda: Decision.objects.select_related(
            "minutes__event__working_group", "minutes__event__series", "agenda_item"
        ),
        depends_on=((Minutes, "decisions"), (Event, "minutes__decisions")),
    )
)
