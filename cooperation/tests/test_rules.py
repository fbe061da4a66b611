"""The permission matrix: roles × objects × actions (deny by default)."""

import pytest
from django.contrib.auth.models import AnonymousUser

ROLES = ["anonymous", "viewer", "editor", "coordinator_a", "coordinator_b", "coordinator_c",
         "superuser"]  # fmt: skip
BOTH_PARTIES = {"coordinator_a", "coordinator_b", "superuser"}
EVERYONE = set(ROLES)
PARTY_MEMBERS = {"viewer", "editor", "coordinator_a", "coordinator_b", "superuser"}

# (object attribute on the world, model name, action) -> roles allowed
MATRIX = {
    ("partnership", "partnership", "view"): EVERYONE,
    ("partnership", "partnership", "change"): BOTH_PARTIES,
    ("partnership", "partnership", "delete"): BOTH_PARTIES,
    ("private_partnership", "partnership", "view"): PARTY_MEMBERS,
    ("private_partnership", "partnership", "change"): BOTH_PARTIES,
    ("agreement", "agreement", "view"): EVERYONE,
    ("agreement", "agreement", "change"): BOTH_PARTIES,
    ("agreement", "agreement", "delete"): BOTH_PARTIES,
    ("agreement", "agreement", "transition"): BOTH_PARTIES,
    ("goal", "goal", "view"): EVERYONE,
    ("goal", "goal", "change"): BOTH_PARTIES,
    ("goal", "goal", "delete"): BOTH_PARTIES,
    ("project", "project", "view"): EVERYONE,
    ("project", "project", "change"): BOTH_PARTIES,
    ("project", "project", "delete"): BOTH_PARTIES,
    ("placement", "placement", "view"): BOTH_PARTIES,
    ("placement", "placement", "change"): BOTH_PARTIES,
    ("placement", "placement", "delete"): {"coordinator_a", "superuser"},
    # Each side's coordinators decide on an application for their side (#12, finding 11).
    ("placement", "placement", "decide_home_side"): {"coordinator_a", "superuser"},
    ("placement", "placement", "decide_host_side"): {"coordinator_b", "superuser"},
}
CASES = [(obj, model, action, role) for (obj, model, action) in MATRIX for role in ROLES]


@pytest.mark.parametrize(("obj", "model", "action", "role"), CASES)
def test_permission_matrix(world, obj, model, action, role):
    user = world.users[role] or AnonymousUser()
    allowed = role in MATRIX[(obj, model, action)]
    assert user.has_perm(f"cooperation.{action}_{model}", getattr(world, obj)) is allowed


def test_the_participant_sees_their_own_placement_but_cannot_change_it(world):
    user = world.users["participant"]
    assert user.has_perm("cooperation.view_placement", world.placement)
    assert user.has_perm("cooperation.transition_placement", world.placement)
    assert not user.has_perm("cooperation.change_placement", world.placement)


def test_private_agreement_of_a_public_partnership_is_hidden_from_outsiders(world):
    world.agreement.is_public = False
    world.agreement.save()
    assert not AnonymousUser().has_perm("cooperation.view_agreement", world.agreement)
    assert not world.users["coordinator_c"].has_perm("cooperation.view_agreement", world.agreement)
    assert world.users["viewer"].has_perm("cooperation.view_agreement", world.agreement)


def test_only_coordinators_may_add_shared_objects(world):
    assert world.users["coordinator_c"].has_perm("cooperation.add_partnership")
    assert not world.users["editor"].has_perm("cooperation.add_partnership")
    assert not AnonymousUser().has_perm("cooperation.add_partnership")


def test_list_visibility_matches_the_rules(world):
    from cooperation.models import Partnership, Placement

    def visible(role):
        return set(Partnership.objects.visible_to(world.users[role] or AnonymousUser()))

    assert world.private_partnership not in visible("anonymous")
    assert world.private_partnership not in visible("coordinator_c")
    assert world.private_partnership in visible("viewer")
    assert world.private_partnership in visible("coordinator_b")
    assert world.placement in Placement.objects.visible_to(world.users["coordinator_b"])
    assert world.placement in Placement.objects.visible_to(world.users["participant"])
    assert not Placement.objects.visible_to(world.users["viewer"]).exists()
    assert not Placement.objects.visible_to(world.users["coordinator_c"]).exists()


def test_the_participant_cannot_decide_on_their_own_application(world):
    user = world.users["participant"]
    assert not user.has_perm("cooperation.decide_home_side_placement", world.placement)
    assert not user.has_perm("cooperation.decide_host_side_placement", world.placement)


def test_a_coordinator_cannot_decide_on_their_own_application(world):
    from .factories import OrganisationFactory, PersonFactory, PlacementFactory

    coordinator = world.users["coordinator_a"]
    own = PlacementFactory(
        home_organisation=OrganisationFactory(seat=world.city_a),
        wished_city=world.city_b,
        person=PersonFactory(user=coordinator),
    )
    assert coordinator.has_perm("cooperation.view_placement", own)
    assert not coordinator.has_perm("cooperation.decide_home_side_placement", own)
    assert world.users["coordinator_b"].has_perm("cooperation.decide_host_side_placement", own)


def test_staff_of_a_participating_city_apply_for_themselves_whatever_their_role(world):
    programme = world.placement.programme
    programme.cities.set([world.city_a])
    allowed = {
        role
        for role, user in world.users.items()
        if (user or AnonymousUser()).has_perm("cooperation.apply_for_exchangeprogramme", programme)
    }
    # Django grants a platform admin every permission; they may apply for any administration.
    assert allowed == {"viewer", "editor", "coordinator_a", "superuser"}


def test_members_of_a_participating_organisation_apply_but_not_of_others(world):
    from accounts.models import RoleLevel

    from .factories import OrganisationFactory, ProgrammeFactory, member

    taking_part, other = OrganisationFactory(kind="ngo"), OrganisationFactory()
    programme = ProgrammeFactory()
    programme.organisations.set([taking_part])
    assert member(organisation=taking_part, role=RoleLevel.VIEWER).has_perm(
        "cooperation.apply_for_exchangeprogramme", programme
    )
    assert not member(organisation=other, role=RoleLevel.ADMIN).has_perm(
        "cooperation.apply_for_exchangeprogramme", programme
    )
