"""What the monitoring system does: imports, recomputing figures, column mappings. What it
reads (indicator values, rankings, export rows) is `selectors.py`."""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from places.models import Territory

from .import_messages import import_message
from .importer import observations_import  # noqa: F401  (public entry point)
from .indicators import indicator_compute, indicators_compute, indicators_load_catalogue  # noqa: F401
from .models import Dataset, ImportLog, SavedMapping


def dataset_figures_refresh(*, measures: set[str]) -> int:
    """Recompute the indicators over `measures` after a table was published, withdrawn or
    deleted (indicators take public tables only); returns how many were recomputed."""
    return indicators_compute(measures=measures) if measures else 0


@transaction.atomic
def saved_mapping_create(*, name: str, mapping: dict, user=None) -> SavedMapping:
    """A column mapping for the files of one source, made by `user`; checked by the model
    (`full_clean`: a name that exists is refused) before it is saved."""
    saved = SavedMapping(name=name, mapping=mapping, created_by=user)
    saved.full_clean()
    saved.save()
    return saved


def import_log_create(
    *,
    user,
    file: File,
    name: str,
    size: int,
    dry_run: bool,
    mapping: SavedMapping | None = None,
    table_code: str = "",
) -> ImportLog:
    """A pending import of `file` (stored under `name`, copied in chunks) by `user`: the one
    way an upload, or the real run of a checked dry run, becomes an import log. It is run
    by `import_log_run`, in the request or in the worker."""
    log = ImportLog(
        user=user,
        filename=name[:255],
        size=size,
        dry_run=dry_run,
        mapping=mapping,
        table_code=table_code,
    )
    log.upload.save(name, file, save=False)
    log.save()
    return log


def import_log_run(
    log: ImportLog,
    *,
    data: bytes | None = None,
    path: str | None = None,
    progress=None,
) -> ImportLog:
    """Import the file of a pending log, read from `data` or from a local `path`, as its user
    with their rights (`import_authoriser`), through its saved mapping and table code."""
    source = {"data": data} if data is not None else {"path": path}
    return observations_import(
        **source,
        filename=log.filename,
        user=log.user,
        dry_run=log.dry_run,
        mapping=log.mapping.mapping if log.mapping else None,
        table_code=log.table_code,
        log=log,
        authorise=import_authoriser(log.user),
        progress=progress,
    )


def import_log_abandon(*, log_id: int) -> int:
    """Mark an import failed whose task ended without finishing it (its worker died, or it
    raised): its transaction was rolled back, so nothing of it is stored. A finished log is
    left alone; returns 1 if the log was marked, else 0."""
    return ImportLog.objects.filter(
        pk=log_id, status__in=[ImportLog.Status.PENDING, ImportLog.Status.RUNNING]
    ).update(
        status=ImportLog.Status.FAILED,
        errors=[{"line": None, "column": "", "code": "worker_lost",
                 "message": import_message("worker_lost")}],
        rows_created=0, rows_updated=0, rows_unchanged=0,
        progress=100, stage="done", finished=timezone.now(),
    )  # fmt: skip


def import_authoriser(user):
    """`authorise` callback for `observations_import`.

    Official statistics (a table of a statistical office, `provenance.official_table`) are
    shared public facts: whoever may import official statistics may bring in and revise such a
    table whatever territories it covers (new ones included, under their official keys), as
    long as the stored table of that code is official too. A city's own figures stay with its
    coordinators: the user must coordinate every territory in the file (for new territories:
    their country), and may write into a stored table of the same code only if they manage it
    (it has data about their territories only)."""
    if user is None or user.is_superuser:
        return None
    shares_official = user.has_perm("monitoring.import_official_statistics")

    def authorise(
        territory_ids: list[int], new_items: list[dict], dataset=None, *, official: bool = False
    ) -> list[str]:
        if official and shares_official and (dataset is None or dataset.is_official):
            return []
        if dataset is not None and not user.has_perm("monitoring.change_dataset", dataset):
            return [_refused_table(dataset)]
        territories = list(Territory.objects.filter(pk__in=territory_ids))
        denied = [
            t for t in territories if not user.has_perm("monitoring.import_into_territory", t)
        ]
        if new_items and not denied:
            # Only coordinators of the whole country (or admins) may add territories, so an
            # Erfurt coordinator cannot create Kreise elsewhere through an import.
            for code in sorted({item["country"] for item in new_items}):
                country = Territory.objects.filter(scheme="iso", code=code).first()
                if not user.has_perm("monitoring.import_into_territory", country):
                    return [
                        _("You may not add new territories (%(count)d in the file).")
                        % {"count": len(new_items)}
                    ]
        return [
            _("You may not import data about %(name)s (%(key)s).") % {"name": t.name, "key": t.key}
            for t in denied[:20]
        ]

    return authorise


def _refused_table(dataset: Dataset) -> str:
    """Why a file may not go into a stored table, and what to do instead."""
    if dataset.is_official:
        return _(
            "The table %(code)s is official statistics: only the statistical office's own file "
            "updates it. To import your own figures, enter a table code of your own in the "
            "field “Table code” and upload the file again."
        ) % {"code": dataset.code}
    return _(
        "The table %(code)s already holds data about territories you do not coordinate. To "
        "import your figures, enter a table code of your own in the field “Table code” and "
        "upload the file again."
    ) % {"code": dataset.code}
