"""History and revert of shared objects: the parties' coordinators, nobody else."""

from django.urls import reverse

from accounts.scopes import object_scopes
from cooperation.services import partnership_update

from .factories import AgreementFactory, OrganisationFactory, PartnershipFactory


def _change_name(partnership):
    record = partnership.history.order_by("-history_date", "-history_id").first()
    partnership_update(partnership=partnership, data={"name_de": "Zwischenstand"})
    url = reverse(
        "accounts:history_revert",
        args=["cooperation", "partnership", partnership.pk, record.history_id],
    )
    return record, url


def test_the_scopes_of_a_partnership_are_its_parties(world):
    organisation = OrganisationFactory(seat=world.city_c)
    partnership = PartnershipFactory(parties=[world.city_a, organisation])
    assert object_scopes(partnership) == [world.city_a, organisation]
    agreement = AgreementFactory(partnership=world.partnership)
    assert object_scopes(agreement) == [world.city_a, world.city_b]


def test_a_coordinator_of_either_party_reverts_a_partnership_change(world, client):
    original = world.partnership.name_de
    for role in ("coordinator_a", "coordinator_b"):
        _record, url = _change_name(world.partnership)
        client.force_login(world.users[role])
        response = client.post(url)
        assert response.status_code == 302
        world.partnership.refresh_from_db()
        assert world.partnership.name_de == original, role


def test_a_coordinator_of_another_city_cannot_revert_a_partnership_change(world, client):
    _record, url = _change_name(world.partnership)
    client.force_login(world.users["coordinator_c"])
    assert client.post(url).status_code == 403
    world.partnership.refresh_from_db()
    assert world.partnership.name_de == "Zwischenstand"


def test_the_history_page_offers_the_revert_to_a_party_coordinator_only(world, client):
    _change_name(world.partnership)
    url = reverse("accounts:history", args=["cooperation", "partnership", world.partnership.pk])
    client.force_login(world.users["coordinator_b"])
    page = client.get(url).content.decode()
    assert "zuruecksetzen" in page
    client.force_login(world.users["coordinator_c"])
    assert client.get(url).status_code == 403
