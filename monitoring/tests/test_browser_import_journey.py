"""In the browser (#12, finding 2): Erfurt's coordinator imports official statistics, the
school-leavers table of every Kreis of Germany, and follows the result page to the indicator
it feeds, where Erfurt's value is shown. Official statistics are shared public facts: a city's
coordinator may bring them in although they cover every other Kreis too."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.demo import DEMO_USERS
from bildungsnetz.tests.browser import axe_violations, log_in_with_second_factor

# browser_page comes from bildungsnetz.tests.browser, registered for the whole suite.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHOOL_LEAVERS = Path(__file__).resolve().parent.parent / "data" / "genesis" / "21111-02-06-4.csv"
ERFURT_COORDINATOR = next(u[0] for u in DEMO_USERS if u[3] == "ags:16051000")
IMPORT_SECONDS = 180_000  # the whole table is checked, then imported, within the request


@pytest.fixture
def platform_without_the_table(reference_territories, catalogue):
    """Reference territories, the indicator catalogue and the demo logins (Erfurt's
    coordinator with its second factor); the school-leavers table has never been imported."""
    from accounts import demo as accounts_demo
    from actors.tests.factories import OrganisationFactory
    from places.models import Territory

    erfurt = Territory.objects.get_by_key("ags:16051000")
    OrganisationFactory(slug="vhs-erfurt", seat=erfurt)  # the demo editor's organisation
    accounts_demo.load()


def test_erfurt_s_coordinator_imports_the_school_leavers_and_opens_the_indicator(
    platform_without_the_table, browser_page
):
    page = browser_page
    log_in_with_second_factor(page, ERFURT_COORDINATOR)

    page.goto(reverse("monitoring:import_start"))
    page.get_by_label("Datei", exact=True).set_input_files(str(SCHOOL_LEAVERS))
    # The dry run is preselected: the file is checked first, then confirmed.
    assert page.get_by_label("Probelauf: nur prüfen und zählen, nichts schreiben").is_checked()
    page.get_by_role("button", name="Datei prüfen").click(timeout=IMPORT_SECONDS)
    page.get_by_text("Probelauf bestanden").wait_for(timeout=IMPORT_SECONDS)
    page.get_by_role("button", name="Bestätigen und importieren").click(timeout=IMPORT_SECONDS)
    page.get_by_text("Importiert.", exact=True).wait_for(timeout=IMPORT_SECONDS)

    status = page.locator("#import-status")
    assert "enthält bereits Daten" not in status.inner_text()
    assert status.get_by_text("Amtliche Statistik").count() == 1
    table_link = status.get_by_role("link", name=re.compile(r"Tabelle 21111-02-06-4"))
    assert table_link.get_attribute("href") == reverse(
        "monitoring:dataset_detail", kwargs={"code": "21111-02-06-4"}
    )
    assert axe_violations(page) == []

    status.get_by_role("link", name="Anteil der Schulabgänger ohne Hauptschulabschluss").click()
    page.wait_for_url(
        re.compile(
            reverse(
                "monitoring:indicator_detail", kwargs={"code": "abgaenger-ohne-hauptschulabschluss"}
            )
        )
    )
    erfurt_2015 = page.locator(
        "section[aria-labelledby='series-heading'] tr", has_text="Erfurt"
    ).filter(has_text="2015")
    assert erfurt_2015.count() == 1
    assert "9,1" in erfurt_2015.inner_text()  # 137 of 1,501 school leavers in 2015
