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
