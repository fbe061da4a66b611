"""What cooperation reads for a user (queries the views and rules share)."""

from __future__ import annotations

from django.db.models import Q

from accounts.scopes import scopes_for
from actors.models import Organisation
from places.models import Territory

from .models.exchanges import ADMINISTRATION_KINDS


def home_administrations_for(user, programme):
    """The participating administrations the user works for: organisations of the programme
    (or below them) in which they hold any role, and, for a role in a participating city, that
    city's administrations. A platform admin may apply for any of them (as Django grants a
    superuser every permission)."""
    scopes = scopes_for(user)
    if scopes.superuser:
        return programme.participating_organisations()
    if not (scopes.organisations or scopes.territories):
        return Organisation.objects.none()
    ids = set(scopes.organisations)
    frontier = set(ids)
    while frontier:  # a role in an organisation covers the organisations below it
        frontier = set(
            Organisation.objects.filter(parent__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids |= frontier
    condition = Q(pk__in=ids)
    for territory in Territory.objects.filter(pk__in=list(scopes.territories)):
        condition |= Q(kind__in=ADMINISTRATION_KINDS) & (
            Q(seat=territory) | Q(seat__path__startswith=territory.path + "/")
        )
    return programme.participating_organisations().filter(condition)
