import json

import pytest
from django.urls import reverse

from accounts.models import Membership, RoleLevel
from accounts.services import token_create
from accounts.tests.factories import UserFactory
from actors.tests.factories import OrganisationFactory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    erfurt = TerritoryFactory(scheme="ags", code="16051000", name_de="Erfurt")
    wien = TerritoryFactory(scheme="gkz", code="90001", name_de="Wien", country="AT")
    return erfurt, wien


def _token(user, *, read_only=False):
    return token_create(user=user, name="t", read_only=read_only)[1]


def _patch(client, url, payload, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.patch(url, json.dumps(payload), content_type="application/json", **headers)


def test_places_are_listed_with_filters_stable_order_and_pagination(client, cities):
    erfurt, wien = cities
    TerritoryFactory(
        scheme="ags", code="16051001", name_de="Altstadt", level="district", parent=erfurt
    )
    data = client.get(reverse("api-v1:list_places"), {"country": "DE", "limit": 1}).json()
    assert data["count"] == 2 and len(data["items"]) == 1
    assert data["items"][0]["name"] == "Altstadt"
    data = client.get(reverse("api-v1:list_places"), {"parent": "ags:16051000"}).json()
    assert [p["key"] for p in data["items"]] == ["ags:16051001"]
    assert data["items"][0]["parent"]["key"] == "ags:16051000"
    assert client.get(reverse("api-v1:list_places"), {"level": "city"}).json()["count"] == 2


def test_a_place_is_found_by_its_official_key(client, cities):
    assert (
        client.get(reverse("api-v1:get_place", kwargs={"key": "gkz:90001"})).json()["name"]
        == "Wien"
    )
    missing = client.get(reverse("api-v1:get_place", kwargs={"key": "ags:99999999"}))
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found.", "code": "not_found", "fields": {}}


def test_invalid_parameters_answer_in_the_error_format(client):
    response = client.get(reverse("api-v1:list_places"), {"level": "galaxy", "limit": -1})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and "level" in body["fields"]


def test_a_token_of_city_a_is_refused_on_city_b(client, cities):
    erfurt, wien = cities
    ours = OrganisationFactory(seat=erfurt)
    theirs = OrganisationFactory(seat=wien, name_de="Wiener Verein")
    user = UserFactory()
    Membership.objects.create(user=user, territory=erfurt, role=RoleLevel.COORDINATOR)
    token = _token(user)
    assert (
        _patch(
            client,
            reverse("api-v1:get_organisation", kwargs={"slug": ours.slug}),
            {"name": "Neu"},
            token,
        ).status_code
        == 200
    )
    refused = _patch(
        client,
        reverse("api-v1:get_organisation", kwargs={"slug": theirs.slug}),
        {"name": "Gekapert"},
        token,
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    theirs.refresh_from_db()
    assert theirs.name_de == "Wiener Verein"


def test_writes_need_a_token_that_is_not_read_only(client, cities):
    org = OrganisationFactory(seat=cities[0])
    user = UserFactory()
    Membership.objects.create(user=user, organisation=org, role=RoleLevel.EDITOR)
    assert (
        _patch(
            client, reverse("api-v1:get_organisation", kwargs={"slug": org.slug}), {"name": "x"}
        ).status_code
        == 401
    )
    read_only = _token(user, read_only=True)
    assert (
        _patch(
            client,
            reverse("api-v1:get_organisation", kwargs={"slug": org.slug}),
            {"name": "x"},
            read_only,
        ).status_code
        == 403
    )
    bad = _patch(
        client,
        reverse("api-v1:get_organisation", kwargs={"slug": org.slug}),
        {"name": "x"},
        "bn_falsch",
    )
    assert bad.status_code == 401 and bad.json()["code"] == "not_authenticated"


def test_a_revoked_or_expired_token_is_refused(client, cities):
    from django.utils import timezone

    from accounts.models import ApiToken

    user = UserFactory()
    raw = _token(user)
    ApiToken.objects.update(revoked=timezone.now())
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(reverse("api-v1:list_places"), **headers).status_code == 401


def test_the_patch_sanitises_rich_text_and_validates_fields(client, cities):
    org = OrganisationFactory(seat=cities[0])
    user = UserFactory()
    Membership.objects.create(user=user, organisation=org, role=RoleLevel.EDITOR)
    token = _token(user)
    response = _patch(
        client,
        reverse("api-v1:get_organisation", kwargs={"slug": org.slug}),
        {"description": "<p>Hallo</p><script>alert(1)</script>"},
        token,
    )
    assert response.status_code == 200
    assert "<script>" not in response.json()["description"]
    invalid = _patch(
        client,
        reverse("api-v1:get_organisation", kwargs={"slug": org.slug}),
        {"email": "keine-adresse"},
        token,
    )
    assert invalid.status_code == 422 and "email" in invalid.json()["fields"]


def test_anonymous_callers_are_rate_limited_per_ip(client, settings):
    settings.API_RATE_ANON = "3/m"
    statuses = [client.get(reverse("api-v1:list_places")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(reverse("api-v1:list_places"))
    assert response.json()["code"] == "throttled" and int(response["Retry-After"]) >= 1
    other_ip = client.get(reverse("api-v1:list_places"), REMOTE_ADDR="10.1.2.3")
    assert other_ip.status_code == 200


def test_token_holders_are_rate_limited_per_token(client, settings):
    settings.API_RATE_TOKEN = "2/m"
    raw = _token(UserFactory())
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    statuses = [client.get(reverse("api-v1:list_places"), **headers).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_docs_page_is_self_hosted_without_inline_script(client):
    html = client.get(reverse("api-v1:openapi-view")).content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    import re

    for script in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S):
        assert not script.strip()


def test_the_openapi_document_documents_the_token_and_error_format(client):
    doc = client.get(reverse("api-v1:openapi-json")).json()
    patch = doc["paths"]["/api/v1/organisations/{slug}"]["patch"]  # OpenAPI path key
    assert patch["security"]
    assert "403" in patch["responses"] and "422" in patch["responses"]
    assert "/api/v1/places/{key}" in doc["paths"]  # OpenAPI path key


def test_xss_payloads_come_back_escaped_from_pages_and_api(client, cities):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    org = OrganisationFactory(
        seat=cities[0], name_de=payload, short_name=payload, street=payload, locality=payload
    )
    html = client.get(org.get_absolute_url()).content.decode()
    assert payload not in html and "&lt;script&gt;" in html
    listing = client.get(reverse("actors:organisation_list")).content.decode()
    assert payload not in listing
    response = client.get(reverse("api-v1:get_organisation", kwargs={"slug": org.slug}))
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["name"] == payload  # data, not markup: JSON is never rendered as HTML
    assert "nosniff" in response.get("X-Content-Type-Options", "")


def test_nul_characters_never_reach_the_database(client):
    # Stripped on the way in (bildungsnetz.middleware), so PostgreSQL never sees one.
    response = client.get(reverse("api-v1:list_places"), {"q": "Erf\x00urt"})
    assert response.status_code == 200
