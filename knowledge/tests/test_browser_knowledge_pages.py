"""The knowledge base's list (with facets and an overdue entry) and an entry's page with its
reviewer's view in a real browser: axe-core finds no WCAG 2.1 AA violation."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.tests.factories import OrganisationFactory, PersonFactory, TopicFactory
from bildungsnetz.tests.browser import axe_violations
from knowledge.models import EntryKind, EntryStatus, EvidenceLink
from places.tests.factories import TerritoryFactory

from .factories import EntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_list_and_an_entry_page_have_no_axe_violations(axe_page, live_server):
    city = TerritoryFactory(name_de="Wolgograd")
    org = OrganisationFactory(seat=city)
    topic = TopicFactory(slug="schulpartnerschaften", name_de="Schulpartnerschaften")
    entry = EntryFactory(
        title="Modellprojekt Schulpartnerschaften", territory=city, topics=[topic],
        organisations=[org], context="Fünf Modellprojekte.", results="Gemeinsame Verantwortung.",
        contact=PersonFactory(name_visibility="public"), stage="school",
        review_due=timezone.localdate() - dt.timedelta(days=3),
    )  # fmt: skip
    EvidenceLink.objects.create(entry=entry, label="Auswertung", url="https://example.org/a")
    EntryFactory(title="Studie im Revier", kind=EntryKind.STUDY, territory=city, topics=[topic])
    page = axe_page
    page.goto(reverse("knowledge:entry_list", query={"q": "Schulpartnerschaft"}))
    assert page.get_by_text("Prüfung überfällig").first.is_visible()
    assert axe_violations(page) == []
    page.goto(entry.get_absolute_url())
    assert page.get_by_role("heading", name="Ähnliche Einträge").is_visible()
    assert axe_violations(page) == []


def test_the_reviewers_view_of_an_entry_has_no_axe_violations(axe_page, live_server, client):
    org = OrganisationFactory()
    entry = EntryFactory(title="Zur Prüfung", organisations=[org], status=EntryStatus.REVIEW)
    reviewer = member(organisation=org, role=RoleLevel.EDITOR)
    client.force_login(reviewer)
    cookie = client.cookies["sessionid"].value
    page = axe_page
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page.goto(entry.get_absolute_url())
    assert page.get_by_role("button", name="Freigeben und veröffentlichen").is_visible()
    assert axe_violations(page) == []
