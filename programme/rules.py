"""Who may do what in work programmes. Deny by default.

A programme belongs to its territory and/or its lead organisation: coordinators of the
territory and editors of the lead organisation manage it (its packages, tasks, milestones and
deliverables); the editors of a package's lead organisation manage that package's tasks,
milestones and deliverables. Viewers of either see a programme that is not public. The owner
of a task may move its status (not edit or delete it).
"""

import rules

from accounts.predicates import (
    COORDINATOR,
    EDITOR,
    VIEWER,
    holds_role_anywhere,
    is_superuser,
    org_role_at_least,
    territory_role_at_least,
)
from accounts.scopes import register_scopes

from .models import Deliverable, Milestone, Programme, Task, WorkPackage


def _of_programme(level_territory, level_organisation):
    return territory_role_at_least(
        level_territory, lambda programme: programme.territory
    ) | org_role_at_least(level_organisation, lambda programme: programme.lead_organisation)


_manages = _of_programme(COORDINATOR, EDITOR)
_sees = _of_programme(VIEWER, VIEWER)


@rules.predicate
def is_public_programme(user, programme) -> bool:
    return programme is not None and programme.is_public and not programme.is_deleted


@rules.predicate
def manages_programme(user, programme) -> bool:
    return programme is not None and _manages.test(user, programme)


@rules.predicate
def sees_programme(user, programme) -> bool:
    return programme is not None and _sees.test(user, programme)


view_programme = is_public_programme | sees_programme | manages_programme | is_superuser
manage_programme = manages_programme | is_superuser

rules.add_perm("programme.view_programme", view_programme)
# Adding asks for a role somewhere; the form then offers only the territories and organisations
# the user manages, and the service checks the new programme with `change_programme`.
rules.add_perm("programme.add_programme", holds_role_anywhere(EDITOR))
rules.add_perm("programme.change_programme", manage_programme)
rules.add_perm("programme.delete_programme", manage_programme)


@rules.predicate
def may_view_programme_of_package(user, package) -> bool:
    return package is not None and view_programme.test(user, package.programme)


@rules.predicate
def manages_programme_of_package(user, package) -> bool:
    return package is not None and manage_programme.test(user, package.programme)


package_lead_editor = org_role_at_least(EDITOR, lambda package: package.lead_organisation)

rules.add_perm("programme.view_workpackage", may_view_programme_of_package)
rules.add_perm("programme.add_workpackage", manages_programme_of_package)
rules.add_perm("programme.change_workpackage", manages_programme_of_package)
rules.add_perm("programme.delete_workpackage", manages_programme_of_package)
# Tasks, milestones and deliverables: asked with a package (adding) or with the item.
rules.add_perm("programme.manage_package_items", manages_programme_of_package | package_lead_editor)


@rules.predicate
def may_view_package_of_item(user, item) -> bool:
    return item is not None and may_view_programme_of_package.test(user, item.package)


@rules.predicate
def manages_package_of_item(user, item) -> bool:
    return item is not None and user.has_perm("programme.manage_package_items", item.package)


@rules.predicate
def owns_task(user, task) -> bool:
    if task is None or not user.is_authenticated:
        return False
    if task.owner_user_id == user.pk:
        return True
    return task.owner_id is not None and task.owner.user_id == user.pk


for model in ("task", "milestone", "deliverable"):
    rules.add_perm(f"programme.view_{model}", may_view_package_of_item)
    rules.add_perm(f"programme.add_{model}", manages_package_of_item)
    rules.add_perm(f"programme.change_{model}", manages_package_of_item)
    rules.add_perm(f"programme.delete_{model}", manages_package_of_item)
rules.add_perm("programme.set_status_task", manages_package_of_item | owns_task)
rules.add_perm(
    "programme.view_budgetline", lambda user, line: view_programme.test(user, line.programme)
)
for action in ("add", "change", "delete"):
    rules.add_perm(f"programme.{action}_budgetline", is_superuser)


# --- Scopes for generic views (history, revert) ---------------------------------------------
def _programme_scopes(programme) -> list:
    return [programme.territory, programme.lead_organisation]


register_scopes(Programme, _programme_scopes)
register_scopes(
    WorkPackage, lambda package: [*_programme_scopes(package.programme), package.lead_organisation]
)
for _model in (Task, Milestone, Deliverable):
    register_scopes(
        _model,
        lambda item: [*_programme_scopes(item.package.programme), item.package.lead_organisation],
    )
