"""The learning offers in the API: the portal's filters and search, one offer, token writes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.services import token_create
from accounts.tests.factories import MembershipFactory, UserFactory
from actors.models import Organisation, TargetGroup, Topic
from offers.models import Offer
from offers.tests.factories import OfferFactory, OrganisationFactory
from offers.tests.test_search_bounds import many  # noqa: F401 - fixture
from search import engine

pytestmark = pytest.mark.django_db

PARENT = "age=10&cost=free&access=step_free&language=ar&language=de&district=ags:16051000"


def _slugs(client, query):
    response = client.get(reverse("api-v1:list_offers") + "?" + query)
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["items"]]


def test_the_parent_in_erfurt_finds_the_reading_workshop_through_the_api(client, demo):
    assert _slugs(client, PARENT) == ["demo-lesewerkstatt-deutsch-arabisch"]


@pytest.mark.parametrize(
    "query",
    [
        "q=Lesen&" + PARENT,
        "q=Schueler&stage=transition",
        "q=Deutsch&cost=free&cost=reduced",
        "kind=non_formal&district=lor:08",
        "topic=sprachen-lernen&language=ar",
        "target_group=eltern",
    ],
)
def test_the_api_lists_what_the_offers_page_lists(client, demo, query):
    page = client.get(reverse("offers:offer_list") + f"?{query}&sort=title")
    expected = [o.slug for o in page.context["page_obj"].object_list]
    assert sorted(_slugs(client, f"{query}&ordering=title")) == sorted(expected)
    assert expected


def test_words_rank_the_best_match_first(client, demo):
    assert _slugs(client, "q=Hausaufgabenhilfe")[0] == "demo-hausaufgabenhilfe-neukoelln"


def test_ordering_and_pagination_are_stable(client, demo):
    first = client.get(
        reverse("api-v1:list_offers", query={"ordering": "title", "limit": "3"})
    ).json()
    second = client.get(
        reverse("api-v1:list_offers", query={"ordering": "title", "limit": "3", "offset": "3"})
    ).json()
    assert first["count"] == Offer.objects.listed().count() == second["count"]
    titles = [row["title"] for row in first["items"] + second["items"]]
    assert titles == sorted(titles) and len(set(titles)) == 6


def test_sorted_lists_count_at_most_the_list_limit(client, many, monkeypatch):  # noqa: F811
    monkeypatch.setattr("offers.api.LIST_LIMIT", 3)
    assert client.get(reverse("api-v1:list_offers", query={"ordering": "new"})).json()["count"] == 3
    monkeypatch.setattr(engine, "COUNT_LIMIT", 2)
    assert (
        client.get(reverse("api-v1:list_offers", query={"q": "Trommelkurs"})).json()["count"] == 2
    )


def test_unknown_and_bad_filter_values_are_refused(client, demo):
    unknown = client.get(reverse("api-v1:list_offers", query={"language": "xx"}))
    assert unknown.status_code == 422 and list(unknown.json()["fields"]) == ["language"]
    response = client.get(reverse("api-v1:list_offers", query={"kind": "informell"}))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid" and "filters.kind.0" in response.json()["fields"]


def test_one_offer_in_detail(client, demo):
    data = client.get(
        reverse("api-v1:get_offer", kwargs={"slug": "demo-lesewerkstatt-deutsch-arabisch"})
    ).json()
    assert data["provider"]["slug"] and data["url"].startswith(reverse("offers:offer_list"))
    assert set(data["languages"]) == {"ar", "de"} and "step_free" in data["accessibility"]
    assert data["district"]["key"] == "ags:16051000" and data["listed"] is True


def test_a_hidden_offer_is_not_found_by_strangers(client, reference_territories):
    offer = OfferFactory(is_public=False)
    assert client.get(reverse("api-v1:get_offer", kwargs={"slug": offer.slug})).status_code == 404
    assert client.get(reverse("api-v1:list_offers")).json()["count"] == 0


@pytest.fixture
def editor(reference_territories, taxonomies):
    """An editor of one organisation, with a write token and a read-only token."""
    organisation = OrganisationFactory(slug="lernhaus")
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=RoleLevel.EDITOR)
    _token, raw = token_create(user=user, name="Skript", read_only=False)
    _token, read_only = token_create(user=user, name="Lesen")
    return {"org": organisation, "raw": raw, "read_only": read_only}


def _send(client, method, url, payload, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    return getattr(client, method)(
        url, json.dumps(payload), content_type="application/json", **headers
    )


NEW = {
    "provider": "lernhaus", "title": "Trommeln für Kinder", "kind": "non_formal",
    "format": "course", "stage": "school", "languages": ["de", "ar"], "topics": ["sprachen-lernen"],
    "age_min": 6, "age_max": 10, "accessibility": ["step_free"], "district": "lor:08",
    "description": "<p>Im Takt</p><script>alert(1)</script>",
}  # fmt: skip


def test_an_editor_publishes_an_offer_with_a_token(client, editor):
    response = _send(client, "post", reverse("api-v1:list_offers"), NEW, editor["raw"])
    assert response.status_code == 201, response.content
    data = response.json()
    offer = Offer.objects.get(slug=data["slug"])
    assert offer.provider == editor["org"] and offer.step_free and not offer.sign_language
    assert set(data["languages"]) == {"de", "ar"} and data["district"]["key"] == "lor:08"
    assert "<script>" not in offer.description_de and "Im Takt" in offer.description_de
    # Indexed in the same transaction: the search finds it at once.
    assert _slugs(client, "q=Trommeln") == [offer.slug]


def test_writes_need_a_write_token_and_the_providers_editor_role(client, editor):
    assert _send(client, "post", reverse("api-v1:list_offers"), NEW).status_code == 401
    response = _send(client, "post", reverse("api-v1:list_offers"), NEW, editor["read_only"])
    assert response.status_code == 403
    OrganisationFactory(slug="fremd")
    response = _send(
        client, "post", reverse("api-v1:list_offers"), {**NEW, "provider": "fremd"}, editor["raw"]
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert not Offer.objects.exists()


def test_bad_input_is_refused_field_by_field_and_changes_nothing(client, editor):
    payload = {**NEW, "topics": ["gibtsnicht"], "district": "lor:99", "age_min": 12}
    response = _send(client, "post", reverse("api-v1:list_offers"), payload, editor["raw"])
    assert response.status_code == 422
    fields = response.json()["fields"]
    assert "gibtsnicht" in fields["topics"][0] and "district" in fields
    response = _send(
        client, "post", reverse("api-v1:list_offers"), {**NEW, "age_min": 12}, editor["raw"]
    )
    assert response.status_code == 422  # the age range is checked by the model
    assert not Offer.objects.exists()


def test_an_editor_changes_and_confirms_an_offer_but_cannot_move_it_away(client, editor):
    offer = OfferFactory(provider=editor["org"], title_de="Alt")
    url = reverse("api-v1:get_offer", kwargs={"slug": offer.slug})
    response = _send(client, "patch", url, {"title": "Neu", "age_max": None}, editor["raw"])
    assert response.status_code == 200, response.content
    offer.refresh_from_db()
    assert offer.title_de == "Neu" and offer.age_max is None
    assert _send(client, "patch", url, {"title": None}, editor["raw"]).status_code == 422
    OrganisationFactory(slug="fremd")
    assert _send(client, "patch", url, {"provider": "fremd"}, editor["raw"]).status_code == 403
    assert Offer.objects.get(pk=offer.pk).provider == editor["org"]
    response = _send(
        client,
        "post",
        reverse("api-v1:confirm_offer", kwargs={"slug": offer.slug}),
        {},
        editor["raw"],
    )
    assert response.status_code == 200 and response.json()["listed"] is True


def test_someone_elses_offer_cannot_be_changed(client, editor):
    other = OfferFactory(provider=OrganisationFactory(slug="nachbarn"), title_de="Fremd")
    response = _send(
        client,
        "patch",
        reverse("api-v1:get_offer", kwargs={"slug": other.slug}),
        {"title": "X"},
        editor["raw"],
    )
    assert response.status_code == 403
    assert Offer.objects.get(pk=other.pk).title_de == "Fremd"
    assert Organisation.objects.filter(slug="nachbarn").exists()


@pytest.mark.parametrize("name", ["api-v1:list_offers", "offers:offer_list"])
def test_a_ranked_list_reads_its_offers_topics_and_target_groups_in_bulk(
    client, reference_territories, name
):
    """Ranked by search words, the list (API and page) read each offer's topics and target
    groups one query per offer (121 queries for 50 offers, #19): the listing relations are read
    in bulk for every list, so the number of queries does not grow with the offers shown."""
    topic = Topic.objects.create(slug="musik", name_de="Musik")
    group = TargetGroup.objects.create(slug="kinder", name_de="Kinder")
    provider = OrganisationFactory()

    def queries_for(n):
        for i in range(n):
            offer = OfferFactory(provider=provider, title_de=f"Trommelkurs {n}-{i}")
            offer.topics.add(topic)
            offer.target_groups.add(group)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name), {"q": f"Trommelkurs {n}"})
        assert response.status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(6)
