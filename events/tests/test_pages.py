"""Event pages: list filters and empty state, JSON-LD, create/edit/cancel with permissions,
bad input keeps what was typed, edits never overwrite each other, speakers' visibility."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.models import Visibility
from actors.tests.factories import OrganisationFactory, PersonFactory
from events.models import Event, EventStatus
from events.services import event_cancel
from places.tests.factories import TerritoryFactory

from .factories import EventFactory, SessionFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _jsonld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_the_event_page_describes_the_event_in_schema_org(client):
    event = EventFactory(attendance_mode="mixed", online_url="https://meet.example.org/x")
    data = _jsonld(client.get(event.get_absolute_url()))
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {loc["@type"] for loc in data["location"]} == {"Place", "VirtualLocation"}
    assert data["organizer"][0]["name"] == event.organisers.get().name


@pytest.mark.parametrize(
    ("status", "schema"),
    [
        (EventStatus.CANCELLED, "EventCancelled"),
        (EventStatus.RESCHEDULED, "EventRescheduled"),
        (EventStatus.POSTPONED, "EventPostponed"),
    ],
)
def test_the_json_ld_event_status_follows_the_status(client, status, schema):
    event = EventFactory(status=status)
    assert _jsonld(client.get(event.get_absolute_url()))["eventStatus"].endswith(schema)


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    event = EventFactory(title="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert _jsonld(client.get(event.get_absolute_url()))["name"] == event.title


def test_the_list_shows_upcoming_events_and_past_ones_on_request(client):
    EventFactory(title="Kommt noch")
    past = EventFactory(title="War schon")
    Event.objects.filter(pk=past.pk).update(
        starts_at=past.starts_at - timedelta(days=60), ends_at=past.ends_at - timedelta(days=60)
    )
    upcoming = client.get(reverse("events:event_list"))
    assert [e.title for e in upcoming.context["page_obj"]] == ["Kommt noch"]
    earlier = client.get(reverse("events:event_list"), {"when": "past"})
    assert [e.title for e in earlier.context["page_obj"]] == ["War schon"]


def test_the_list_filters_by_kind_and_working_group_and_says_when_empty(client):
    group = WorkingGroupFactory()
    EventFactory(title="Sitzung", kind="group_meeting", working_group=group)
    EventFactory(title="Konferenz", kind="conference")
    by_group = client.get(reverse("events:event_list"), {"group": group.slug})
    assert [e.title for e in by_group.context["page_obj"]] == ["Sitzung"]
    none = client.get(reverse("events:event_list"), {"kind": "seminar"})
    assert none.context["page_obj"].paginator.count == 0
    assert "Keine Veranstaltungen gefunden" in none.content.decode()


def test_a_hidden_event_is_not_found_by_strangers(client):
    event = EventFactory(is_public=False)
    assert client.get(event.get_absolute_url()).status_code == 404
    viewer = member(organisation=event.organisers.get(), role=RoleLevel.VIEWER)
    client.force_login(viewer)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_a_speaker_whose_name_is_private_is_never_named(client):
    public = PersonFactory(given_name="Offene", family_name="Rednerin")
    private = PersonFactory(
        given_name="Geheime", family_name="Person", name_visibility=Visibility.PRIVATE
    )
    session = SessionFactory(title="Podium")
    session.speakers.set([public, private])
    html = client.get(session.event.get_absolute_url()).content.decode()
    assert "Offene Rednerin" in html
    assert "Geheime" not in html and "Person " not in html.split("Podium", 1)[1][:400]


def _editor_of(organisation):
    return member(organisation=organisation, role=RoleLevel.EDITOR)


def _form_data(organisation, **changes):
    data = {
        "kind": "workshop", "title": "Fachtag Übergang", "description": "<p>Text</p>",
        "starts_at": "2030-03-05T10:00", "ends_at": "2030-03-05T16:00",
        "time_zone": "Europe/Berlin", "attendance_mode": "offline",
        "organisers": [organisation.pk], "waiting_list": "on", "is_public": "on",
    }  # fmt: skip
    data.update(changes)
    return data


def test_an_editor_creates_an_event_in_its_time_zone(client):
    organisation = OrganisationFactory()
    client.force_login(_editor_of(organisation))
    response = client.post(
        reverse("events:event_create"), _form_data(organisation, time_zone="Europe/Vienna")
    )
    event = Event.objects.get(title="Fachtag Übergang")
    assert response.status_code == 302
    assert event.local_start.isoformat() == "2030-03-05T10:00:00+01:00"
    assert str(event.zone) == "Europe/Vienna"


def test_bad_input_keeps_what_was_typed(client):
    organisation = OrganisationFactory()
    client.force_login(_editor_of(organisation))
    response = client.post(
        reverse("events:event_create"),
        _form_data(organisation, ends_at="2030-03-04T09:00", venue="Rathausfestsaal"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fachtag Übergang" in html and "Rathausfestsaal" in html
    assert 'value="2030-03-04T09:00"' in html
    assert response.context["form"].errors["ends_at"]
    assert not Event.objects.exists()


def test_an_editor_cannot_create_an_event_for_someone_elses_organisation(client):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    client.force_login(_editor_of(mine))
    response = client.post(reverse("events:event_create"), _form_data(theirs))
    assert response.status_code == 200  # the foreign organisation is no choice
    assert response.context["form"].errors["organisers"]
    assert not Event.objects.exists()


def test_cancelling_through_the_page_is_a_status_change(client):
    event = EventFactory()
    client.force_login(_editor_of(event.organisers.get()))
    page = client.get(reverse("events:event_cancel", args=[event.slug]))
    token = page.context["form"]["edit_version"].value()
    response = client.post(
        reverse("events:event_cancel", args=[event.slug]),
        {"status_note": "Zu wenige Anmeldungen", "edit_version": token},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.sequence == 1
    assert "abgesagt" in client.get(event.get_absolute_url()).content.decode()


def test_two_editors_do_not_overwrite_each_other(client):
    event = EventFactory(title="Alt")
    organisation = event.organisers.get()
    client.force_login(_editor_of(organisation))
    url = reverse("events:event_edit", args=[event.slug])
    token = client.get(url).context["form"]["edit_version"].value()
    event_cancel(event=event)  # someone else, meanwhile
    Event.objects.filter(pk=event.pk).update(title="Von jemand anderem")
    response = client.post(
        url,
        _form_data(organisation, title="Meins", edit_version=token,
                   starts_at="2030-03-05T10:00", ends_at="2030-03-05T12:00"),
    )  # fmt: skip
    assert response.status_code == 409
    event.refresh_from_db()
    assert event.title == "Von jemand anderem"


def test_a_foreign_editor_may_not_edit(client):
    event = EventFactory()
    client.force_login(_editor_of(OrganisationFactory()))
    assert client.get(reverse("events:event_edit", args=[event.slug])).status_code == 403


def test_an_event_called_like_a_path_of_the_list_gets_its_own_address(client):
    organisation = OrganisationFactory()
    client.force_login(_editor_of(organisation))
    client.post(reverse("events:event_create"), _form_data(organisation, title="Neu"))
    event = Event.objects.get(title="Neu")
    assert event.slug != "neu"
    assert client.get(event.get_absolute_url()).context["event"] == event


def test_an_event_in_austria_left_at_the_default_zone_is_in_viennas(client):
    wien = TerritoryFactory(scheme="gkz", code="90001", name="Wien", country="AT")
    organisation = OrganisationFactory(seat=wien)
    client.force_login(_editor_of(organisation))
    client.post(reverse("events:event_create"), _form_data(organisation, territory=wien.pk))
    event = Event.objects.get()
    assert event.time_zone == "Europe/Vienna"
    assert event.local_start.isoformat() == "2030-03-05T10:00:00+01:00"


def test_an_event_without_a_place_yet_says_so_instead_of_an_empty_line(client):
    event = EventFactory(territory=None, venue="", street="", postcode="", locality="")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Noch nicht bekannt gegeben" in html


def test_the_date_reads_in_the_page_language(client):
    event = EventFactory(title="Werkstatt", starts_at=datetime(2027, 3, 4, 9, 30, tzinfo=UTC),
                         ends_at=datetime(2027, 3, 4, 12, 0, tzinfo=UTC))  # fmt: skip
    german = client.get(event.get_absolute_url()).content.decode()
    assert "Donnerstag, 4. März 2027, 10:30" in german  # Europe/Berlin, winter time
    with translation.override("en"):
        english = client.get(event.get_absolute_url()).content.decode()
    assert "Thursday, 4 March 2027, 10:30" in english
