"""Those registered hear when their event is cancelled or moves (time or place), and only then."""

from datetime import timedelta

import pytest
from django.core import mail

from events.models import EventStatus, RegistrationStatus
from events.services import event_cancel, event_save
from events.services_registration import registration_cancel, registration_create

from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(django_capture_on_commit_callbacks):
    """An event with one place: one confirmed, one waiting, one who cancelled."""
    event = EventFactory(registration_enabled=True, capacity=1, venue="Rathaus, Raum 1")
    with django_capture_on_commit_callbacks(execute=True):
        people = [
            registration_create(event=event, name=f"Person {n}", email=f"p{n}@example.org")
            for n in range(3)
        ]
        registration_cancel(registration=people[2])
    assert [p.status for p in people[:2]] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    mail.outbox.clear()
    return event


def test_a_cancelled_event_is_mailed_to_everyone_still_registered(
    booked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=booked, note="Wegen Erkrankung der Referentin.")
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.org", "p1@example.org"]
    body = mail.outbox[0].body
    assert "abgesagt" in body and "Wegen Erkrankung der Referentin." in body
    assert mail.outbox[0].subject == "Veranstaltung abgesagt"


def test_a_new_time_or_place_is_mailed_with_the_new_details(
    booked, django_capture_on_commit_callbacks
):
    later = booked.starts_at + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        event_save(
            event=booked,
            data={"starts_at": later, "ends_at": later + timedelta(hours=2), "venue": "Aula"},
        )
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert "geändert" in body and "Aula" in body
    assert later.astimezone(booked.zone).strftime("%H:%M") in body
    assert "/abmelden/" in body  # they can still give their place back


def test_a_new_title_or_description_mails_nobody(booked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event_save(event=booked, data={"title": "Neuer Titel", "description": "<p>Mehr</p>"})
    assert booked.sequence == 1  # calendars still learn of it
    assert mail.outbox == []


def test_a_change_that_fails_mails_nobody(booked, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):  # noqa: B017, PT011
        event_save(event=booked, data={"ends_at": booked.starts_at - timedelta(hours=1)})
    assert mail.outbox == []
    booked.refresh_from_db()
    assert booked.status == EventStatus.SCHEDULED
