"""schema.org JSON-LD of offers: schema.org's vocabularies, Google's Course info guidelines."""

import json
import re
from datetime import date

import pytest
from django.urls import reverse

from actors.models import Language
from offers.jsonld import jsonld_script_content, offer_jsonld
from offers.models import ACCESSIBILITY, Offer
from offers.schemaorg import (
    A11Y_FEATURE_TERMS,
    ACCESSIBILITY_TARGETS,
    bcp47_languages,
    occurrences,
    parse_schedule,
)
from offers.tests.factories import OfferFactory

# accessibilityFeature terms of the W3C "Schema.org Accessibility Properties for
# Discoverability Vocabulary" (https://www.w3.org/2021/a11y-discov-vocab/latest/), copied here
# on purpose: the test checks the module's list, not the other way round.
W3C_ACCESSIBILITY_FEATURES = {
    "annotations", "ARIA", "bookmarks", "index", "pageBreakMarkers", "pageNavigation",
    "readingOrder", "structuralNavigation", "tableOfContents", "taggedPDF", "alternativeText",
    "audioDescription", "captions", "closedCaptions", "describedMath", "longDescription",
    "openCaptions", "signLanguage", "transcript", "displayTransformability",
    "synchronizedAudioText", "timingControl", "unlocked", "ChemML", "latex", "latex-chemistry",
    "MathML", "MathML-chemistry", "ttsMarkup", "highContrastAudio", "highContrastDisplay",
    "largePrint", "braille", "tactileGraphic", "tactileObject", "fullRubyAnnotations",
    "horizontalWriting", "rubyAnnotations", "verticalWriting", "withAdditionalWordSegmentation",
    "withoutAdditionalWordSegmentation", "none", "unknown",
}  # fmt: skip
GOOGLE_COURSE_MODES = {"Online", "Onsite", "Blended"}
ALL_FLAGS = {name: True for name, _label in ACCESSIBILITY}


def _jsonld(offer) -> dict:
    offer = Offer.objects.with_detail_relations().get(pk=offer.pk)
    return offer_jsonld(offer)


def _language(code, name):
    return Language.objects.get_or_create(code=code, defaults={"name": name})[0]


# --- Languages ------------------------------------------------------------------------------


def test_german_sign_language_is_gsg_not_dogoso():
    assert bcp47_languages(["de", "dgs"]) == ["de", "gsg"]


def test_bosnian_croatian_serbian_are_three_bcp47_tags():
    assert bcp47_languages(["bcs"]) == ["bs", "hr", "sr"]


@pytest.mark.django_db
def test_the_demo_event_in_sign_language_says_gsg_on_its_page(client, demo):
    body = client.get(
        reverse("offers:offer_detail", kwargs={"slug": "demo-elterncafe-mitte"})
    ).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1]
    data = json.loads(script)
    assert data["inLanguage"] == ["de", "gsg"]
    assert "dgs" not in script


# --- Accessibility --------------------------------------------------------------------------


def test_the_module_vocabulary_is_the_w3c_vocabulary():
    assert A11Y_FEATURE_TERMS == W3C_ACCESSIBILITY_FEATURES


def test_every_accessibility_option_of_offers_has_a_schema_org_target():
    assert set(ACCESSIBILITY_TARGETS) == {name for name, _label in ACCESSIBILITY}
    for target in ACCESSIBILITY_TARGETS.values():
        assert target.feature is None or target.feature in W3C_ACCESSIBILITY_FEATURES
        assert target.feature or target.venue or target.summary


@pytest.mark.django_db
def test_accessibility_features_are_only_w3c_vocabulary_terms(reference_territories):
    data = _jsonld(OfferFactory(**ALL_FLAGS, street="Domplatz 1", locality="Erfurt"))
    assert data["accessibilityFeature"] == ["signLanguage"]
    assert set(data["accessibilityFeature"]) <= W3C_ACCESSIBILITY_FEATURES
    assert data["accessibilitySummary"]  # easy language: no term, said in words


@pytest.mark.django_db
def test_venue_features_are_amenity_features_of_the_place(reference_territories):
    offer = OfferFactory(step_free=True, induction_loop=True, street="Domplatz 1")
    place = _jsonld(offer)["hasCourseInstance"]["location"]
    assert place["@type"] == "Place"
    features = place["amenityFeature"]
    assert {f["@type"] for f in features} == {"LocationFeatureSpecification"}
    assert all(f["value"] is True and f["name"] for f in features)
    assert len(features) == 2
    assert "accessibilityFeature" not in _jsonld(offer)


@pytest.mark.django_db
def test_an_event_carries_no_creative_work_accessibility_properties(reference_territories):
    offer = OfferFactory(format="event", sign_language=True, step_free=True, street="Anger 1")
    data = _jsonld(offer)
    assert data["@type"] == "EducationEvent"
    assert "accessibilityFeature" not in data and "accessibilitySummary" not in data
    assert len(data["location"]["amenityFeature"]) == 2


# --- Google's Course info -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_course_has_what_google_requires(reference_territories):
    data = _jsonld(OfferFactory(schedule="dienstags 16:00–17:30 Uhr", street="Anger 1"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert data["name"] and data["description"]
    assert data["provider"]["@type"] == "Organization" and data["provider"]["name"]
    assert data["offers"]["category"] in {"Free", "Partially Free", "Subscription", "Paid"}
    instance = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] in GOOGLE_COURSE_MODES
    assert "courseSchedule" in instance or "courseWorkload" in instance
    assert instance["courseSchedule"]["@type"] == "Schedule"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("online", "street", "mode"),
    [(False, "Anger 1", "Onsite"), (True, "", "Online"), (True, "Anger 1", "Blended")],
)
def test_course_mode_is_capitalised_as_google_documents(
    reference_territories, online, street, mode
):
    instance = _jsonld(OfferFactory(is_online=online, street=street))["hasCourseInstance"]
    assert instance["courseMode"] == mode


@pytest.mark.django_db
def test_a_weekly_course_with_dates_gets_a_schedule(reference_territories):
    offer = OfferFactory(
        schedule="dienstags 16:00–17:30 Uhr",
        start_date=date(2030, 1, 8),
        end_date=date(2030, 3, 26),
        street="Anger 1",
    )
    instance = _jsonld(offer)["hasCourseInstance"]
    assert instance["startDate"] == "2030-01-08" and instance["endDate"] == "2030-03-26"
    assert instance["courseSchedule"] == {
        "@type": "Schedule",
        "description": "dienstags 16:00–17:30 Uhr",
        "repeatFrequency": "P1W",
        "repeatCount": 12,
        "byDay": ["https://schema.org/Tuesday"],
        "startDate": "2030-01-08",
        "endDate": "2030-03-26",
        "startTime": "16:00:00",
        "endTime": "17:30:00",
        "duration": "PT1H30M",
        "scheduleTimezone": "Europe/Berlin",
    }


@pytest.mark.django_db
def test_an_offer_without_dates_gets_no_invented_dates(reference_territories):
    data = _jsonld(OfferFactory(schedule="nach Vereinbarung", street="Anger 1"))
    text = json.dumps(data)
    assert "startDate" not in text and "endDate" not in text
    assert "courseSchedule" not in data["hasCourseInstance"]
    weekly = _jsonld(OfferFactory(schedule="mittwochs 15:00–16:30 Uhr", street="Anger 1"))
    schedule = weekly["hasCourseInstance"]["courseSchedule"]
    assert schedule["repeatFrequency"] == "P1W" and "startDate" not in schedule
    assert "repeatCount" not in schedule


@pytest.mark.django_db
def test_a_one_day_event_starts_at_its_time_in_its_time_zone(reference_territories):
    offer = OfferFactory(
        format="event",
        schedule="15. Januar 2030, 16:00–18:00 Uhr",
        start_date=date(2030, 1, 15),
        end_date=date(2030, 1, 15),
    )
    data = _jsonld(offer)
    assert data["startDate"] == "2030-01-15T16:00:00+01:00"
    assert data["endDate"] == "2030-01-15T18:00:00+01:00"


@pytest.mark.django_db
def test_the_description_is_plain_text_and_safe_inside_a_script(reference_territories):
    offer = OfferFactory(
        description_de="<p>Kinder &gt; 6 Jahre &amp; Eltern</p><p>Zweiter Absatz</p>"
        "<p>&lt;/script&gt;</p>"
    )
    data = _jsonld(offer)
    assert data["description"] == "Kinder > 6 Jahre & Eltern Zweiter Absatz </script>"
    script = jsonld_script_content(data)
    assert "&gt;" not in script and "&amp;" not in script and "</script>" not in script
    assert "\\u003e" in script
    assert json.loads(script)["description"] == data["description"]


# --- Reading schedules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "frequency", "days", "start", "duration"),
    [
        ("mittwochs 15:00–16:30 Uhr", "P1W", [2], "15:00:00", "PT1H30M"),
        ("montags und donnerstags 18:00–20:15 Uhr", "P1W", [0, 3], "18:00:00", "PT2H15M"),
        ("montags bis donnerstags 14:00–16:00 Uhr", "P1W", [0, 1, 2, 3], "14:00:00", "PT2H"),
        ("Mo–Fr 8–12 Uhr", "P1W", [0, 1, 2, 3, 4], "08:00:00", "PT4H"),
        ("Tuesdays 16:00–17:30", "P1W", [1], "16:00:00", "PT1H30M"),
        ("alle zwei Wochen donnerstags 17-19 Uhr", "P2W", [3], "17:00:00", "PT2H"),
        ("täglich 9:00 bis 17:00", "P1D", [], "09:00:00", "PT8H"),
        ("jeden ersten Montag im Monat, 19 Uhr", "P1M", [0], "19:00:00", None),
        ("15. Januar 2030, 16:00–18:00 Uhr", None, [], "16:00:00", "PT2H"),
        ("Mittwoch, 15. Januar, 10:00-12:00", None, [], "10:00:00", "PT2H"),
        ("nach Vereinbarung", None, [], None, None),
        ("Tuesdays 4–5.30 pm", "P1W", [1], None, None),  # 12-hour times: left unread
        ("für 8–12-Jährige", None, [], None, None),  # an age range is no time
    ],
)
def test_schedule_texts_are_read_only_as_far_as_they_are_unambiguous(
    text, frequency, days, start, duration
):
    parsed = parse_schedule(text)
    assert (parsed.frequency, parsed.days, parsed.start_time, parsed.duration) == (
        frequency,
        days,
        start,
        duration,
    )


def test_repeat_count_is_given_only_where_it_is_certain():
    tuesday = parse_schedule("dienstags 16 bis 17 Uhr")
    assert occurrences(tuesday, date(2030, 1, 1), date(2030, 1, 31)) == 5
    assert occurrences(tuesday, date(2030, 1, 1), None) is None
    two_days = parse_schedule("montags und donnerstags 18 Uhr")
    assert occurrences(two_days, date(2030, 1, 1), date(2030, 1, 31)) is None
