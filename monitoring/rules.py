"""Who may do what in monitoring. Deny by default; reading public data needs no account.

A dataset belongs to the territories it has data about (its regions), an import log to the
territories of its file: the coordinators (and admins) of a city manage what lies wholly in
their city, and nothing that also covers another. The catalogue (indicators, peer groups,
measures, variables) is the platform's and changed by its admins.

Official statistics (a table of a statistical office, `Dataset.is_official`) are public facts,
no tenant's property: every coordinator, of any territory, and the platform's admins may import
and revise them (`monitoring.import_official_statistics`); editing or deleting such a table by
hand is for the platform's admins only.
"""

import rules

from accounts.predicates import (
    COORDINATOR,
    holds_role_anywhere,
    is_superuser,
    territory_role_at_least,
)

from .models import Dataset, ImportLog


@rules.predicate
def is_public(user, obj) -> bool:
    return obj is not None and getattr(obj, "is_public", False)


@rules.predicate
def manages_dataset(user, dataset) -> bool:
    """Coordinates every territory the dataset has data about (a dataset without any: nobody)."""
    if dataset is None or dataset.pk is None:
        return False
    return Dataset.objects.filter(pk=dataset.pk).managed_by(user).exists()


@rules.predicate
def is_official_statistics(user, dataset) -> bool:
    return dataset is not None and getattr(dataset, "is_official", False)


@rules.predicate
def made_the_import(user, log) -> bool:
    return log is not None and user.is_authenticated and log.user_id == user.pk


@rules.predicate
def manages_import(user, log) -> bool:
    """Coordinates every territory of the import's file (one without any: nobody)."""
    if log is None or log.pk is None:
        return False
    return ImportLog.objects.filter(pk=log.pk).managed_by(user).exists()


# Importing data about a territory: its coordinators (a role in a territory covers everything
# below it) and admins. `monitoring.import_observations` without an object opens the upload
# page; the importer then checks every territory of the file with the object form, and an
# existing table of the same code with `monitoring.change_dataset` (services.import_authoriser);
# an official table instead with `monitoring.import_official_statistics` alone.
territory_coordinator = territory_role_at_least(COORDINATOR, lambda territory: territory)

rules.add_perm("monitoring.import_observations", is_superuser | holds_role_anywhere(COORDINATOR))
rules.add_perm("monitoring.import_into_territory", is_superuser | territory_coordinator)
# Official statistics cover every territory: whoever imports statistics anywhere may bring in
# and revise them; each revision is recorded with its import (who, which file).
rules.add_perm(
    "monitoring.import_official_statistics", is_superuser | holds_role_anywhere(COORDINATOR)
)
rules.add_perm("monitoring.view_importlog", is_superuser | made_the_import | manages_import)
for action in ("add", "change", "delete"):
    rules.add_perm(f"monitoring.{action}_importlog", is_superuser)

rules.add_perm("monitoring.view_dataset", is_public | is_superuser | manages_dataset)
rules.add_perm("monitoring.add_dataset", is_superuser)
own_table = manages_dataset & ~is_official_statistics
rules.add_perm("monitoring.change_dataset", is_superuser | own_table)
rules.add_perm("monitoring.delete_dataset", is_superuser | own_table)

rules.add_perm("monitoring.view_indicator", is_public | is_superuser)
for model in ("indicator", "indicatorvalue", "peergroup", "measure", "variable"):
    for action in ("add", "change", "delete"):
        rules.add_perm(f"monitoring.{action}_{model}", is_superuser)
rules.add_perm("monitoring.add_savedmapping", is_superuser | holds_role_anywhere(COORDINATOR))
rules.add_perm("monitoring.change_savedmapping", is_superuser)
rules.add_perm("monitoring.delete_savedmapping", is_superuser)
