"""#11 finding 4: creating or moving an organisation needs the right at the target, not a role
in the organisation itself — one rule (`actors.place_organisation`) for pages, admin and import."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import Membership, RoleLevel
from accounts.tests.factories import UserFactory, with_mfa
from actors.imports import import_organisations
from actors.models import Organisation
from actors.services import taxonomies_load
from actors.tests.factories import OrganisationFactory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities():
    erfurt = TerritoryFactory(scheme="ags", code="16051000", name_de="Erfurt", level="city")
    berlin = TerritoryFactory(scheme="ags", code="11000000", name_de="Berlin", level="city")
    return erfurt, berlin


def _editor_of(organisation):
    user = UserFactory()
    Membership.objects.create(user=user, organisation=organisation, role=RoleLevel.EDITOR)
    return user


def _coordinator_of(territory):
    user = with_mfa(UserFactory())
    Membership.objects.create(user=user, territory=territory, role=RoleLevel.COORDINATOR)
    return user


# Who may place an organisation where: (user, target seat, target parent) -> allowed.
@pytest.mark.parametrize(
    ("who", "seat", "under_own", "allowed"),
    [
        ("editor of the organisation", "erfurt", False, False),  # its own role does not count
        ("editor of the organisation", "berlin", False, False),
        ("editor of the organisation", "erfurt", True, True),  # a unit below its own
        ("editor of the organisation", "berlin", True, True),
        ("coordinator of Erfurt", "erfurt", False, True),
        ("coordinator of Erfurt", "berlin", False, False),
    ],
)
def test_the_placement_rule_reads_like_a_table(cities, who, seat, under_own, allowed):
    erfurt, berlin = cities
    own = OrganisationFactory(seat=erfurt)
    user = _editor_of(own) if who.startswith("editor") else _coordinator_of(erfurt)
    target = Organisation(seat={"erfurt": erfurt, "berlin": berlin}[seat])
    target.parent = own if under_own else None
    assert user.has_perm("actors.place_organisation", target) is allowed
    if who.startswith("editor") and not under_own:
        # The hole: the old check asked for a role in the organisation itself.
        own.seat = target.seat
        assert user.has_perm("actors.change_organisation", own)


def _form_data(client, url) -> dict:
    """Every field as the edit page renders it (hidden ones included)."""
    html = client.get(url).content.decode()
    data = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    data.update(
        {name: value for value, name in re.findall(r'value="([^"]*)"[^>]*name="([^"]+)"', html)}
    )
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = selected.group(1) if selected else ""
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_an_editor_cannot_move_the_organisation_into_another_city(client, cities):
    erfurt, berlin = cities
    organisation = OrganisationFactory(seat=erfurt)
    client.force_login(_editor_of(organisation))
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    data = _form_data(client, url)
    data.update({"seat": str(berlin.pk), "name_de": organisation.name_de, "kind": "ngo"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["seat"]
    organisation.refresh_from_db()
    assert organisation.seat == erfurt


def test_an_editor_may_still_edit_without_moving(client, cities):
    erfurt, _berlin = cities
    organisation = OrganisationFactory(seat=erfurt)
    client.force_login(_editor_of(organisation))
    url = reverse("actors:organisation_edit", args=[organisation.slug])
    data = _form_data(client, url)
    data.update({"seat": str(erfurt.pk), "name_de": "Neuer Name", "kind": "ngo"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation.refresh_from_db()
    assert organisation.name_de == "Neuer Name"


def test_an_editor_cannot_create_an_organisation_in_another_city(client, cities):
    erfurt, berlin = cities
    client.force_login(_editor_of(OrganisationFactory(seat=erfurt)))
    url = reverse("actors:organisation_create")
    response = client.post(url, {"name_de": "Fremdverein", "kind": "ngo", "seat": berlin.pk})
    assert response.status_code == 200
    assert not Organisation.objects.filter(name_de="Fremdverein").exists()


def test_the_import_uses_the_same_rule(cities):
    erfurt, _berlin = cities
    taxonomies_load()
    user = _editor_of(OrganisationFactory(seat=erfurt))
    content = b"name;kind;seat\nFremdverein;ngo;11000000\n"
    result = import_organisations("orgs.csv", content, dry_run=False, user=user)
    assert [e.column for e in result.errors] == ["seat"]
    assert not Organisation.objects.filter(name_de="Fremdverein").exists()
