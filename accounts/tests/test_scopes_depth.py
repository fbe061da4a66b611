"""Who covers which organisation is one computation at any depth (#13, finding 3).

A role in an organisation covers every organisation below it, however deep: the page, the
list, its exports, the API and every list filter built on the scopes agree with the rule.
"""

import csv
import io

import pytest
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.scopes import organisation_scope_q, organisations_visible_to
from accounts.tests.factories import MembershipFactory, UserFactory
from actors.models import Organisation
from actors.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(db):
    """A → B → C → D, none of them public: only roles make them visible."""
    a = OrganisationFactory(slug="a-dach", name_de="Dachverband A", is_public=False)
    b = OrganisationFactory(slug="b-kind", name_de="Kind B", parent=a, seat=a.seat, is_public=False)
    c = OrganisationFactory(
        slug="c-enkel", name_de="Enkel C", parent=b, seat=a.seat, is_public=False
    )
    d = OrganisationFactory(
        slug="d-urenkel", name_de="Urenkel D", parent=c, seat=a.seat, is_public=False
    )
    OrganisationFactory(slug="fremd", name_de="Fremder Verein", is_public=False)
    viewer = UserFactory()
    MembershipFactory(user=viewer, organisation=a, role=RoleLevel.VIEWER)
    return {"a": a, "d": d, "viewer": viewer}


def test_a_viewer_of_an_organisation_sees_its_great_grandchild_on_its_page_list_export_and_api(
    client, chain
):
    client.force_login(chain["viewer"])
    d = chain["d"]
    assert client.get(d.get_absolute_url()).status_code == 200

    listed = client.get(reverse("actors:organisation_list")).context["page_obj"].object_list
    assert {o.slug for o in listed} == {"a-dach", "b-kind", "c-enkel", "d-urenkel"}

    response = client.get(reverse("actors:organisation_list"), {"format": "csv"})
    exported = b"".join(response.streaming_content).decode("utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(exported))][1:]
    assert "Urenkel D" in names
    assert "Fremder Verein" not in names

    api = client.get(reverse("api-v1:list_organisations")).json()
    slugs = {item["slug"] for item in api["items"]}
    assert "d-urenkel" in slugs
    assert "fremd" not in slugs
    assert (
        client.get(reverse("api-v1:get_organisation", kwargs={"slug": d.slug})).status_code == 200
    )


def test_the_visible_organisations_agree_with_the_view_rule_for_every_organisation(chain):
    viewer = chain["viewer"]
    by_rule = {
        o.slug for o in Organisation.objects.all() if viewer.has_perm("actors.view_organisation", o)
    }
    assert set(organisations_visible_to(viewer).values_list("slug", flat=True)) == by_rule


def test_a_viewer_of_an_organisation_sees_the_partnerships_of_its_great_grandchild(chain):
    """The cooperation lists (scope_q) used to stop one level below the organisation."""
    from cooperation.models import Partnership
    from cooperation.tests.factories import PartnershipFactory

    own = PartnershipFactory(is_public=False, parties=[chain["d"], OrganisationFactory()])
    PartnershipFactory(is_public=False, parties=[OrganisationFactory(), OrganisationFactory()])
    assert list(Partnership.objects.visible_to(chain["viewer"])) == [own]


def test_an_organisation_filter_can_start_from_any_relation(chain):
    condition = organisation_scope_q(chain["viewer"], RoleLevel.VIEWER, lookup="parent")
    assert set(Organisation.objects.filter(condition).values_list("slug", flat=True)) == {
        "b-kind",
        "c-enkel",
        "d-urenkel",
    }


def test_a_unit_deep_below_a_party_organisation_is_on_that_side_of_the_agreement(chain):
    """Signatories may come from any unit below a party organisation, not only its children."""
    from cooperation.services_signatories import side_organisations
    from cooperation.tests.factories import PartnershipFactory

    partnership = PartnershipFactory(parties=[chain["a"], OrganisationFactory(slug="andere")])
    sides = set(side_organisations(partnership).values_list("slug", flat=True))
    assert sides == {"a-dach", "b-kind", "c-enkel", "d-urenkel", "andere"}
