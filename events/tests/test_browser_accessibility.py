"""axe-core (WCAG 2.1 A/AA) over the event list and an event page with programme,
registration, documentation and a cancellation notice, as a visitor sees them."""

import pytest
from django.urls import reverse

from actors.tests.factories import PersonFactory
from bildungsnetz.tests.browser import axe_violations

from .factories import EventFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_event_list_and_an_event_page_have_no_violations(axe_page):
    event = EventFactory(
        title="Fachtag Übergang Schule–Beruf", description="<p>Mit <strong>Workshops</strong>.</p>",
        registration_enabled=True, capacity=30, attendance_mode="mixed",
        online_url="https://meet.example.org/fachtag", venue="Rathaus", locality="Erfurt",
        step_free=True, outcomes="<p>Drei Ergebnisse</p>",
    )  # fmt: skip
    session = SessionFactory(event=event, title="Begrüßung", room="Festsaal")
    session.speakers.set([PersonFactory(given_name="Ada", family_name="Muster")])
    EventFactory(title="Abgesagte Sitzung", status="cancelled", kind="group_meeting")
    page = axe_page
    page.goto(reverse("events:event_list"))
    assert page.get_by_role("heading", name="Fachtag Übergang Schule–Beruf").is_visible()
    assert axe_violations(page) == []
    page.goto(event.get_absolute_url())
    assert page.get_by_role("heading", name="Programm").is_visible()
    assert axe_violations(page) == []
