"""Who may do what with memberships, tokens, login events and history. Deny by default."""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _

from actors.models import Organisation, Person
from actors.privacy import person_hidden_fields, person_visible_fields

from .history import register_field_visibility
from .models import RoleLevel
from .predicates import COORDINATOR, is_superuser, object_role_at_least
from .scopes import register_scopes, scopes_for

# People belong to the organisations they hold roles in (actors has no foreign key for it).
register_scopes(
    Person,
    lambda person: [
        role.organisation for role in person.roles.select_related("organisation__seat")
    ],
)

# History and revert of a person show only what the organisation page and the API show.
register_field_visibility(
    Person,
    person_hidden_fields,
    label=lambda person, user: (
        person_visible_fields(person, user).get("name") or _("Person %(id)s") % {"id": person.pk}
    ),
)


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_own(user, obj) -> bool:
    return obj is not None and is_authenticated(user) and getattr(obj, "user_id", None) == user.pk


@rules.predicate
def manages_scope(user, scope) -> bool:
    """Coordinators and admins of an organisation or territory manage its memberships."""
    return object_role_at_least(COORDINATOR).test(user, scope)


@rules.predicate
def manages_membership(user, membership) -> bool:
    """The scope's managers may change a membership, but never one above their own role."""
    if membership is None:
        return False
    role = _role_in_scope(user, membership.organisation or membership.territory)
    return role >= COORDINATOR and membership.role <= role and membership.user_id != user.pk


def _role_in_scope(user, scope) -> int:
    scopes = scopes_for(user)
    if scopes.superuser:
        return RoleLevel.ADMIN
    if isinstance(scope, Organisation):
        return scopes.role_in_organisation(scope)
    return scopes.role_in_territory(scope)


def assignable_roles(user, scope) -> list[int]:
    """The roles a manager may hand out in a scope: up to their own."""
    own = _role_in_scope(user, scope)
    if own < COORDINATOR:
        return []
    return [level for level in RoleLevel.values if level <= own]


rules.add_perm("accounts.manage_memberships", manages_scope)
rules.add_perm("accounts.view_membership", is_own | manages_scope | is_superuser)
rules.add_perm("accounts.add_membership", manages_scope)
rules.add_perm("accounts.change_membership", manages_membership)
rules.add_perm("accounts.delete_membership", manages_membership | is_own)

rules.add_perm("accounts.view_apitoken", is_own)
rules.add_perm("accounts.add_apitoken", is_authenticated)
rules.add_perm("accounts.change_apitoken", rules.always_deny)
rules.add_perm("accounts.delete_apitoken", is_own)

rules.add_perm("accounts.view_user", is_own | is_superuser)
rules.add_perm("accounts.change_user", is_own | is_superuser)
rules.add_perm("accounts.delete_user", is_own | is_superuser)

rules.add_perm("accounts.view_authevent", is_superuser)

# Reverting history rewrites an object: coordinators of (one of) its scopes only.
rules.add_perm("accounts.revert_history", object_role_at_least(COORDINATOR))
rules.add_perm("accounts.view_processing_record", rules.always_allow)
