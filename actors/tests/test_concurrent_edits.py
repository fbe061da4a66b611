"""Two editors change the same organisation: the second sees the conflict and keeps their
input; the API refuses a stale If-Match with 412 (#11, finding 6)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.services import token_create
from accounts.tests.factories import MembershipFactory, UserFactory, with_mfa
from actors.models import Organisation
from actors.tests.factories import OrganisationFactory
from bildungsnetz.tests.formdata import posted


@pytest.fixture
def organisation(reference_territories):
    organisation = OrganisationFactory(name_de="Lernhaus", slug="lernhaus")
    users = []
    for _ in range(2):
        user = with_mfa(UserFactory())
        MembershipFactory(user=user, organisation=organisation, role=RoleLevel.EDITOR)
        users.append(user)
    organisation.users = users
    return organisation


def test_the_second_saver_of_an_organisation_sees_the_conflict_and_keeps_their_input(
    organisation,
):
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    first, second = Client(), Client()
    first.force_login(organisation.users[0])
    second.force_login(organisation.users[1])
    shown = first.get(url)
    assert shown.status_code == 200, shown.get("Location")
    mine, theirs = posted(shown.context["form"]), posted(second.get(url).context["form"])

    assert first.post(url, {**mine, "short_name": "LH"}).status_code == 302
    response = second.post(url, {**theirs, "short_name": "Haus"})

    assert response.status_code == 409
    (difference,) = response.context["form"].conflict["differences"]
    assert (difference.yours, difference.stored) == ("Haus", "LH")
    assert response.context["form"]["short_name"].value() == "Haus"
    assert Organisation.objects.get(pk=organisation.pk).short_name == "LH"


def test_an_organisation_patch_with_a_stale_if_match_is_refused_with_412(client, organisation):
    _token, raw = token_create(user=organisation.users[0], name="Skript", read_only=False)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = reverse("api-v1:get_organisation", kwargs={"slug": organisation.slug})
    stale = client.get(url, **auth)["ETag"]
    Organisation.objects.filter(pk=organisation.pk).update(website="https://example.org")

    def patch(tag):
        body = json.dumps({"name": "Neu"})
        return client.patch(url, body, content_type="application/json", HTTP_IF_MATCH=tag, **auth)

    response = patch(stale)
    assert response.status_code == 412
    assert Organisation.objects.get(pk=organisation.pk).name_de == "Lernhaus"
    response = patch(response["ETag"])
    assert response.status_code == 200, response.content
    assert Organisation.objects.get(pk=organisation.pk).name_de == "Neu"
