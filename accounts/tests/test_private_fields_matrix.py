"""The privacy matrix: every way to read a person's fields x every role.

A person of the own tenant's organisation keeps e-mail and phone private (the person and
coordinators of an organisation they work for). Each cell reads the person through one way and
asserts that the private values (current and earlier ones) appear exactly for the roles that
may see them. So that a broken URL cannot pass as a refusal, every cell that reaches the way
also finds a "twin" that must be there (the public name, or the organisation), and each way
that shows private values has roles that do see them.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EDITORS,
    EVERYONE,
    NOBODY,
    ROLES,
    SUPERUSER,
    history_url,
    make_call,
)

pytestmark = pytest.mark.django_db

OLD_PHONE, PHONE = "+49 361 111 2222", "+49 361 333 4444"
OLD_EMAIL, EMAIL = "frueher.privat@example.org", "privat@example.org"


def _page(call, person, org):
    return call.get(org.get_absolute_url())


def _api(call, person, org):
    return call.api_get(reverse("api-v1:get_organisation", kwargs={"slug": org.slug}))


def _history(call, person, org):
    return call.get(history_url(person))


def _export(call, person, org):
    return call.get(reverse("actors:organisation_list"), {"format": "csv"})


def _search(call, person, org):
    return call.get(reverse("search:global"), {"q": org.name_de})


def _search_api(call, person, org):
    return call.api_get(reverse("api-v1:search"), {"q": org.name_de})


def _admin_change(call, person, org):
    return call.get(reverse("admin:actors_person_change", args=[person.pk]))


def _admin_history(call, person, org):
    # The admin's history leads to the platform's history page (accounts/history_admin.py).
    response = call.get(reverse("admin:actors_person_history", args=[person.pk]))
    if response.status_code == 302 and "/verlauf/" in response["Location"]:
        return call.get(response["Location"])
    return response


# way: (read, roles that reach it, roles that see the private values, twin that must show)
# fmt: off
WAYS = {
    "organisation page": (_page,       EVERYONE, COORDINATORS, "name"),
    "organisation API":  (_api,        EVERYONE, COORDINATORS, "name"),
    "history":           (_history,    EDITORS,  COORDINATORS, "name"),
    "export (CSV)":      (_export,     EVERYONE, NOBODY,       "organisation"),
    "search page":       (_search,     EVERYONE, NOBODY,       "organisation"),
    "search API":        (_search_api, EVERYONE, NOBODY,       "organisation"),
    # The admin site is for staff only (here: the platform admin).
    "admin change page": (_admin_change,  SUPERUSER, SUPERUSER, "name"),
    "admin history":     (_admin_history, SUPERUSER, SUPERUSER, "name"),
}
# fmt: on
CELLS = [(way, role) for way in WAYS for role in ROLES]


@pytest.fixture
def world(world_base):
    return world_base


@pytest.fixture
def world_base(db, settings):
    from bildungsnetz.testing.permissions import build_world

    settings.API_RATE_ANON = "100000/m"
    settings.API_RATE_TOKEN = "100000/m"
    world = build_world()
    # The platform admin is staff, as `createsuperuser` and the demo make it.
    type(world.users["superuser"]).objects.filter(pk=world.users["superuser"].pk).update(
        is_staff=True
    )
    return world


@pytest.fixture
def person(world):
    from actors.models import Organisation, Visibility
    from actors.tests.factories import PersonFactory, RoleFactory

    Organisation.objects.filter(pk=world.own.org.pk).update(is_public=True)
    person = PersonFactory(
        given_name="Petra", family_name="Privat", email=OLD_EMAIL, phone=OLD_PHONE,
        name_visibility=Visibility.PUBLIC, email_visibility=Visibility.PRIVATE,
        phone_visibility=Visibility.PRIVATE,
    )  # fmt: skip
    RoleFactory(person=person, organisation=world.own.org, is_public=True)
    person.email, person.phone = EMAIL, PHONE
    person.save()  # a second version: the old values are in the history too
    return person


@pytest.mark.parametrize(("way", "role"), CELLS, ids=[f"{w} | {r}" for w, r in CELLS])
def test_private_contact_data_shows_only_to_those_who_may_see_it(world, person, way, role):
    read, reach, see, twin = WAYS[way]
    call = make_call(world, role, world.own)
    response = read(call, person, world.own.org)
    assert response.status_code < 500
    content = b"".join(response) if response.streaming else response.content
    body = content.decode()

    if role in reach:
        assert response.status_code == 200, f"{way} refused {role}: {response.status_code}"
        marker = person.full_name if twin == "name" else world.own.org.name_de
        assert marker in body, f"{way} for {role} does not show the {twin}: broken?"
    else:
        assert response.status_code in (302, 403, 404)

    private = [value for value in (PHONE, EMAIL, OLD_PHONE, OLD_EMAIL) if value in body]
    if role in see and way in ("history", "admin history"):
        assert private == [PHONE, EMAIL, OLD_PHONE, OLD_EMAIL]
    elif role in see:
        assert private == [PHONE, EMAIL]
    else:
        assert private == [], f"{role} reads {private} through the {way}"


def test_the_history_masks_what_the_page_hides_and_says_so(client, world, person):
    """Finding 3: an editor of the organisation saw the private phone in the history."""
    call = make_call(world, "editor", world.own)
    body = call.get(history_url(person)).content.decode()
    assert "(verborgen)" in body
    assert PHONE not in body and OLD_PHONE not in body


def test_a_value_private_in_an_earlier_version_stays_hidden_after_it_went_public(world, person):
    from actors.models import Visibility

    person.phone_visibility = Visibility.PUBLIC
    person.phone = "+49 361 999 0000"
    person.save()
    call = make_call(world, "editor", world.own)
    body = call.get(history_url(person)).content.decode()
    assert OLD_PHONE not in body and PHONE not in body


def test_a_revert_writes_back_only_what_the_user_may_see(world, person):
    from accounts.history import history_revert
    from actors.models import Person

    first = person.history.order_by("history_date", "history_id").first()
    person.email_visibility = "members"
    person.given_name = "Paula"
    person.save()
    # Someone who may revert but not see the phone: the rule is the page's, so patch it.
    from accounts import history

    original = history._FIELD_VISIBILITY[Person]
    history.register_field_visibility(Person, lambda obj, user, states: {"phone", "email"})
    try:
        history_revert(obj=person, history_id=first.history_id, user=world.users["coordinator"])
    finally:
        history._FIELD_VISIBILITY[Person] = original
    person.refresh_from_db()
    assert person.given_name == "Petra"
    assert person.phone == PHONE and person.email == EMAIL


def test_every_way_that_can_show_private_data_shows_it_to_someone():
    """The positive twin of every refusal: a way nobody sees private data through must still
    show something (its twin) to everyone, else it is not tested at all."""
    for way, (_read, reach, see, _twin) in WAYS.items():
        assert see <= reach, way
        assert reach, way
    assert any(see for _r, _reach, see, _t in WAYS.values())


@pytest.mark.parametrize(
    "args",
    [
        ["actors", "organisation", "abc"],
        ["actors", "organisation", "1.5"],
        ["actors", "nosuchmodel", "1"],
        ["nosuchapp", "organisation", "1"],
        ["actors", "historicalorganisation", "1"],
    ],
)
def test_the_history_answers_404_for_ids_and_models_it_does_not_know(world, args):
    """Finding 13: a non-numeric id answered 500."""
    call = make_call(world, "superuser", world.own)
    assert call.get(reverse("accounts:history", args=args)).status_code == 404
    assert call.post(reverse("accounts:history_revert", args=[*args, 1])).status_code == 404
