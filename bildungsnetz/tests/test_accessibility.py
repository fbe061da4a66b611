"""Every public page passes axe-core (WCAG 2.1 A/AA) in Chromium; the portal works by keyboard.

Public pages are listed by URL name (list pages) plus one detail page of each kind from the
demo data; to cover a new page, add its URL name or path below.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, translate_url

from .browser import axe_violations, tab_to

# No django_db mark: the demo below is committed once for the module (the live server reads it
# from its own thread) instead of loaded and flushed again for each test. Browser tests on
# other data are in test_accessibility_screens.py.
pytestmark = [pytest.mark.browser]

# URL names of public pages without parameters; names that do not exist (yet) are skipped.
PUBLIC_LIST_PAGES = [
    "home", "actors:organisation_list", "offers:offer_list", "search:global",
    "cooperation:partnership_list", "cooperation:agreement_list", "cooperation:project_list",
    "cooperation:programme_list", "monitoring:indicator_list", "places:territory_list",
    "account_login", "account_signup", "account_reset_password",
]  # fmt: skip
# Pages with parameters or queries: paths, relative to the site root.
PUBLIC_PATHS = [
    reverse("pages:detail", kwargs={"slug": "impressum"}),
    reverse("pages:detail", kwargs={"slug": "datenschutz"}),
    reverse("pages:detail", kwargs={"slug": "barrierefreiheit"}),
    reverse("pages:detail", kwargs={"slug": "leichte-sprache"}),
    reverse("actors:organisation_detail", kwargs={"slug": "stadtbibliothek-erfurt"}),
    reverse("offers:offer_detail", kwargs={"slug": "demo-lesewerkstatt-deutsch-arabisch"}),
    reverse("offers:offer_detail", kwargs={"slug": "demo-elterncafe-mitte"}),
    reverse("offers:offer_list", query={"q": "Lesen", "language": "ar"}),
    reverse("search:global", query={"q": "Schueler"}),
    translate_url(reverse("offers:offer_list"), "en"),
    reverse("actors:organisation_list", query={"q": "Erfurt"}),
    reverse("account_reset_password_done"),
    reverse("account_email_verification_sent"),
    reverse("account_reset_password_from_key", kwargs={"uidb36": "0", "key": "x"}),
    reverse("places:territory_detail", kwargs={"key": "ags:11000000"}),
    translate_url(reverse("places:territory_detail", kwargs={"key": "ags:11000000"}), "en"),
    reverse("places:territory_detail", kwargs={"key": "ags:16051000"}),
]


def _public_urls():
    urls = []
    for name in PUBLIC_LIST_PAGES:
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    return urls + PUBLIC_PATHS


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo, committed once for the module's tests and flushed after the last one (as a
    transactional test flushes after each; loading it per test was most of the module's time),
    without the thousand open-data organisations: this module audits page types, the crawl
    audits every page with them. The tests only read it, but for a saved search."""
    with django_db_blocker.unblock():
        with override_settings(DEMO_OPEN_DATA=False):
            call_command("demo", stdout=StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _live_server_helper(request, demo_site, django_db_blocker):
    """pytest-django's helper of the same name without its transactional database, whose
    flush after each test would empty the demo: the test may use the database directly."""
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        yield
    live_server._live_server_modified_settings.disable()


def test_every_public_page_passes_axe(demo_site, axe_page):
    page = axe_page
    failures = {}
    for url in _public_urls():
        response = page.goto(url)
        assert response.status < 400, f"{url} answered {response.status}"
        violations = axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_detail_pages_of_other_apps_pass_axe(demo_site, axe_page):
    """One detail page per list: the first link into each list's detail pages."""
    page = axe_page
    failures = {}
    for name in PUBLIC_LIST_PAGES[4:10]:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        page.goto(url)
        link = page.locator(f'main a[href^="{url}"]:not([href="{url}"]):not([href*="?"])').first
        if not link.count():
            continue
        href = link.get_attribute("href")
        if re.search(r"/(neu|import|bearbeiten)/", href):
            continue
        page.goto(href)
        violations = axe_violations(page)
        if violations:
            failures[href] = violations
    assert failures == {}


def test_search_filter_open_and_subscribe_by_keyboard(demo_site, browser_page, mailoutbox):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(reverse("offers:offer_list"))
    tab_to(page, "#id_q")
    page.keyboard.type("Lesen")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Lesen"))
    # Filter: Arabic, with the keyboard: open the languages group, tick; results update in
    # place (htmx).
    tab_to(page, "#facet-language > summary")
    page.keyboard.press("Enter")
    tab_to(page, 'input[name="language"][value="ar"]')
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"language=ar"))
    results = page.locator("#offer-results")
    results.get_by_text("für Kinder auf Deutsch und Arabisch").wait_for()
    assert results.get_by_text("Weiterbildung").count() == 0
    # Subscribe to this search: the button opens the form on its own page.
    tab_to(page, "#saved-search-start")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"suche-speichern/\?query="))
    tab_to(page, "#id_email")
    page.keyboard.type("eltern@example.org")
    page.keyboard.press("Enter")
    page.get_by_text("Bestätigungslink").wait_for()
    assert len(mailoutbox) == 1
    # Back to the results and open the offer.
    page.go_back()
    page.go_back()
    tab_to(page, 'a[href="/angebote/demo-lesewerkstatt-deutsch-arabisch/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/angebote/demo-lesewerkstatt-deutsch-arabisch/")
    assert page.locator("h1").inner_text() == "Lesewerkstatt für Kinder auf Deutsch und Arabisch"


def test_the_main_navigation_fits_one_row_on_a_laptop(demo_site, browser_page):
    """With the knowledge base, partner finding and reports, eleven German entries wrapped the
    bar into two rows at 1280 px; the search moved to the header beside the language switch,
    and with surveys the places moved to the footer."""
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("home"))
    tops = page.locator(".bn-nav__link").evaluate_all(
        "links => links.map(link => link.getBoundingClientRect().top)"
    )
    assert len(tops) >= 9
    assert len(set(tops)) == 1, tops
    search = page.locator(".bn-header__search")
    assert search.is_visible()
    search.click()
    page.wait_for_url(re.compile(re.escape(reverse("search:global"))))


def test_the_offer_portal_reads_well_at_200_percent_zoom(demo_site, axe_page):
    page = axe_page
    page.set_viewport_size({"width": 640, "height": 800})  # 1280 px at 200 %
    page.goto(reverse("offers:offer_list", query={"q": "Lesen"}))
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    assert axe_violations(page) == []
