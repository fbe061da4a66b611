"""Browser tests of screens on their own data (not the demo): a city page with its map, and the
login and second-factor screens. Each test's rows are flushed after it (transactional)."""

import re

import pytest
from django.urls import reverse, translate_url

from .browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def places_only(transactional_db):
    from places.services import territories_load_reference

    territories_load_reference()


@pytest.mark.parametrize(
    "url",
    [
        reverse("places:territory_detail", kwargs={"key": "ags:11000000"}),
        translate_url(reverse("places:territory_detail", kwargs={"key": "ags:11000000"}), "en"),
    ],
)
def test_a_city_page_with_a_map_of_linked_boroughs_passes_axe(places_only, axe_page, url):
    """The map's shapes are links: inside an image role they were nested-interactive."""
    page = axe_page
    page.goto(url)
    assert page.locator(".bn-map__svg a").count() == 12
    assert axe_violations(page) == []


@pytest.fixture
def coordinator_with_second_factor(transactional_db):
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.demo import DEMO_TOTP_SECRET
    from accounts.models import User

    user = User.objects.create_user("koordination@example.org", "ein-langes-kennwort-42")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def test_login_and_second_factor_screens_start_in_their_first_field(
    coordinator_with_second_factor, browser_page
):
    page = browser_page
    focused = "() => document.activeElement && document.activeElement.name"
    page.goto(reverse("account_login"))
    assert page.evaluate(focused) == "login"
    page.keyboard.type(coordinator_with_second_factor.email)
    password = page.locator('input[name="password"]')
    password.fill("ein-langes-kennwort-42")
    password.press("Enter")
    page.wait_for_url(re.compile(reverse("mfa_authenticate")))
    assert page.evaluate(focused) == "code"


def test_the_audit_reports_a_violation_it_is_shown(axe_page):
    """The audit every browser test relies on can fail: an image without a text alternative,
    added to the home page, is reported with its rule and element."""
    page = axe_page
    page.goto(reverse("home"))
    assert axe_violations(page) == []
    page.evaluate(
        """() => { const img = document.createElement('img');
                   img.src = '/static/missing.png'; img.id = 'no-alt';
                   document.querySelector('main').append(img); }"""
    )
    violations = axe_violations(page)
    assert [v["id"] for v in violations] == ["image-alt"]
    assert violations[0]["nodes"] == [["#no-alt"]]
