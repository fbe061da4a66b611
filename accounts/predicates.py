"""Building blocks for the `rules.py` of every app: deny by default.

Each app states its rules in terms of these factories, e.g.
    can_edit = is_superuser | org_role_at_least(EDITOR, lambda offer: offer.provider)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import rules

from .models import RoleLevel
from .scopes import role_on_object, scopes_for

EDITOR = RoleLevel.EDITOR
VIEWER = RoleLevel.VIEWER
COORDINATOR = RoleLevel.COORDINATOR
ADMIN = RoleLevel.ADMIN


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_member(user) -> bool:
    """Holds any current membership: sees what is shared with members of the platform."""
    return scopes_for(user).is_member


def org_role_at_least(level: int, get_organisations: Callable) -> rules.Predicate:
    """True if the user holds `level` in any organisation the getter returns for the object."""

    def check(user, obj) -> bool:
        if obj is None:
            return False
        scopes = scopes_for(user)
        return any(scopes.role_in_organisation(o) >= level for o in _many(get_organisations(obj)))

    return rules.predicate(check, name=f"org_role_at_least_{level}")


def territory_role_at_least(level: int, get_territories: Callable) -> rules.Predicate:
    """True if the user holds `level` in any territory (or one above) the getter returns."""

    def check(user, obj) -> bool:
        if obj is None:
            return False
        scopes = scopes_for(user)
        return any(scopes.role_in_territory(t) >= level for t in _many(get_territories(obj)))

    return rules.predicate(check, name=f"territory_role_at_least_{level}")


def holds_role_anywhere(level: int) -> rules.Predicate:
    """For creating new objects: the user holds `level` somewhere (scope checked on save)."""

    def check(user) -> bool:
        scopes = scopes_for(user)
        return scopes.superuser or any(
            role >= level for role in [*scopes.organisations.values(), *scopes.territories.values()]
        )

    return rules.predicate(check, name=f"holds_role_anywhere_{level}")


def _many(value) -> Iterable:
    if value is None:
        return ()
    if isinstance(value, list | tuple | set):
        return value
    if hasattr(value, "all") and callable(value.all):
        return value.all()
    return (value,)


def object_role_at_least(level: int) -> rules.Predicate:
    """True if the user holds `level` in any scope the object belongs to (see scopes.py)."""

    def check(user, obj) -> bool:
        return obj is not None and role_on_object(user, obj) >= level

    return rules.predicate(check, name=f"object_role_at_least_{level}")
