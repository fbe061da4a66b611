from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.models import RoleLevel

from .factories import (
    AgreementFactory,
    GoalFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    PlacementFactory,
    ProjectFactory,
    TerritoryFactory,
    UserFactory,
    member,
    with_mfa,
)


@dataclass
class World:
    city_a: object
    city_b: object
    city_c: object
    partnership: object
    private_partnership: object
    agreement: object
    goal: object
    project: object
    placement: object
    users: dict


@pytest.fixture
def world(db):
    """Two partner cities A and B, an unrelated city C, and one user per role."""
    a, b, c = TerritoryFactory(name="Astadt"), TerritoryFactory(name="Bstadt"), TerritoryFactory()
    partnership = PartnershipFactory(parties=[a, b])
    private = PartnershipFactory(parties=[a, b], is_public=False)
    agreement = AgreementFactory(partnership=partnership)
    goal = GoalFactory(agreement=agreement, number=1)
    project = ProjectFactory(partnership=partnership)
    participant_user = UserFactory()
    placement = PlacementFactory(
        home_organisation=OrganisationFactory(seat=a),
        wished_city=b,
        person=PersonFactory(user=participant_user),
    )
    superuser = with_mfa(UserFactory(is_superuser=True, is_staff=True))
    users = {
        "anonymous": None,
        "viewer": member(a, RoleLevel.VIEWER),
        "editor": member(a, RoleLevel.EDITOR),
        "coordinator_a": member(a, RoleLevel.COORDINATOR),
        "coordinator_b": member(b, RoleLevel.COORDINATOR),
        "coordinator_c": member(c, RoleLevel.COORDINATOR),
        "superuser": superuser,
        "participant": participant_user,
    }
    return World(a, b, c, partnership, private, agreement, goal, project, placement, users)
