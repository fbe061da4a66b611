"""Fault tests: malformed bodies for every writing API endpoint, sent with a valid write token.

api/tests/test_schemathesis.py runs every endpoint anonymously against the OpenAPI document
(writes stop at the missing token there). Here schemathesis sends what it makes of the write
endpoints' schemas, valid and invalid, as an editor of the organisation and offer it names:
never a server error, and a refused request (4xx) changes nothing.
"""

import pytest
import schemathesis
from django.urls import reverse
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from accounts.models import Membership, RoleLevel
from accounts.services import token_create
from accounts.tests.factories import UserFactory
from actors.models import Organisation
from actors.tests.factories import OrganisationFactory
from bildungsnetz.wsgi import application
from offers.models import Offer
from offers.tests.factories import OfferFactory
from places.models import Territory

schema = schemathesis.openapi.from_wsgi(reverse("api-v1:openapi-json"), application).include(
    method=["POST", "PATCH", "PUT", "DELETE"]
)
# Valid and invalid bodies (wrong types, missing and extra fields, values out of range).
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
)
ORGANISATION = "fehler-verein"
OFFER = "fehler-angebot"
# Refused by Django before the API sees the request, with its plain error page: a method the
# endpoint does not have (405), a body Django cannot parse at all (400, e.g. a multipart body
# without a boundary).
DJANGO_REFUSALS = {400, 405}


@pytest.fixture
def editor_token(db, settings, reference_territories, keep_test_connection) -> str:
    settings.API_RATE_ANON = settings.API_RATE_USER = "100000/m"
    erfurt = Territory.objects.get_by_key("ags:16051000")
    organisation = OrganisationFactory(seat=erfurt, slug=ORGANISATION)
    OfferFactory(provider=organisation, slug=OFFER)
    user = UserFactory()
    Membership.objects.create(user=user, organisation=organisation, role=RoleLevel.EDITOR)
    return token_create(user=user, name="fault test", read_only=False)[1]


def _state() -> tuple[list, list]:
    return (
        sorted(Organisation.objects.values_list(), key=repr),
        sorted(Offer.objects.values_list(), key=repr),
    )


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_malformed_writes_get_a_clear_refusal_and_change_nothing(case, editor_token):
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = ORGANISATION if "organisation" in case.path else OFFER
    before = _state()
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {editor_token}"}, checks=[not_a_server_error]
    )
    if 400 <= response.status_code < 500:
        assert _state() == before
    if 400 <= response.status_code < 500 and response.status_code not in DJANGO_REFUSALS:
        assert response.headers["content-type"][0].startswith("application/json")
        assert response.json(), "a refusal says why"
