"""RSS and Atom feeds of offer searches: links on SITE_URL, valid XML whatever the text."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from django.urls import reverse, translate_url

from offers.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

SITE = "https://bildungsnetz.example"
ATOM = "{http://www.w3.org/2005/Atom}"


def _parse(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the app's own response, in a test


def _rss(client, query=""):
    response = client.get(reverse("offers:feed_rss") + query)
    assert response.status_code == 200
    return _parse(response.content)


def _atom(client, query=""):
    response = client.get(reverse("offers:feed_atom") + query)
    assert response.status_code == 200
    return _parse(response.content)


@override_settings(SITE_URL=SITE)
def test_rss_links_start_with_site_url(client, reference_territories):
    OfferFactory(title_de="Lesewerkstatt")
    channel = _rss(client, "?kind=non_formal").find("channel")
    assert channel.findtext("link") == SITE + reverse(
        "offers:offer_list", query={"kind": "non_formal"}
    )
    item = channel.find("item")
    assert item.findtext("link").startswith(SITE + reverse("offers:offer_list") + "angebot-")
    assert item.findtext("guid").startswith(SITE)
    atom_self = channel.find(f"{ATOM}link")
    assert atom_self.get("href") == SITE + reverse("offers:feed_rss", query={"kind": "non_formal"})


@override_settings(SITE_URL=SITE)
def test_atom_links_start_with_site_url(client, reference_territories):
    OfferFactory(title_de="Lesewerkstatt")
    feed = _atom(client)
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert hrefs and all(href.startswith(SITE + "/") for href in hrefs)
    assert feed.findtext(f"{ATOM}id").startswith(SITE)
    assert "example.com" not in ET.tostring(feed, encoding="unicode")


@override_settings(SITE_URL=SITE)
def test_the_atom_self_link_keeps_the_query(client, reference_territories):
    feed = _atom(client, "?language=ar&cost=free")
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    href = self_link.get("href")
    assert href.startswith(SITE + reverse("offers:feed_atom") + "?")
    assert "cost=free" in href and "language=ar" in href


@override_settings(SITE_URL=SITE)
def test_the_english_feed_links_keep_their_language_prefix(client, reference_territories):
    english = _parse(client.get(translate_url(reverse("offers:feed_atom"), "en")).content)
    self_link = next(link for link in english.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == SITE + translate_url(reverse("offers:feed_atom"), "en")


def test_a_control_character_in_a_title_does_not_break_the_feeds(client, reference_territories):
    OfferFactory(title_de="Lesen\u000bund Schreiben", description_de="Eins\u0001zwei")
    for parse in (_rss, _atom):
        assert "Lesenund Schreiben" in ET.tostring(parse(client), encoding="unicode")
        # The search words become the feed's title.
        assert "Lesen" in ET.tostring(parse(client, "?q=Lesen%0B"), encoding="unicode")


def test_item_descriptions_are_plain_text_without_double_escaped_entities(
    client, reference_territories
):
    OfferFactory(description_de="<p>Kinder &gt; 6 &amp; Eltern</p>")
    item = _rss(client).find("channel/item")
    description = item.findtext("description")
    assert "Kinder > 6 & Eltern" in description
    assert "&gt;" not in description and "&amp;" not in description
