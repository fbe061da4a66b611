"""The iCal feed (RFC 5545): exactly the filtered public events, each linking to its page,
with stable UIDs, time zones, and cancellations as STATUS:CANCELLED with a higher SEQUENCE."""

from datetime import timedelta
from urllib.parse import urlsplit

import icalendar
import pytest
from django.urls import reverse

from actors.models import Topic
from actors.tests.factories import OrganisationFactory
from events.models import EventStatus
from events.services import event_cancel, event_save
from places.tests.factories import TerritoryFactory

from .factories import EventFactory, SeriesFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _feed(client, **params):
    response = client.get(reverse("events:event_feed"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _entries(calendar) -> dict[str, icalendar.Event]:
    return {str(item["summary"]): item for item in calendar.walk("VEVENT")}


def test_the_feed_of_a_city_and_topic_holds_exactly_those_events(client):
    erfurt = TerritoryFactory(name="Erfurt", code="16051000")
    leipzig = TerritoryFactory(name="Leipzig", code="14713000")
    topic = Topic.objects.create(slug="uebergang", name="Übergang")
    wanted = EventFactory(title="Treffer", territory=erfurt)
    wanted.topics.add(topic)
    other_city = EventFactory(title="Andere Stadt", territory=leipzig)
    other_city.topics.add(topic)
    EventFactory(title="Anderes Thema", territory=erfurt)
    hidden = EventFactory(title="Nicht öffentlich", territory=erfurt, is_public=False)
    hidden.topics.add(topic)

    entries = _entries(_feed(client, stadt="16051000", thema="uebergang"))

    assert set(entries) == {"Treffer"}


@pytest.mark.parametrize("key", ["veranstalter", "reihe", "arbeitsgruppe"])
def test_the_feed_filters_by_organiser_series_and_working_group(client, key):
    host = OrganisationFactory()
    series = SeriesFactory()
    group = WorkingGroupFactory()
    EventFactory(title="Veranstalter", organisers=[host])
    EventFactory(title="Reihe", series=series)
    EventFactory(title="Arbeitsgruppe", working_group=group)
    value = {"veranstalter": host.slug, "reihe": series.slug, "arbeitsgruppe": group.slug}[key]
    label = {"veranstalter": "Veranstalter", "reihe": "Reihe", "arbeitsgruppe": "Arbeitsgruppe"}

    assert set(_entries(_feed(client, **{key: value}))) == {label[key]}


def test_each_entry_links_to_its_event_page_which_opens(client, settings):
    settings.SITE_URL = "https://bildungsnetz.example"
    events = [EventFactory(), EventFactory(time_zone="Europe/Vienna")]
    for entry in _feed(client).walk("VEVENT"):
        url = urlsplit(str(entry["url"]))
        assert url.scheme == "https" and url.hostname == "bildungsnetz.example"
        page = client.get(url.path)
        assert page.status_code == 200
        assert page.context["event"].pk in {e.pk for e in events}
        assert str(entry["uid"]) == f"event-{page.context['event'].pk}@bildungsnetz.example"


def test_times_carry_their_time_zone_and_the_calendar_defines_it(client):
    event = EventFactory(time_zone="Europe/Vienna")
    calendar = _feed(client)
    (entry,) = calendar.walk("VEVENT")
    assert entry["dtstart"].params["TZID"] == "Europe/Vienna"
    assert entry["dtstart"].dt == event.starts_at
    assert {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")} == {"Europe/Vienna"}
    assert entry["last-modified"].dt == event.updated.replace(microsecond=0)


def test_a_cancelled_event_stays_in_the_feed_as_cancelled_with_a_higher_sequence(client):
    event = EventFactory(title="Fachtag")
    (before,) = _feed(client).walk("VEVENT")
    assert str(before["status"]) == "CONFIRMED"

    event_cancel(event=event, note="Erkrankung")

    (after,) = _feed(client).walk("VEVENT")
    assert str(after["status"]) == "CANCELLED"
    assert after["sequence"] > before["sequence"]
    assert str(after["uid"]) == str(before["uid"])


def test_a_moved_event_raises_the_sequence_but_a_new_contact_address_does_not(client):
    event = EventFactory()
    event_save(event=event, data={"contact_email": "neu@example.org"})
    event.refresh_from_db()
    assert event.sequence == 0
    event_save(event=event, data={"starts_at": event.starts_at - timedelta(hours=1)})
    event.refresh_from_db()
    assert event.sequence == 1
    (entry,) = _feed(client).walk("VEVENT")
    assert entry["sequence"] == 1


def test_an_unknown_city_in_the_feed_is_an_error_not_every_event(client):
    EventFactory()
    response = client.get(reverse("events:event_feed"), {"stadt": "00000000"})
    assert response.status_code == 400


def test_the_add_to_calendar_file_holds_the_one_event(client):
    event = EventFactory(title="Einzeltermin")
    EventFactory(title="Anderer Termin")
    response = client.get(reverse("events:event_ics", args=[event.slug]))
    assert response.status_code == 200
    entries = _entries(icalendar.Calendar.from_ical(response.content))
    assert set(entries) == {"Einzeltermin"}
    assert str(entries["Einzeltermin"]["status"]) == "CONFIRMED"


def test_the_list_page_offers_the_feed_of_its_filter(client):
    erfurt = TerritoryFactory(name="Erfurt", code="16051000")
    EventFactory(territory=erfurt)
    page = client.get(reverse("events:event_list"), {"city": "16051000"})
    feed_url = page.context["feed_url"]
    assert "stadt=16051000" in feed_url
    assert urlsplit(feed_url).path == reverse("events:event_feed")


def test_a_postponed_event_is_tentative(client):
    EventFactory(status=EventStatus.POSTPONED)
    (entry,) = _feed(client).walk("VEVENT")
    assert str(entry["status"]) == "TENTATIVE"
