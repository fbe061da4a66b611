"""Who may do what in monitoring. Deny by default; reading public data needs no account."""

import rules

from accounts.predicates import (
    COORDINATOR,
    holds_role_anywhere,
    is_superuser,
    territory_role_at_least,
)


@rules.predicate
def is_public(user, obj) -> bool:
    return obj is not None and getattr(obj, "is_public", False)


# Importing data about a territory: its coordinators (a role in a territory covers everything
# below it) and admins. `monitoring.import_observations` without an object opens the upload
# page; the importer then checks every territory of the file with the object form.
territory_coordinator = territory_role_at_least(COORDINATOR, lambda territory: territory)

rules.add_perm("monitoring.import_observations", is_superuser | holds_role_anywhere(COORDINATOR))
rules.add_perm("monitoring.import_into_territory", is_superuser | territory_coordinator)
rules.add_perm("monitoring.view_importlog", is_superuser | holds_role_anywhere(COORDINATOR))
rules.add_perm("monitoring.view_dataset", is_public | is_superuser)
rules.add_perm("monitoring.view_indicator", is_public | is_superuser)
for model in ("dataset", "indicator", "peergroup"):
    for action in ("add", "change", "delete"):
        rules.add_perm(f"monitoring.{action}_{model}", is_superuser)
rules.add_perm("monitoring.add_savedmapping", is_superuser | holds_role_anywhere(COORDINATOR))
rules.add_perm("monitoring.change_savedmapping", is_superuser)
rules.add_perm("monitoring.delete_savedmapping", is_superuser)
