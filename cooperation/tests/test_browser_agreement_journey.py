"""In the browser (#12, findings 3 and 4): Erfurt's coordinator records an agreement with
Vienna, with its signatories and three goals, then links a goal to a project of the
partnership and to a monitoring indicator, and sees the goal's progress against its target
with the latest value, its period and its source."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from accounts.demo import DEMO_USERS
from bildungsnetz.tests.browser import axe_violations, log_in_with_second_factor

# browser_page comes from bildungsnetz.tests.browser, registered for the whole suite.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ERFURT_COORDINATOR = next(u[0] for u in DEMO_USERS if u[3] == "ags:16051000")
GOALS = [
    "Ausbau des Verwaltungsaustauschs zu Bildungsthemen",
    "Weniger Jugendliche verlassen die Schule ohne Abschluss",
    "Gemeinsame Fachtage zum lebenslangen Lernen",
]


@pytest.fixture
def erfurt_and_vienna(reference_territories):
    """The partnership of Erfurt and Vienna with one joint project, the two administrations,
    an indicator of monitoring with two values for Erfurt, and the demo logins."""
    from accounts import demo as accounts_demo
    from actors.tests.factories import OrganisationFactory
    from monitoring.models import Dataset, Indicator, IndicatorValue
    from places.models import Territory

    from .factories import PartnershipFactory, ProjectFactory

    erfurt = Territory.objects.get_by_key("ags:16051000")
    vienna = Territory.objects.get_by_key("gkz:90001")
    OrganisationFactory(slug="vhs-erfurt", seat=erfurt)  # the demo editor's organisation
    OrganisationFactory(
        slug="stadtverwaltung-erfurt", name_de="Stadtverwaltung Erfurt", seat=erfurt
    )
    OrganisationFactory(slug="stadt-wien", name_de="Stadt Wien", seat=vienna)
    partnership = PartnershipFactory(
        name_de="Erfurt – Wien", slug="erfurt-wien", parties=[erfurt, vienna]
    )
    ProjectFactory(partnership=partnership, title_de="Hospitationen Erfurt–Wien")
    dataset = Dataset.objects.create(
        code="21111-02-06-4", title="Schulabgänger", source="Statistisches Bundesamt",
        licence="dl-de/by-2-0",
    )  # fmt: skip
    indicator = Indicator.objects.create(
        code="abgaenger-ohne-abschluss", area="general_schools", name="Abgänger ohne Abschluss",
        unit="%",
    )  # fmt: skip
    for period, value in (("2019", 12.0), ("2023", 10.0)):
        IndicatorValue.objects.create(
            indicator=indicator, territory=erfurt, period=period, value=value,
            period_date=dt.date(int(period), 12, 31), dataset=dataset,
        )  # fmt: skip
    accounts_demo.load()
    return partnership


def _save(page) -> None:
    page.locator(".bn-actions button[type=submit]").click()


def _fill_signatory(page, index: int, name: str, function: str, organisation: str) -> None:
    row = f"signatories-{index}"
    page.locator(f'input[name="{row}-name"]').fill(name)
    page.locator(f'input[name="{row}-function"]').fill(function)
    page.locator(f'select[name="{row}-organisation"]').select_option(label=organisation)
    page.locator(f'select[name="{row}-signed_place"]').select_option(label="Erfurt")
    page.locator(f'input[name="{row}-signed_on"]').fill("2022-10-04")


def test_a_coordinator_records_an_agreement_and_follows_a_goal_to_its_progress(
    erfurt_and_vienna, browser_page
):
    page = browser_page
    log_in_with_second_factor(page, ERFURT_COORDINATOR)

    # The agreement, with its signatories, on one form.
    page.goto(reverse("cooperation:agreement_create") + "?partnership=erfurt-wien")
    page.locator('input[name="title_de"]').fill("Kooperationsvereinbarung Erfurt – Wien")
    page.locator('select[name="kind"]').select_option("cooperation")
    page.locator('select[name="signed_place"]').select_option(label="Erfurt")
    page.locator('input[name="signed_on"]').fill("2022-10-04")
    _fill_signatory(page, 0, "Andreas Bausewein", "Oberbürgermeister", "Stadtverwaltung Erfurt")
    # A signature after the agreement's own date is refused, and nothing typed is lost.
    page.locator('input[name="signatories-0-signed_on"]').fill("2022-10-05")
    _save(page)
    page.get_by_text("eine Unterschrift kann nicht danach liegen").first.wait_for()
    assert page.locator('input[name="signatories-0-name"]').input_value() == "Andreas Bausewein"
    page.locator('input[name="signatories-0-signed_on"]').fill("2022-10-04")
    _fill_signatory(page, 1, "Michael Ludwig", "Bürgermeister", "Stadt Wien")
    page.get_by_role("button", name="Weitere Unterzeichnende hinzufügen").click()
    _fill_signatory(page, 2, "Erika Muster", "Bildungsdezernentin", "Stadtverwaltung Erfurt")
    assert axe_violations(page) == []
    _save(page)
    page.wait_for_url(re.compile(re.escape(reverse("cooperation:agreement_list")) + r"[-\w]+/$"))
    agreement_url = page.url
    slug = resolve(urlsplit(agreement_url).path).kwargs["slug"]

    signatories = page.locator("section[aria-labelledby='signatories-heading']")
    assert "Keine Unterzeichnenden erfasst" not in signatories.inner_text()
    for name in ("Andreas Bausewein", "Michael Ludwig", "Erika Muster"):
        assert signatories.get_by_text(name).count() == 1
    assert "Stadt Wien" in signatories.inner_text()
    assert "unterzeichnet in Erfurt am 4. Oktober 2022" in signatories.inner_text()

    # Three goals.
    for text in GOALS:
        page.goto(agreement_url)
        page.get_by_role("link", name="Ziel hinzufügen").click()
        page.locator('textarea[name="text_de"]').fill(text)
        _save(page)
        page.get_by_text("Das Ziel wurde gespeichert.").wait_for()
    page.goto(agreement_url)
    assert page.locator("ol.bn-goals > li").count() == 3

    # Goal 2: a project of the partnership serves it …
    page.get_by_role("link", name="Ziel 2", exact=True).click()
    page.wait_for_url(reverse("cooperation:goal_detail", kwargs={"slug": slug, "number": 2}))
    assert page.get_by_text("0 Projekte").count() == 1
    page.get_by_label("Projekt dieser Partnerschaft").select_option(
        label="Hospitationen Erfurt–Wien"
    )
    page.get_by_role("button", name="Projekt mit diesem Ziel verknüpfen").click()
    page.get_by_text("„Hospitationen Erfurt–Wien“ dient jetzt diesem Ziel.").wait_for()
    assert page.get_by_text("1 Projekt", exact=False).count() >= 1
    assert page.get_by_role("link", name="Hospitationen Erfurt–Wien").count() == 1

    # … and an indicator of monitoring measures it, with baseline and target.
    page.get_by_role("link", name="Indikator anhängen").click()
    indicator = page.get_by_label("Indikator aus dem Monitoring")
    assert indicator.evaluate("e => e.tagName === 'SELECT' && !e.multiple")
    assert "kern-form-input__select" in indicator.get_attribute("class")
    indicator.select_option(label="Abgänger ohne Abschluss (%)")
    page.get_by_label("Gemessen in").select_option(label="Erfurt")
    page.get_by_label("Ausgangswert", exact=False).first.fill("12")
    page.get_by_label("Jahr des Ausgangswerts").fill("2019")
    page.get_by_label("Zielwert", exact=False).first.fill("8")
    page.get_by_label("Zieljahr").fill("2030")
    assert axe_violations(page) == []
    _save(page)
    page.get_by_text("Der Indikator des Ziels wurde gespeichert.").wait_for()

    row = page.locator("section[aria-labelledby='indicators-heading'] tbody tr")
    assert row.count() == 1
    text = row.inner_text()
    assert "Abgänger ohne Abschluss" in text and "Erfurt" in text
    assert "12" in text and "(2019)" in text and "8" in text and "(2030)" in text
    assert "2023; Quelle: Statistisches Bundesamt, dl-de/by-2-0" in text  # latest, its source
    assert "50 %" in text  # from 12 towards 8, at 10 now
    assert axe_violations(page) == []
