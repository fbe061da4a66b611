"""Fault tests: two editors save the same organisation at once, one through the page and one
through the API. Each channel alone is covered (actors/tests/test_concurrent_edits.py,
offers/tests/test_concurrent_edits.py, bildungsnetz/tests/test_concurrency.py); here they race
each other: whoever saves second is told, and nothing the first saved is lost."""

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

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(reference_territories):
    organisation = OrganisationFactory(name_de="Lernhaus", slug="lernhaus")
    editors = []
    for _ in range(2):
        user = with_mfa(UserFactory())
        MembershipFactory(user=user, organisation=organisation, role=RoleLevel.EDITOR)
        editors.append(user)
    organisation.editors = editors
    return organisation


def _api(organisation):
    raw = token_create(user=organisation.editors[1], name="Skript", read_only=False)[1]
    url = reverse("api-v1:get_organisation", kwargs={"slug": organisation.slug})
    client, auth = Client(), {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def patch(payload, tag):
        return client.patch(
            url, json.dumps(payload), content_type="application/json", HTTP_IF_MATCH=tag, **auth
        )

    return (lambda: client.get(url, **auth)["ETag"]), patch


def test_a_form_saved_after_an_api_change_is_told_and_keeps_both(organisation):
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    page = Client()
    page.force_login(organisation.editors[0])
    mine = posted(page.get(url).context["form"])
    etag, patch = _api(organisation)

    assert patch({"short_name": "API"}, etag()).status_code == 200
    response = page.post(url, {**mine, "short_name": "Formular"})

    assert response.status_code == 409
    (difference,) = response.context["form"].conflict["differences"]
    assert (difference.yours, difference.stored) == ("Formular", "API")
    assert response.context["form"]["short_name"].value() == "Formular"
    assert Organisation.objects.get(pk=organisation.pk).short_name == "API"


def test_an_api_change_after_a_form_save_is_refused_with_412_and_the_form_stays(organisation):
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    page = Client()
    page.force_login(organisation.editors[0])
    etag, patch = _api(organisation)
    read_before = etag()
    mine = posted(page.get(url).context["form"])

    assert page.post(url, {**mine, "short_name": "Formular"}).status_code == 302
    response = patch({"short_name": "API"}, read_before)

    assert response.status_code == 412
    assert Organisation.objects.get(pk=organisation.pk).short_name == "Formular"
    assert patch({"short_name": "API"}, response["ETag"]).status_code == 200
