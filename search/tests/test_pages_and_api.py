import pytest
from django.urls import reverse, translate_url

pytestmark = pytest.mark.django_db
# `demo` loaded once for the module (the root conftest).
DEMO_ONCE = True


def test_the_global_search_page_groups_kinds_with_counts(client, demo):
    body = client.get(reverse("search:global", query={"q": "Schueler"})).content.decode()
    assert "<mark>Schüler</mark>" in body or "<mark>Schülerinnen</mark>" in body
    assert 'id="kind-count-offer"' in body


def test_the_global_search_filters_by_kind(client, demo):
    body = client.get(
        reverse("search:global", query={"q": "Schueler", "kind": "organisation"})
    ).content.decode()
    assert reverse("offers:offer_list") + "demo-" not in body
    assert (
        reverse("actors:organisation_detail", kwargs={"slug": "demo-ausbildungslotsen-erfurt"})
        in body
    )


def test_the_global_search_works_with_htmx(client, demo):
    body = client.get(
        reverse("search:global", query={"q": "arabisch"}), headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in body and 'hx-swap-oob="true"' in body


def test_the_search_api_answers_json(client, demo):
    data = client.get(
        reverse("api-v1:search", query={"q": "Weiterbildungen", "kind": "offer"})
    ).json()
    assert data["total"] == 1
    assert data["results"][0]["title"] == "Weiterbildung: Grundlagen der Buchhaltung"
    assert "<mark>" in data["results"][0]["snippet"]
    assert data["counts"] == {"offer": 1, "organisation": 3}


def test_the_organisation_directory_uses_the_search_module(client, demo):
    body = client.get(
        reverse("actors:organisation_list", query={"q": "Volkshochschulen"})
    ).content.decode()
    assert "Volkshochschule Erfurt" in body
    body = client.get(
        reverse("actors:organisation_list", query={"q": "Brueckenwerk"})
    ).content.decode()
    assert "Brückenwerk Erfurt" in body


def test_the_organisation_api_uses_the_search_module(client, demo):
    response = client.get(reverse("api-v1:list_organisations", query={"q": "Ausbildungslotsen"}))
    assert response.status_code == 200
    assert "Ausbildungslotsen Erfurt gGmbH (Demo)" in response.content.decode()


@pytest.fixture
def five_choirs(reference_territories):
    from offers.tests.factories import OrganisationFactory

    for n in range(5):
        OrganisationFactory(name_de=f"Kinderchor {n}", slug=f"kinderchor-{n}")


def test_the_global_search_counts_each_kind_up_to_the_limit(client, five_choirs, monkeypatch):
    from search import engine

    monkeypatch.setattr(engine, "COUNT_LIMIT", 3)
    result = engine.search("Kinderchor")
    assert result.counts == {"organisation": 3}
    assert result.more == {"organisation"}
    assert result.total == 3 and len(result.hits) == 3
    body = client.get(
        translate_url(reverse("search:global", query={"q": "Kinderchor"}), "en")
    ).content.decode()
    assert "More than 3 results, the best first" in body
    assert "(more than 3" in body
    data = client.get(reverse("api-v1:search", query={"q": "Kinderchor"})).json()
    assert data["counts"] == {"organisation": 3} and data["more"] == ["organisation"]


def test_the_global_search_pages_through_its_candidates(client, five_choirs, monkeypatch):
    from search import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    seen = []
    for page in (1, 2, 3):
        response = client.get(reverse("search:global"), {"q": "Kinderchor", "page": page})
        seen += [hit.title for hit in response.context["page_obj"].object_list]
    assert sorted(seen) == [f"Kinderchor {n}" for n in range(5)]
    body = client.get(reverse("search:global", query={"q": "Kinderchor"})).content.decode()
    assert "5 Ergebnisse" in body and "Mehr als" not in body
