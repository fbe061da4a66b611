from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bildungsnetz.models import ScheduledRun
from bildungsnetz.schedule import enqueue_due, periodic_tasks

pytestmark = pytest.mark.django_db

DAILY = {
    "accounts.tasks.purge_auth_events",
    "cooperation.tasks.expire_agreements",
    "offers.tasks.notify_stale_offers",
    "search.tasks.refresh_word_statistics",
}


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_names():
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_the_housekeeping_tasks_are_scheduled_daily():
    every = {p.name: p.every for p in periodic_tasks()}
    for name in DAILY:
        assert every[name] == timedelta(days=1), name
    assert every["offers.tasks.notify_saved_searches"] == timedelta(hours=1)


def test_due_tasks_are_queued_once_per_interval(db_tasks):
    start = timezone.now()
    first = enqueue_due(start)
    assert set(first) == {p.name for p in periodic_tasks()}
    assert len(queued_names()) == len(first)

    # An hour later only the hourly task is due again; the daily ones are not.
    assert enqueue_due(start + timedelta(hours=1, seconds=1)) == [
        "offers.tasks.notify_saved_searches"
    ]
    assert enqueue_due(start + timedelta(hours=1, seconds=2)) == []
    later = enqueue_due(start + timedelta(days=1, seconds=1))
    assert set(later) >= DAILY
    run = ScheduledRun.objects.get(name="cooperation.tasks.expire_agreements")
    assert run.last_enqueued == start + timedelta(days=1, seconds=1)


# The worker closes the connection between tasks, so this test cannot run inside the test's
# transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_the_queued_tasks_run_in_the_worker(db_tasks):
    enqueue_due()
    call_command("db_worker", batch=True, verbosity=0)
    statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {"SUCCESSFUL"}


def test_scheduler_command_once_and_list(db_tasks, capsys):
    call_command("scheduler", once=True)
    out = capsys.readouterr().out
    assert "queued accounts.tasks.purge_auth_events" in out
    call_command("scheduler", once=True)
    assert "queued" not in capsys.readouterr().out
    call_command("scheduler", list=True)
    assert "cooperation.tasks.expire_agreements\tevery 1 day" in capsys.readouterr().out
