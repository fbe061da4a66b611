"""Suggestions for an organisation: an Erfurt association seeking a school partnership finds
the Vienna one offering it first, with its reasons; the page stays at a fixed number of
queries with many organisations; only the organisation's members see it."""

import pytest
from django.urls import reverse
from django.utils import translation

from actors.tests.factories import OrganisationFactory
from partners import selectors
from partners.models import Direction, ListingFormat

from .conftest import topic
from .factories import PartnerListingFactory

pytestmark = pytest.mark.django_db


def _url(organisation):
    with translation.override("en"):
        return reverse("partners:suggestions", args=[organisation.slug])


def test_an_erfurt_ngo_seeking_a_school_partnership_sees_the_vienna_offer_first_with_reasons(
    client, erfurt_editor, erfurt_wien, seeks_school_partnership, offers_school_partnership,
    berlin,
):  # fmt: skip
    PartnerListingFactory(
        organisation=OrganisationFactory(seat=berlin, name_de="Schule Berlin"),
        title_de="Schulpartnerschaft Berlin",
    )
    client.force_login(erfurt_editor)
    response = client.get(_url(seeks_school_partnership.organisation))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r["listing"] for r in rows][0] == offers_school_partnership
    assert rows[1]["listing"].title == "Schulpartnerschaft Berlin"
    reasons = rows[0]["reasons"]
    assert reasons[0] == "offers what you seek: School partnership"
    assert reasons[1] == "partner city of Erfurt (Cooperation)"
    assert "2 shared topics: Career orientation, School partnerships" in reasons
    assert "shared target group: Young people" in reasons
    assert "speaks German" in reasons
    assert "Lernwerkstatt Wien" in response.content.decode()


def test_the_reasons_are_german_on_the_german_page(
    client, erfurt_editor, erfurt_wien, seeks_school_partnership, offers_school_partnership
):
    client.force_login(erfurt_editor)
    with translation.override("de"):
        url = reverse("partners:suggestions", args=[seeks_school_partnership.organisation.slug])
    reasons = client.get(url).context["rows"][0]["reasons"]
    assert reasons[0] == "bietet, was Sie suchen: Schulpartnerschaft"
    assert reasons[1] == "Partnerstadt von Erfurt (Kooperation)"


def test_hidden_and_inactive_listings_are_not_suggested(
    erfurt_wien, seeks_school_partnership, offers_school_partnership, wien
):
    PartnerListingFactory(organisation=OrganisationFactory(seat=wien, is_public=False))
    PartnerListingFactory(organisation=OrganisationFactory(seat=wien), active=False)
    found, _city = selectors.suggestions_for(seeks_school_partnership.organisation)
    assert [s.listing_id for s in found] == [offers_school_partnership.pk]


def test_the_suggestions_take_a_fixed_number_of_queries_with_many_organisations(
    client, erfurt_editor, erfurt_wien, seeks_school_partnership, wien, berlin,
    django_assert_max_num_queries,
):  # fmt: skip
    career = topic("berufsorientierung")

    def add(n):
        for i in range(n):
            seat = wien if i % 2 else berlin
            PartnerListingFactory(
                organisation=OrganisationFactory(seat=seat), topics=[career],
                direction=Direction.OFFER, format=ListingFormat.SCHOOL_PARTNERSHIP,
            )  # fmt: skip

    add(5)
    client.force_login(erfurt_editor)
    url = _url(seeks_school_partnership.organisation)
    with django_assert_max_num_queries(60) as few:
        assert client.get(url).status_code == 200
    add(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 45
    assert len(response.context["rows"]) == 20


def test_only_members_of_the_organisation_see_its_suggestions(
    client, stranger, seeks_school_partnership
):
    url = _url(seeks_school_partnership.organisation)
    assert client.get(url).status_code == 302  # to the login
    client.force_login(stranger)
    assert client.get(url).status_code == 403


def test_the_api_gives_the_suggestions_with_reason_codes_to_members_only(
    client, erfurt_editor, erfurt_wien, seeks_school_partnership, offers_school_partnership
):
    slug = seeks_school_partnership.organisation.slug
    url = reverse("api-v1:list_partner_suggestions", args=[slug])
    assert client.get(url).status_code in (401, 403)
    client.force_login(erfurt_editor)
    with translation.override("en"):
        body = client.get(url).json()
    first = body["items"][0]
    assert first["listing"] == offers_school_partnership.pk
    assert first["organisation"] == "lernwerkstatt-wien"
    assert [r["code"] for r in first["reasons"]][:2] == ["offers_what_you_seek", "partner_city"]


def test_schools_in_the_directory_without_listings_are_worth_asking_for_a_school_partnership(
    client, erfurt_editor, erfurt_wien, seeks_school_partnership, offers_school_partnership,
    wien, berlin,
):  # fmt: skip
    """The real open data brings hundreds of schools without any listing: a school partnership
    is made with a school, so they are suggested below the listings, with their reasons."""
    vienna_school = OrganisationFactory(seat=wien, kind="school", name_de="Mittelschule Wien")
    berlin_school = OrganisationFactory(seat=berlin, kind="school", name_de="Schule Berlin")
    OrganisationFactory(seat=wien, kind="ngo", name_de="Verein ohne Angebot")
    OrganisationFactory(seat=wien, kind="school", is_public=False, name_de="Versteckte Schule")
    client.force_login(erfurt_editor)
    response = client.get(_url(seeks_school_partnership.organisation))
    directory = response.context["directory_rows"]
    assert [row["organisation"] for row in directory] == [vienna_school, berlin_school]
    assert directory[0]["reasons"][:2] == [
        "School, can be asked about: School partnership",
        "partner city of Erfurt (Cooperation)",
    ]
    # The organisation that stated an offer is a suggestion above, not repeated here.
    assert offers_school_partnership.organisation not in [r["organisation"] for r in directory]
    assert "Also worth asking" in response.content.decode()


def test_without_a_need_the_directory_suggests_nobody(erfurt_wien, offers_school_partnership, wien):
    OrganisationFactory(seat=wien, kind="school")
    assert selectors.directory_suggestions_for(offers_school_partnership.organisation) == []
