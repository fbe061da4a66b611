"""An import log is made and run one way (`services.import_log_create`, `import_log_run`),
whether the file is imported within the request or by the worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring.models import Dataset, ImportLog

from .factories import ffcsv, member

pytestmark = pytest.mark.django_db

ROWS = [
    ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793"),
    ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESW", "111000"),
]
COMPARED = [
    "user_id", "filename", "sha256", "size", "format", "mapping_id", "table_code", "dry_run",
    "dataset_codes", "status", "progress", "rows_read", "rows_created", "rows_updated",
    "rows_unchanged", "new_territories", "errors",
]  # fmt: skip


def _checked_then_confirmed(client) -> list[dict]:
    """Upload a file as a dry run, confirm it; both logs, without what differs by nature."""
    data, name = ffcsv(ROWS, code="stadtdaten-1")
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    client.post(reverse("monitoring:import_start"), {"file": upload, "dry_run": "on"})
    checked = ImportLog.objects.latest("pk")
    client.post(reverse("monitoring:import_confirm", kwargs={"pk": checked.pk}))
    logs = ImportLog.objects.filter(pk__gte=checked.pk).order_by("pk")
    rows = [{field: getattr(log, field) for field in COMPARED} for log in logs]
    for log in logs:
        with log.upload.open("rb") as handle:
            assert handle.read() == data
    return rows


def test_the_request_and_the_worker_write_the_same_import_logs(
    reference_territories, client, erfurt, settings, monkeypatch
):
    from monitoring import views_import

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(member(erfurt))
    inline = _checked_then_confirmed(client)
    Dataset.objects.all().delete()
    monkeypatch.setattr(views_import, "INLINE_BYTES", 0)
    worker = _checked_then_confirmed(client)
    assert [log["status"] for log in inline] == ["checked", "succeeded"]
    assert inline[1]["rows_created"] == 2
    assert worker == inline
