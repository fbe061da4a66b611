"""iCalendar (RFC 5545) for events: a feed of a filtered list and one event as a file.

Each VEVENT keeps one UID for the life of the event (`event-<id>@<site host>`), links to its
page (URL, absolute from SITE_URL), gives its times in its own time zone (DTSTART;TZID=…) with
the VTIMEZONE that defines it, and carries SEQUENCE (raised by the services on every change a
calendar shows), STATUS (CONFIRMED, CANCELLED; TENTATIVE while postponed) and LAST-MODIFIED,
so a subscribed calendar replaces its copy, and shows a cancellation as cancelled.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from offers.jsonld import plain_text

from .models import AttendanceMode, Event, EventStatus

PRODID = "-//Bildungsnetz//Veranstaltungen//DE"
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.RESCHEDULED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "TENTATIVE",
}
CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "bildungsnetz"
    return f"event-{event.pk}@{host}"


def _location(event: Event) -> str:
    parts = []
    if event.attendance_mode != AttendanceMode.ONLINE:
        parts.append(event.address or (event.territory.name if event.territory_id else ""))
    if event.attendance_mode != AttendanceMode.OFFLINE and event.online_url:
        parts.append(event.online_url)
    return "; ".join(p for p in parts if p)


def vevent(event: Event, *, stamp=None) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", event_uid(event))
    item.add("dtstamp", stamp or timezone.now())
    item.add("dtstart", event.local_start)
    item.add("dtend", event.local_end)
    item.add("summary", event.title)
    item.add("url", settings.SITE_URL + event.get_absolute_url())
    item.add("sequence", event.sequence)
    item.add("status", ICAL_STATUS[event.status])
    item.add("last-modified", event.updated)
    item.add("created", event.created)
    description = plain_text(event.description)
    if event.status_note:
        description = f"{event.get_status_display()}: {event.status_note}\n\n{description}"
    if description.strip():
        item.add("description", description.strip())
    location = _location(event)
    if location:
        item.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (event.latitude, event.longitude))
    organisers = [o.name for o in event.organisers.all()]
    if organisers:
        item.add("categories", [event.get_kind_display()])
        item.add("comment", ", ".join(organisers))
    return item


def calendar_for(events, *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per event and the VTIMEZONEs their TZIDs name."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        calendar.add_component(vevent(event, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
