"""GENESIS flat files (ffcsv): the real population download and hand-made variants."""

from pathlib import Path

import numpy as np
import pytest

from monitoring.parsers import ParseError, parse_ffcsv

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "genesis"
POPULATION = DATA / "12411-01-01-4_1773175772751_de_flat.csv"

pytestmark = pytest.mark.skipif(not POPULATION.exists(), reason="shared data not available")

HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;"
    "1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;"
    "2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;"
    "value;value_unit;value_variable_code;value_variable_label"
)


def _row(key="16051", sex="", value="1", label="Erfurt, kreisfreie Stadt", unit="Anzahl"):
    sex_label = {"": "Insgesamt", "GESM": "männlich", "GESW": "weiblich"}[sex]
    return (
        f"12411;Fortschreibung des Bevölkerungsstandes;STAG;Stichtag;2024-12-31;"
        f"KREISE;Kreise und kreisfreie Städte;{key};{label};GES;Geschlecht;{sex};{sex_label};"
        f"{value};{unit};BEVSTD;Bevölkerungsstand"
    )


def _file(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def population():
    return parse_ffcsv(POPULATION)


def test_ffcsv_keeps_erfurt_population_2024(population):
    frame = population.frame
    erfurt = frame[(frame.region_key == "16051") & (frame.dimensions == "")]
    assert len(erfurt) == 1
    row = erfurt.iloc[0]
    assert row.value == 218_793.0
    assert row.period == "2024-12-31"
    assert row.measure == "BEVSTD"
    assert row.region_label == "Erfurt, kreisfreie Stadt"
    assert row.symbol == ""


def test_ffcsv_reads_metadata_from_file_name_and_columns(population):
    assert population.format == "ffcsv"
    assert population.dataset_code == "12411-01-01-4"
    assert population.language == "de"
    assert population.retrieved_at.year == 2026
    assert population.statistic_code == "12411"
    assert population.region_variable == "KREISE"
    assert population.period_type == "key_date"
    assert population.measures["BEVSTD"].unit == "Anzahl"
    assert population.measures["BEVSTD"].label == "Bevölkerungsstand"
    assert population.variables["GES"].attributes == {"GESM": "männlich", "GESW": "weiblich"}
    assert "KREISE" not in population.variables


def test_ffcsv_keeps_leading_zeros_and_eight_digit_keys(population):
    keys = set(population.frame.region_key)
    assert "08222" in keys  # Mannheim
    assert "03241001" in keys  # Hannover sits in KREISE with its municipality key
    assert population.errors == []


def test_ffcsv_dimension_string_names_sex_and_leaves_total_empty(population):
    erfurt = population.frame[population.frame.region_key == "16051"]
    by_dimension = dict(zip(erfurt.dimensions, erfurt.value, strict=True))
    assert by_dimension == {"": 218_793.0, "GES=GESM": 106_836.0, "GES=GESW": 111_957.0}


def test_ffcsv_dash_means_zero_and_counts_as_symbol(population):
    goerlitz = population.frame[population.frame.region_key == "14263"]
    assert set(goerlitz.symbol) == {"-"}
    assert (goerlitz.value == 0.0).all()


def test_ffcsv_text_columns_are_strings_and_value_is_float(population):
    frame = population.frame
    assert list(frame.columns) == [
        "measure",
        "region_key",
        "region_label",
        "period",
        "dimensions",
        "value",
        "symbol",
        "quality",
        "unit",
    ]
    assert frame.value.dtype == np.float64
    assert frame.region_key.dtype == "str"
    assert frame.unit.dtype == "str" and set(frame.unit) == {"Anzahl"}


def test_dash_means_zero_and_dot_stays_unknown():
    table = parse_ffcsv(
        _file(_row(value="-"), _row(sex="GESM", value="."), _row(sex="GESW", value="x"))
    )
    frame = table.frame.set_index("dimensions")
    assert frame.loc["", "value"] == 0.0 and frame.loc["", "symbol"] == "-"
    assert np.isnan(frame.loc["GES=GESM", "value"]) and frame.loc["GES=GESM", "symbol"] == "."
    assert np.isnan(frame.loc["GES=GESW", "value"]) and frame.loc["GES=GESW", "symbol"] == "x"


def test_ffcsv_parenthesised_value_has_limited_reliability():
    frame = parse_ffcsv(_file(_row(value="(123)"))).frame
    assert frame.value.iloc[0] == 123.0
    assert frame.symbol.iloc[0] == "()"


def test_ffcsv_german_decimal_comma_and_english_decimal_point():
    german = parse_ffcsv(_file(_row(value="12,5")), filename="X_1_de_flat.csv")
    english = parse_ffcsv(_file(_row(value="12.5")), filename="X_1_en_flat.csv")
    assert german.frame.value.iloc[0] == english.frame.value.iloc[0] == 12.5
    assert (german.language, english.language) == ("de", "en")


def test_ffcsv_reads_quality_flags_from_value_q():
    header = HEADER + ";value_q"
    content = _file(_row(value="10") + ";p", _row(sex="GESM", value="4") + ";e", header=header)
    frame = parse_ffcsv(content).frame
    assert list(frame.quality) == ["p", "e"]


def test_ffcsv_reports_unknown_quality_flag():
    header = HEADER + ";value_q"
    table = parse_ffcsv(_file(_row(value="10") + ";z", header=header))
    assert [(e.line, e.column, e.code) for e in table.errors] == [(2, "value_q", "invalid_quality")]


def test_ffcsv_reports_malformed_keys_with_line_numbers():
    table = parse_ffcsv(_file(_row(), _row(key="1605"), _row(key="16O51"), _row(key="16052")))
    assert [(e.line, e.column, e.code) for e in table.errors] == [
        (3, "1_variable_attribute_code", "invalid_region_key"),
        (4, "1_variable_attribute_code", "invalid_region_key"),
    ]
    assert table.errors[0].params["key"] == "1605"
    assert "1605" in table.errors[0].message
    assert list(table.frame.region_key) == ["16051", "16052"]


def test_ffcsv_reports_unreadable_value():
    table = parse_ffcsv(_file(_row(value="12a"), _row(sex="GESM", value="3")))
    assert [(e.line, e.column, e.code, e.params) for e in table.errors] == [
        (2, "value", "invalid_value", {"value": "12a"})
    ]
    assert len(table.frame) == 1


def test_ffcsv_missing_columns_raise_parse_error_naming_them():
    header = HEADER.replace(";value_variable_code", "").replace("2_variable_label;", "")
    with pytest.raises(ParseError) as caught:
        parse_ffcsv(_file(header=header))
    assert caught.value.code == "missing_columns"
    assert set(caught.value.missing) == {"value_variable_code", "2_variable_label"}
    assert "value_variable_code" in str(caught.value)


def test_ffcsv_without_regional_variable_has_no_region_key():
    header = (
        "statistics_code;statistics_label;time_code;time_label;time;"
        "1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;"
        "value;value_unit;value_variable_code;value_variable_label"
    )
    row = "21111;Schulen;JAHR;Jahr;2015;GES;Geschlecht;GESW;weiblich;5;Anzahl;ABS;Absolventen"
    table = parse_ffcsv(_file(row, header=header))
    assert table.region_variable is None
    assert table.frame.region_key.isna().all()
    assert table.frame.dimensions.iloc[0] == "GES=GESW"
    assert table.period_type == "year"


def test_ffcsv_sorts_dimensions_by_variable_code():
    header = HEADER.replace(
        "value;",
        "3_variable_code;3_variable_label;3_variable_attribute_code;"
        "3_variable_attribute_label;value;",
    )
    row = _row(sex="GESW").replace(";1;Anzahl", ";ALTX20;Alter;ALT015B18;15 bis 18 Jahre;1;Anzahl")
    frame = parse_ffcsv(_file(row, header=header)).frame
    assert frame.dimensions.iloc[0] == "ALTX20=ALT015B18;GES=GESW"


def test_ffcsv_reads_windows_1252(tmp_path):
    path = tmp_path / "12411-01-01-4_1_de_flat.csv"
    path.write_bytes(POPULATION.read_text("utf-8").encode("cp1252"))
    table = parse_ffcsv(path)
    assert table.encoding == "cp1252"
    assert table.region_variable_label == "Kreise und kreisfreie Städte"
    assert table.frame.value.sum() == parse_ffcsv(POPULATION).frame.value.sum()
