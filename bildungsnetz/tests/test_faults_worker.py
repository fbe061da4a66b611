"""Fault tests: the worker dies during a long task.

django-tasks-db keeps no heartbeat: a worker killed while running a task leaves its row
RUNNING for ever, and the import log or PDF rendering the task reports to says "running".
The scheduler (`bildungsnetz.task_recovery.tasks_recover`, run on every scheduler round)
marks such a task failed after TASKS_STUCK_AFTER and closes the records it kept; a task that
is still within its time, and records that finished, are left alone.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bildungsnetz.task_recovery import LOST_CLASS, abandoned_handlers, tasks_recover
from monitoring.models import ImportLog
from monitoring.tasks import run_import
from reports.models import Rendering
from reports.tasks import render_report_pdf
from reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_STUCK_AFTER = timedelta(hours=3)


def _claimed(task, *args, running_for: timedelta) -> DBTaskResult:
    """The task queued and claimed by a worker `running_for` ago, which then died."""
    task.enqueue(*args)
    row = DBTaskResult.objects.get(task_path=task.module_path, args_kwargs__args=list(args))
    row.claim("worker-that-was-killed")
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - running_for)
    return row


def _running_import() -> ImportLog:
    return ImportLog.objects.create(
        filename="gross.csv", status=ImportLog.Status.RUNNING, progress=40, stage="checking"
    )


def test_a_task_whose_worker_died_is_marked_failed_and_its_import_log_too():
    log = _running_import()
    row = _claimed(run_import, log.pk, running_for=timedelta(hours=4))
    with translation.override("de"):
        assert tasks_recover() == [str(row.pk)]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == LOST_CLASS and row.finished_at is not None
    log.refresh_from_db()
    assert (log.status, log.progress, log.stage) == (ImportLog.Status.FAILED, 100, "done")
    assert log.is_done and log.finished is not None
    assert [e["code"] for e in log.errors] == ["worker_lost"]
    assert "Hintergrunddienst" in log.errors[0]["message"]


def test_a_rendering_whose_worker_died_is_marked_failed_with_a_reason():
    rendering = Rendering.objects.create(
        report=ReportFactory(), status=Rendering.Status.RUNNING, progress=40, stage="PDF"
    )
    _claimed(render_report_pdf, rendering.pk, running_for=timedelta(hours=5))
    with translation.override("de"):
        tasks_recover()
    rendering.refresh_from_db()
    assert rendering.status == Rendering.Status.FAILED and rendering.is_done
    assert "Hintergrunddienst" in rendering.error
    assert not rendering.file


def test_a_task_still_within_its_time_is_left_running():
    log = _running_import()
    row = _claimed(run_import, log.pk, running_for=timedelta(minutes=20))
    assert tasks_recover() == []
    row.refresh_from_db()
    log.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING
    assert log.status == ImportLog.Status.RUNNING


def test_a_task_that_raised_leaves_no_import_log_running():
    """A task that failed with an exception it did not catch is FAILED in the queue; the
    scheduler closes the log it left "running"."""
    log = _running_import()
    row = _claimed(run_import, log.pk, running_for=timedelta(minutes=1))
    row.set_failed(MemoryError())
    tasks_recover()
    log.refresh_from_db()
    assert log.status == ImportLog.Status.FAILED


def test_records_that_finished_are_left_as_they_are():
    log = ImportLog.objects.create(
        filename="fertig.csv", status=ImportLog.Status.SUCCEEDED, progress=100, rows_created=7
    )
    row = _claimed(run_import, log.pk, running_for=timedelta(minutes=1))
    row.set_failed(RuntimeError("after the log was written"))
    tasks_recover()
    log.refresh_from_db()
    assert (log.status, log.rows_created, log.errors) == (ImportLog.Status.SUCCEEDED, 7, [])


def test_a_slow_task_that_finishes_after_all_keeps_its_result():
    log = _running_import()
    row = _claimed(run_import, log.pk, running_for=timedelta(hours=4))
    tasks_recover()
    row.refresh_from_db()
    row.set_successful("succeeded")
    tasks_recover(timezone.now() + timedelta(minutes=1))
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL


def test_the_scheduler_recovers_lost_tasks_on_every_round():
    log = _running_import()
    row = _claimed(run_import, log.pk, running_for=timedelta(hours=4))
    call_command("scheduler", "--once")
    row.refresh_from_db()
    log.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert log.status == ImportLog.Status.FAILED


def test_every_task_with_a_progress_record_has_a_handler():
    assert (
        abandoned_handlers().items()
        >= {
            "monitoring.tasks.run_import": "monitoring.tasks.run_import_abandoned",
            "reports.tasks.render_report_pdf": "reports.tasks.render_report_pdf_abandoned",
        }.items()
    )
