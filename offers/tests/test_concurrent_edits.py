"""Two editors change the same offer: the second sees the conflict and keeps their input; the
API refuses a stale If-Match with 412; offers keep a history to recover from (#11, finding 6)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.services import token_create
from accounts.tests.factories import MembershipFactory, UserFactory, with_mfa
from bildungsnetz.tests.formdata import posted
from offers.models import Offer
from offers.tests.factories import OfferFactory, OrganisationFactory


@pytest.fixture
def provider(reference_territories, taxonomies):
    organisation = OrganisationFactory(slug="lernhaus")
    users = []
    for _ in range(2):
        user = with_mfa(UserFactory())
        MembershipFactory(user=user, organisation=organisation, role=RoleLevel.COORDINATOR)
        users.append(user)
    offer = OfferFactory(provider=organisation, title_de="Lesewerkstatt", cost_note="")
    return {"org": organisation, "users": users, "offer": offer}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_second_saver_of_an_offer_sees_the_conflict_and_keeps_their_input(provider):
    offer = provider["offer"]
    url = reverse("offers:offer_edit", args=[offer.slug])
    first, second = (_client(u) for u in provider["users"])
    shown = first.get(url)
    assert shown.status_code == 200, (shown.status_code, shown.get("Location"))
    mine = posted(shown.context["form"])
    theirs = posted(second.get(url).context["form"])

    assert first.post(url, {**mine, "title_de": "Lesewerkstatt für Kinder"}).status_code == 302
    response = second.post(url, {**theirs, "title_de": "Lesewerkstatt am Abend"})

    assert response.status_code == 409
    form = response.context["form"]
    (difference,) = form.conflict["differences"]
    assert (difference.field, difference.yours, difference.stored) == (
        "title_de",
        "Lesewerkstatt am Abend",
        "Lesewerkstatt für Kinder",
    )
    assert form["title_de"].value() == "Lesewerkstatt am Abend"
    assert "Lesewerkstatt für Kinder" in response.content.decode()
    assert Offer.objects.get(pk=offer.pk).title_de == "Lesewerkstatt für Kinder"


def _api(client, method, url, raw, payload=None, **headers):
    if payload is None:
        return getattr(client, method)(url, HTTP_AUTHORIZATION=f"Bearer {raw}", **headers)
    return getattr(client, method)(
        url,
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        **headers,
    )


def test_a_patch_with_a_stale_if_match_is_refused_with_412_and_changes_nothing(client, provider):
    offer = provider["offer"]
    _token, raw = token_create(user=provider["users"][0], name="Skript", read_only=False)
    url = reverse("api-v1:get_offer", kwargs={"slug": offer.slug})
    stale = _api(client, "get", url, raw)["ETag"]
    Offer.objects.filter(pk=offer.pk).update(cost_note="Ermäßigung möglich")

    response = _api(client, "patch", url, raw, {"title": "Neu"}, HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    assert response["ETag"] != stale
    assert Offer.objects.get(pk=offer.pk).title_de == "Lesewerkstatt"


def test_a_patch_with_the_current_if_match_is_saved_and_answers_the_new_etag(client, provider):
    offer = provider["offer"]
    _token, raw = token_create(user=provider["users"][0], name="Skript", read_only=False)
    url = reverse("api-v1:get_offer", kwargs={"slug": offer.slug})
    current = _api(client, "get", url, raw)["ETag"]

    response = _api(client, "patch", url, raw, {"title": "Neu"}, HTTP_IF_MATCH=current)

    assert response.status_code == 200, response.content
    assert response["ETag"] not in ("", current)
    assert response["ETag"] == _api(client, "get", url, raw)["ETag"]
    assert Offer.objects.get(pk=offer.pk).title_de == "Neu"


def test_the_openapi_document_names_412_for_patch(client):
    schema = client.get(reverse("api-v1:openapi-json")).json()
    patch = schema["paths"]["/api/v1/offers/{slug}"]["patch"]  # OpenAPI path key
    assert "412" in patch["responses"]


def test_an_offer_edit_is_kept_in_its_history_and_can_be_reverted(provider):
    offer = provider["offer"]
    user = provider["users"][0]
    client = _client(user)
    url = reverse("offers:offer_edit", args=[offer.slug])
    data = posted(client.get(url).context["form"])
    assert client.post(url, {**data, "title_de": "Schreibwerkstatt"}).status_code == 302
    assert offer.history.count() == 2
    assert offer.history.first().history_user == user

    history = reverse("accounts:history", args=["offers", "offer", offer.pk])
    assert history in client.get(offer.get_absolute_url()).content.decode()
    page = client.get(history)
    assert page.status_code == 200
    assert "Schreibwerkstatt" in page.content.decode()
    first = offer.history.order_by("history_date").first()
    revert = reverse("accounts:history_revert", args=["offers", "offer", offer.pk, first.pk])
    assert client.post(revert).status_code == 302
    assert Offer.objects.get(pk=offer.pk).title_de == "Lesewerkstatt"
