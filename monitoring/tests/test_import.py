import io
import zipfile

import pytest

from monitoring.models import Dataset, DatasetRegion, ImportLog, Observation, Revision
from monitoring.services import observations_import
from places.models import Level, Territory

from .conftest import DATA
from .factories import ffcsv

pytestmark = pytest.mark.django_db


def _import(rows, **kwargs):
    data, name = ffcsv(rows, **kwargs.pop("file", {}))
    return observations_import(data=data, filename=name, **kwargs)


def _obs(key, sex="", code="99999-01-01-4"):
    return Observation.objects.get(
        dataset__code=code,
        territory=Territory.objects.get_by_key(key),
        dimension_key__key=f"GES={sex}" if sex else "",
        period="2024-12-31",
    )


def test_it_imports_the_three_genesis_files(genesis, erfurt):
    population = Observation.objects.get(
        dataset__code="12411-01-01-4", territory=erfurt, dimension_key__key="", period="2024-12-31"
    )
    assert population.value == 218793
    leavers = Observation.objects.get(
        dataset__code="21111-02-06-4",
        territory=erfurt,
        period="2015",
        dimension_key__key="SCHULABSCHLUSS=OHNE_HAUPTSCHULABSCHLUSS",
    )
    assert leavers.value == 137
    dataset = Dataset.objects.get(code="12411-01-01-4")
    assert dataset.licence == "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    assert dataset.retrieved_at is not None
    assert DatasetRegion.objects.get(dataset=dataset, territory=erfurt).key == "16051"


def test_reimporting_the_same_files_changes_nothing(genesis):
    from monitoring.demo import GENESIS
    from monitoring.models import IndicatorValue

    before = list(Observation.objects.order_by("id").values_list("id", "value", "symbol"))
    values_before = list(IndicatorValue.objects.order_by("id").values_list("id", "value", "symbol"))
    territories = Territory.objects.count()
    for name in GENESIS:
        log = observations_import(path=DATA / "genesis" / name)
        assert log.status == "succeeded"
        assert (log.rows_created, log.rows_updated) == (0, 0)
        assert log.rows_unchanged == log.rows_read > 0
        assert log.new_territories == []
    assert list(Observation.objects.order_by("id").values_list("id", "value", "symbol")) == before
    assert (
        list(IndicatorValue.objects.order_by("id").values_list("id", "value", "symbol"))
        == values_before
    )
    assert Territory.objects.count() == territories
    assert not Revision.objects.exists()


def test_it_keeps_symbols_beside_the_value(reference_territories):
    log = _import(
        [
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "."),
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESM", "-"),
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESW", "(12)"),
            ("2023-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "x"),
            ("2022-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "5 p"),
        ]
    )
    assert log.status == "succeeded", log.errors
    unknown = _obs("ags:16051000")
    assert unknown.value is None and unknown.symbol == "."
    zero = _obs("ags:16051000", "GESM")
    assert zero.value == 0 and zero.symbol == "-"
    limited = _obs("ags:16051000", "GESW")
    assert limited.value == 12 and limited.symbol == "()"
    assert Observation.objects.get(period="2023-12-31").symbol == "x"
    provisional = Observation.objects.get(period="2022-12-31")
    assert (provisional.value, provisional.quality) == (5, "p")


def test_a_corrected_file_records_revisions(reference_territories):
    rows = [("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "100"),
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESW", "50")]  # fmt: skip
    _import(rows)
    corrected = [rows[0][:4] + ("101",), rows[1][:4] + (".",)]
    log = _import(corrected)
    assert (log.rows_created, log.rows_updated, log.rows_unchanged) == (0, 2, 0)
    assert _obs("ags:16051000").value == 101
    revisions = {r.observation_id: r for r in Revision.objects.filter(import_log=log)}
    total = revisions[_obs("ags:16051000").pk]
    assert (total.old_value, total.new_value) == (100, 101)
    secret = revisions[_obs("ags:16051000", "GESW").pk]
    assert (secret.old_value, secret.old_symbol, secret.new_value, secret.new_symbol) == (
        50,
        "",
        None,
        ".",
    )


def test_a_malformed_key_fails_the_whole_import(reference_territories):
    territories = Territory.objects.count()
    log = _import(
        [
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "100"),
            ("2024-12-31", "09999", "Neukreis, Landkreis", "", "7"),
            ("2024-12-31", "1605X", "Kaputt", "", "5"),
        ]
    )
    assert log.status == ImportLog.Status.FAILED
    assert any("1605X" in e["message"] for e in log.errors)
    assert not Observation.objects.exists()
    assert not Dataset.objects.exists()
    assert Territory.objects.count() == territories


def test_a_new_territory_is_created_and_logged(reference_territories):
    log = _import(
        [
            ("2024-12-31", "09999", "Neukreis, Landkreis", "", "7"),
            ("2024-12-31", "01001", "Flensburg, Kreisfreie Stadt", "", "90000"),
        ]
    )
    assert log.status == "succeeded", log.errors
    county = Territory.objects.get_by_key("ags:09999")
    assert county.level == Level.COUNTY and county.parent.key == "ags:09"
    city = Territory.objects.get_by_key("ags:01001000")
    assert (city.level, city.county_free, city.name) == (Level.CITY, True, "Flensburg")
    assert {t["key"] for t in log.new_territories} == {"ags:09999", "ags:01001000"}
    # The county-free city is found again under its county key, as for Erfurt.
    log = _import([("2024-12-31", "01001", "Flensburg, Kreisfreie Stadt", "", "90000")])
    assert log.new_territories == [] and log.rows_unchanged == 1


def test_a_table_without_regional_variable_belongs_to_germany(reference_territories):
    data = (
        b"statistics_code;statistics_label;time_code;time_label;time;"
        b"1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;"
        b"value;value_unit;value_variable_code;value_variable_label\n"
        b"12411;Bev;STAG;Stichtag;2024-12-31;GES;Geschlecht;GESW;weiblich;42000000;Anzahl;BEVSTD;Bev\n"
    )
    log = observations_import(data=data, filename="12411-0001_de_flat.csv")
    assert log.status == "succeeded", log.errors
    assert Observation.objects.get().territory.key == "iso:DE"


def test_a_dry_run_writes_nothing_but_counts(reference_territories):
    log = _import([("2024-12-31", "09999", "Neukreis, Landkreis", "", "7")], dry_run=True)
    assert log.status == ImportLog.Status.CHECKED
    assert (log.rows_read, log.rows_created) == (1, 1)
    assert len(log.new_territories) == 1
    assert not Observation.objects.exists()
    assert not Territory.objects.filter(code="09999").exists()


def test_a_zipped_file_is_imported(reference_territories):
    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
        archive.writestr("LIESMICH.txt", "not a table")
    log = observations_import(data=buffer.getvalue(), filename="tables.zip")
    assert log.status == "succeeded", log.errors
    assert log.dataset_codes == ["99999-01-01-4"]
    assert _obs("ags:16051000").value == 218793


def test_an_unreadable_file_fails_with_an_error(reference_territories):
    log = observations_import(data=b"hello;world\n1;2\n", filename="x.csv")
    assert log.status == "failed" and log.errors
