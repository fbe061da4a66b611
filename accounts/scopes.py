"""Who covers what: a user's effective roles, loaded once per request, and every question
asked of them.

Permissions in each app's `rules.py` ask two questions: "what role does this user hold in this
organisation?" and "…in this territory (or one above it)?". Both are answered from one query.
Lists, exports, the API and form choices ask the same as query filters (`scope_q`,
`organisation_scope_q`, `organisations_with_role`, `organisations_visible_to`,
`territories_with_role`): built here by the same rule, so a page and its list never disagree.
Who may see a person's fields is `actors.privacy` (it asks `organisation_scope_q`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from actors.models import Organisation
from places.models import Territory, within_q

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


# --- The same scopes as query filters ------------------------------------------------------
# Lists, exports, the API and form choices ask "which rows does this user's role cover?" as one
# filter. They all build it here, by the same rule as `Scopes.role_in_organisation` and
# `Scopes.role_in_territory`: a role in an organisation covers every organisation below it (at
# any depth), a role in a territory everything below it, and coordinators of a territory the
# organisations seated there.


def territories_with_role(user, level: int) -> list[tuple[int, str]] | None:
    """(id, path) of the territories in which `user` holds at least `level`; None for a
    superuser, who holds every role everywhere. Each covers the territories below it (see
    `places.models.within_q`)."""
    scopes = scopes_for(user)
    if scopes.superuser:
        return None
    ids = [pk for pk, role in scopes.territories.items() if role >= level]
    return list(Territory.objects.filter(pk__in=ids).values_list("pk", "path")) if ids else []


def _organisations_q(lookup: str, ids, seats) -> Q:
    prefix = f"{lookup}__" if lookup else ""
    condition = Q(**{f"{lookup or 'pk'}__in": sorted(ids)}) if ids else Q(pk__in=[])
    return condition | within_q(f"{prefix}seat", seats)


def _covered(scopes: Scopes, user, level: int):
    """The organisation ids `user` covers through organisation roles of at least `level` (any
    depth below them), and the territories whose seated organisations they cover."""
    roots = [pk for pk, role in scopes.organisations.items() if role >= level]
    ids = Organisation.objects.subtree_ids(roots) if roots else set()
    # Coordinators (and above) of a territory look after the organisations seated in it.
    seats = territories_with_role(user, max(level, RoleLevel.COORDINATOR))
    return ids, seats


def organisation_scope_q(user, level: int = RoleLevel.VIEWER, *, lookup: str = "") -> Q | None:
    """`lookup` (a path to an Organisation, e.g. "provider" or "roles__organisation"; "" for an
    Organisation itself) is an organisation in which `user` holds at least `level`; None for a
    superuser (everything)."""
    scopes = scopes_for(user)
    if scopes.superuser:
        return None
    return _organisations_q(lookup, *_covered(scopes, user, level))


def organisations_with_role(user, level: int):
    """The organisations in which `user` holds at least `level` (the queryset form of
    `Scopes.role_in_organisation`): a few queries whatever the number of organisations."""
    condition = organisation_scope_q(user, level)
    return (
        Organisation.objects.all() if condition is None else Organisation.objects.filter(condition)
    )


def organisations_visible_to(user):
    """The organisations `user` may see (the rule `actors.view_organisation` as one query):
    the public ones and those their roles cover. The directory, its exports and the API list."""
    condition = organisation_scope_q(user, RoleLevel.VIEWER)
    if condition is None:
        return Organisation.objects.all()
    return Organisation.objects.filter(Q(is_public=True) | condition)


def scope_q(
    user, *, territory_paths: list[str], organisation_paths: list[str], level: int = 0
) -> Q | None:
    """Q matching objects tied to the scopes in which `user` holds at least `level`; None for a
    superuser (everything).

    `territory_paths` are lookups to a Territory (e.g. "parties__territory"),
    `organisation_paths` lookups to an Organisation (e.g. "parties__organisation").
    """
    scopes = scopes_for(user)
    if scopes.superuser:
        return None
    condition = Q(pk__in=[])
    if territory_paths:
        territories = territories_with_role(user, level)
        for lookup in territory_paths:
            condition |= within_q(lookup, territories)
    if organisation_paths:
        ids, seats = _covered(scopes, user, level)
        for lookup in organisation_paths:
            condition |= _organisations_q(lookup, ids, seats)
    return condition


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
