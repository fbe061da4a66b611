"""The layout every page shares: the main navigation holds the apps people work in (one row
at 1280 px: browser-checked in the accessibility audit), places are linked from the footer."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_places_are_in_the_footer_and_surveys_in_the_main_navigation(client):
    response = client.get(reverse("reports:report_list"))
    nav = [item["url"] for item in response.context["nav_items"]]
    footer = [link["url"] for link in response.context["footer_links"]]
    assert reverse("surveys:home") in nav and reverse("places:territory_list") not in nav
    assert footer[0] == reverse("places:territory_list")
    assert f'href="{reverse("places:territory_list")}"' in response.content.decode()
