"""schema.org `Event` of an event page (JSON-LD): status, attendance mode, place or virtual
location, organisers, sub-events of the programme."""

from __future__ import annotations

from django.conf import settings

from offers.jsonld import jsonld_script_content, plain_text, prune

from .models import AttendanceMode, Event, EventStatus

EVENT_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}
ATTENDANCE_MODE = {
    AttendanceMode.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


def _place(event: Event) -> dict:
    place = {
        "@type": "Place",
        "name": event.venue
        or event.locality
        or (event.territory.name if event.territory_id else None),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": event.street or None,
            "postalCode": event.postcode or None,
            "addressLocality": event.locality
            or (event.territory.name if event.territory_id else None),
        },
        "amenityFeature": [
            {"@type": "LocationFeatureSpecification", "name": label, "value": True}
            for label in event.accessibility
        ],
    }
    if event.latitude is not None and event.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": event.latitude,
            "longitude": event.longitude,
        }
    return place


def event_jsonld(event: Event) -> dict:
    locations = []
    if event.has_place:
        locations.append(_place(event))
    if event.has_online and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": plain_text(event.description, 1000),
        "url": settings.SITE_URL + event.get_absolute_url(),
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE_MODE[event.attendance_mode],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": [
            {
                "@type": "Organization",
                "name": organisation.name,
                "url": settings.SITE_URL + organisation.get_absolute_url(),
            }
            for organisation in event.organisers.all()
        ],
        "inLanguage": [language.code for language in event.languages.all()],
        "isAccessibleForFree": None,
    }
    if event.capacity is not None and event.registration_enabled:
        data["maximumAttendeeCapacity"] = event.capacity
    return prune(data)


def event_jsonld_script(event: Event):
    return jsonld_script_content(event_jsonld(event))
