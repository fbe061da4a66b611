"""In the browser (#16, "done when"): the editor of an Erfurt association seeking a school
partnership opens the suggestions for it, finds the Vienna association offering one first,
with its reasons, and sends a contact request; the request reaches Vienna's fixed contact
person, who accepts it with her own account, and it becomes a model partnership of the
Erfurt – Vienna partnership with a contact person on each side. axe-core finds no WCAG 2.1 AA
violation on the suggestions and the request page."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import Membership, RoleLevel, User
from actors.models import Language, TargetGroup, Topic
from actors.services import taxonomies_load
from actors.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from bildungsnetz.tests.browser import axe_violations
from cooperation.models import Partnership, ProjectKind
from cooperation.tests.factories import ParticipantFactory, PartnershipFactory, ProjectFactory
from partners.models import (
    ContactRequest,
    Direction,
    ListingFormat,
    PartnerListing,
    RecognitionConsent,
    RequestState,
)
from places.models import Territory
from places.services import territories_load_reference

from .factories import PartnerListingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ein-langes-kennwort-42"  # noqa: S105 - test accounts only


def _user(email):
    user = User.objects.create_user(email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def erfurt_and_vienna(transactional_db):
    territories_load_reference()
    taxonomies_load()
    erfurt = Territory.objects.get_by_key("ags:16051000")
    wien = Territory.objects.get_by_key("gkz:90001")
    berlin = Territory.objects.get_by_key("ags:11000000")
    PartnershipFactory(name_de="Erfurt – Wien", slug="erfurt-wien", parties=[erfurt, wien])
    school = Topic.objects.get(slug="schulpartnerschaften")
    youth = TargetGroup.objects.get(slug="jugendliche")
    verein = OrganisationFactory(name_de="Brückenverein Erfurt", slug="brueckenverein", seat=erfurt)
    verein.languages.set([Language.objects.get(code="de")])
    PartnerListingFactory(
        organisation=verein, direction=Direction.SEEK, title_de="Partnerschule gesucht",
        format=ListingFormat.SCHOOL_PARTNERSHIP, topics=[school], target_groups=[youth],
    )  # fmt: skip
    werkstatt = OrganisationFactory(name_de="Lernwerkstatt Wien", slug="lernwerkstatt", seat=wien)
    werkstatt.languages.set([Language.objects.get(code="de")])
    PartnerListingFactory(
        organisation=werkstatt, title_de="Schulpartnerschaften in Wien",
        format=ListingFormat.SCHOOL_PARTNERSHIP, topics=[school], target_groups=[youth],
    )  # fmt: skip
    PartnerListingFactory(
        organisation=OrganisationFactory(name_de="Schulverein Berlin", seat=berlin),
        title_de="Schulpartnerschaften in Berlin", format=ListingFormat.SCHOOL_PARTNERSHIP,
    )  # fmt: skip
    editor = _user("redaktion@brueckenverein.example")
    Membership.objects.create(user=editor, organisation=verein, role=RoleLevel.EDITOR)
    RoleFactory(person=PersonFactory(user=editor), organisation=verein, is_contact=True)
    contact_user = _user("kovac@lernwerkstatt.example")
    contact = PersonFactory(
        given_name="Marija", family_name="Kovač", email="kovac@lernwerkstatt.example",
        user=contact_user,
    )  # fmt: skip
    RoleFactory(person=contact, organisation=werkstatt, is_contact=True)
    return {"editor": editor, "contact_user": contact_user, "contact": contact}


def _en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _sign_in(page, user):
    page.goto(_en("account_login"))
    page.locator('input[name="login"]').fill(user.email)
    password = page.locator('input[name="password"]')
    password.fill(PASSWORD)
    password.press("Enter")
    page.wait_for_url(lambda url: _en("account_login") not in url)


def test_an_erfurt_ngo_finds_a_vienna_school_partner_and_the_request_becomes_a_model_partnership(
    erfurt_and_vienna, browser_page
):
    page = browser_page
    _sign_in(page, erfurt_and_vienna["editor"])
    page.goto(_en("partners:home"))
    page.get_by_label("My organisation", exact=True).select_option(label="Brückenverein Erfurt")
    page.get_by_role("button", name="Show suggestions").click()
    page.wait_for_url(f"**{_en('partners:suggestions', 'brueckenverein')}")

    first = page.locator(".bn-suggestion").first
    assert first.get_by_role("heading").inner_text() == "Lernwerkstatt Wien"
    reasons = first.locator(".bn-reasons li").all_inner_texts()
    assert reasons[:2] == [
        "offers what you seek: School partnership", "partner city of Erfurt (Cooperation)",
    ]  # fmt: skip
    assert "speaks German" in reasons
    assert (
        page.locator(".bn-suggestion").nth(1).get_by_role("heading").inner_text()
        == "Schulverein Berlin"
    )
    assert axe_violations(page) == []

    first.get_by_role("link", name="Contact Lernwerkstatt Wien").click()
    page.get_by_label("Message").fill("Wir suchen eine Partnerschule für Projekttage.")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/anfragen/*/")
    assert page.locator("#request-state").inner_text() == "Sent"
    assert axe_violations(page) == []
    (sent,) = mail.outbox
    assert sent.to == ["kovac@lernwerkstatt.example"]
    assert "redaktion@brueckenverein.example" not in sent.body
    request = ContactRequest.objects.get()

    page.context.clear_cookies()
    _sign_in(page, erfurt_and_vienna["contact_user"])
    page.goto(_en("partners:request_detail", request.pk))
    assert page.get_by_text("Wir suchen eine Partnerschule für Projekttage.").is_visible()
    assert page.get_by_text("redaktion@brueckenverein.example").count() == 0
    page.get_by_label("Note with your answer").fill("Sehr gern!")
    page.get_by_role("button", name="Accept and start a model partnership").click()
    page.get_by_text("This request became a model partnership.").wait_for()
    assert page.get_by_role("link", name="redaktion@brueckenverein.example").is_visible()

    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED
    project = request.project
    assert project.kind == ProjectKind.MODEL_PARTNERSHIP
    assert project.partnership.slug == "erfurt-wien"
    contacts = {p.organisation.slug: p.contact for p in project.participants.all()}
    assert contacts["lernwerkstatt"] == erfurt_and_vienna["contact"]
    assert contacts["brueckenverein"].user == erfurt_and_vienna["editor"]


def test_the_public_pages_and_the_listing_form_have_no_axe_violations(
    erfurt_and_vienna, browser_page
):
    partnership = Partnership.objects.get(slug="erfurt-wien")
    project = ProjectFactory(
        partnership=partnership, kind=ProjectKind.MODEL_PARTNERSHIP, slug="schulbruecke",
        title_de="Schulbrücke Erfurt – Wien",
    )  # fmt: skip
    contact = erfurt_and_vienna["contact"]
    ParticipantFactory(project=project, organisation=contact.roles.get().organisation,
                       contact=contact)  # fmt: skip
    RecognitionConsent.objects.create(person=contact, project=project)
    listing = PartnerListing.objects.get(title_de="Schulpartnerschaften in Wien")
    page = browser_page
    for url in (
        _en("partners:home"), _en("partners:listing_list"), listing.get_absolute_url(),
        _en("partners:recognition"), _en("partners:overview"),
        _en("partners:project_recognition", project.slug),
        _en("partners:partnership_recognition", partnership.slug),
    ):  # fmt: skip
        page.goto(url)
        assert axe_violations(page) == [], url
    assert page.get_by_text("Marija Kovač").first.is_visible()
    _sign_in(page, erfurt_and_vienna["editor"])
    page.goto(_en("partners:listing_create", "brueckenverein"))
    assert axe_violations(page) == []
