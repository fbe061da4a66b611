"""The queryset form of "organisations where the user holds a role" agrees with the rule."""

import pytest

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role, scopes_for
from accounts.tests.factories import MembershipFactory, UserFactory
from actors.models import Organisation
from actors.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_territories):
    from places.models import Territory

    berlin = Territory.objects.get_by_key("ags:11000000")
    neukoelln = Territory.objects.get_by_key("lor:08")
    erfurt = Territory.objects.get_by_key("ags:16051000")
    parent = OrganisationFactory(seat=erfurt, slug="dach")
    child = OrganisationFactory(seat=erfurt, parent=parent, slug="kind")
    grandchild = OrganisationFactory(seat=erfurt, parent=child, slug="enkel")
    OrganisationFactory(seat=neukoelln, slug="neukoelln")
    OrganisationFactory(seat=berlin, slug="berlin")
    OrganisationFactory(seat=erfurt, slug="nachbar")
    return {"berlin": berlin, "parent": parent, "child": child, "grandchild": grandchild}


def _by_rule(user, level):
    scopes = scopes_for(user)
    organisations = Organisation.objects.select_related("seat", "parent")
    return {o.slug for o in organisations if scopes.role_in_organisation(o) >= level}


def _by_queryset(user, level):
    return set(organisations_with_role(user, level).values_list("slug", flat=True))


@pytest.mark.parametrize("level", [RoleLevel.VIEWER, RoleLevel.EDITOR, RoleLevel.COORDINATOR])
def test_it_agrees_with_the_rule_for_every_kind_of_membership(world, level):
    editor_of_parent = UserFactory()
    MembershipFactory(user=editor_of_parent, organisation=world["parent"], role=RoleLevel.EDITOR)
    editor_of_child = UserFactory()
    MembershipFactory(user=editor_of_child, organisation=world["child"], role=RoleLevel.EDITOR)
    berlin_coordinator = UserFactory()
    MembershipFactory(
        user=berlin_coordinator, territory=world["berlin"], role=RoleLevel.COORDINATOR
    )
    berlin_editor = UserFactory()  # a territorial editor looks after no organisation
    MembershipFactory(user=berlin_editor, territory=world["berlin"], role=RoleLevel.EDITOR)
    for user in (editor_of_parent, editor_of_child, berlin_coordinator, berlin_editor):
        assert _by_queryset(user, level) == _by_rule(user, level)
    assert _by_queryset(editor_of_parent, RoleLevel.EDITOR) == {"dach", "kind", "enkel"}
    assert _by_queryset(berlin_coordinator, RoleLevel.EDITOR) == {"neukoelln", "berlin"}
    assert _by_queryset(berlin_editor, RoleLevel.EDITOR) == set()


def test_a_superuser_has_every_organisation(world):
    admin = UserFactory(is_superuser=True)
    assert organisations_with_role(admin, RoleLevel.ADMIN).count() == Organisation.objects.count()
