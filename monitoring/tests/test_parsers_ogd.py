"""Vienna open-government CSVs (data.wien.gv.at layout).

The fixtures follow the published layout (metadata lines, NUTS/DISTRICT_CODE/SUB_DISTRICT_CODE/
REF_YEAR/REF_DATE, decimal comma, thousands dots, Windows-1252 with CRLF); the figures in them
are invented for the tests.
"""

from pathlib import Path

import numpy as np
import pytest

from monitoring.parsers import ParseError, parse_ogd

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DISTRICTS = FIXTURES / "ogd_wien_bevoelkerung_bezirke.csv"
COUNTING_DISTRICTS = FIXTURES / "ogd_wien_zaehlbezirke.csv"


@pytest.fixture(scope="module")
def districts():
    return parse_ogd(DISTRICTS)


def test_ogd_reads_every_numeric_column_as_a_measure(districts):
    assert list(districts.measures) == ["AUT", "EEA", "REU", "TCN", "FOR", "INT"]
    assert len(districts.frame) == 2 * 24 * 6
    assert districts.errors == []


def test_ogd_reads_windows_1252_titles(districts):
    assert districts.encoding == "cp1252"
    assert districts.title.startswith("Bevölkerung nach Staatsangehörigkeit")
    assert districts.title_en.startswith("Population by citizenship")
    assert districts.source == "Stadt Wien – data.wien.gv.at"


def test_ogd_keeps_district_codes_and_reference_dates(districts):
    frame = districts.frame
    row = frame[(frame.region_key == "90100") & (frame.measure == "INT")].iloc[0]
    assert row.period == "2023-01-01"
    assert row.value == 15_535.0
    assert districts.region_variable == "DISTRICT_CODE"
    assert districts.period_type == "key_date"


def test_ogd_thousands_separators_are_not_decimals(districts):
    frame = districts.frame
    total = frame[(frame.region_key == "90000") & (frame.period == "2023-01-01")]
    by_measure = dict(zip(total.measure, total.value, strict=True))
    assert by_measure["INT"] == 1_949_406.0
    assert by_measure["AUT"] + by_measure["FOR"] == by_measure["INT"]


def test_ogd_vienna_total_equals_sum_of_districts(districts):
    frame = districts.frame[districts.frame.measure == "INT"]
    for period, rows in frame.groupby("period"):
        total = rows[rows.region_key == "90000"].value.sum()
        assert rows[rows.region_key != "90000"].value.sum() == total, period


def test_ogd_prefers_sub_district_code_and_keeps_sex_as_dimension():
    table = parse_ogd(COUNTING_DISTRICTS)
    frame = table.frame
    assert set(frame.region_key) == {"90101", "90102", "90100"}
    assert table.region_variable == "SUB_DISTRICT_CODE"
    assert set(table.measures) == {"POP_TOTAL", "POP_AUT", "POP_FOR"}
    row = frame[(frame.region_key == "90101") & (frame.measure == "POP_TOTAL")]
    assert dict(zip(row.dimensions, row.value, strict=True)) == {"SEX=1": 1287.0, "SEX=2": 1402.0}


def test_ogd_reports_malformed_district_codes(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "Titel;;;;\nNUTS;DISTRICT_CODE;SUB_DISTRICT_CODE;REF_YEAR;POP\n"
        "AT13;90100;0;2024;1.000\nAT13;901;0;2024;2\nAT13;90200;0;2024;x\nAT13;90300;0;2024;3,5\n",
        encoding="utf-8",
    )
    table = parse_ogd(path)
    assert [(e.line, e.column, e.code) for e in table.errors] == [
        (4, "DISTRICT_CODE", "invalid_region_key")
    ]
    assert list(table.frame.region_key) == ["90100", "90200", "90300"]
    assert table.frame.value.iloc[0] == 1000.0
    assert np.isnan(table.frame.value.iloc[1]) and table.frame.symbol.iloc[1] == "x"
    assert table.frame.value.iloc[2] == 3.5
    assert table.period_type == "year"


def test_ogd_without_period_columns_raises(tmp_path):
    path = tmp_path / "no_period.csv"
    path.write_text("NUTS;DISTRICT_CODE;POP\nAT13;90100;1\n", encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        parse_ogd(path)
    assert caught.value.missing == ["REF_YEAR"]
