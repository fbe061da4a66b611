"""Event pages: the list (with its iCal feed), an event's page and file, create, edit, cancel,
and the programme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role
from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, choice, column, many
from bildungsnetz.listing import FilterError, ListPage, filter_data, valid_filters
from bildungsnetz.pagecache import public_page

from .. import selectors
from ..forms import (
    CancelForm,
    EventFilterForm,
    EventForm,
    SessionForm,
    feed_query,
    filters_from_feed_query,
)
from ..ical import CONTENT_TYPE, calendar_for
from ..jsonld import event_jsonld_script
from ..models import Event, Session
from ..services import event_cancel, event_save, session_delete, session_save
from ..services_registration import registration_counts

FEED_LIMIT = 2000  # a feed is a calendar, not an archive: the latest 2,000 entries

EVENTS = ListPage(
    sorting=selectors.EVENT_SORTING,
    template="events/event_list.html",
    partial="events/_event_results.html",
    export_name=gettext_lazy("events"),
    export_columns=[
        column("title"),
        choice("kind"),
        choice("status"),
        Column("start", lambda e: e.local_start.isoformat()),
        Column("end", lambda e: e.local_end.isoformat()),
        column("time_zone"),
        choice("attendance_mode"),
        Column("place", lambda e: e.territory.name if e.territory_id else ""),
        Column("address", lambda e: e.address),
        many("organisers"),
        Column("series", lambda e: e.series.title if e.series_id else ""),
        Column("working_group", lambda e: e.working_group.name if e.working_group_id else ""),
        Column("url", lambda e: e.get_absolute_url()),
    ],
)


def _filter_form(request, data=None):
    return EventFilterForm(
        data if data is not None else filter_data(request),
        public_only=not request.user.is_authenticated,
    )


@public_page
def event_list(request):
    data = filter_data(request)
    if "when" not in data:
        data = data.copy()
        data["when"] = "upcoming"
    form = _filter_form(request, data)
    # A subscription keeps what has passed: "upcoming" (the list's default) is no feed filter.
    subscribed = data.copy()
    if subscribed.get("when") == "upcoming":
        subscribed.pop("when")
    query = feed_query(subscribed).urlencode()
    feed_url = request.build_absolute_uri(reverse("events:event_feed"))
    return EVENTS.response(
        request,
        form=form,
        select=lambda filters: selectors.event_list(user=request.user, filters=filters),
        context=lambda: {
            "can_add": request.user.has_perm("events.add_event"),
            "feed_url": f"{feed_url}?{query}" if query else feed_url,
        },
    )


def event_feed(request):
    """The iCal feed of a filter: exactly the public events the list shows for it (cancelled
    ones included, as STATUS:CANCELLED). Anonymous by design: a calendar app has no login."""
    form = EventFilterForm(filters_from_feed_query(request.GET), public_only=True)
    try:
        filters = valid_filters(form)
    except FilterError as error:
        return HttpResponse(
            "\n".join(f"{k}: {', '.join(v)}" for k, v in error.fields.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    events = (
        selectors.event_list(user=None, filters=filters)
        .filter(is_public=True)
        .order_by("-starts_at", "-pk")[:FEED_LIMIT]
    )
    response = HttpResponse(
        calendar_for(events, name=_("Bildungsnetz events")), content_type=CONTENT_TYPE
    )
    response["Content-Disposition"] = 'inline; filename="veranstaltungen.ics"'
    return response


def _event_or_404(request, slug, perm=None):
    return object_for(request.user, Event.objects.with_detail_relations(), perm, slug=slug)


def event_detail(request, slug: str):
    event = _event_or_404(request, slug)
    can_manage = request.user.has_perm("events.manage_event", event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "jsonld": event_jsonld_script(event),
            "programme": selectors.event_programme(event, user=request.user),
            "documents": event.documents.all(),
            "photos": event.photos.all(),
            "counts": registration_counts(event) if event.registration_enabled else None,
            "registration_open": event.registration_is_open(),
            "can_edit": request.user.has_perm("events.change_event", event),
            "can_manage": can_manage,
            "now": timezone.now(),
        },
    )


def event_ics(request, slug: str):
    event = _event_or_404(request, slug)
    response = HttpResponse(calendar_for([event], name=event.title), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _choices_for(user):
    organisers = organisations_with_role(user, RoleLevel.EDITOR)
    return {
        "organisers": organisers,
        "groups": selectors.groups_visible_to(user),
        "series": selectors.series_visible_to(user),
    }


@login_required
def event_edit(request, slug: str | None = None):
    if slug is None:
        require(request.user, "events.add_event")
        event = Event()
    else:
        event = _event_or_404(request, slug, "events.change_event")
    form = EventForm(request.POST or None, instance=event, **_choices_for(request.user))
    if request.method == "POST" and form.is_valid():
        m2m_names = ("organisers", "topics", "target_groups", "languages")
        data = {k: v for k, v in form.cleaned_data.items() if k not in m2m_names}
        m2m = {k: form.cleaned_data[k] for k in m2m_names}
        saved = save_or_conflict(
            form,
            lambda: event_save(
                event=event, data=data, m2m=m2m, user=request.user,
                expected=form.expected_version,
            ),
        )  # fmt: skip
        if saved is not None:
            messages.success(request, _("The event was saved."))
            return redirect(saved)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": event if event.pk else None},
        status=form_status(form),
    )


@login_required
def event_cancel_view(request, slug: str):
    event = _event_or_404(request, slug, "events.change_event")
    form = CancelForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda: event_cancel(
                event=event,
                note=form.cleaned_data["status_note"],
                expected=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("The event was cancelled."))
            return redirect(saved)
    return render(
        request,
        "events/event_cancel.html",
        {"form": form, "event": event},
        status=form_status(form),
    )


@login_required
def session_edit(request, slug: str, pk: int | None = None):
    event = _event_or_404(request, slug, "events.change_event")
    session = Session(event=event) if pk is None else get_object_or_404(Session, event=event, pk=pk)
    form = SessionForm(request.POST or None, instance=session, event=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "speakers"}
        saved = save_or_conflict(
            form,
            lambda: session_save(
                session=session, data=data, speakers=form.cleaned_data["speakers"]
            ),
        )
        if saved is not None:
            messages.success(request, _("The programme item was saved."))
            return redirect(event)
    return render(
        request,
        "events/session_form.html",
        {"form": form, "event": event, "session": session if session.pk else None},
    )


@login_required
@require_POST
def session_remove(request, slug: str, pk: int):
    event = _event_or_404(request, slug, "events.change_event")
    session_delete(session=get_object_or_404(Session, event=event, pk=pk))
    messages.success(request, _("The programme item was removed."))
    return redirect(event)
