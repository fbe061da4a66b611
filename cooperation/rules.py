"""Who may do what in cooperation. Deny by default.

A partnership, its agreements and its joint projects are shared by the parties: coordinators
of any party may edit them, nobody else (apart from platform admins). Editors and viewers of a
party may see what is not public. A placement's personal data is seen only by coordinators of
the home and host city and by the person.

The scopes registered at the end tell generic views (history, revert) which organisations and
territories an object belongs to, so they apply the same parties as these rules.
"""

import rules

from accounts.predicates import (
    COORDINATOR,
    VIEWER,
    holds_role_anywhere,
    is_superuser,
    org_role_at_least,
    territory_role_at_least,
)
from accounts.scopes import register_scopes

from .models import (
    Agreement,
    ExchangeProgramme,
    Goal,
    Partnership,
    Placement,
    PlacementState,
    Project,
    StudyVisit,
)
from .models.exchanges import DECIDED_STATES
from .selectors import home_administrations_for


def _parties(level, get_partnership):
    return territory_role_at_least(
        level, lambda obj: get_partnership(obj).party_territories()
    ) | org_role_at_least(level, lambda obj: get_partnership(obj).party_organisations())


def _itself(obj):
    return obj


def _of_agreement(obj):
    """Agreements and projects both belong to one partnership."""
    return obj.partnership


def _of_goal(obj):
    return obj.agreement.partnership


def _of_child(obj):
    return obj.project.partnership


@rules.predicate
def is_public_partnership(user, partnership) -> bool:
    return partnership is not None and partnership.is_public


@rules.predicate
def is_public_agreement(user, agreement) -> bool:
    return agreement is not None and agreement.is_public and agreement.partnership.is_public


@rules.predicate
def is_public_goal(user, goal) -> bool:
    return goal is not None and is_public_agreement(user, goal.agreement)


@rules.predicate
def is_public_project(user, project) -> bool:
    return project is not None and project.is_public and project.partnership.is_public


@rules.predicate
def is_public_programme(user, programme) -> bool:
    return programme is not None and programme.is_public


@rules.predicate
def is_placement_participant(user, placement) -> bool:
    return (
        placement is not None
        and user.is_authenticated
        and placement.person.user_id is not None
        and placement.person.user_id == user.pk
    )


partnership_coordinator = _parties(COORDINATOR, _itself)
partnership_viewer = _parties(VIEWER, _itself)
agreement_coordinator = _parties(COORDINATOR, _of_agreement)
agreement_viewer = _parties(VIEWER, _of_agreement)
goal_coordinator = _parties(COORDINATOR, _of_goal)
goal_viewer = _parties(VIEWER, _of_goal)
project_coordinator = _parties(COORDINATOR, _of_agreement)
project_viewer = _parties(VIEWER, _of_agreement) | org_role_at_least(
    VIEWER, lambda p: [x.organisation for x in p.participants.select_related("organisation")]
)
child_coordinator = _parties(COORDINATOR, _of_child)

may_add = holds_role_anywhere(COORDINATOR)

rules.add_perm(
    "cooperation.view_partnership", is_public_partnership | partnership_viewer | is_superuser
)
rules.add_perm("cooperation.add_partnership", may_add)
rules.add_perm("cooperation.change_partnership", partnership_coordinator | is_superuser)
rules.add_perm("cooperation.delete_partnership", partnership_coordinator | is_superuser)

rules.add_perm("cooperation.view_agreement", is_public_agreement | agreement_viewer | is_superuser)
rules.add_perm("cooperation.add_agreement", may_add)
rules.add_perm("cooperation.change_agreement", agreement_coordinator | is_superuser)
rules.add_perm("cooperation.delete_agreement", agreement_coordinator | is_superuser)
rules.add_perm("cooperation.transition_agreement", agreement_coordinator | is_superuser)

view_goal = is_public_goal | goal_viewer | is_superuser
rules.add_perm("cooperation.view_goal", view_goal)
rules.add_perm("cooperation.add_goal", may_add)
rules.add_perm("cooperation.change_goal", goal_coordinator | is_superuser)
rules.add_perm("cooperation.delete_goal", goal_coordinator | is_superuser)


@rules.predicate
def may_view_goal_of_link(user, link) -> bool:
    """An indicator of a goal is seen by those who see the goal."""
    return link is not None and view_goal.test(user, link.goal)


rules.add_perm("cooperation.view_goalindicator", may_view_goal_of_link)
for action in ("add", "change", "delete"):
    rules.add_perm(
        f"cooperation.{action}_goalindicator",
        _parties(COORDINATOR, lambda link: link.goal.agreement.partnership) | is_superuser,
    )

view_project = is_public_project | project_viewer | is_superuser
rules.add_perm("cooperation.view_project", view_project)
rules.add_perm("cooperation.add_project", may_add)
rules.add_perm("cooperation.change_project", project_coordinator | is_superuser)
rules.add_perm("cooperation.delete_project", project_coordinator | is_superuser)


@rules.predicate
def may_view_project_of_child(user, child) -> bool:
    """Participants and milestones are seen by those who see their project."""
    return child is not None and view_project.test(user, child.project)


for model in ("projectparticipant", "milestone"):
    rules.add_perm(f"cooperation.view_{model}", may_view_project_of_child)
    rules.add_perm(f"cooperation.add_{model}", may_add)
    rules.add_perm(f"cooperation.change_{model}", child_coordinator | is_superuser)
    rules.add_perm(f"cooperation.delete_{model}", child_coordinator | is_superuser)

programme_coordinator = org_role_at_least(COORDINATOR, lambda p: p.coordinator)
# Members of the coordinating and the participating organisations and cities see a programme
# that is not public (yet); `ExchangeProgramme.objects.visible_to` is the same for lists.
programme_member = org_role_at_least(
    VIEWER, lambda p: [p.coordinator, *p.organisations.all()]
) | territory_role_at_least(VIEWER, lambda p: p.cities.all())
rules.add_perm(
    "cooperation.view_exchangeprogramme", is_public_programme | programme_member | is_superuser
)
rules.add_perm("cooperation.add_exchangeprogramme", may_add)
rules.add_perm("cooperation.change_exchangeprogramme", programme_coordinator | is_superuser)
rules.add_perm("cooperation.delete_exchangeprogramme", programme_coordinator | is_superuser)

home_coordinator = territory_role_at_least(COORDINATOR, lambda p: p.home_territories())
host_coordinator = territory_role_at_least(COORDINATOR, lambda p: p.host_territories())
placement_coordinator = home_coordinator | host_coordinator


@rules.predicate
def works_for_a_participating_administration(user, programme) -> bool:
    """A member (any role) of an organisation or city administration taking part."""
    return programme is not None and home_administrations_for(user, programme).exists()


# Staff apply for a placement themselves (MYM, EVA); coordinators may also record an
# application for someone else ("add_placement").
rules.add_perm("cooperation.apply_for_exchangeprogramme", works_for_a_participating_administration)
# The coordinators of each side decide on an application for their side; nobody decides on
# their own application, not even a platform admin.
coordinates_the_sending_side = home_coordinator | is_superuser
coordinates_the_host_side = host_coordinator | is_superuser
is_the_applicant = is_placement_participant
rules.add_perm(
    "cooperation.decide_home_side_placement", coordinates_the_sending_side & ~is_the_applicant
)
rules.add_perm(
    "cooperation.decide_host_side_placement", coordinates_the_host_side & ~is_the_applicant
)
rules.add_perm(
    "cooperation.view_placement", placement_coordinator | is_placement_participant | is_superuser
)
rules.add_perm("cooperation.add_placement", may_add)
rules.add_perm("cooperation.change_placement", placement_coordinator | is_superuser)
rules.add_perm("cooperation.delete_placement", home_coordinator | is_superuser)
# The person may file their own reports or withdraw (PARTICIPANT_STEPS); the coordinators take
# every step. Which steps a user may take: `may_take_step`, `placement_steps`.
rules.add_perm(
    "cooperation.transition_placement",
    placement_coordinator | is_placement_participant | is_superuser,
)

# Steps the participants themselves may take on their own placement.
PARTICIPANT_STEPS = (
    PlacementState.INTERIM_REPORTED,
    PlacementState.FINAL_REPORTED,
    PlacementState.WITHDRAWN,
)


def may_take_step(user, placement, to_state: str) -> bool:
    """Whether the user may move the placement to `to_state`. Whether the lifecycle allows
    that move now is another question, answered by `services.placement_refusal`."""
    if not user.has_perm("cooperation.transition_placement", placement):
        return False
    return to_state in PARTICIPANT_STEPS or user.has_perm("cooperation.change_placement", placement)


def placement_steps(user, placement) -> list[str]:
    """The steps the user may take on the placement from its current state, in the order of
    the lifecycle. Approving or rejecting an application is no step: each side decides
    (`decide_home_side_placement`, `decide_host_side_placement`)."""
    if not user.has_perm("cooperation.transition_placement", placement):
        return []
    steps = placement.next_states()
    if placement.state == PlacementState.APPLIED:
        steps = [s for s in steps if s not in DECIDED_STATES]
    if not user.has_perm("cooperation.change_placement", placement):
        steps = [s for s in steps if s in PARTICIPANT_STEPS]
    return steps


# Study visits are light, public records of a trip between two cities.
visit_coordinator = territory_role_at_least(COORDINATOR, lambda v: [v.origin, v.destination])


@rules.predicate
def is_public_visit(user, visit) -> bool:
    return visit is not None and visit.is_public


rules.add_perm("cooperation.view_studyvisit", is_public_visit | visit_coordinator | is_superuser)
rules.add_perm("cooperation.add_studyvisit", may_add)
rules.add_perm("cooperation.change_studyvisit", visit_coordinator | is_superuser)
rules.add_perm("cooperation.delete_studyvisit", visit_coordinator | is_superuser)

for model in ("agreementsignatory", "agreementversion", "agreementtransition", "goalowner",
              "exchangecall", "partnershipparty", "placementtransition"):  # fmt: skip
    rules.add_perm(f"cooperation.view_{model}", is_superuser)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"cooperation.{action}_{model}", is_superuser)


# --- Scopes for generic views ---------------------------------------------------------------
def _party_scopes(partnership) -> list:
    return [
        party.territory or party.organisation
        for party in partnership.parties.select_related("territory", "organisation__seat")
    ]


register_scopes(Partnership, _party_scopes)
register_scopes(Agreement, lambda agreement: _party_scopes(agreement.partnership))
register_scopes(Goal, lambda goal: _party_scopes(goal.agreement.partnership))
register_scopes(Project, lambda project: _party_scopes(project.partnership))
register_scopes(ExchangeProgramme, lambda programme: [programme.coordinator])
register_scopes(Placement, lambda p: [*p.home_territories(), *p.host_territories()])
register_scopes(StudyVisit, lambda visit: [visit.origin, visit.destination])
