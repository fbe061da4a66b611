"""Periodic background work: which task runs how often, and queueing the ones that are due.

Apps declare their periodic tasks on their AppConfig, as dotted paths of django-tasks `@task`
functions with an interval:

    periodic_tasks = {"offers.tasks.notify_stale_offers": timedelta(days=1)}

`enqueue_due()` queues every task whose interval has passed since it was last queued and
records the time in `ScheduledRun`, under a row lock, so two schedulers never queue the same
run twice. `bildungsnetz scheduler` calls it every minute (`bildungsnetz serve` starts it
beside the worker); `bildungsnetz scheduler --once` suits cron. The work itself runs in the
worker (`db_worker`), so a slow task never blocks the schedule.

(django-crontask needs Python 3.14 and django-scheduled-tasks Django 6, hence this module.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun


@dataclass(frozen=True)
class Periodic:
    name: str  # dotted path of the task
    every: timedelta


def periodic_tasks() -> list[Periodic]:
    found = []
    for config in apps.get_app_configs():
        for name, every in getattr(config, "periodic_tasks", {}).items():
            found.append(Periodic(name, every))
    return sorted(found, key=lambda p: p.name)


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Queue every periodic task that is due; return the names queued."""
    now = now or timezone.now()
    queued = []
    for periodic in periodic_tasks():
        with transaction.atomic():
            ScheduledRun.objects.get_or_create(name=periodic.name)
            run = ScheduledRun.objects.select_for_update().get(name=periodic.name)
            if run.last_enqueued is not None and now - run.last_enqueued < periodic.every:
                continue
            import_string(periodic.name).enqueue()
            run.last_enqueued = now
            run.save(update_fields=["last_enqueued"])
        queued.append(periodic.name)
    return queued
