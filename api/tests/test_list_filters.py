"""Every API list checks its filters the same way (#13, finding 2): a filter naming something
that does not exist is a 422 with the field's message, never "no filter" (which listed every
cooperation project) and never a silent empty list (as the organisations answered)."""

import pytest
from django.core.cache import cache

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
# (list, invalid filter, the field that must carry the message)
LISTS = [
    ("/api/v1/places/", {"parent": "ags:99999999"}, "parent"),
    ("/api/v1/organisations/", UNKNOWN_CITY, "city"),
    ("/api/v1/organisations/", {"topic": "no-such-topic"}, "topic"),
    ("/api/v1/cooperation/partnerships", UNKNOWN_CITY, "city"),
    ("/api/v1/cooperation/agreements", UNKNOWN_CITY, "city"),
    ("/api/v1/cooperation/projects", UNKNOWN_CITY, "city"),
    ("/api/v1/cooperation/programmes", UNKNOWN_CITY, "city"),
    ("/api/v1/cooperation/projects", {"topic": "no-such-topic"}, "topic"),
    ("/api/v1/cooperation/partnerships", {"year": 1200}, "year"),
    ("/api/v1/cooperation/partnerships", {"kind": "no-such-kind"}, "kind"),
    ("/api/v1/offers/", {"district": "ags:99999999"}, "district"),
    ("/api/v1/offers/", {"language": "xx"}, "language"),
    ("/api/v1/monitoring/observations", {"territory": "ags:99999999"}, "territory"),
    ("/api/v1/monitoring/indicators/{indicator}/values", {"territory": "ags:99999999"},
     "territory"),
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
    return {"indicator": IndicatorFactory().code}


@pytest.mark.parametrize(("url", "params", "field"), LISTS)
def test_an_unknown_filter_value_is_a_422_with_the_fields_message_in_every_list(
    client, lists_with_content, url, params, field
):
    url = url.format(**lists_with_content)
    assert client.get(url).status_code == 200
    response = client.get(url, params)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid" and body["detail"]
    assert list(body["fields"]) == [field] and all(body["fields"][field])
