"""Every API list checks its filters the same way (#13, finding 2): a filter naming something
that does not exist is a 422 with the field's message, never "no filter" (which listed every
cooperation project) and never a silent empty list (as the organisations answered)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from actors.tests.factories import OrganisationFactory
from cooperation.tests.factories import (
    AgreementFactory,
    PartnershipFactory,
    ProgrammeFactory,
    ProjectFactory,
)
from monitoring.tests.factories import IndicatorFactory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db

UNKNOWN_CITY = {"city": "99999999"}
# (URL name of the list, invalid filter, the field that must carry the message)
LISTS = [
    ("api-v1:list_places", {"parent": "ags:99999999"}, "parent"),
    ("api-v1:list_organisations", UNKNOWN_CITY, "city"),
    ("api-v1:list_organisations", {"topic": "no-such-topic"}, "topic"),
    ("api-v1:list_partnerships", UNKNOWN_CITY, "city"),
    ("api-v1:list_agreements", UNKNOWN_CITY, "city"),
    ("api-v1:list_projects", UNKNOWN_CITY, "city"),
    ("api-v1:list_programmes", UNKNOWN_CITY, "city"),
    ("api-v1:list_work_programmes", UNKNOWN_CITY, "city"),
    ("api-v1:list_projects", {"topic": "no-such-topic"}, "topic"),
    ("api-v1:list_partnerships", {"year": 1200}, "year"),
    ("api-v1:list_partnerships", {"kind": "no-such-kind"}, "kind"),
    ("api-v1:list_offers", {"district": "ags:99999999"}, "district"),
    ("api-v1:list_offers", {"language": "xx"}, "language"),
    ("api-v1:observations", {"territory": "ags:99999999"}, "territory"),
    ("api-v1:indicator_values", {"territory": "ags:99999999"}, "territory"),
]  # fmt: skip


@pytest.fixture
def lists_with_content():
    """Something in every list, so "no filter" would have listed it."""
    cache.clear()
    city = TerritoryFactory(scheme="ags", code="16051000", level="city")
    OrganisationFactory(seat=city)
    partnership = PartnershipFactory(parties=[city, TerritoryFactory()])
    AgreementFactory(partnership=partnership)
    ProjectFactory(partnership=partnership)
    ProgrammeFactory()
    # The URL arguments of the lists that need some.
    return {"api-v1:indicator_values": {"code": IndicatorFactory().code}}


@pytest.mark.parametrize(("name", "params", "field"), LISTS)
def test_an_unknown_filter_value_is_a_422_with_the_fields_message_in_every_list(
    client, lists_with_content, name, params, field
):
    url = reverse(name, kwargs=lists_with_content.get(name))
    assert client.get(url).status_code == 200
    response = client.get(url, params)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid" and body["detail"]
    assert list(body["fields"]) == [field] and all(body["fields"][field])
