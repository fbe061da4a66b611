"""Which rows a user may see in lists: public ones, plus those of the scopes they hold a role in.

The object-level rules in `cooperation/rules.py` decide per object; this turns the same idea
into one query filter for list pages and the API, so lists never load rows to filter in Python.
"""

from __future__ import annotations

from django.db.models import Q

from accounts.models import RoleLevel
from accounts.scopes import scopes_for
from places.models import Territory


def scope_q(
    user, *, territory_paths: list[str], organisation_paths: list[str], level: int = 0
) -> Q | None:
    """Q matching objects tied to the user's scopes; None for a superuser (everything).

    `territory_paths` are lookups to a Territory (e.g. "parties__territory"),
    `organisation_paths` lookups to an Organisation (e.g. "parties__organisation").
    """
    scopes = scopes_for(user)
    if scopes.superuser:
        return None
    condition = Q(pk__in=[])
    roles = {pk: role for pk, role in scopes.territories.items() if role >= level}
    for pk, path in Territory.objects.filter(pk__in=roles).values_list("pk", "path"):
        for lookup in territory_paths:
            condition |= Q(**{f"{lookup}__path__startswith": path + "/"}) | Q(
                **{f"{lookup}__path": path}
            )
        if roles[pk] < RoleLevel.COORDINATOR:
            continue
        for lookup in organisation_paths:
            # Coordinators (and viewers) of a city see what organisations seated there share.
            condition |= Q(**{f"{lookup}__seat__path__startswith": path + "/"}) | Q(
                **{f"{lookup}__seat__path": path}
            )
    ids = [pk for pk, role in scopes.organisations.items() if role >= level]
    if ids:
        for lookup in organisation_paths:
            condition |= Q(**{f"{lookup}__in": ids}) | Q(**{f"{lookup}__parent__in": ids})
    return condition
