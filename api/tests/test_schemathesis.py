"""Property-based run of the whole API against its own OpenAPI document (schemathesis)."""

import pytest
import schemathesis
from django.urls import reverse
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bildungsnetz.wsgi import application

schema = schemathesis.openapi.from_wsgi(reverse("api-v1:openapi-json"), application)
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
]


@pytest.fixture
def api_data(db, settings, reference_territories, keep_test_connection):
    from actors.tests.factories import OrganisationFactory
    from places.models import Territory

    settings.API_RATE_ANON = "100000/m"
    OrganisationFactory(seat=Territory.objects.get_by_key("ags:16051000"), slug="vhs-erfurt")


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, api_data):
    case.call_and_validate(checks=CHECKS)
