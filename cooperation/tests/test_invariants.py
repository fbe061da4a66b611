"""The models hold the invariants: a service refuses what a form would, and writes nothing.

Each test goes through the service, not the form: the rule lives on the model (`clean()`, or
`clean_<relation>` for a many-to-many relation), which `model_update` asks before writing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from cooperation.models import (
    AgreementSignatory,
    GoalIndicator,
    PlacementState,
    ProjectParticipant,
)
from cooperation.rules import PARTICIPANT_STEPS, may_take_step, placement_steps
from cooperation.services import (
    agreement_update,
    partnership_update,
    placement_decide,
    placement_transition,
    project_participant_save,
    project_save,
)
from cooperation.services_goals import goal_indicator_save
from cooperation.services_signatories import agreement_signatories_set
from monitoring.tests.factories import IndicatorFactory

from .factories import (
    AgreementFactory,
    GoalFactory,
    OrganisationFactory,
    TerritoryFactory,
    UserFactory,
    member,
)

START, BEFORE_START = dt.date(2030, 6, 1), dt.date(2030, 5, 1)


def _refused(call) -> dict:
    """The messages (in English) of the ValidationError `call` raises, by field."""
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        call()
    with translation.override("en"):
        exc = caught.value
        return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


def test_an_agreement_ending_before_it_starts_is_refused_by_the_service(world):
    agreement = world.agreement
    errors = _refused(
        lambda: agreement_update(
            agreement=agreement,
            data={"title_de": "Neu", "valid_from": START, "valid_until": BEFORE_START},
        )
    )
    assert errors == {"valid_until": ["The end cannot be before the start."]}
    agreement.refresh_from_db()
    assert (agreement.title, agreement.valid_until) != ("Neu", BEFORE_START)
    assert agreement.history.count() == 1


def test_a_project_ending_before_it_starts_is_refused_by_the_service(world):
    project = world.project
    errors = _refused(
        lambda: project_save(project=project, data={"start": START, "end": BEFORE_START})
    )
    assert errors == {"end": ["The end cannot be before the start."]}
    project.refresh_from_db()
    assert project.end is None and project.history.count() == 1


def test_a_project_cannot_serve_a_goal_of_another_partnership_through_the_service(world):
    foreign = GoalFactory(agreement=AgreementFactory())
    project = world.project
    errors = _refused(
        lambda: project_save(project=project, data={"title_de": "Neu"}, goals=[foreign])
    )
    assert errors == {
        "goals": ["A project can only serve goals of its own partnership's agreements."]
    }
    project.refresh_from_db()
    assert not project.goals.exists() and project.title != "Neu"


def test_a_placement_ending_before_it_starts_is_refused_on_the_end(world):
    placement = world.placement
    user = UserFactory()
    placement_decide(placement=placement, side="home", approve=True, user=user)
    placement_decide(placement=placement, side="host", approve=True, user=user)
    host = OrganisationFactory(seat=placement.wished_city)
    placement_transition(
        placement=placement, to_state=PlacementState.MATCHED, changes={"host_organisation": host}
    )
    errors = _refused(
        lambda: placement_transition(
            placement=placement,
            to_state=PlacementState.AGREED,
            changes={"start": START, "end": BEFORE_START},
        )
    )
    assert errors == {"end": ["The end cannot be before the start."]}
    placement.refresh_from_db()
    assert placement.state == PlacementState.MATCHED and placement.end is None
    assert placement.transitions.filter(to_state=PlacementState.AGREED).count() == 0


def test_a_target_year_before_the_baseline_year_is_refused_by_the_service(world):
    link = GoalIndicator(goal=world.goal)
    data = {
        "indicator": IndicatorFactory(),
        "territory": world.city_a,
        "baseline_value": 10.0,
        "baseline_period": "2030",
        "target_value": 20.0,
        "target_period": "2025",
    }
    errors = _refused(lambda: goal_indicator_save(link=link, data=data))
    assert errors == {"target_period": ["The target year cannot be before the baseline year."]}
    assert not GoalIndicator.objects.exists()


def test_a_partnership_keeps_two_parties_when_the_service_is_asked_for_one(world):
    partnership = world.partnership
    errors = _refused(
        lambda: partnership_update(
            partnership=partnership, data={"name_de": "Neu"}, parties=[world.city_a]
        )
    )
    assert errors == {"__all__": ["A partnership needs at least two different parties."]}
    partnership.refresh_from_db()
    assert partnership.name != "Neu" and partnership.parties.count() == 2


def test_a_participant_outside_the_sides_is_refused_by_the_model(world):
    stranger = OrganisationFactory(seat=world.city_c)
    errors = _refused(
        lambda: project_participant_save(
            participant=ProjectParticipant(project=world.project),
            data={"organisation": stranger, "role": "Partner"},
        )
    )
    assert errors == {
        "organisation": ["The organisation belongs to none of the partnership's sides."]
    }
    assert not world.project.participants.exists()


def test_a_change_of_parties_alone_still_counts_as_a_change_of_the_partnership(world):
    partnership = world.partnership
    before = partnership.history.count()
    partnership_update(
        partnership=partnership, data={}, parties=[world.city_a, world.city_b, world.city_c]
    )
    assert partnership.parties.count() == 3
    assert partnership.history.count() == before + 1


def test_a_signatory_whose_organisation_left_the_sides_can_still_be_corrected(world):
    # The form keeps a recorded organisation among the choices; only a newly chosen one must
    # be of a side (before, any change of the row refused it).
    former = OrganisationFactory(seat=world.city_c)
    signatory = AgreementSignatory.objects.create(
        agreement=world.agreement, name="Frau Muster", function="OB", organisation=former
    )
    row = {"id": signatory.pk, "name": "Frau Muster", "function": "Oberbürgermeisterin",
           "organisation": former, "signed_place": None, "signed_on": None}  # fmt: skip
    agreement_signatories_set(agreement=world.agreement, rows=[row])
    signatory.refresh_from_db()
    assert signatory.function == "Oberbürgermeisterin"


def test_a_newly_chosen_organisation_outside_the_sides_is_refused(world):
    stranger = OrganisationFactory(seat=world.city_c)
    row = {"name": "Herr Muster", "function": "OB", "organisation": stranger,
           "signed_place": None, "signed_on": None}  # fmt: skip
    errors = _refused(lambda: agreement_signatories_set(agreement=world.agreement, rows=[row]))
    assert errors == {
        "__all__": ["Signatory 1: The organisation belongs to none of the partnership's sides."]
    }
    assert not world.agreement.signatories.exists()


# --- Who may take which step of a placement (cooperation.rules) ------------------------------


def _started(placement):
    placement.state = PlacementState.STARTED
    placement.save()
    return placement


def test_the_participant_may_take_only_their_own_steps(world):
    placement = _started(world.placement)
    user = world.users["participant"]
    assert set(placement_steps(user, placement)) == {
        s for s in placement.next_states() if s in PARTICIPANT_STEPS
    }
    assert placement_steps(user, placement)
    assert may_take_step(user, placement, PlacementState.FINAL_REPORTED)
    assert not may_take_step(user, placement, PlacementState.CANCELLED)


def test_a_coordinator_of_a_side_may_take_every_step(world):
    placement = _started(world.placement)
    user = world.users["coordinator_a"]
    assert placement_steps(user, placement) == placement.next_states()
    assert may_take_step(user, placement, PlacementState.CANCELLED)


def test_approving_an_application_is_no_step(world):
    placement = world.placement
    user = world.users["coordinator_a"]
    assert placement.state == PlacementState.APPLIED
    steps = placement_steps(user, placement)
    assert PlacementState.APPROVED not in steps and PlacementState.REJECTED not in steps


def test_someone_without_a_part_in_the_placement_may_take_no_step(world):
    placement = _started(world.placement)
    outsider = member(TerritoryFactory(), RoleLevel.COORDINATOR)
    assert placement_steps(outsider, placement) == []
    assert not may_take_step(outsider, placement, PlacementState.WITHDRAWN)


def test_the_participant_is_refused_a_coordinators_step_by_the_page(world, client):
    placement = _started(world.placement)
    client.force_login(world.users["participant"])
    url = reverse("cooperation:placement_transition", args=[placement.pk])
    response = client.post(url, {"to_state": PlacementState.CANCELLED})
    assert response.status_code == 403
    placement.refresh_from_db()
    assert placement.state == PlacementState.STARTED
