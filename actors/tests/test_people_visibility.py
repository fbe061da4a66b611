"""Who may see a person's name is one rule (actors.privacy), on pages, in the API and in
choice lists alike, at any depth of the organisation tree (#13, finding 3)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.models import Membership, RoleLevel
from accounts.tests.factories import UserFactory
from actors.models import Person, Visibility
from actors.privacy import people_visible_to, person_visible_fields
from actors.tests.factories import OrganisationFactory, PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """A → B → C → D, a person of each visibility working in D, one outside the tree."""
    a = OrganisationFactory(slug="a")
    b = OrganisationFactory(slug="b", parent=a, seat=a.seat)
    c = OrganisationFactory(slug="c", parent=b, seat=a.seat)
    d = OrganisationFactory(slug="d", parent=c, seat=a.seat)
    people = {}
    for visibility in Visibility:
        person = PersonFactory(family_name=f"In D {visibility}", name_visibility=visibility)
        RoleFactory(person=person, organisation=d)
        people[visibility] = person
    outsider = PersonFactory(family_name="Draußen", name_visibility=Visibility.PRIVATE)
    RoleFactory(person=outsider, organisation=OrganisationFactory(slug="fremd"))
    return {"a": a, "d": d, "people": people, "outsider": outsider}


def _member(**scope):
    user = UserFactory()
    Membership.objects.create(user=user, **scope)
    return user


def _users(tree):
    own = PersonFactory(family_name="Selbst", name_visibility=Visibility.PRIVATE)
    RoleFactory(person=own, organisation=tree["d"])
    own.user = UserFactory()
    own.save()
    return [
        AnonymousUser(),
        _member(organisation=OrganisationFactory(), role=RoleLevel.VIEWER),
        _member(organisation=tree["a"], role=RoleLevel.EDITOR),
        _member(organisation=tree["a"], role=RoleLevel.COORDINATOR),
        _member(territory=tree["a"].seat, role=RoleLevel.COORDINATOR),
        own.user,
        UserFactory(is_superuser=True),
    ]


def test_the_query_of_visible_names_agrees_with_the_page_rule_for_every_user(tree):
    for user in _users(tree):
        by_rule = {p.pk for p in Person.objects.all() if "name" in person_visible_fields(p, user)}
        assert set(people_visible_to(user, "name").values_list("pk", flat=True)) == by_rule


def test_a_coordinator_of_an_organisation_is_offered_the_private_contact_of_its_great_grandchild(
    tree,
):
    from cooperation.forms import ParticipantForm

    coordinator = _member(organisation=tree["a"], role=RoleLevel.COORDINATOR)
    offered = set(ParticipantForm(user=coordinator).fields["contact"].queryset)
    assert tree["people"][Visibility.PRIVATE] in offered
    assert tree["outsider"] not in offered


def test_the_api_names_the_same_people_as_the_organisation_page(client, tree):
    """A member sees a name shown to members on the page; the API used to leave that person
    out (it listed only people whose name is public)."""
    member = _member(organisation=OrganisationFactory(), role=RoleLevel.VIEWER)
    client.force_login(member)
    d = tree["d"]
    page = {e["fields"]["name"] for e in client.get(d.get_absolute_url()).context["people"]}
    api = {
        p["name"]
        for p in client.get(reverse("api-v1:get_organisation", kwargs={"slug": d.slug})).json()[
            "people"
        ]
    }
    members_only = tree["people"][Visibility.MEMBERS].full_name
    assert members_only in page
    assert api == page
