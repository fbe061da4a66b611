"""Generic CSV/XLSX through a column mapping."""

import json

import numpy as np
import pandas as pd
import pytest

from monitoring.parsers import ColumnMapping, ParseError, parse_mapped

WIDE = (
    "Kreis;Name;Jahr;Geschlecht;Einwohner;Ausländer\n"
    "08222;Mannheim;2023;männlich;158000;40.123\n"
    "16051;Erfurt;2023;Insgesamt;218793;-\n"
    "1605;Kaputt;2023;Insgesamt;1;2\n"
    "16052;Gera;2023;weiblich;.;(12)\n"
)


def _wide_mapping(**extra):
    return ColumnMapping(
        region_key="Kreis",
        region_label="Name",
        period="Jahr",
        measures=["Einwohner", "Ausländer"],
        dimensions=["Geschlecht"],
        **extra,
    )


def test_mapping_round_trips_through_json():
    mapping = _wide_mapping(measure_labels={"EINWOHNER": "Einwohner insgesamt"})
    restored = ColumnMapping.from_dict(json.loads(json.dumps(mapping.to_dict())))
    assert restored == mapping


def test_mapping_rejects_unknown_keys_and_incomplete_mappings():
    with pytest.raises(ParseError) as caught:
        ColumnMapping.from_dict({"region_key": "AGS", "colour": "blue"})
    assert caught.value.code == "bad_mapping"
    with pytest.raises(ParseError):
        parse_mapped(WIDE.encode(), ColumnMapping(region_key="Kreis", period="Jahr"))


def test_mapped_wide_table_gives_one_observation_per_measure_column():
    table = parse_mapped(WIDE.encode(), _wide_mapping())
    frame = table.frame
    assert list(frame.measure) == ["EINWOHNER", "AUSLAENDER"] * 3
    assert table.measures["AUSLAENDER"].label == "Ausländer"
    assert list(frame.region_key) == ["08222", "08222", "16051", "16051", "16052", "16052"]
    assert frame.value.iloc[1] == 40_123.0  # thousands dot with decimal comma
    assert (frame.value.iloc[3], frame.symbol.iloc[3]) == (0.0, "-")
    assert np.isnan(frame.value.iloc[4]) and frame.symbol.iloc[4] == "."
    assert (frame.value.iloc[5], frame.symbol.iloc[5]) == (12.0, "()")
    assert table.region_variable == "KREISE"


def test_mapped_dimensions_use_derived_codes_and_drop_totals():
    table = parse_mapped(WIDE.encode(), _wide_mapping())
    assert list(table.frame.dimensions.unique()) == [
        "GESCHLECHT=MAENNLICH",
        "",
        "GESCHLECHT=WEIBLICH",
    ]
    assert table.variables["GESCHLECHT"].attributes == {
        "MAENNLICH": "männlich",
        "WEIBLICH": "weiblich",
    }


def test_mapped_reports_malformed_key_with_line_and_column():
    table = parse_mapped(WIDE.encode(), _wide_mapping())
    assert [(e.line, e.column, e.code) for e in table.errors] == [
        (4, "Kreis", "invalid_region_key")
    ]


def test_mapped_long_table_with_symbol_and_quality_columns():
    content = (
        "ags,year,indicator,value,flag,sym\n"
        "08222,2022,POP,1.5,p,\n"
        "08222,2022,SHARE,,,.\n"
        "08222,2022,ZERO,,,-\n"
        "08222,2022,BAD,,,?\n"
    )
    mapping = ColumnMapping(
        region_key="ags",
        period="year",
        measure="indicator",
        value="value",
        quality="flag",
        symbol="sym",
        sep=",",
        decimal=".",
    )
    table = parse_mapped(content.encode(), mapping.to_dict())
    frame = table.frame.set_index("measure")
    assert (frame.loc["POP", "value"], frame.loc["POP", "quality"]) == (1.5, "p")
    assert np.isnan(frame.loc["SHARE", "value"]) and frame.loc["SHARE", "symbol"] == "."
    assert (frame.loc["ZERO", "value"], frame.loc["ZERO", "symbol"]) == (0.0, "-")
    assert "BAD" not in frame.index
    assert [(e.line, e.column, e.code) for e in table.errors] == [(5, "sym", "invalid_value")]


def test_mapped_xlsx_restores_leading_zeros(tmp_path):
    path = tmp_path / "kreise.xlsx"
    pd.DataFrame({"AGS": [8222, 16051], "Jahr": [2023, 2023], "Quote": [1.5, 2]}).to_excel(
        path, index=False
    )
    mapping = ColumnMapping(
        region_key="AGS", region_key_width=5, period="Jahr", value="Quote", measure_code="QUOTE"
    )
    table = parse_mapped(path, mapping)
    assert list(table.frame.region_key) == ["08222", "16051"]
    assert list(table.frame.value) == [1.5, 2.0]
    assert table.errors == []


def test_mapped_fixed_period_and_custom_key_pattern():
    content = "nuts;wert\nAT130;1\nAT13X9;2\n"
    mapping = ColumnMapping(
        region_key="nuts",
        key_pattern=r"[A-Z]{2}[A-Z0-9]{0,3}",
        fixed_period="31.12.2023",
        measures={"wert": "POP"},
    )
    table = parse_mapped(content.encode(), mapping)
    assert list(table.frame.period) == ["2023-12-31"]
    assert table.period_type == "key_date"
    assert [e.params["key"] for e in table.errors] == ["AT13X9"]


def test_mapped_missing_columns_are_named():
    mapping = _wide_mapping()
    mapping.dimensions = ["Alter"]
    with pytest.raises(ParseError) as caught:
        parse_mapped(WIDE.encode(), mapping)
    assert caught.value.missing == ["Alter"]
