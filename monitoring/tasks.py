"""Background work: large imports run in the database-backed queue (`manage.py db_worker`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.db import connection, connections
from django_tasks import task

from .models import ImportLog
from .services import import_log_abandon, import_log_run


def _progress_writer(log_id: int):
    """Progress is written through a second connection on PostgreSQL so the page sees it while
    the import's own transaction is still open; SQLite allows one writer, so there it is only
    written between the phases (before the transaction starts)."""
    if connection.vendor != "postgresql":

        def report(percent: int, stage: str) -> None:
            if not connection.in_atomic_block:
                ImportLog.objects.filter(pk=log_id).update(progress=percent, stage=stage)

        return report, None
    side = connections.create_connection("default")

    def report(percent: int, stage: str) -> None:
        with side.cursor() as cursor:
            cursor.execute(
                "UPDATE monitoring_importlog SET progress = %s, stage = %s WHERE id = %s",
                [percent, stage, log_id],
            )

    return report, side


@task()
def run_import(log_id: int) -> str:
    log = ImportLog.objects.select_related("user", "mapping").get(pk=log_id)
    report, side = _progress_writer(log_id)
    # Read from disk, never whole into memory: a flat file of any size is parsed in parts.
    path, temporary = _local_path(log)
    try:
        import_log_run(log, path=path, progress=report)
    finally:
        if side is not None:
            side.close()
        if temporary:
            Path(path).unlink(missing_ok=True)
    return log.status


def run_import_abandoned(log_id: int) -> None:
    """`run_import` failed or its worker died before the log was finished (see
    bildungsnetz/task_recovery.py): the log says so instead of "running"."""
    import_log_abandon(log_id=log_id)


def _local_path(log: ImportLog) -> tuple[str, bool]:
    """The upload as a local file: its own path on file storage, else a temporary copy
    (object storage), written in chunks; (path, whether it is a temporary copy)."""
    try:
        return log.upload.path, False
    except NotImplementedError:
        pass
    suffix = Path(log.filename).suffix
    with (
        tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as copy,
        log.upload.open("rb") as handle,
    ):
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            copy.write(chunk)
    return copy.name, True
