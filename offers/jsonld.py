"""schema.org description of an offer (Course / CourseInstance, or EducationEvent)."""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from .models import Cost, OfferFormat

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _place(offer) -> dict:
    if offer.is_online or offer.format == OfferFormat.ONLINE:
        return {"@type": "VirtualLocation", "url": offer.registration_url or None}
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
    }
    if offer.latitude is not None and offer.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": offer.latitude,
            "longitude": offer.longitude,
        }
    return place


def _offers(offer) -> dict:
    price = "0" if offer.cost == Cost.FREE else (str(offer.price) if offer.price else None)
    return {
        "@type": "Offer",
        "price": price,
        "priceCurrency": "EUR",
        "category": "Free" if offer.cost == Cost.FREE else "Paid",
        "url": offer.registration_url or None,
    }


def _prune(value):
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value if v not in (None, "")]
    return value


def offer_jsonld(offer) -> dict:
    url = settings.SITE_URL + offer.get_absolute_url()
    provider = {
        "@type": "Organization",
        "name": offer.provider.name,
        "url": settings.SITE_URL + offer.provider.get_absolute_url(),
    }
    languages = [lang.code for lang in offer.languages.all()]
    audience = [tg.name for tg in offer.target_groups.all()]
    common = {
        "name": offer.title,
        "description": strip_tags(offer.description or "")[:1000],
        "url": url,
        "inLanguage": languages,
        "audience": [{"@type": "Audience", "audienceType": a} for a in audience],
        "isAccessibleForFree": offer.cost == Cost.FREE,
        "accessibilityFeature": [
            name
            for name, flag in (
                ("stepFreeAccess", offer.step_free),
                ("signLanguage", offer.sign_language),
                ("easyLanguage", offer.easy_language),
                ("inductionLoop", offer.induction_loop),
            )
            if flag
        ],
    }
    if offer.age_min is not None or offer.age_max is not None:
        common["typicalAgeRange"] = f"{offer.age_min or 0}-{offer.age_max or ''}"
    if offer.format == OfferFormat.EVENT:
        data = {
            "@context": "https://schema.org",
            "@type": "EducationEvent",
            **common,
            "organizer": provider,
            "startDate": offer.start_date.isoformat() if offer.start_date else None,
            "endDate": offer.end_date.isoformat() if offer.end_date else None,
            "location": _place(offer),
            "offers": _offers(offer),
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
            if offer.is_online
            else "https://schema.org/OfflineEventAttendanceMode",
        }
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "Course",
            **common,
            "provider": provider,
            "educationalLevel": offer.get_stage_display(),
            "offers": _offers(offer),
            "hasCourseInstance": {
                "@type": "CourseInstance",
                "courseMode": "online" if offer.is_online else "onsite",
                "courseSchedule": {"@type": "Schedule", "description": offer.schedule}
                if offer.schedule
                else None,
                "startDate": offer.start_date.isoformat() if offer.start_date else None,
                "endDate": offer.end_date.isoformat() if offer.end_date else None,
                "location": _place(offer),
            },
        }
    return _prune(data)


def jsonld_script_content(data: dict) -> SafeString:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_ESCAPES)
    return mark_safe(text)  # noqa: S308 - <, > and & are escaped above
