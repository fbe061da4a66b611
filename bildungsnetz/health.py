"""Readiness: may this process take traffic? (`/readyz`; `/healthz` only says it is alive.)

Each check is cheap and says ok or why not; the load balancer sends requests only to a process
whose checks all pass, and a deployment waits for them after `migrate`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Migrations are never unapplied under a running process: once none is pending, the check
# need not load the migration graph again (a new release starts new processes).
_migrations_current = False


class NotReady(Exception):
    """A check's own finding; its message is safe to show."""


def check_database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def check_migrations() -> None:
    global _migrations_current
    if _migrations_current:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise NotReady(f"{len(pending)} migrations not applied")
    _migrations_current = True


def check_cache(alias: str = DEFAULT_CACHE_ALIAS) -> None:
    cache = caches[alias]
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise NotReady("the cache did not return what was stored")
    finally:
        cache.delete(key)


def check_page_cache() -> None:
    """The shared cache of public pages (bildungsnetz/pagecache.py), when it is on: a
    directory the service cannot write, or an unreachable Redis, shows here."""
    if settings.PAGE_CACHE_SECONDS > 0:
        check_cache("pages")


def check_media_storage() -> None:
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def check_task_queue() -> None:
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return  # another backend (the immediate one in tests) has no table
    list(DBTaskResult.objects.order_by().values_list("pk", flat=True)[:1])


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "migrations": check_migrations,
    "cache": check_cache,
    "page_cache": check_page_cache,
    "media_storage": check_media_storage,
    "task_queue": check_task_queue,
}


def readiness() -> tuple[bool, dict[str, dict[str, object]]]:
    """(all passed, {check: {"ok": bool, "error": str}}). The error names the kind of failure
    only; the details (host names, paths) go to the log, not to the public answer."""
    results: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            logger.warning("readiness check %s failed", name, exc_info=True)
            error = str(exc) if isinstance(exc, NotReady) else type(exc).__name__
            results[name] = {"ok": False, "error": error}
        else:
            results[name] = {"ok": True}
    return all(result["ok"] for result in results.values()), results
