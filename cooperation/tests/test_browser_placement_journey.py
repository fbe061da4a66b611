"""In the browser (#12, finding 11): an employee applies for a placement and both coordinators
decide. Berlin's EVA: a member of a Senate department (a viewer, no coordinator) applies from
the programme page for a placement in Vienna; Berlin's coordinator approves for the sending
side, Vienna's for the host side, each signing in with their second factor; the placement is
then approved and its history names both decisions, who took them and when."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.demo import totp_code
from bildungsnetz.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-langes-kennwort-42"  # noqa: S105 - test accounts only


def _account(email, name, *, territory=None, organisation=None, role, second_factor=False):
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.demo import DEMO_TOTP_SECRET
    from accounts.models import Membership, User

    user = User.objects.create_user(email, PASSWORD, display_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(user=user, territory=territory, organisation=organisation, role=role)
    if second_factor:
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


@pytest.fixture
def eva(transactional_db):
    from accounts.models import RoleLevel

    from .factories import OrganisationFactory, ProgrammeFactory, TerritoryFactory

    berlin = TerritoryFactory(name="Berlin", code="11000000")
    wien = TerritoryFactory(name="Wien", scheme="gkz", code="90001", country="AT")
    senate = OrganisationFactory(
        name="Senatsverwaltung für Umwelt, Verkehr und Klimaschutz", slug="senuvk", seat=berlin
    )
    programme = ProgrammeFactory(
        name="Europäischer Verwaltungsaustausch", acronym="EVA", slug="eva", is_public=True
    )
    programme.cities.set([berlin])
    programme.organisations.set([senate])
    return {
        "programme": programme,
        "employee": _account("ida@senuvk.example", "Ida Hospitantin", organisation=senate,
                             role=RoleLevel.VIEWER),
        "berlin": _account("koordination@berlin.example", "Koordination Berlin",
                           territory=berlin, role=RoleLevel.COORDINATOR, second_factor=True),
        "wien": _account("koordination@wien.example", "Koordination Wien", territory=wien,
                         role=RoleLevel.COORDINATOR, second_factor=True),
    }  # fmt: skip


def _signed_in(browser, live_server, user, *, second_factor: bool):
    """A fresh browser session in which `user` signs in through the login screen."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(reverse("account_login"))
    page.locator('input[name="login"]').fill(user.email)
    password = page.locator('input[name="password"]')
    password.fill(PASSWORD)
    password.press("Enter")
    if second_factor:
        page.wait_for_url(re.compile(reverse("mfa_authenticate")))
        code = page.locator('input[name="code"]')
        code.fill(totp_code())
        code.press("Enter")
    page.wait_for_url(
        lambda url: reverse("mfa_index") not in url and reverse("account_login") not in url
    )
    return context, page


def _decide(browser, live_server, user, side_label: str, reason: str) -> str:
    """The coordinator finds the application in their list and approves it for their side;
    returns the confirmation shown."""
    context, page = _signed_in(browser, live_server, user, second_factor=True)
    try:
        page.goto(reverse("cooperation:placement_list"))
        page.get_by_role("link", name="Ida Hospitantin").click()
        page.wait_for_url(re.compile(re.escape(reverse("cooperation:placement_list")) + r"\d+/$"))
        card = page.locator("form", has_text=f"Ihre Entscheidung für die {side_label}")
        assert card.count() == 1, "exactly the coordinator's own side is offered"
        assert axe_violations(page) == []
        card.get_by_label("Genehmigen").check()
        card.get_by_label("Begründung").fill(reason)
        card.get_by_role("button", name="Entscheidung erfassen").click()
        page.wait_for_url(re.compile(re.escape(reverse("cooperation:placement_list")) + r"\d+/$"))
        return page.locator(".bn-messages").inner_text()
    finally:
        context.close()


def test_an_employee_applies_for_a_placement_and_both_coordinators_decide(
    eva, live_server, _browser
):
    from cooperation.models import Placement, PlacementState

    # The employee applies from the programme page.
    context, page = _signed_in(_browser, live_server, eva["employee"], second_factor=False)
    page.goto(eva["programme"].get_absolute_url())
    page.get_by_role("link", name="Bewerben", exact=True).click()
    page.wait_for_url(
        reverse("cooperation:placement_apply", kwargs={"slug": eva["programme"].slug})
    )
    assert page.get_by_label("Vorname").input_value() == "Ida"  # from the account
    page.get_by_label("Nachname").fill("Hospitantin")
    page.get_by_label("Ihre Organisationseinheit").fill("Referat Klimaanpassung")
    page.get_by_label("Gewünschte Gaststadt").select_option(label="Wien")
    page.get_by_label("Gewünschtes Arbeitsfeld").fill("Hitzeschutz")
    page.get_by_role("button", name="Bewerbung absenden").click()
    page.wait_for_url(re.compile(re.escape(reverse("cooperation:placement_list")) + r"\d+/$"))
    decisions = page.locator("#decisions")
    assert decisions.inner_text().count("Entscheidung steht aus") == 2
    # The applicant cannot decide, but may withdraw.
    assert page.get_by_role("button", name="Entscheidung erfassen").count() == 0
    assert page.get_by_role("button", name="Bewerbung zurückziehen").count() == 1
    context.close()
    placement = Placement.objects.get()
    assert placement.person.user == eva["employee"]

    # Berlin's coordinator approves for the sending side: the other side has yet to decide.
    said = _decide(_browser, live_server, eva["berlin"], "entsendende Seite", "Gern.")
    assert "Die andere Seite entscheidet noch" in said
    placement.refresh_from_db()
    assert placement.state == PlacementState.APPLIED

    # Vienna's coordinator approves for the host side: the application is approved.
    said = _decide(_browser, live_server, eva["wien"], "aufnehmende Seite", "Willkommen.")
    assert "Beide Seiten haben die Bewerbung genehmigt" in said

    # The employee sees the approved placement and both decisions with who and when.
    context, page = _signed_in(_browser, live_server, eva["employee"], second_factor=False)
    page.goto(placement.get_absolute_url())
    assert "Bewerbung genehmigt" in page.locator(".kern-badge").first.inner_text()
    decisions = page.locator("#decisions").inner_text()
    assert re.search(r"Genehmigt von Koordination Berlin am \d\d\.\d\d\.\d{4}", decisions)
    assert re.search(r"Genehmigt von Koordination Wien am \d\d\.\d\d\.\d{4}", decisions)
    history = page.locator("section[aria-labelledby='history-heading'] tbody tr")
    rows = [history.nth(i).inner_text() for i in range(history.count())]
    assert len(rows) == 3
    assert "Entsendende Seite: genehmigt" in rows[1] and "Koordination Berlin" in rows[1]
    assert "Aufnehmende Seite: genehmigt" in rows[2] and "Koordination Wien" in rows[2]
    assert "Bewerbung genehmigt" in rows[2]
    assert axe_violations(page) == []
    context.close()
    placement.refresh_from_db()
    assert placement.state == PlacementState.APPROVED
