"""Who may do what with organisations, people and roles. Deny by default."""

import rules

from accounts.predicates import (
    ADMIN,
    COORDINATOR,
    EDITOR,
    VIEWER,
    holds_role_anywhere,
    is_superuser,
    org_role_at_least,
    territory_role_at_least,
)


@rules.predicate
def is_public_organisation(user, organisation) -> bool:
    return organisation is not None and organisation.is_public


def _person_organisations(person):
    return [role.organisation for role in person.roles.select_related("organisation__seat")]


org_viewer = org_role_at_least(VIEWER, lambda org: org)
org_editor = org_role_at_least(EDITOR, lambda org: org)
org_admin = org_role_at_least(ADMIN, lambda org: org)
org_coordinator = org_role_at_least(COORDINATOR, lambda org: org)

rules.add_perm("actors.view_organisation", is_public_organisation | org_viewer | is_superuser)
rules.add_perm("actors.add_organisation", holds_role_anywhere(EDITOR))
rules.add_perm("actors.change_organisation", org_editor)
rules.add_perm("actors.delete_organisation", org_admin | org_coordinator)
rules.add_perm("actors.import_organisation", holds_role_anywhere(COORDINATOR))
# Self-registrations are verified by a coordinator of the seat (or a territory above it).
rules.add_perm(
    "actors.verify_organisation",
    territory_role_at_least(COORDINATOR, lambda org: org.seat) | is_superuser,
)
rules.add_perm("actors.review_registrations", holds_role_anywhere(COORDINATOR) | is_superuser)

# Where an organisation may be placed (created, moved, imported): the object is the organisation
# with its *target* seat and parent. A role in the organisation itself does not count, or an
# editor could move it into a city where they hold no role; an editor role in the target seat
# (or a territory above it) or in the target parent organisation does.
may_place_at_seat = territory_role_at_least(EDITOR, lambda org: org.seat)
may_place_under_parent = org_role_at_least(EDITOR, lambda org: org.parent)
rules.add_perm(
    "actors.place_organisation", may_place_at_seat | may_place_under_parent | is_superuser
)

person_editor = org_role_at_least(EDITOR, _person_organisations)
rules.add_perm("actors.view_person", person_editor | is_superuser)
rules.add_perm("actors.change_person", person_editor)
rules.add_perm("actors.delete_person", org_role_at_least(COORDINATOR, _person_organisations))

role_editor = org_role_at_least(EDITOR, lambda role: role.organisation)
rules.add_perm("actors.add_role", holds_role_anywhere(EDITOR))
rules.add_perm("actors.change_role", role_editor)
rules.add_perm("actors.delete_role", role_editor)

for model in ("topic", "targetgroup", "language"):
    rules.add_perm(f"actors.view_{model}", rules.always_allow)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"actors.{action}_{model}", is_superuser)
