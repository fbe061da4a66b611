"""The OpenAPI document is valid OpenAPI 3 and the docs page (Swagger UI) shows its operations."""

import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def _document(client) -> str:
    response = client.get(reverse("api-v1:openapi-json"))
    assert response.status_code == 200
    return response.content.decode()


def _duplicated_keys(pairs):
    keys = [key for key, _ in pairs]
    duplicated = sorted({str(key) for key in keys if keys.count(key) > 1})
    assert not duplicated, f"keys declared twice: {duplicated}"
    return dict(pairs)


def test_each_response_status_is_declared_once(client):
    # json.loads keeps the last of two equal keys; read the raw text so a twice-declared
    # status ("422" next to 422, which both serialise to "422") is caught.
    json.loads(_document(client), object_pairs_hook=_duplicated_keys)


def test_the_openapi_document_validates(client):
    validate(json.loads(_document(client)))


def test_error_responses_use_the_error_format_on_every_operation(client):
    document = json.loads(_document(client))
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status in ("422", "429"):
                assert status in operation["responses"], (path, method, status)
            content = operation["responses"]["422"]["content"]["application/json"]
            assert content["schema"]["$ref"].startswith("#/components/schemas/")


@pytest.mark.browser
def test_the_docs_page_renders_the_operations_from_this_server_only(browser_page, live_server):
    page = browser_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(reverse("api-v1:openapi-view"))
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 10
    assert page.get_by_text("/api/v1/places/{key}", exact=True).count() >= 1  # OpenAPI path key
    assert page.locator(".errors-wrapper").count() == 0
    assert "duplicated mapping key" not in page.content()
    server = urlsplit(live_server.url).netloc
    foreign = [url for url in requested if urlsplit(url).netloc not in ("", server)]
    assert not foreign, foreign
