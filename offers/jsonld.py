"""schema.org description of an offer: a Course with its CourseInstance (Google's Course info
guidelines), or an EducationEvent. The vocabularies and mappings are in `offers.schemaorg`."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from .models import ACCESSIBILITY, Cost, OfferFormat
from .schemaorg import (
    ACCESSIBILITY_TARGETS,
    DAYS,
    bcp47_languages,
    course_mode,
    occurrences,
    parse_schedule,
)

# JSON escapes (not HTML entities) so that no string can end the <script> element.
_ESCAPES = {ord(">"): "\\u003e", ord("<"): "\\u003c", ord("&"): "\\u0026"}
_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|tr|td|th|blockquote|div)>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
DESCRIPTION_LENGTH = 1000
TIME_ZONES = {"AT": "Europe/Vienna", "DE": "Europe/Berlin"}


def plain_text(value: str, limit: int | None = None) -> str:
    """Rich text as plain text: tags removed (blocks become spaces), entities decoded
    (`&gt;` becomes `>`), whitespace collapsed; cut at a word boundary within `limit`."""
    text = strip_tags(_BLOCK_END.sub(" ", value or ""))
    text = _SPACE.sub(" ", html.unescape(text)).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-") + "…"
    return text


def _time_zone(offer) -> str:
    country = offer.district.country if offer.district_id else None
    return TIME_ZONES.get(country or "", settings.TIME_ZONE)


def _has_venue(offer) -> bool:
    return bool(offer.street or offer.locality or offer.latitude is not None)


def _is_online(offer) -> bool:
    return offer.is_online or offer.format == OfferFormat.ONLINE


def _amenities(offer, *, content_too: bool) -> list[dict]:
    """The venue's features; with `content_too` (events, which have no accessibilityFeature)
    also the services offered on site for the content."""
    return [
        {"@type": "LocationFeatureSpecification", "name": str(label), "value": True}
        for name, label in ACCESSIBILITY
        if getattr(offer, name) and (ACCESSIBILITY_TARGETS[name].venue or content_too)
    ]


def _place(offer, *, content_too: bool = False) -> dict:
    place = {
        "@type": "Place",
        "name": offer.locality or (offer.district.name if offer.district_id else None),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": offer.street or None,
            "postalCode": offer.postcode or None,
            "addressLocality": offer.locality or None,
            "addressCountry": offer.district.country if offer.district_id else None,
        },
        "amenityFeature": _amenities(offer, content_too=content_too),
    }
    if offer.latitude is not None and offer.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": offer.latitude,
            "longitude": offer.longitude,
        }
    return place


def _locations(offer, *, content_too: bool = False):
    virtual = {"@type": "VirtualLocation", "url": offer.registration_url or None}
    if not _is_online(offer):
        return _place(offer, content_too=content_too)
    if _has_venue(offer):
        return [_place(offer, content_too=content_too), virtual]
    return virtual


def _offers(offer) -> dict:
    free = offer.cost == Cost.FREE
    price = "0" if free else (str(offer.price) if offer.price is not None else None)
    return {
        "@type": "Offer",
        # Google's categories: Free, Partially Free, Subscription, Paid.
        "category": "Free" if free else "Paid",
        "price": price,
        "priceCurrency": "EUR" if price is not None else None,
        "url": offer.registration_url or settings.SITE_URL + offer.get_absolute_url(),
    }


def _schedule(offer) -> dict | None:
    """A `Schedule` with what the offer says for sure: repetition, weekdays and times read
    from its schedule text, first and last day from its dates. None if it says nothing."""
    parsed = parse_schedule(offer.schedule)
    start, end = offer.start_date, offer.end_date
    if not (parsed.is_recurring or start or end):
        return None
    schedule = {
        "@type": "Schedule",
        "description": offer.schedule or None,
        "repeatFrequency": parsed.frequency,
        "byDay": [f"https://schema.org/{DAYS[day]}" for day in parsed.days],
        "byMonthWeek": parsed.week_of_month,
        "repeatCount": occurrences(parsed, start, end)
        if parsed.is_recurring
        else (1 if start and start == end else None),
        "startDate": start.isoformat() if start else None,
        "endDate": end.isoformat() if end else None,
        "startTime": parsed.start_time,
        "endTime": parsed.end_time,
        "duration": parsed.duration,
    }
    if parsed.start_time:
        schedule["scheduleTimezone"] = _time_zone(offer)
    return schedule


def _moment(offer, day, clock: str | None) -> str | None:
    if day is None:
        return None
    if clock is None:
        return day.isoformat()
    moment = datetime.combine(day, time.fromisoformat(clock), tzinfo=ZoneInfo(_time_zone(offer)))
    return moment.isoformat()


def _common(offer) -> dict:
    data = {
        "name": offer.title,
        "description": plain_text(offer.description, DESCRIPTION_LENGTH),
        "url": settings.SITE_URL + offer.get_absolute_url(),
        "inLanguage": bcp47_languages(lang.code for lang in offer.languages.all()),
        "audience": [
            {"@type": "Audience", "audienceType": tg.name} for tg in offer.target_groups.all()
        ],
        "isAccessibleForFree": offer.cost == Cost.FREE,
    }
    # Where the offer comes from open data: its dataset and licence (attribution travels along).
    if offer.source:
        data["isBasedOn"] = offer.source
    if offer.licence:
        data["license"] = offer.licence
    if offer.age_min is not None or offer.age_max is not None:
        data["typicalAgeRange"] = f"{offer.age_min or 0}-{offer.age_max or ''}"
    return data


def _event(offer, provider: dict) -> dict:
    parsed = parse_schedule(offer.schedule)
    mode = course_mode(online=_is_online(offer), on_site=_has_venue(offer))
    data = {
        "@context": "https://schema.org",
        "@type": "EducationEvent",
        **_common(offer),
        "organizer": provider,
        # An Event is no CreativeWork: its accessibility goes on the place as services on site.
        "location": _locations(offer, content_too=True),
        "offers": _offers(offer),
        "eventAttendanceMode": {
            "Online": "https://schema.org/OnlineEventAttendanceMode",
            "Onsite": "https://schema.org/OfflineEventAttendanceMode",
            "Blended": "https://schema.org/MixedEventAttendanceMode",
        }[mode],
    }
    if parsed.is_recurring:
        # schema.org: an Event with an eventSchedule keeps its dates in the Schedule.
        data["eventSchedule"] = _schedule(offer)
    else:
        last_day = offer.end_date or (offer.start_date if parsed.end_time else None)
        data["startDate"] = _moment(offer, offer.start_date, parsed.start_time)
        data["endDate"] = _moment(offer, last_day, parsed.end_time)
    return data


def _course(offer, provider: dict) -> dict:
    features, summary = [], []
    for name, label in ACCESSIBILITY:
        target = ACCESSIBILITY_TARGETS[name]
        if getattr(offer, name) and not target.venue:
            if target.feature:
                features.append(target.feature)
            summary.append(str(label))
    instance = {
        "@type": "CourseInstance",
        "courseMode": course_mode(online=_is_online(offer), on_site=_has_venue(offer)),
        "location": _locations(offer),
        "startDate": offer.start_date.isoformat() if offer.start_date else None,
        "endDate": offer.end_date.isoformat() if offer.end_date else None,
        # Without dates or a readable schedule there is no courseSchedule, and no workload is
        # stored: both stay out rather than being made up.
        "courseSchedule": _schedule(offer),
    }
    return {
        "@context": "https://schema.org",
        "@type": "Course",
        **_common(offer),
        "accessibilityFeature": features,
        "accessibilitySummary": ", ".join(summary),
        "provider": provider,
        "educationalLevel": offer.get_stage_display(),
        "offers": _offers(offer),
        "hasCourseInstance": instance,
    }


def prune(value):
    """The JSON-LD without empty values (None, "", [], {}), at every depth."""
    if isinstance(value, dict):
        pruned = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [prune(v) for v in value if v not in (None, "")]
    return value


def offer_jsonld(offer) -> dict:
    provider = {
        "@type": "Organization",
        "name": offer.provider.name,
        "url": settings.SITE_URL + offer.provider.get_absolute_url(),
    }
    if offer.format == OfferFormat.EVENT:
        return prune(_event(offer, provider))
    return prune(_course(offer, provider))


def jsonld_script_content(data: dict) -> SafeString:
    """JSON that cannot end the <script> element it sits in: <, > and & are written as JSON
    escapes (\\u003c …), which a JSON parser reads back as the characters; no HTML entities."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_ESCAPES)
    return mark_safe(text)  # noqa: S308 - <, > and & are escaped above
