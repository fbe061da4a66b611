"""The demo: offers and needs of demo organisations in Erfurt, Vienna, Berlin and Volgograd;
the Erfurt association seeking a school partnership is suggested the Vienna ones first; a
second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from actors.models import Organisation
from cooperation.models import Project
from partners import matching, selectors
from partners.models import PartnerListing


@pytest.fixture
def loaded(whole_demo, db):
    """The whole demo, loaded once for this module (see the root conftest)."""


def _state():
    return (PartnerListing.objects.count(), PartnerListing.history.count(),
            Organisation.objects.count(), Project.history.count())  # fmt: skip


def test_the_erfurt_demo_association_is_suggested_vienna_school_partnerships_first(loaded):
    erfurt_ngo = Organisation.objects.get(slug="demo-brueckenwerk-erfurt")
    found, city = selectors.suggestions_for(erfurt_ngo)
    assert city.name_de == "Erfurt"
    first_two = PartnerListing.objects.in_bulk([s.listing_id for s in found[:2]])
    assert {listing.organisation.slug for listing in first_two.values()} == {
        "demo-bildungsgraetzl-leopoldstadt", "demo-lernwerkstatt-favoriten",
    }  # fmt: skip
    codes = [r.code for r in found[0].reasons]
    assert codes[:2] == [matching.COMPLEMENTS_SEEK, matching.PARTNER_CITY]


def test_every_demo_listing_is_marked_and_a_second_run_changes_nothing(loaded):
    listings = PartnerListing.objects.all()
    assert listings.count() >= 8
    assert all(item.is_demo and item.title_de.startswith("Demo:") for item in listings)
    before = _state()
    call_command("demo", only=["partners"], stdout=StringIO())
    assert _state() == before


def test_the_demo_model_partnership_names_only_the_person_who_consented(loaded, client):
    project = Project.objects.get(slug="demo-schulbruecke-erfurt-wien")
    with translation.override("en"):
        page = client.get(reverse("partners:project_recognition", args=[project.slug]))
    text = page.content.decode()
    assert "Marija Demo-Kovač" in text and "no fixed contact person named yet" in text
    cities = {row["city"].name_de for row in selectors.engagement_by_city_and_year()}
    assert {"Erfurt", "Wien"} <= cities
