"""Background tasks a dead worker left behind: marked failed, and so are the records they kept.

django-tasks-db marks a task RUNNING when a worker claims it and FAILED or SUCCESSFUL when the
task returns; a worker killed in between (SIGKILL, out of memory, a machine lost) leaves the
row RUNNING for ever, and with it whatever the task reported its progress in (an import log,
a PDF rendering) would say "running" to the person waiting for it. The queue keeps no
heartbeat of its workers, so a task is taken for lost when it has been running longer than
`TASKS_STUCK_AFTER` (a timedelta setting, 3 hours by default: longer than any import or
rendering takes). It is then marked FAILED, not re-queued: an import or a rendering is run
again by the person, who sees why it failed.

Apps say how to close their records when one of their tasks failed without doing so itself
(a lost worker, or an exception the task did not catch), on their AppConfig:

    abandoned_tasks = {"monitoring.tasks.run_import": "monitoring.tasks.run_import_abandoned"}

The handler is called with the task's arguments and must leave finished records alone (it may
be called for a task that recorded its own failure). `bildungsnetz scheduler` runs
`tasks_recover()` on every round, in its own process, so it works while every worker is down.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import ScheduledRun

logger = logging.getLogger(__name__)

BOOKMARK = "bildungsnetz.task_recovery"
# Tasks that failed a little before the last round are looked at again: one that failed while
# the last round ran is not missed (handlers leave finished records alone, so twice is fine).
OVERLAP = timedelta(minutes=5)
FIRST_LOOK_BACK = timedelta(days=1)
LOST_CLASS = "bildungsnetz.task_recovery.WorkerLost"


class WorkerLost(Exception):
    """Recorded as the failure of a task whose worker died while running it."""


def stuck_after() -> timedelta:
    return settings.TASKS_STUCK_AFTER


def abandoned_handlers() -> dict[str, str]:
    found = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "abandoned_tasks", {}))
    return found


def tasks_recover(now: datetime | None = None) -> list[str]:
    """Mark lost tasks failed and close the records of failed tasks; the ids marked failed."""
    now = now or timezone.now()
    with transaction.atomic():
        ScheduledRun.objects.get_or_create(name=BOOKMARK)
        bookmark = ScheduledRun.objects.select_for_update().get(name=BOOKMARK)
        since = (bookmark.last_enqueued or now - FIRST_LOOK_BACK) - OVERLAP
        lost = list(
            DBTaskResult.objects.filter(
                status=TaskResultStatus.RUNNING, started_at__lt=now - stuck_after()
            ).values_list("pk", flat=True)
        )
        # Only rows still RUNNING: a slow task that finished meanwhile keeps its result.
        DBTaskResult.objects.filter(pk__in=lost, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=LOST_CLASS,
            traceback=f"The worker stopped while running the task (running for more than "
            f"{stuck_after()}); marked failed by the scheduler.",
        )
        handlers = abandoned_handlers()
        failed = DBTaskResult.objects.filter(
            status=TaskResultStatus.FAILED,
            finished_at__gte=since,
            task_path__in=list(handlers),
        ).only("task_path", "args_kwargs")
        for result in failed:
            arguments = result.args_kwargs or {}
            try:
                with transaction.atomic():
                    import_string(handlers[result.task_path])(
                        *arguments.get("args", []), **arguments.get("kwargs", {})
                    )
            except Exception:  # noqa: BLE001 - one broken handler must not stop the others
                logger.exception("Closing the records of task %s failed", result.pk)
        bookmark.last_enqueued = now
        bookmark.save(update_fields=["last_enqueued"])
    return [str(pk) for pk in lost]
