"""Listings are in the full-text index (kind "partnerlisting", code 12): the list's search
finds them by their words, German forms included; hidden ones are not found publicly."""

import pytest
from django.urls import reverse
from django.utils import translation

from partners.search_index import SOURCES

from .factories import PartnerListingFactory

pytestmark = pytest.mark.django_db


def test_the_listing_kind_has_code_12():
    (source,) = SOURCES
    assert (source.kind, source.code) == ("partnerlisting", 12)


def test_the_list_finds_a_listing_by_the_words_of_its_description(client, verein_wien):
    PartnerListingFactory(
        organisation=verein_wien, title_de="Hospitation im Ganztag",
        description_de="Lehrkräfte aus Partnerstädten hospitieren eine Woche.",
    )  # fmt: skip
    PartnerListingFactory(organisation=verein_wien, title_de="Räume für Workshops")
    with translation.override("en"):
        url = reverse("partners:listing_list")
    found = client.get(url, {"q": "Lehrkräfte"}).context["page_obj"].object_list
    assert [listing.title for listing in found] == ["Hospitation im Ganztag"]
