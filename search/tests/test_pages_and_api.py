import pytest

pytestmark = pytest.mark.django_db


def test_the_global_search_page_groups_kinds_with_counts(client, demo):
    body = client.get("/suche/?q=Schueler").content.decode()
    assert "<mark>Schüler</mark>" in body or "<mark>Schülerinnen</mark>" in body
    assert 'id="kind-count-offer"' in body


def test_the_global_search_filters_by_kind(client, demo):
    body = client.get("/suche/?q=Schueler&kind=organisation").content.decode()
    assert "/angebote/demo-" not in body
    assert "/organisationen/demo-ausbildungslotsen-erfurt/" in body


def test_the_global_search_works_with_htmx(client, demo):
    body = client.get("/suche/?q=arabisch", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in body and 'hx-swap-oob="true"' in body


def test_the_search_api_answers_json(client, demo):
    data = client.get("/api/v1/search/?q=Weiterbildungen&kind=offer").json()
    assert data["total"] == 1
    assert data["results"][0]["title"] == "Weiterbildung: Grundlagen der Buchhaltung"
    assert "<mark>" in data["results"][0]["snippet"]
    assert data["counts"] == {"offer": 1, "organisation": 3}


def test_the_organisation_directory_uses_the_search_module(client, demo):
    body = client.get("/organisationen/?q=Volkshochschulen").content.decode()
    assert "Volkshochschule Erfurt" in body
    body = client.get("/organisationen/?q=Brueckenwerk").content.decode()
    assert "Brückenwerk Erfurt" in body


def test_the_organisation_api_uses_the_search_module(client, demo):
    response = client.get("/api/v1/organisations/?q=Ausbildungslotsen")
    assert response.status_code == 200
    assert "Ausbildungslotsen Erfurt gGmbH (Demo)" in response.content.decode()
