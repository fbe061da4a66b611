"""Official statistics are shared public facts (#12, finding 2): every coordinator may import and
revise a statistical office's table whatever territories it covers, while a city's own figures
keep their tenant protection, and a table code of one's own is the way out of a refused import.
"""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring.forms import ImportForm
from monitoring.models import Dataset, ImportLog, IndicatorValue, Observation, Revision
from monitoring.provenance import is_official_source, official_table
from monitoring.services import observations_import
from places.models import Territory

from .factories import IndicatorFactory, ffcsv, member

pytestmark = pytest.mark.django_db

OFFICIAL = "99999-01-01-4"  # a Regionaldatenbank table code
SCHOOL_LEAVERS = Path(__file__).resolve().parent.parent / "data" / "genesis" / "21111-02-06-4.csv"
ERFURT_ROW = ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")
LEIPZIG_ROW = ("2024-12-31", "14713", "Leipzig, kreisfreie Stadt", "", "628718")
NEW_KREIS_ROW = ("2024-12-31", "09999", "Neukreis, Landkreis", "", "7")


def _upload(client, rows, *, code=OFFICIAL, table_code="", dry_run=False):
    data, name = ffcsv(rows, code=code)
    payload = {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if table_code:
        payload["table_code"] = table_code
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(reverse("monitoring:import_start"), payload)


def _system_import(rows, code=OFFICIAL):
    """A table as the platform's data team (or the demo) brings it in: no user, no checks."""
    data, name = ffcsv(rows, code=code)
    log = observations_import(data=data, filename=name)
    assert log.status == "succeeded", log.errors
    return Dataset.objects.get(code=code)


# --- what counts as official statistics --------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "code", "official"),
    [
        ("GENESIS", "21111-02-06-4", True),  # Regionaldatenbank
        ("GENESIS", "12411-0001", True),  # GENESIS-Online
        ("GENESIS", "1000A-0001", True),  # Zensusdatenbank
        ("GENESIS", "stadtdaten-1", False),  # a flat file under a code of one's own
        ("Statistik Austria", "bevoelkerung-gemeinden", True),
        ("Amt für Statistik Berlin-Brandenburg", "einwohnerbestand-plr", True),
        ("Thüringer Landesamt für Statistik", "tls-schulen", True),
        ("Stadt Wien – data.wien.gv.at", "vie-bez-bev", False),  # the city's own open data
        ("Stadt Erfurt, Bildungsbüro", "kita-plaetze", False),
        ("", "x", False),
    ],
)
def test_official_statistics_are_the_tables_of_statistical_offices(source, code, official):
    assert official_table(source, code) is official


def test_a_publisher_alone_can_name_the_office():
    assert is_official_source("Regionaldatenbank Deutschland", "")
    assert is_official_source("", "Statistische Ämter des Bundes und der Länder")
    assert not is_official_source("Testamt", "")


# --- importing and revising official statistics ------------------------------------------------
def test_a_city_coordinator_imports_an_official_table_about_every_kreis(
    reference_territories, client, erfurt
):
    client.force_login(member(erfurt))
    _upload(client, [ERFURT_ROW, LEIPZIG_ROW, NEW_KREIS_ROW])
    log = ImportLog.objects.get()
    assert log.status == "succeeded", log.errors
    dataset = Dataset.objects.get(code=OFFICIAL)
    assert dataset.is_official
    assert Observation.objects.filter(dataset=dataset).count() == 3
    # The official regional key of a Kreis the platform did not know yet becomes a territory.
    assert Territory.objects.filter(code="09999").exists()


def test_a_city_coordinator_revises_an_official_table_without_losing_rows(
    reference_territories, client, erfurt
):
    dataset = _system_import([ERFURT_ROW, LEIPZIG_ROW])
    coordinator = member(erfurt)
    client.force_login(coordinator)
    corrected = (*LEIPZIG_ROW[:4], "628719")
    _upload(client, [corrected])  # a file holding only Leipzig's corrected row
    log = ImportLog.objects.latest("pk")
    assert log.status == "succeeded", log.errors
    assert (log.rows_created, log.rows_updated) == (0, 1)
    leipzig = Territory.objects.get_by_key("ags:14713000")
    assert Observation.objects.get(dataset=dataset, territory=leipzig).value == 628719
    assert Observation.objects.get(dataset=dataset, territory=erfurt).value == 218793
    revision = Revision.objects.get()
    assert (revision.old_value, revision.new_value) == (628718, 628719)
    assert revision.import_log.user == coordinator


def test_the_coordinator_of_another_country_imports_official_statistics_too(
    reference_territories, client
):
    vienna = Territory.objects.get_by_key("gkz:90001")
    client.force_login(member(vienna))
    _upload(client, [ERFURT_ROW, LEIPZIG_ROW])
    assert ImportLog.objects.get().status == "succeeded"


def test_an_official_import_is_all_or_nothing(reference_territories, client, erfurt):
    dataset = _system_import([ERFURT_ROW, LEIPZIG_ROW])
    client.force_login(member(erfurt))
    bad = ("2024-12-31", "1A713", "Kaputt", "", "1")
    _upload(client, [(*ERFURT_ROW[:4], "1"), bad])
    assert ImportLog.objects.latest("pk").status == "failed"
    assert Observation.objects.get(dataset=dataset, territory=erfurt).value == 218793


def test_members_below_coordinator_import_no_official_statistics(reference_territories, client):
    from accounts.models import RoleLevel

    client.force_login(member(Territory.objects.get_by_key("ags:16051000"), RoleLevel.EDITOR))
    assert _upload(client, [ERFURT_ROW]).status_code == 403
    assert not Dataset.objects.exists()


def test_the_real_school_leavers_table_feeds_erfurt_s_indicators(
    reference_territories, catalogue, client, erfurt
):
    """The journey of the finding, without a browser: the table of every Kreis of Germany,
    uploaded by Erfurt's coordinator on a platform that has never seen it."""
    client.force_login(member(erfurt))
    upload = SimpleUploadedFile(
        SCHOOL_LEAVERS.name, SCHOOL_LEAVERS.read_bytes(), content_type="text/csv"
    )
    response = client.post(reverse("monitoring:import_start"), {"file": upload})
    log = ImportLog.objects.get()
    assert log.status == "succeeded", log.errors
    page = client.get(response["Location"]).content.decode()
    assert 'href="/monitoring/datensaetze/21111-02-06-4/"' in page
    assert (
        'href="/monitoring/indikatoren/abgaenger-ohne-hauptschulabschluss/?gebiet=ags%3A16051000"'
        in page
    )
    value = IndicatorValue.objects.get(
        indicator__code="abgaenger-ohne-hauptschulabschluss", territory=erfurt, period="2015"
    )
    assert round(value.value, 1) == 9.1  # 137 of 1,501 school leavers


# --- a city's own figures keep their protection ------------------------------------------------
def test_own_figures_may_not_go_into_an_official_table(reference_territories, client, erfurt):
    dataset = _system_import([ERFURT_ROW, LEIPZIG_ROW])
    client.force_login(member(erfurt))
    # The coordinator's own file, under the official table's code.
    _upload(client, [(*ERFURT_ROW[:4], "5")], code="stadtdaten-2", table_code=OFFICIAL)
    log = ImportLog.objects.latest("pk")
    assert log.status == "failed"
    assert OFFICIAL in log.errors[0]["message"] and "Tabellencode" in log.errors[0]["message"]
    assert Observation.objects.get(dataset=dataset, territory=erfurt).value == 218793


def test_an_official_file_may_not_go_into_a_city_s_own_table(reference_territories, client, erfurt):
    """A table code a city already uses for its own figures stays the city's, even when a
    statistical office's file arrives under the same code."""
    leipzig_own = _system_import([LEIPZIG_ROW], code="stadtdaten-3")
    Dataset.objects.filter(pk=leipzig_own.pk).update(code=OFFICIAL)
    client.force_login(member(erfurt))
    _upload(client, [ERFURT_ROW])
    log = ImportLog.objects.latest("pk")
    assert log.status == "failed" and "Tabellencode" in log.errors[0]["message"]
    assert not Observation.objects.filter(territory=erfurt).exists()
    assert not Dataset.objects.get(code=OFFICIAL).is_official


def test_a_refused_import_succeeds_under_a_table_code_of_one_s_own(
    reference_territories, client, erfurt
):
    leipzig_table = _system_import([LEIPZIG_ROW], code="stadtdaten-4")
    client.force_login(member(erfurt))
    _upload(client, [ERFURT_ROW], code="stadtdaten-4")
    refused = ImportLog.objects.latest("pk")
    assert refused.status == "failed"
    assert "Tabellencode" in refused.errors[0]["message"]
    # As the message says: the same file with a code of one's own, dry run first.
    response = _upload(
        client, [ERFURT_ROW], code="stadtdaten-4", table_code="erfurt-stadtdaten", dry_run=True
    )
    checked = ImportLog.objects.latest("pk")
    assert checked.status == "checked" and checked.table_code == "erfurt-stadtdaten"
    client.post(response["Location"] + "bestaetigen/")
    log = ImportLog.objects.latest("pk")
    assert log.status == "succeeded", log.errors
    own = Dataset.objects.get(code="erfurt-stadtdaten")
    assert not own.is_official
    assert Observation.objects.get(dataset=own).territory == erfurt
    assert not Observation.objects.filter(dataset=leipzig_table, territory=erfurt).exists()


def test_a_table_code_of_one_s_own_is_for_one_table(reference_territories, client, erfurt):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for code in ("stadtdaten-5", "stadtdaten-6"):
            data, name = ffcsv([ERFURT_ROW], code=code)
            archive.writestr(name, data)
    client.force_login(member(erfurt))
    upload = SimpleUploadedFile("zwei.zip", buffer.getvalue(), content_type="application/zip")
    client.post(reverse("monitoring:import_start"), {"file": upload, "table_code": "erfurt-beide"})
    log = ImportLog.objects.get()
    assert log.status == "failed" and "2" in log.errors[0]["message"]
    assert not Dataset.objects.exists()


def test_a_table_code_with_spaces_or_slashes_is_refused_by_the_form():
    for code in ("meine tabelle", "a/b"):
        data, name = ffcsv([ERFURT_ROW])
        form = ImportForm(
            {"table_code": code}, {"file": SimpleUploadedFile(name, data, "text/csv")}
        )
        assert not form.is_valid() and "table_code" in form.errors


# --- the result page ---------------------------------------------------------------------------
def test_the_result_page_links_the_table_and_the_indicators_it_feeds(
    reference_territories, client, erfurt
):
    fed = IndicatorFactory(code="einwohner", name="Einwohnerinnen und Einwohner")
    other = IndicatorFactory(code="anderes", numerator={"measure": "ANDERES"})
    client.force_login(member(erfurt))
    response = _upload(client, [ERFURT_ROW, LEIPZIG_ROW])
    page = client.get(response["Location"]).content.decode()
    assert f'href="/monitoring/datensaetze/{OFFICIAL}/"' in page
    assert 'href="/monitoring/indikatoren/einwohner/?gebiet=ags%3A16051000"' in page
    assert reverse("monitoring:indicator_detail", kwargs={"code": other.code}) not in page
    assert IndicatorValue.objects.filter(indicator=fed, territory=erfurt).exists()


def test_stored_tables_of_statistical_offices_become_official_statistics(
    reference_territories,
):
    from importlib import import_module

    from django.apps import apps

    from .factories import DatasetFactory

    regional = DatasetFactory(source="Regionaldatenbank Deutschland")
    own = DatasetFactory(source="Stadt Erfurt")
    import_module("monitoring.migrations.0006_official_statistics_table_code").mark_official(
        apps, None
    )
    regional.refresh_from_db()
    own.refresh_from_db()
    assert regional.is_official and not own.is_official
