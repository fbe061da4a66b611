"""Source, publisher, licence, Stand and retrieval date per dataset, from the file where it says
so, editable where it does not, and carried into every export and API answer."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring.demo import BERLIN_CODE, BERLIN_FILE, BERLIN_MAPPING, berlin_bytes
from monitoring.licences import CC_BY_3_0_DE, DL_DE_BY_2_0
from monitoring.models import Dataset
from monitoring.provenance import AEMTER, copyright_holder, genesis_database
from monitoring.selectors import EXPORT_HEADER
from monitoring.services import observations_import

from .factories import ffcsv

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data" / "genesis"


def test_a_regional_table_is_credited_to_the_statistical_offices_its_copyright_names(
    reference_territories,
):
    log = observations_import(path=DATA / "21111-02-06-4.csv")
    assert log.status == "succeeded", log.errors
    dataset = Dataset.objects.get(code="21111-02-06-4")
    assert dataset.publisher == AEMTER
    assert "Destatis" not in dataset.source and "Destatis" not in dataset.publisher
    assert (dataset.licence, dataset.licence_url, dataset.licence_iri) == (
        DL_DE_BY_2_0.name,
        DL_DE_BY_2_0.url,
        DL_DE_BY_2_0.dcat,
    )
    # The table's Stand is the Stand; retrieved is the day of the import.
    assert dataset.stand.date() == datetime.date(2017, 10, 10)
    assert dataset.retrieved_at.date() == log.created.date()


def test_a_flat_file_of_the_regional_database_is_not_credited_to_destatis(reference_territories):
    observations_import(path=DATA / "12411-01-01-4_1773175772751_de_flat.csv")
    dataset = Dataset.objects.get(code="12411-01-01-4")
    assert (dataset.source, dataset.publisher) == ("Regionaldatenbank Deutschland", AEMTER)


def test_table_codes_name_their_database():
    assert genesis_database("12411-01-01-4") == ("Regionaldatenbank Deutschland", AEMTER)
    assert genesis_database("1000A-0001") == ("Zensusdatenbank", AEMTER)
    assert genesis_database("12411-0001")[1] == "Statistisches Bundesamt (Destatis)"


def test_the_copyright_holder_is_read_without_year_and_licence_sentence():
    text = (
        "© Statistische Ämter des Bundes und der Länder, Deutschland, 2017.\n"
        "Dieses Werk ist lizensiert unter der Datenlizenz Deutschland\n"
        "- Namensnennung - Version 2.0."
    )
    assert copyright_holder(text) == AEMTER
    assert copyright_holder("(c) Statistisches Landesamt Sachsen, 2024") == (
        "Statistisches Landesamt Sachsen"
    )


def test_the_berlin_table_keeps_its_cc_by_3_0_de_licence_with_url_and_iri(reference_territories):
    log = observations_import(
        data=berlin_bytes(), filename=BERLIN_FILE.name, mapping=BERLIN_MAPPING
    )
    assert log.status == "succeeded", log.errors
    dataset = Dataset.objects.get(code=BERLIN_CODE)
    assert (dataset.licence, dataset.licence_url, dataset.licence_iri) == (
        CC_BY_3_0_DE.name,
        CC_BY_3_0_DE.url,
        CC_BY_3_0_DE.dcat,
    )
    assert dataset.source == "Amt für Statistik Berlin-Brandenburg"


def test_an_edited_licence_survives_a_re_import_of_a_file_that_names_none(reference_territories):
    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")])
    observations_import(data=data, filename=name)
    Dataset.objects.filter(code="99999-01-01-4").update(
        licence="Eigene Lizenz", licence_url="https://example.org/lizenz", licence_iri=""
    )
    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218794")])
    observations_import(data=data, filename=name)
    dataset = Dataset.objects.get(code="99999-01-01-4")
    assert (dataset.licence, dataset.licence_url) == ("Eigene Lizenz", "https://example.org/lizenz")


def test_retrieved_is_the_import_day_unless_the_file_name_says_when_it_was_downloaded(
    reference_territories,
):
    data, _name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")])
    log = observations_import(data=data, filename="99999-01-01-4_1773175772751_de_flat.csv")
    downloaded = Dataset.objects.get(code="99999-01-01-4").retrieved_at
    assert downloaded == datetime.datetime(2026, 3, 10, 20, 49, 32, 751000, tzinfo=datetime.UTC)
    log = observations_import(data=data, filename="99998-01-01-4_de_flat.csv")
    assert Dataset.objects.get(code="99998-01-01-4").retrieved_at == log.created


def test_a_re_import_that_changes_nothing_keeps_the_retrieval_date(reference_territories):
    name = "99999-01-01-4_de_flat.csv"
    data, _name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")])
    observations_import(data=data, filename=name)
    earlier = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    Dataset.objects.filter(code="99999-01-01-4").update(retrieved_at=earlier)
    observations_import(data=data, filename=name)
    assert Dataset.objects.get(code="99999-01-01-4").retrieved_at == earlier
    data, _name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218794")])
    log = observations_import(data=data, filename=name)
    assert Dataset.objects.get(code="99999-01-01-4").retrieved_at == log.created


def _berlin_and_erfurt():
    observations_import(data=berlin_bytes(), filename=BERLIN_FILE.name, mapping=BERLIN_MAPPING)
    return observations_import(path=DATA / "12411-01-01-4_1773175772751_de_flat.csv")


def test_dataset_downloads_carry_source_and_licence_in_every_row(reference_territories, client):
    _berlin_and_erfurt()
    response = client.get(
        reverse("monitoring:dataset_detail", kwargs={"code": BERLIN_CODE}), {"format": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows and {r["licence_url"] for r in rows} == {CC_BY_3_0_DE.url}
    assert {r["source"] for r in rows} == {"Amt für Statistik Berlin-Brandenburg"}
    response = client.get(
        reverse("monitoring:dataset_detail", kwargs={"code": "12411-01-01-4"}), {"format": "json"}
    )
    records = json.loads(b"".join(response.streaming_content))
    erfurt = next(r for r in records if r["territory_code"] == "16051" and not r["dimensions"])
    assert erfurt["value"] == 218793 and isinstance(erfurt["value"], int)
    assert (erfurt["licence"], erfurt["licence_url"]) == (DL_DE_BY_2_0.name, DL_DE_BY_2_0.url)
    assert erfurt["publisher"] == AEMTER and erfurt["retrieved"]


def test_the_cli_export_carries_source_and_licence(reference_territories):
    _berlin_and_erfurt()
    out = io.StringIO()
    call_command("export_data", "observations", "--dataset", BERLIN_CODE, stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {(r["licence"], r["licence_url"]) for r in rows} == {
        (CC_BY_3_0_DE.name, CC_BY_3_0_DE.url)
    }


def test_api_observations_name_source_licence_and_retrieval(reference_territories, client):
    _berlin_and_erfurt()
    response = client.get(
        reverse("api-v1:observations"),
        {"dataset": "12411-01-01-4", "territory": "ags:16051000", "dimensions": ""},
    )
    (item,) = response.json()["items"]
    assert item["value"] == 218793 and item["unit"] == "Anzahl"
    assert item["source"] == "Regionaldatenbank Deutschland" and item["publisher"] == AEMTER
    assert (item["licence"], item["licence_url"]) == (DL_DE_BY_2_0.name, DL_DE_BY_2_0.url)
    assert item["retrieved"] == "2026-03-10"  # the download time in the file name
    (berlin,) = client.get(
        reverse("api-v1:observations"), {"dataset": BERLIN_CODE, "limit": 1}
    ).json()["items"]
    assert berlin["licence_url"] == CC_BY_3_0_DE.url


def test_indicator_csv_names_source_and_licence_of_each_value(genesis):
    from monitoring.models import Indicator
    from monitoring.selectors import INDICATOR_HEADER, indicator_rows

    indicator = Indicator.objects.get(code="abgaenger-ohne-hauptschulabschluss")
    rows = [dict(zip(INDICATOR_HEADER, r, strict=True)) for r in indicator_rows(indicator)]
    erfurt = next(r for r in rows if r["territory_key"] == "ags:16051000" and r["period"] == "2015")
    assert (erfurt["numerator"], erfurt["denominator"]) == (137, 1501)
    assert erfurt["licence_url"] == DL_DE_BY_2_0.url and erfurt["publisher"] == AEMTER


def _form_data(dataset, **changes):
    data = {
        "code": dataset.code,
        "title": dataset.title,
        "source": dataset.source,
        "publisher": dataset.publisher,
        "licence": dataset.licence,
        "licence_url": dataset.licence_url,
        "licence_iri": dataset.licence_iri,
        "notes": "",
        "is_public": "on",
    }
    return {**data, **changes}


def test_an_editor_naming_a_known_licence_gets_its_url_and_iri():
    from monitoring.forms import DatasetProvenanceForm

    from .factories import DatasetFactory

    dataset = DatasetFactory(code="berlin-test")
    form = DatasetProvenanceForm(
        _form_data(dataset, licence="CC BY 3.0 DE", licence_url="https://www.govdata.de/x"),
        instance=dataset,
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert (saved.licence, saved.licence_url, saved.licence_iri) == (
        CC_BY_3_0_DE.name,
        CC_BY_3_0_DE.url,
        CC_BY_3_0_DE.dcat,
    )


def test_an_editor_may_name_a_licence_the_registry_does_not_know():
    from monitoring.forms import DatasetProvenanceForm

    from .factories import DatasetFactory

    dataset = DatasetFactory(code="own-test")
    form = DatasetProvenanceForm(
        _form_data(
            dataset,
            licence="Nutzungsbedingungen des Landesamts",
            licence_url="https://example.org/nutzung",
            licence_iri="",
        ),
        instance=dataset,
    )
    assert form.is_valid(), form.errors
    saved = form.save()
    assert (saved.licence, saved.licence_url) == (
        "Nutzungsbedingungen des Landesamts",
        "https://example.org/nutzung",
    )


def test_an_edited_publisher_of_a_flat_file_survives_its_re_import(reference_territories):
    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")])
    observations_import(data=data, filename=name)
    Dataset.objects.filter(code="99999-01-01-4").update(
        source="Regionaldatenbank Deutschland", publisher="Thüringer Landesamt für Statistik"
    )
    observations_import(data=data, filename=name)
    assert Dataset.objects.get(code="99999-01-01-4").publisher == (
        "Thüringer Landesamt für Statistik"
    )


def test_stored_tables_credited_to_destatis_and_dated_by_their_stand_are_repaired():
    import importlib

    from django.apps import apps

    from .factories import DatasetFactory

    repair = importlib.import_module("monitoring.migrations.0005_dataset_provenance_repair").repair
    stand = datetime.datetime(2017, 10, 10, 16, 24, tzinfo=datetime.UTC)
    dataset = DatasetFactory(
        code="21111-02-06-4",
        source="Statistisches Bundesamt (Destatis), GENESIS-Online",
        publisher=AEMTER,
        stand=stand,
        retrieved_at=stand,
    )
    repair(apps, None)
    dataset.refresh_from_db()
    assert (dataset.source, dataset.publisher) == ("Regionaldatenbank Deutschland", AEMTER)
    assert dataset.retrieved_at == dataset.created


def test_the_xlsx_download_keeps_numbers_symbols_source_and_licence(reference_territories, client):
    from openpyxl import load_workbook

    data, name = ffcsv(
        [
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793"),
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESM", "-"),
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESW", "."),
        ]
    )
    observations_import(data=data, filename=name)
    Dataset.objects.filter(code="99999-01-01-4").update(publisher="=HYPERLINK(1)")
    response = client.get(
        reverse("monitoring:dataset_detail", kwargs={"code": "99999-01-01-4"}), {"format": "xlsx"}
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [
        dict(zip(EXPORT_HEADER, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    cells = {r["dimensions"]: (r["value"], r["symbol"]) for r in rows}
    assert cells == {None: (218793, None), "GES=GESM": (0, "-"), "GES=GESW": (None, ".")}
    assert {r["licence_url"] for r in rows} == {DL_DE_BY_2_0.url}
    column = EXPORT_HEADER.index("publisher")
    publisher = next(sheet.iter_rows(min_row=2, max_row=2))[column]
    # Text, never a formula, and neutralised like every CSV/XLSX cell (#11, finding 11): the
    # sheet saved again as CSV stays harmless.
    assert (publisher.value, publisher.data_type) == ("'=HYPERLINK(1)", "s")
