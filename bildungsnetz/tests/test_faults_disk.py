"""Fault tests: the disk fills up while a file is stored.

Every write to a media file writes half of what it is given and then fails with ENOSPC, as a
full disk does. An upload must end in a clear message (no server error), no row may point at
a missing file and no half file may stay; a PDF rendering must end failed with its reason.
"""

import errno
import json
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.tests.factories import OrganisationFactory
from bildungsnetz.middleware import StorageFullMiddleware
from knowledge.models import Attachment, EntryKind
from knowledge.tests.factories import EntryFactory
from monitoring.models import ImportLog
from monitoring.tests.factories import ffcsv
from places.models import Territory
from places.tests.factories import TerritoryFactory
from reports import pdf, services
from reports.models import Rendering
from reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

ROWS = [("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")]


class _FillingFile:
    """A file on a disk with room for half of the next write."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self):
        self.handle.close()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "bildungsnetz.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture
def full_disk(monkeypatch):
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kw: _FillingFile(real(fd, *args, **kw)))


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_a_write_that_fills_the_disk_leaves_no_half_file(media, full_disk):
    with pytest.raises(OSError) as raised:
        default_storage.save("uploads/big.bin", ContentFile(b"x" * 10_000))
    assert raised.value.errno == errno.ENOSPC
    assert _files(media) == []


def test_the_storage_still_writes_whole_files(media):
    name = default_storage.save("uploads/small.bin", ContentFile(b"x" * 10_000))
    assert (media / name).read_bytes() == b"x" * 10_000


def test_an_import_upload_on_a_full_disk_is_refused_with_a_message_and_saves_nothing(
    reference_territories, media, full_disk, client
):
    client.force_login(member(Territory.objects.get_by_key("ags:16051000")))
    data, name = ffcsv(ROWS, code="stadtdaten-1")
    with translation.override("de"):
        response = client.post(
            reverse("monitoring:import_start"),
            {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
        )
    assert response.status_code == 200
    assert "Die Datei konnte nicht gespeichert werden" in response.content.decode()
    assert not ImportLog.objects.exists()
    assert _files(media) == []


def test_a_pdf_rendering_on_a_full_disk_is_marked_failed_with_its_reason(
    media, full_disk, monkeypatch
):
    report = ReportFactory()
    monkeypatch.setattr(pdf, "document_html", lambda *args, **kwargs: "<p>Bericht</p>")
    monkeypatch.setattr(pdf, "pdf_bytes", lambda *args, **kwargs: b"%PDF-1.7\n" + b"0" * 5000)
    rendering = Rendering.objects.create(report=report, language="de")
    with translation.override("de"):
        assert services.rendering_run(rendering.pk) == Rendering.Status.FAILED
    rendering.refresh_from_db()
    assert rendering.status == Rendering.Status.FAILED
    assert rendering.is_done and rendering.finished is not None
    assert "Das PDF konnte nicht gespeichert werden" in rendering.error
    assert not rendering.file
    assert _files(media) == []


def test_a_knowledge_file_on_a_full_disk_answers_507_with_a_message_and_saves_nothing(
    media, full_disk, client
):
    """Any upload, not only the import: one middleware answers a write refused for lack of
    space (it was a server error for knowledge files and agreement documents)."""
    city = TerritoryFactory(name_de="Erfurt", level="city")
    organisation = OrganisationFactory(seat=city)
    author = member(organisation=organisation, role=RoleLevel.EDITOR)
    study = EntryFactory(
        kind=EntryKind.STUDY, owner=author, organisations=[organisation], status="draft"
    )
    client.force_login(author)
    upload = SimpleUploadedFile("studie.pdf", b"%PDF-1.4\n" + b"0" * 5000, "application/pdf")
    with translation.override("de"):
        response = client.post(
            reverse("knowledge:attachment_create", args=[study.slug]),
            {"title": "Langfassung", "file": upload},
        )
    assert response.status_code == 507
    assert "Die Datei konnte nicht gespeichert werden" in response.content.decode()
    assert not Attachment.objects.exists()
    assert _files(media) == []


def test_the_api_answers_a_full_disk_with_json(rf, settings):
    """Under /api/ the answer is JSON with the reason, in the reader's language."""
    middleware = StorageFullMiddleware(lambda request: None)
    api_url = reverse("api-v1:list_organisations")
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    with translation.override("de"):
        response = middleware.process_exception(rf.post(api_url), full)
    assert response.status_code == 507
    assert "Speicher ist voll" in json.loads(response.content)["detail"]
    # Other errors are not its business: Django's error handling answers them.
    assert middleware.process_exception(rf.post(api_url), OSError(errno.EACCES, "")) is None
    assert middleware.process_exception(rf.post(api_url), ValueError()) is None
