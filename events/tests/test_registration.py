"""Registration: places, the waiting list moving up on a cancellation (with a mail), never
twice and never beyond the capacity, cancelling by a personal link without an account, the
private participant list, attendance and exports."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import member
from events.models import Registration, RegistrationStatus
from events.services import event_save
from events.services_registration import (
    cancel_token,
    registration_cancel,
    registration_create,
)

from .factories import EventFactory, RegistrationQuestionFactory

pytestmark = pytest.mark.django_db


def _register(event, n):
    return registration_create(event=event, name=f"Person {n}", email=f"p{n}@example.org")


@pytest.fixture
def full_event(django_capture_on_commit_callbacks):
    """Two places, both taken, three on the waiting list."""
    event = EventFactory(registration_enabled=True, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        people = [_register(event, n) for n in range(5)]
    mail.outbox.clear()
    return event, people


def test_registrations_beyond_the_places_go_to_the_waiting_list(full_event):
    event, people = full_event
    assert [p.status for p in people] == ["confirmed"] * 2 + ["waiting"] * 3


def test_a_cancellation_moves_the_first_waiting_person_up_with_a_mail(
    full_event, django_capture_on_commit_callbacks
):
    event, people = full_event
    with django_capture_on_commit_callbacks(execute=True):
        result = registration_cancel(registration=people[0])
    assert [p.pk for p in result.promoted] == [people[2].pk]
    people[2].refresh_from_db()
    assert people[2].status == RegistrationStatus.CONFIRMED
    promoted_mail = [m for m in mail.outbox if m.to == ["p2@example.org"]]
    assert len(promoted_mail) == 1
    assert reverse("events:registration_cancel", args=[cancel_token(people[2])]) in (
        promoted_mail[0].body
    )


def test_two_cancellations_promote_two_people_and_never_overfill(
    full_event, django_capture_on_commit_callbacks
):
    event, people = full_event
    with django_capture_on_commit_callbacks(execute=True):
        first = registration_cancel(registration=people[0])
        second = registration_cancel(registration=people[1])
        again = registration_cancel(registration=people[0])  # the same link clicked twice
    promoted = [p.pk for p in first.promoted + second.promoted + again.promoted]
    assert promoted == [people[2].pk, people[3].pk]
    assert event.registrations.confirmed().count() == 2
    assert event.registrations.waiting().get().pk == people[4].pk
    assert not again.changed


def test_cancelling_a_waiting_place_promotes_nobody(full_event):
    event, people = full_event
    result = registration_cancel(registration=people[4])
    assert result.promoted == []
    assert event.registrations.confirmed().count() == 2


def test_cancel_by_the_personal_link_without_an_account(
    client, full_event, django_capture_on_commit_callbacks
):
    event, people = full_event
    url = reverse("events:registration_cancel", args=[cancel_token(people[1])])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    people[1].refresh_from_db()
    assert people[1].status == RegistrationStatus.CANCELLED
    assert event.registrations.confirmed().filter(pk=people[2].pk).exists()
    assert any(m.to == ["p2@example.org"] for m in mail.outbox)


def test_a_forged_cancel_link_is_not_found(client, full_event):
    event, people = full_event
    token = cancel_token(people[0])[:-2] + "xx"
    assert client.post(reverse("events:registration_cancel", args=[token])).status_code == 404
    people[0].refresh_from_db()
    assert people[0].status == RegistrationStatus.CONFIRMED


def test_registering_through_the_page_sends_the_confirmation_with_the_cancel_link(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(registration_enabled=True, capacity=10)
    question = RegistrationQuestionFactory(event=event, text="Essenswunsch", required=True)
    url = reverse("events:registration_create", args=[event.slug])
    data = {"name": "Ada Muster", "email": "ada@example.org", "organisation_name": "VHS",
            "consent": "on", f"question_{question.pk}": "vegetarisch"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    registration = Registration.objects.get(email="ada@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "events:registration_status", args=[cancel_token(registration)]
    )
    assert registration.answers.get().value == "vegetarisch"
    (sent,) = mail.outbox
    assert sent.to == ["ada@example.org"]
    assert reverse("events:registration_cancel", args=[cancel_token(registration)]) in sent.body


def test_a_registration_with_a_missing_answer_keeps_what_was_typed(client):
    event = EventFactory(registration_enabled=True)
    question = RegistrationQuestionFactory(event=event, text="Essenswunsch", required=True)
    url = reverse("events:registration_create", args=[event.slug])
    response = client.post(url, {"name": "Ada Muster", "email": "ada@example.org", "consent": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Ada Muster"' in html and 'value="ada@example.org"' in html
    assert response.context["form"].errors[f"question_{question.pk}"]
    assert not Registration.objects.exists()


def test_the_same_address_cannot_register_twice(client):
    event = EventFactory(registration_enabled=True)
    url = reverse("events:registration_create", args=[event.slug])
    data = {"name": "Ada", "email": "ada@example.org", "consent": "on"}
    client.post(url, data)
    response = client.post(url, {**data, "email": "ADA@example.org"})
    assert response.status_code == 400
    assert Registration.objects.count() == 1


def test_registration_closed_for_a_cancelled_event(client):
    event = EventFactory(registration_enabled=True, status="cancelled")
    url = reverse("events:registration_create", args=[event.slug])
    response = client.post(url, {"name": "Ada", "email": "ada@example.org", "consent": "on"})
    assert not Registration.objects.exists()
    assert response.context["is_open"] is False


def test_the_participant_list_is_not_public(client, full_event):
    event, _people = full_event
    url = reverse("events:participant_list", args=[event.slug])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    stranger = member(event.organisers.get().seat, RoleLevel.VIEWER)
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    page = client.get(reverse("events:event_detail", args=[event.slug]))
    assert "p0@example.org" not in page.content.decode()


def test_organisers_see_and_export_the_participants(client, full_event):
    event, people = full_event
    editor = member(organisation=event.organisers.get(), role=RoleLevel.EDITOR)
    client.force_login(editor)
    url = reverse("events:participant_list", args=[event.slug])
    assert "p4@example.org" in client.get(url).content.decode()
    export = client.get(url, {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert {row["email"] for row in rows} == {f"p{n}@example.org" for n in range(5)}
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200


def test_attendance_is_taken_with_checkboxes(client, full_event):
    event, people = full_event
    editor = member(organisation=event.organisers.get(), role=RoleLevel.EDITOR)
    client.force_login(editor)
    response = client.post(
        reverse("events:attendance", args=[event.slug]), {"present": [people[0].pk]}
    )
    assert response.status_code == 302
    states = dict(event.registrations.confirmed().values_list("pk", "attended"))
    assert states == {people[0].pk: True, people[1].pk: False}


def test_more_places_move_the_waiting_list_up(full_event, django_capture_on_commit_callbacks):
    event, people = full_event
    with django_capture_on_commit_callbacks(execute=True):
        event_save(event=event, data={"capacity": 3})
    people[2].refresh_from_db()
    assert people[2].status == RegistrationStatus.CONFIRMED
    assert event.registrations.waiting().count() == 2
    assert [m.to for m in mail.outbox] == [["p2@example.org"]]
