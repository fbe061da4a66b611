"""Matrix specs of the events app: events (public, not public, a new one), their organisers'
pages (participants, attendance, documentation), series and working groups, and the personal
cancel link of a registration.

See bildungsnetz/testing/permissions.py. The tenant's organisation co-hosts the event and it
takes place in the tenant's city: the organisation's viewer sees a hidden event, its editor and
the city's coordinators and admins edit, cancel and see the participants; nobody else, and the
participant list is never public.
"""

from __future__ import annotations

import itertools

from django.urls import reverse

from bildungsnetz.testing.permissions import (
    EDITORS,
    EVERYONE,
    HIDDEN,
    ORG_MEMBERS,
    Action,
    Spec,
    reload,
)

_seq = itertools.count(1)


def make_event(world, tenant, **fields):
    from events.tests.factories import EventFactory  # test kit: loaded when the table runs

    n = next(_seq)
    return EventFactory(
        title=f"Matrixtermin {n}", slug=f"matrix-termin-{n}", territory=tenant.city,
        organisers=[tenant.org], registration_enabled=True, capacity=5, **fields,
    )  # fmt: skip


def make_series(world, tenant, **fields):
    from events.tests.factories import SeriesFactory  # test kit

    n = next(_seq)
    return SeriesFactory(
        slug=f"matrix-reihe-{n}", territory=tenant.city, organisers=[tenant.org], **fields
    )


def make_group(world, tenant, **fields):
    from events.tests.factories import WorkingGroupFactory  # test kit

    n = next(_seq)
    return WorkingGroupFactory(
        slug=f"matrix-ag-{n}", lead_organisation=tenant.org, territory=tenant.city, **fields
    )


def make_registration(world, tenant):
    from events.tests.factories import RegistrationFactory  # test kit

    return RegistrationFactory(event=make_event(world, tenant))


def _url(name, obj):
    return reverse(f"events:{name}", args=[obj.slug])


def _view(call, event):
    return call.get(event.get_absolute_url())


def _view_api(call, event):
    return call.api_get(reverse("api-v1:get_event", kwargs={"slug": event.slug}))


def _ics(call, event):
    return call.get(_url("event_ics", event))


def _listed(call, event):
    response = call.get(reverse("events:event_list"), {"when": "all"})
    return event.get_absolute_url() in response.content.decode()


def _in_feed(call, event):
    response = call.get(reverse("events:event_feed"))
    return event.title in response.content.decode()


def _edit_page(call, event):
    return call.get(_url("event_edit", event))


def _cancel(call, event):
    return call.post(_url("event_cancel", event), {"status_note": "Matrix"})


def _cancelled(event) -> bool:
    return reload(event).status == "cancelled"


def _participants(call, event):
    return call.get(_url("participant_list", event))


def _participants_export(call, event):
    return call.get(_url("participant_list", event), {"format": "csv"})


def _attendance(call, event):
    return call.get(_url("attendance", event))


def _documentation(call, event):
    return call.get(_url("documentation", event))


def _questions(call, event):
    return call.get(_url("questions", event))


EVENT = Spec(
    "events.event",
    make=make_event,
    actions=[
        Action("view", EVERYONE, perm="events.view_event", page=_view, api=_view_api),
        Action("add to calendar", EVERYONE, page=_ics),
        Action("listed", EVERYONE, probe=_listed),
        Action("in the public calendar feed", EVERYONE, probe=_in_feed),
        Action(
            "change", EDITORS, perm="events.change_event", admin="change", page=_edit_page,
            not_found="view",
        ),
        Action("cancel", EDITORS, perm="events.change_event", page=_cancel, effect=_cancelled),
        Action(
            "see participants", EDITORS, perm="events.manage_event", page=_participants,
        ),
        Action("export participants", EDITORS, page=_participants_export),
        Action("take attendance", EDITORS, page=_attendance),
        Action("registration questions", EDITORS, page=_questions),
        Action("document", EDITORS, page=_documentation),
    ],
)  # fmt: skip

HIDDEN_EVENT = Spec(
    "events.event (not public)",
    make=lambda world, tenant: make_event(world, tenant, is_public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="events.view_event", page=_view, api=_view_api,
            not_found=HIDDEN,
        ),
        Action("listed", ORG_MEMBERS, probe=_listed),
        # A calendar app has no login: the feed holds public events only, for everyone.
        Action("in the public calendar feed", frozenset(), probe=_in_feed,
               twin=lambda call, event: call.get(reverse("events:event_feed"))),
        Action(
            "see participants", EDITORS, perm="events.manage_event", page=_participants,
            not_found="view",
        ),
    ],
)  # fmt: skip


def _new_event_page(call, organisation):
    return call.get(reverse("events:event_create"))


NEW_EVENT = Spec(
    "events.event (new)",
    make=lambda world, tenant: tenant.org,
    tenanted=False,
    actions=[
        # Holding an editor's role anywhere opens the form; the organisations it offers are
        # those the user edits (events.services.event_save refuses any other).
        Action("add", EDITORS | {"other_city"}, perm="events.add_event", page=_new_event_page),
    ],
)


def _series_page(call, series):
    return call.get(series.get_absolute_url())


def _series_edit(call, series):
    return call.get(reverse("events:series_edit", args=[series.slug]))


SERIES = Spec(
    "events.series",
    make=make_series,
    actions=[
        Action("view", EVERYONE, perm="events.view_series", page=_series_page),
        Action(
            "change", EDITORS, perm="events.change_series", admin="change", page=_series_edit,
            not_found="view",
        ),
    ],
)  # fmt: skip

HIDDEN_SERIES = Spec(
    "events.series (not public)",
    make=lambda world, tenant: make_series(world, tenant, is_public=False),
    actions=[
        Action("view", ORG_MEMBERS, perm="events.view_series", page=_series_page, not_found=HIDDEN),
    ],
)


def _group_page(call, group):
    return call.get(group.get_absolute_url())


def _group_api(call, group):
    return call.api_get(reverse("api-v1:get_working_group", kwargs={"slug": group.slug}))


def _group_edit(call, group):
    return call.get(reverse("groups:group_edit", args=[group.slug]))


def _group_listed(call, group):
    response = call.get(reverse("groups:group_list"))
    return group.get_absolute_url() in response.content.decode()


GROUP = Spec(
    "events.workinggroup",
    make=make_group,
    actions=[
        Action(
            "view", EVERYONE, perm="events.view_workinggroup", page=_group_page, api=_group_api
        ),
        Action("listed", EVERYONE, probe=_group_listed),
        Action(
            "change", EDITORS, perm="events.change_workinggroup", admin="change",
            page=_group_edit, not_found="view",
        ),
    ],
)  # fmt: skip

HIDDEN_GROUP = Spec(
    "events.workinggroup (not public, e.g. the administration's AG Monitoring)",
    make=lambda world, tenant: make_group(world, tenant, is_public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="events.view_workinggroup", page=_group_page,
            api=_group_api, not_found=HIDDEN,
        ),
        Action("listed", ORG_MEMBERS, probe=_group_listed),
    ],
)  # fmt: skip


def _status_by_link(call, registration):
    from events.services_registration import cancel_token  # test kit

    return call.get(reverse("events:registration_status", args=[cancel_token(registration)]))


REGISTRATION_LINK = Spec(
    "events.registration (personal link: the token is the access, no account needed)",
    make=make_registration,
    tenanted=False,
    actions=[Action("see own registration by link", EVERYONE, page=_status_by_link)],
)

SPECS = [
    EVENT, HIDDEN_EVENT, NEW_EVENT, SERIES, HIDDEN_SERIES, GROUP, HIDDEN_GROUP,
    REGISTRATION_LINK,
]  # fmt: skip

# Minutes, decisions and action items (#15).
from .matrix_minutes import MINUTES_SPECS  # noqa: E402

SPECS += MINUTES_SPECS
