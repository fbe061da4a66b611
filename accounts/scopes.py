"""A user's effective roles, loaded once per request and reused by every rules predicate.

Permissions in each app's `rules.py` ask two questions: "what role does this user hold in this
organisation?" and "…in this territory (or one above it)?". Both are answered from one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actors.models import Organisation
from places.models import Territory

from .models import Membership, RoleLevel


@dataclass
class Scopes:
    organisations: dict[int, int] = field(default_factory=dict)  # organisation id -> role
    territories: dict[int, int] = field(default_factory=dict)  # territory id -> role
    superuser: bool = False

    def role_in_territory(self, territory: Territory | None) -> int:
        """The highest role held in this territory or any territory above it."""
        if territory is None:
            return 0
        if self.superuser:
            return RoleLevel.ADMIN
        ids = [int(p) for p in territory.path.strip("/").split("/") if p] or [territory.pk]
        return max((self.territories.get(i, 0) for i in ids), default=0)

    def role_in_organisation(self, organisation: Organisation | None) -> int:
        """Role held in the organisation, its parent organisations, or its seat's territory."""
        if organisation is None:
            return 0
        if self.superuser:
            return RoleLevel.ADMIN
        role = 0
        seen = set()
        current = organisation
        while current is not None and current.pk not in seen:
            seen.add(current.pk)
            role = max(role, self.organisations.get(current.pk, 0))
            current = current.parent if current.parent_id else None
        # Coordinators of a city look after the organisations seated there.
        territorial = self.role_in_territory(organisation.seat)
        if territorial >= RoleLevel.COORDINATOR:
            role = max(role, territorial)
        return role

    @property
    def is_member(self) -> bool:
        return self.superuser or bool(self.organisations or self.territories)


def scopes_for(user) -> Scopes:
    if user is None or not user.is_authenticated or not user.is_active:
        return Scopes()
    cached = getattr(user, "_bildungsnetz_scopes", None)
    if cached is not None:
        return cached
    scopes = Scopes(superuser=user.is_superuser)
    for org_id, territory_id, role in (
        Membership.objects.current()
        .filter(user=user)
        .values_list("organisation_id", "territory_id", "role")
    ):
        if org_id:
            scopes.organisations[org_id] = max(role, scopes.organisations.get(org_id, 0))
        else:
            scopes.territories[territory_id] = max(role, scopes.territories.get(territory_id, 0))
    user._bildungsnetz_scopes = scopes
    return scopes


def organisations_with_role(user, level: int):
    """The organisations in which `user` holds at least `level` (the queryset form of
    `Scopes.role_in_organisation`): a few queries whatever the number of organisations."""
    from django.db.models import Q

    scopes = scopes_for(user)
    if scopes.superuser:
        return Organisation.objects.all()
    ids = {pk for pk, role in scopes.organisations.items() if role >= level}
    frontier = set(ids)
    while frontier:  # a role in an organisation covers the organisations below it
        frontier = set(
            Organisation.objects.filter(parent__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids |= frontier
    condition = Q(pk__in=ids)
    # Coordinators (and above) of a territory look after the organisations seated in it.
    territory_ids = [
        pk for pk, role in scopes.territories.items() if role >= max(level, RoleLevel.COORDINATOR)
    ]
    for territory in Territory.objects.filter(pk__in=territory_ids):
        condition |= Q(seat=territory) | Q(seat__path__startswith=territory.path + "/")
    return Organisation.objects.filter(condition)


# --- The scopes an object belongs to -------------------------------------------------------
# Generic views (history, revert, the permission matrix) ask "what role does this user hold on
# this object?". Each app answers for its own models by registering a getter in its rules.py:
#     register_scopes(Partnership, lambda p: [party.territory for party in p.parties.all()])
# A getter returns Organisations and/or Territories. Models not registered fall back to their
# foreign keys to Organisation or Territory.
_SCOPE_GETTERS: dict[type, object] = {}


def register_scopes(model, getter) -> None:
    _SCOPE_GETTERS[model] = getter


def object_scopes(obj) -> list:
    if obj is None:
        return []
    if isinstance(obj, Organisation | Territory):
        return [obj]
    for model in type(obj).__mro__:
        getter = _SCOPE_GETTERS.get(model)
        if getter is not None:
            return [s for s in _as_list(getter(obj)) if s is not None]
    scopes = []
    for model_field in type(obj)._meta.concrete_fields:
        if model_field.is_relation and model_field.related_model in (Organisation, Territory):
            value = getattr(obj, model_field.name, None)
            if value is not None:
                scopes.append(value)
    return scopes


def role_on_object(user, obj) -> int:
    """The highest role the user holds in any organisation or territory the object belongs to."""
    scopes = scopes_for(user)
    if scopes.superuser:
        return RoleLevel.ADMIN
    best = 0
    for scope in object_scopes(obj):
        if isinstance(scope, Organisation):
            best = max(best, scopes.role_in_organisation(scope))
        elif isinstance(scope, Territory):
            best = max(best, scopes.role_in_territory(scope))
    return best


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple | set):
        return list(value)
    if hasattr(value, "all") and callable(value.all):
        return list(value.all())
    return [value]
