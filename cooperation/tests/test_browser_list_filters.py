"""A list link with a filter that no longer exists (#13, finding 2): the page says which filter
is invalid and lists nothing, accessibly, instead of silently listing everything."""

import pytest
from django.urls import reverse

from bildungsnetz.tests.browser import axe_violations

from .factories import PartnershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_link_with_an_unknown_city_shows_the_error_and_no_partnership(axe_page):
    partnership = PartnershipFactory(name="Astadt–Bstadt")
    page = axe_page
    page.goto(reverse("cooperation:partnership_list"))
    assert page.get_by_text(partnership.name).is_visible()
    page.goto(reverse("cooperation:partnership_list", query={"city": "99999999"}))
    alert = page.locator("#results .kern-alert--danger")
    assert alert.is_visible()
    assert "Stadt" in alert.inner_text()
    assert page.get_by_text(partnership.name).count() == 0
    page.screenshot(path="/tmp/h13_invalid_city.png", full_page=True)
    assert axe_violations(page) == []
