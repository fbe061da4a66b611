"""Hostile statistics uploads are refused while being read, before they fill the memory, with a
clear error and nothing written (#11, finding 7). Memory and time of the real-sized cases:
bench/upload_limits.py."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from monitoring import import_files
from monitoring.forms import ImportForm
from monitoring.models import ImportLog, Observation
from monitoring.parsers import mapped
from monitoring.services import observations_import

from .factories import ffcsv, member

pytestmark = pytest.mark.django_db

MAPPING = {
    "region_key": "AGS", "period": "Jahr", "measures": {"Wert": "WERT"},
    "dataset_code": "grenzen", "title": "Grenzen", "source": "Testamt",
}  # fmt: skip


def zeros_zip(megabytes: int) -> bytes:
    buffer = io.BytesIO()
    block = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("nullen.csv", "w") as member_file,
    ):
        for _ in range(megabytes):
            member_file.write(block)
    return buffer.getvalue()


def workbook(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Daten")
    sheet.append(["AGS", "Jahr", "Wert"])
    for i in range(rows):
        sheet.append(["16051", "2024", i])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_zip_of_zeros_is_refused_before_it_is_unpacked(reference_territories, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "read", never)
    log = observations_import(data=zeros_zip(20), filename="bombe.zip")
    assert log.status == "failed"
    assert [e["code"] for e in log.errors] == ["archive_ratio"]
    assert not Observation.objects.exists()


def test_the_import_form_refuses_a_zip_of_zeros(reference_territories):
    upload = SimpleUploadedFile("bombe.zip", zeros_zip(20), content_type="application/zip")
    form = ImportForm(data={}, files={"file": upload})
    assert not form.is_valid()
    assert "file" in form.errors


def test_an_xlsx_with_too_many_rows_is_refused_while_it_is_read(reference_territories, monkeypatch):
    monkeypatch.setattr(mapped, "MAX_ROWS", 50)
    read = []
    original = mapped._excel_text
    monkeypatch.setattr(mapped, "_excel_text", lambda v: read.append(v) or original(v))
    log = observations_import(data=workbook(1000), filename="viele.xlsx", mapping=MAPPING)
    assert log.status == "failed"
    assert [e["code"] for e in log.errors] == ["too_many_rows"]
    assert len(read) < 3 * 60  # stopped at the first row over the limit, not at the end
    assert not Observation.objects.exists()


def test_a_mapped_csv_with_too_many_rows_is_refused(reference_territories, monkeypatch):
    monkeypatch.setattr(mapped, "MAX_ROWS", 50)
    data = ("AGS;Jahr;Wert\n" + "16051;2024;1\n" * 100).encode()
    log = observations_import(data=data, filename="viele.csv", mapping=MAPPING)
    assert [e["code"] for e in log.errors] == ["too_many_rows"]


def test_a_large_table_that_is_no_flat_file_is_refused_unread(reference_territories, monkeypatch):
    monkeypatch.setattr(import_files, "TABLE_MAX_BYTES", 100)
    data = ("AGS;Jahr;Wert\n" + "16051;2024;1\n" * 20).encode()
    log = observations_import(data=data, filename="gross.csv", mapping=MAPPING)
    assert [e["code"] for e in log.errors] == ["table_too_large"]


def test_a_large_flat_file_is_read_in_parts_of_bounded_bytes(reference_territories, monkeypatch):
    monkeypatch.setattr(import_files, "CHUNK_BYTES", 100)
    monkeypatch.setattr(import_files, "PART_BYTES", 400)
    rows = [(f"{year}-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "7") for year in
            range(2000, 2020)]  # fmt: skip
    data, name = ffcsv(rows)
    parts = []
    original = import_files.parse
    monkeypatch.setattr(
        import_files, "parse", lambda d, **kw: parts.append(len(d)) or original(d, **kw)
    )  # noqa: E501
    log = observations_import(data=data, filename=name)
    assert log.status == "succeeded", log.errors
    assert Observation.objects.count() == 20
    assert len(parts) > 3 and max(parts) < 1000


def test_a_flat_file_line_without_end_is_refused(reference_territories, monkeypatch):
    monkeypatch.setattr(import_files, "CHUNK_BYTES", 100)
    monkeypatch.setattr(import_files, "LINE_MAX_BYTES", 1000)
    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "7" * 5000)])
    log = observations_import(data=data, filename=name)
    assert [e["code"] for e in log.errors] == ["line_too_long"]


def test_a_file_that_unpacks_large_is_imported_by_the_worker_only(
    reference_territories, client, erfurt, monkeypatch
):
    from monitoring import views_import
    from monitoring.models import SavedMapping

    queued = []
    data = workbook(3000)
    monkeypatch.setattr(views_import, "INLINE_BYTES", len(data) + 1000)
    monkeypatch.setattr(views_import, "run_import", SimpleNamespace(enqueue=queued.append))
    assert len(data) + 1000 < import_files.unpacked_size(io.BytesIO(data))
    mapping = SavedMapping.objects.create(name="grenzen", mapping=MAPPING)
    client.force_login(member(erfurt))
    upload = SimpleUploadedFile("gross.xlsx", data)
    response = client.post(
        reverse("monitoring:import_start"), {"file": upload, "mapping": mapping.pk}
    )
    assert response.status_code == 302
    assert queued == [ImportLog.objects.get().pk]


def test_the_worker_reads_the_upload_from_disk(reference_territories, monkeypatch):
    from monitoring import services, tasks

    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "7")])
    log = ImportLog.objects.create(filename=name, size=len(data))
    log.upload.save(name, SimpleUploadedFile(name, data))
    seen = {}
    monkeypatch.setattr(services, "observations_import", lambda **kw: seen.update(kw))
    tasks.run_import.call(log.pk)
    assert seen["path"] == log.upload.path and "data" not in seen


def test_an_xlsx_with_too_many_shared_texts_is_refused_before_it_is_read(
    reference_territories, monkeypatch
):
    monkeypatch.setattr(import_files, "XLSX_SHARED_STRINGS_MAX_BYTES", 1000)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook(10))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            archive.writestr(info, source.read(info))
        texts = "".join(f"<si><t>Text {i}</t></si>" for i in range(200))
        archive.writestr("xl/sharedStrings.xml", f"<sst>{texts}</sst>")
    read = []
    monkeypatch.setattr(mapped, "_sheet", lambda *a: read.append(a))
    log = observations_import(data=buffer.getvalue(), filename="texte.xlsx", mapping=MAPPING)
    assert [e["code"] for e in log.errors] == ["too_many_texts"]
    assert not read


@pytest.mark.parametrize("fmt", ["mapped", "classic"])
def test_a_table_read_whole_with_too_many_values_is_refused(
    reference_territories, monkeypatch, fmt
):
    from monitoring.parsers import common

    monkeypatch.setattr(common, "MAX_VALUES", 30)
    if fmt == "mapped":
        data = ("AGS;Jahr;Wert\n" + "16051;2024;1\n" * 40).encode()
        log = observations_import(data=data, filename="werte.csv", mapping=MAPPING)
    else:
        path = common.Path(__file__).resolve().parents[1] / "data" / "genesis" / "21111-02-06-4.csv"
        log = observations_import(path=path)
    assert [e["code"] for e in log.errors] == ["too_many_values"]
