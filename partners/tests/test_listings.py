"""Offers and needs: editors of an organisation add and change them; anyone sees the current
ones of public organisations (list, filters, export, API, the organisation's page); members see
the inactive ones too."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from partners.models import Direction, ListingFormat, PartnerListing

from .conftest import topic
from .factories import PartnerListingFactory

pytestmark = pytest.mark.django_db


def _en(name, *args):
    with translation.override("en"):
        return reverse(f"partners:{name}", args=args)


def test_an_editor_adds_a_need_for_her_organisation(client, erfurt_editor, verein_erfurt, wien):
    client.force_login(erfurt_editor)
    response = client.post(
        _en("listing_create", verein_erfurt.slug),
        {
            "direction": "seek", "format": "school_partnership",
            "title_de": "Partnerschule gesucht", "title_en": "Partner school sought",
            "topics": [topic("schulpartnerschaften").pk], "cities": [wien.pk],
        },
    )  # fmt: skip
    listing = PartnerListing.objects.get()
    assert response.status_code == 302 and response["Location"] == listing.get_absolute_url()
    assert listing.organisation == verein_erfurt and listing.direction == Direction.SEEK
    assert list(listing.cities.all()) == [wien]


def test_a_viewer_cannot_add_or_change_a_listing(client, verein_erfurt, seeks_school_partnership):
    client.force_login(member(organisation=verein_erfurt, role=RoleLevel.VIEWER))
    assert client.get(_en("listing_create", verein_erfurt.slug)).status_code == 403
    url = _en("listing_edit", seeks_school_partnership.pk)
    assert client.post(url, {"title_de": "Neu"}).status_code == 403


def test_the_list_filters_by_direction_format_and_city_and_exports(
    client, seeks_school_partnership, offers_school_partnership, wien
):
    url = _en("listing_list")
    offers = client.get(url, {"direction": "offer", "city": wien.code}).context["page_obj"]
    assert list(offers.object_list) == [offers_school_partnership]
    seeks = client.get(url, {"format": ListingFormat.SCHOOL_PARTNERSHIP, "direction": "seek"})
    assert list(seeks.context["page_obj"].object_list) == [seeks_school_partnership]
    rows = json.loads(client.get(url, {"direction": "offer", "format": "json"}).content)
    assert [row["title"] for row in rows] == ["Schulpartnerschaften in Wien"]
    assert rows[0]["seat"] == "gkz:90001"


def test_an_inactive_or_expired_listing_is_seen_only_by_the_organisations_members(
    client, verein_erfurt, erfurt_editor
):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    expired = PartnerListingFactory(organisation=verein_erfurt, valid_until=yesterday)
    inactive = PartnerListingFactory(organisation=verein_erfurt, active=False)
    for listing in (expired, inactive):
        assert client.get(_en("listing_detail", listing.pk)).status_code == 404
    assert client.get(_en("listing_list")).context["page_obj"].paginator.count == 0
    client.force_login(erfurt_editor)
    assert client.get(_en("listing_detail", expired.pk)).status_code == 200
    assert client.get(_en("listing_list")).context["page_obj"].paginator.count == 2


def test_the_organisation_page_shows_its_current_offers_and_needs(
    client, verein_wien, offers_school_partnership
):
    PartnerListingFactory(organisation=verein_wien, active=False, title_de="Alte Anzeige")
    with translation.override("en"):
        page = client.get(verein_wien.get_absolute_url()).content.decode()
    assert "Offers and needs for partnerships" in page
    assert "Schulpartnerschaften in Wien" in page and "Alte Anzeige" not in page


def test_the_api_lists_listings_with_filters(
    client, offers_school_partnership, seeks_school_partnership
):
    url = reverse("api-v1:list_partner_listings")
    items = client.get(url, {"direction": "offer"}).json()["items"]
    assert [i["id"] for i in items] == [offers_school_partnership.pk]
    assert items[0]["topics"] == ["berufsorientierung", "schulpartnerschaften"]
    assert client.get(url, {"city": "00000000"}).status_code == 422
    detail = client.get(reverse("api-v1:get_partner_listing", args=[seeks_school_partnership.pk]))
    assert detail.json()["direction"] == "seek"


def test_the_landing_page_leads_members_to_their_organisations_suggestions(
    client, erfurt_editor, verein_erfurt
):
    client.force_login(erfurt_editor)
    page = client.get(_en("home"))
    assert list(page.context["choice_form"].fields["organisation"].queryset) == [verein_erfurt]
    response = client.get(_en("my_organisations"), {"organisation": verein_erfurt.slug})
    assert response["Location"] == _en("suggestions", verein_erfurt.slug)


def test_the_organisation_page_links_the_suggestions_for_its_members_only(
    client, verein_wien, offers_school_partnership, wien_editor, stranger
):
    link = reverse("partners:suggestions", args=[verein_wien.slug])
    client.force_login(stranger)
    assert link not in client.get(verein_wien.get_absolute_url()).content.decode()
    client.force_login(wien_editor)
    assert link in client.get(verein_wien.get_absolute_url()).content.decode()
