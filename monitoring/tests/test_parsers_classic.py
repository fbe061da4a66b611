"""Classic GENESIS CSV: school leavers (21111) and day care (22541) as published."""

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from monitoring.parsers import ParseError, parse_classic

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "genesis"
LEAVERS = DATA / "21111-02-06-4.csv"
DAYCARE = DATA / "22541-01-01-4.csv"

pytestmark = pytest.mark.skipif(not LEAVERS.exists(), reason="shared data not available")

WITHOUT_HAUPTSCHULE = "SCHULABSCHLUSS=OHNE_HAUPTSCHULABSCHLUSS"


@pytest.fixture(scope="module")
def leavers():
    return parse_classic(LEAVERS)


@pytest.fixture(scope="module")
def daycare():
    return parse_classic(DAYCARE)


def _value(table, key, period, dimensions, measure=None):
    frame = table.frame
    mask = (frame.region_key == key) & (frame.period == period) & (frame.dimensions == dimensions)
    if measure:
        mask &= frame.measure == measure
    rows = frame[mask]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_classic_keeps_erfurt_school_leavers_2015(leavers):
    assert _value(leavers, "16051", "2015", "").value == 1501.0
    assert _value(leavers, "16051", "2015", WITHOUT_HAUPTSCHULE).value == 137.0
    assert _value(leavers, "16051", "2015", "GES=GESW;" + WITHOUT_HAUPTSCHULE).value == 57.0


def test_classic_reads_title_block_and_single_measure(leavers):
    assert leavers.format == "genesis_classic"
    assert leavers.dataset_code == "21111-02-06-4"
    assert leavers.statistic_code == "21111"
    assert leavers.statistic_label == "Statistik der allgemein bildenden Schulen"
    assert leavers.title.startswith("Allgemeinbildende Schulen: Absolventen/Abgänger")
    assert list(leavers.measures) == ["ABSOLVENTEN_ABGAENGER"]
    assert leavers.measures["ABSOLVENTEN_ABGAENGER"].label == "Absolventen/Abgänger"
    assert leavers.measures["ABSOLVENTEN_ABGAENGER"].unit == "Anzahl"


def test_classic_school_years_stay_as_given(leavers):
    assert set(leavers.frame.period) == {"2014", "2015"}
    assert leavers.period_type == "school_year"


def test_classic_derives_codes_from_labels_and_gives_sex_genesis_codes(leavers):
    schooling = leavers.variables["SCHULABSCHLUSS"]
    assert schooling.label == "Schulabschluss"
    assert schooling.attributes["OHNE_HAUPTSCHULABSCHLUSS"] == "ohne Hauptschulabschluss"
    assert "" not in schooling.attributes  # "Insgesamt" is the total
    assert leavers.variables["GES"].attributes == {"GESW": "weiblich"}


def test_classic_infers_kreise_although_germany_and_laender_are_listed(leavers):
    keys = set(leavers.frame.region_key)
    assert {"DG", "01", "031", "16051"} <= keys
    assert leavers.region_variable == "KREISE"
    assert leavers.region_variable_label == "Kreise und krfr. Städte"


def test_classic_strips_indentation_from_region_names(leavers):
    assert _value(leavers, "16051", "2015", "").region_label == "Erfurt, krsfr. Stadt"
    assert _value(leavers, "01", "2015", "").region_label == "Schleswig-Holstein"


def test_classic_keeps_symbols_beside_values(leavers):
    dash = _value(leavers, "16051", "2014", "SCHULABSCHLUSS=MIT_FACHHOCHSCHULREIFE")
    assert (dash.value, dash.symbol) == (0.0, "-")
    unknown = _value(leavers, "03", "2015", "SCHULABSCHLUSS=MIT_FACHHOCHSCHULREIFE")
    assert np.isnan(unknown.value) and unknown.symbol == "."
    assert {"", "-", ".", "x"} == set(leavers.frame.symbol)


def test_classic_reads_footnotes_licence_and_stand(leavers):
    assert leavers.stand == datetime(2017, 10, 10, 16, 24, 41)
    assert leavers.licence == "Datenlizenz Deutschland - Namensnennung - Version 2.0"
    assert leavers.copyright.startswith("© Statistische Ämter des Bundes und der Länder")
    assert leavers.footnotes[0].startswith('zu "gesamte Tabelle":')
    assert any(
        f.startswith('zu "Absolventen/Abgänger mit Hauptschulabschluss"') for f in leavers.footnotes
    )
    # A blank line inside a section does not split it.
    assert "Saarland: Differenzen" in leavers.footnotes[0]
    assert leavers.errors == []


def test_classic_reads_several_measures_with_units(daycare):
    assert list(daycare.measures) == [
        "TAGESEINRICHTUNGEN_FUER_KINDER",
        "VERFUEGBARE_PLAETZE",
        "TAETIGE_PERSONEN",
    ]
    assert {m.unit for m in daycare.measures.values()} == {"Anzahl"}
    assert daycare.period_type == "key_date"
    assert daycare.stand == datetime(2017, 10, 10, 11, 45, 32)


def test_classic_keeps_erfurt_daycare_2002(daycare):
    kinds = "TAGESEINRICHTUNGEN_FUER_KINDER"
    facilities = _value(daycare, "16051", "2002-12-31", "", kinds)
    assert facilities.value == 93.0
    places = _value(daycare, "16051", "2002-12-31", "", "VERFUEGBARE_PLAETZE")
    assert places.value == 6596.0
    kindergarten_staff = _value(
        daycare, "16051", "2002-12-31", f"{kinds}=KINDERGAERTEN", "TAETIGE_PERSONEN"
    )
    assert kindergarten_staff.value == 207.0
    assert _value(daycare, "16051", "1994-12-31", "", kinds).value == 112.0


def test_classic_eisenach_1994_is_unknown_not_zero(daycare):
    eisenach = daycare.frame[
        (daycare.frame.region_key == "16056") & (daycare.frame.period == "1994-12-31")
    ]
    assert len(eisenach) == 11
    assert eisenach.value.isna().all()
    assert set(eisenach.symbol) == {"."}


def test_classic_reads_windows_1252(tmp_path):
    path = tmp_path / "21111-02-06-4.csv"
    path.write_bytes(LEAVERS.read_text("utf-8").encode("cp1252"))
    table = parse_classic(path)
    assert table.encoding == "cp1252"
    assert table.measures["ABSOLVENTEN_ABGAENGER"].label == "Absolventen/Abgänger"
    assert _value(table, "16051", "2015", WITHOUT_HAUPTSCHULE).value == 137.0
    assert table.copyright.startswith("© Statistische Ämter")


def _classic(rows: str) -> bytes:
    return (
        "GENESIS-Tabelle: 99999-01-01-4\n"
        "Testtabelle;;;\n"
        "Teststatistik;;;\n"
        "Personen (Anzahl);;;\n"
        ";;;Geschlecht;Geschlecht\n"
        ";;;männlich;weiblich\n" + rows + "__________\nStand: 01.02.2024 / 10:00:00\n"
    ).encode("utf-8")


def test_classic_reports_malformed_keys_and_values_with_lines():
    table = parse_classic(
        _classic("2023;16051;  Erfurt;1;2\n2023;1605;  Kaputt;3;4\n2023;16052;  Gera;5;zwei\n")
    )
    assert [(e.line, e.column, e.code) for e in table.errors] == [
        (8, "2", "invalid_region_key"),
        (9, "5", "invalid_value"),
    ]
    assert list(table.frame.value) == [1.0, 2.0, 5.0]
    assert list(table.frame.dimensions) == ["GES=GESM", "GES=GESW", "GES=GESM"]
    assert table.period_type == "year"


def test_classic_without_data_rows_raises():
    with pytest.raises(ParseError) as caught:
        parse_classic(_classic(""))
    assert caught.value.code == "no_data"


def test_classic_reads_periods_from_a_header_row():
    content = (
        "GENESIS-Tabelle: 12411-0001\nBevölkerung: Bundesländer;;\nBevölkerungsstatistik;;\n"
        "Bevölkerungsstand (Anzahl);;\n;;31.12.2022;31.12.2023\n"
        "16;Thüringen;2.126.846;2.114.870\n__________\n"
    ).encode()
    table = parse_classic(content)
    assert list(table.frame.period) == ["2022-12-31", "2023-12-31"]
    assert list(table.frame.value) == [2126846.0, 2114870.0]
    assert table.region_variable == "DLAND"
