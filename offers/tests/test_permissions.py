"""Who may edit an offer: a matrix of roles x objects, deny by default."""

import pytest

from accounts.models import RoleLevel
from offers.tests.factories import OfferFactory, OrganisationFactory, UserFactory, member
from places.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(reference_territories):
    return OfferFactory()


def _can(user, offer):
    return user.has_perm("offers.change_offer", offer)


def test_anonymous_cannot_edit(offer):
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("offers.change_offer", offer)


def test_it_lets_an_editor_of_the_provider_edit(offer):
    user = member(UserFactory(), organisation=offer.provider, role=RoleLevel.EDITOR)
    assert _can(user, offer)


def test_it_rejects_a_viewer_of_the_provider(offer):
    user = member(UserFactory(), organisation=offer.provider, role=RoleLevel.VIEWER)
    assert not _can(user, offer)


def test_it_rejects_an_editor_of_another_organisation(offer):
    user = member(UserFactory(), organisation=OrganisationFactory(), role=RoleLevel.ADMIN)
    assert not _can(user, offer)


def test_it_lets_a_coordinator_of_the_city_edit(offer):
    erfurt = Territory.objects.get_by_key("ags:16051000")
    user = member(UserFactory(), territory=erfurt, role=RoleLevel.COORDINATOR)
    assert _can(user, offer)


def test_it_rejects_a_coordinator_of_a_foreign_city(offer):
    wien = Territory.objects.get_by_key("gkz:90001")
    user = member(UserFactory(), territory=wien, role=RoleLevel.COORDINATOR)
    assert not _can(user, offer)


def test_it_rejects_an_editor_of_the_city(offer):
    erfurt = Territory.objects.get_by_key("ags:16051000")
    user = member(UserFactory(), territory=erfurt, role=RoleLevel.EDITOR)
    assert not _can(user, offer)


def test_edit_view_forbids_a_stranger(client, offer):
    user = UserFactory()
    client.force_login(user)
    response = client.get(f"/angebote/{offer.slug}/bearbeiten/")
    assert response.status_code == 403


def test_edit_view_saves_for_the_provider_editor(client, offer):
    user = member(UserFactory(), organisation=offer.provider, role=RoleLevel.EDITOR)
    client.force_login(user)
    response = client.get(f"/angebote/{offer.slug}/bearbeiten/")
    assert response.status_code == 200
    data = {
        "provider": offer.provider.pk, "title_de": "Neuer Titel", "kind": "formal",
        "format": "course", "stage": "school", "cost": "free",
        "district": offer.district.pk, "is_public": "on",
    }  # fmt: skip
    response = client.post(f"/angebote/{offer.slug}/bearbeiten/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    offer.refresh_from_db()
    assert offer.title_de == "Neuer Titel"


def test_editor_cannot_move_an_offer_to_a_foreign_provider(client, offer):
    user = member(UserFactory(), organisation=offer.provider, role=RoleLevel.EDITOR)
    foreign = OrganisationFactory()
    client.force_login(user)
    data = {
        "provider": foreign.pk, "title_de": "X", "kind": "formal", "format": "course",
        "stage": "school", "cost": "free", "is_public": "on",
    }  # fmt: skip
    response = client.post(f"/angebote/{offer.slug}/bearbeiten/", data)
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.provider_id != foreign.pk
