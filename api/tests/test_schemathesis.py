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
def keep_test_connection():
    """Calls go straight to the WSGI app, not through Django's test client, so do what the
    client does: don't let request signals close the connection that holds the test's
    transaction (PostgreSQL would otherwise lose it after the first request)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
