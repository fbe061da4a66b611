"""Lists across minutes (#15): every decision of a working group or a series, searchable,
by period, exportable; the open action items of a group, a series or an owner ("my open
items")."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from actors.models import Person
from bildungsnetz.exports import Column, column
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from .. import selectors_minutes as minutes_selectors
from ..forms_minutes import DecisionFilterForm, OpenItemsFilterForm


def _meeting_date(decision) -> str:
    return decision.minutes.event.local_start.date().isoformat()


def _name_of(obj) -> str:
    return str(obj) if obj is not None else ""


DECISIONS = ListPage(
    sorting=minutes_selectors.DECISION_SORTING,
    template="events/minutes/decision_list.html",
    partial="events/minutes/_decision_results.html",
    export_name=gettext_lazy("decisions"),
    export_columns=[
        Column("date", _meeting_date),
        column("meeting", "minutes.event.title"),
        Column("working_group", lambda d: _name_of(d.minutes.event.working_group)),
        Column("series", lambda d: _name_of(d.minutes.event.series)),
        column("number"),
        column("decision", "text"),
        column("vote", "vote_result"),
        Column("minutes_status", lambda d: d.minutes.get_status_display()),
        Column("url", lambda d: d.get_absolute_url()),
    ],
)

OPEN_ITEMS = ListPage(
    sorting=minutes_selectors.OPEN_ITEM_SORTING,
    template="events/minutes/open_items.html",
    partial="events/minutes/_open_item_results.html",
    export_name=gettext_lazy("open action items"),
    export_columns=[
        column("meeting", "minutes.event.title"),
        Column("date", lambda i: i.minutes.event.local_start.date().isoformat()),
        column("number"),
        column("action_item", "text"),
        Column("due", lambda i: i.due.isoformat() if i.due else ""),
        Column("task", lambda i: i.live_task.get_absolute_url() if i.live_task else ""),
        Column("url", lambda i: i.get_absolute_url()),
    ],
)


def decision_list(request):
    form = DecisionFilterForm(
        filter_data(request),
        groups=selectors.groups_visible_to(request.user).order_by("name"),
        series=selectors.series_visible_to(request.user).order_by("title"),
    )
    return DECISIONS.response(
        request,
        form=form,
        select=lambda filters: minutes_selectors.decision_list(user=request.user, filters=filters),
    )


def open_item_list(request):
    """Open action items, of one owner (`?verantwortlich=<person id>`, or `ich`: mine)."""
    form = OpenItemsFilterForm(
        filter_data(request), groups=selectors.groups_visible_to(request.user).order_by("name")
    )
    owner = (request.GET.get("verantwortlich") or "").strip()
    person = None
    if owner.isdigit():
        person = get_object_or_404(Person, pk=int(owner))
    mine = owner == "ich" and request.user.is_authenticated

    def select(filters):
        return minutes_selectors.open_items(
            user=request.user,
            group=filters.get("group"),
            owner_person=person,
            owner_user=request.user if mine else None,
        )

    def context():
        return {
            "owner_person": person,
            "owner_name": minutes_selectors.person_name(person, request.user) if person else "",
            "mine": mine,
        }

    return OPEN_ITEMS.response(request, form=form, select=select, context=context)
