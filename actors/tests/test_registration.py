"""Organisations register themselves; a coordinator of their city verifies or rejects them."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership, RoleLevel
from accounts.tests.factories import UserFactory, member
from actors.models import Organisation
from actors.tests.factories import OrganisationFactory
from places.models import Territory
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def erfurt(reference_territories):
    return Territory.objects.get_by_key("ags:16051000")


@pytest.fixture
def leipzig(reference_territories):
    return Territory.objects.get_by_key("ags:14713000")


def _register(client, seat, **changes):
    data = {"name_de": "Lernwerkstatt Nord e. V.", "kind": "ngo", "seat": seat.pk,
            "website": "https://lernwerkstatt-nord.example", **changes}  # fmt: skip
    with translation.override("en"):
        return client.post(reverse("actors:organisation_register"), data)


def _pending(seat, name="Neu registriert e. V."):
    return OrganisationFactory(
        name_de=name, seat=seat, is_public=False, verified=False, registered_at=timezone.now()
    )


def test_a_registered_organisation_stays_hidden_until_verified(client, erfurt):
    user = UserFactory()
    client.force_login(user)
    response = _register(client, erfurt)
    organisation = Organisation.objects.get(name_de="Lernwerkstatt Nord e. V.")
    assert response.status_code == 302
    assert (organisation.is_public, organisation.verified) == (False, False)
    assert organisation.registered_by == user
    assert (
        SearchEntry.objects.get(kind="organisation", object_id=organisation.pk).is_public is False
    )
    client.logout()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    listing = client.get(reverse("actors:organisation_list")).content.decode()
    assert "Lernwerkstatt Nord" not in listing


def test_the_registrant_becomes_its_editor(client, erfurt):
    user = UserFactory()
    client.force_login(user)
    _register(client, erfurt)
    organisation = Organisation.objects.get(name_de="Lernwerkstatt Nord e. V.")
    assert Membership.objects.get(user=user, organisation=organisation).role == RoleLevel.EDITOR
    assert user.has_perm("actors.change_organisation", organisation)
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_the_coordinators_of_the_seat_are_mailed(client, erfurt, leipzig):
    coordinator = member(erfurt, RoleLevel.COORDINATOR)
    elsewhere = member(leipzig, RoleLevel.COORDINATOR)
    client.force_login(UserFactory())
    _register(client, erfurt)
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert elsewhere.email not in message.to
    assert "Lernwerkstatt Nord" in message.body


def test_a_likely_duplicate_is_shown_and_must_be_confirmed(client, erfurt):
    OrganisationFactory(name_de="Lernwerkstatt Nord e. V.", seat=erfurt)
    client.force_login(UserFactory())
    response = _register(client, erfurt)
    assert response.status_code == 200
    assert response.context["duplicates"]
    assert Organisation.objects.filter(name_de="Lernwerkstatt Nord e. V.").count() == 1
    _register(client, erfurt, not_a_duplicate="on")
    assert Organisation.objects.filter(name_de="Lernwerkstatt Nord e. V.").count() == 2


def test_registrations_are_rate_limited(client, erfurt):
    client.force_login(UserFactory())
    for n in range(3):
        assert _register(client, erfurt, name_de=f"Verein {n}", website="").status_code == 302
    response = _register(client, erfurt, name_de="Verein 4", website="")
    assert response.status_code == 200
    assert not Organisation.objects.filter(name_de="Verein 4").exists()


def test_the_queue_lists_the_registrations_in_the_places_the_user_coordinates(
    client, erfurt, leipzig
):
    mine, other = _pending(erfurt, "In Erfurt e. V."), _pending(leipzig, "In Leipzig e. V.")
    client.force_login(member(erfurt, RoleLevel.COORDINATOR))
    with translation.override("en"):
        response = client.get(reverse("actors:registration_queue"))
    assert response.context["pending"] == [mine]
    assert other.name not in response.content.decode()


def test_verifying_publishes_the_organisation_and_tells_the_registrant(client, erfurt):
    registrant = UserFactory()
    organisation = _pending(erfurt)
    Organisation.objects.filter(pk=organisation.pk).update(registered_by=registrant)
    client.force_login(member(erfurt, RoleLevel.COORDINATOR))
    with translation.override("en"):
        client.post(reverse("actors:organisation_review", args=[organisation.slug]),
                    {"action": "verify"})  # fmt: skip
    organisation.refresh_from_db()
    assert (organisation.verified, organisation.is_public) == (True, True)
    assert mail.outbox[-1].to == [registrant.email]


def test_rejecting_needs_a_reason_which_the_registrant_receives(client, erfurt):
    registrant = UserFactory()
    organisation = _pending(erfurt)
    Organisation.objects.filter(pk=organisation.pk).update(registered_by=registrant)
    client.force_login(member(erfurt, RoleLevel.COORDINATOR))
    url = reverse("actors:organisation_review", args=[organisation.slug])
    client.post(url, {"action": "reject", "reason": ""})
    organisation.refresh_from_db()
    assert organisation.rejected_at is None
    client.post(url, {"action": "reject", "reason": "Kein Bildungsbezug erkennbar."})
    organisation.refresh_from_db()
    assert organisation.rejected_at is not None and organisation.is_public is False
    assert "Kein Bildungsbezug erkennbar." in mail.outbox[-1].body
    assert mail.outbox[-1].to == [registrant.email]


def test_a_coordinator_of_another_city_cannot_verify(client, erfurt, leipzig):
    organisation = _pending(erfurt)
    client.force_login(member(leipzig, RoleLevel.COORDINATOR))
    response = client.post(
        reverse("actors:organisation_review", args=[organisation.slug]), {"action": "verify"}
    )
    assert response.status_code == 404
    organisation.refresh_from_db()
    assert organisation.verified is False
