"""Symbols, numbers, flags, periods, codes and regional levels: the shared rules."""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitoring.parsers import (
    derive_code,
    infer_region_variable,
    normalise_period,
    parse_values,
    region_level,
)


def _parse(texts, decimal=","):
    parsed, _ = parse_values(pd.Series(texts, dtype="str"), decimal)
    return parsed


def test_dash_means_zero_and_other_symbols_stay_unknown():
    parsed = _parse(["-", ".", "x", "/", "...", "()"])
    assert parsed.value[0] == 0.0
    assert np.isnan(parsed.value[1:]).all()
    assert list(parsed.symbols()) == ["-", ".", "x", "/", "...", "()"]
    assert not parsed.invalid.any()


def test_parentheses_keep_the_value_with_limited_reliability():
    parsed = _parse(["(123)", "(12,5)"])
    assert list(parsed.value) == [123.0, 12.5]
    assert list(parsed.symbols()) == ["()", "()"]


def test_trailing_quality_flags_are_split_off():
    parsed = _parse(["123p", "4,5 r", "7 s", "8e", "9"])
    assert list(parsed.value) == [123.0, 4.5, 7.0, 8.0, 9.0]
    assert list(parsed.qualities()) == ["p", "r", "s", "e", ""]


def test_separate_quality_column_and_unknown_flags():
    parsed, _ = parse_values(pd.Series(["1", "2", "3"]), ",", pd.Series(["p", "", "q"]))
    assert list(parsed.qualities()) == ["p", "", ""]
    assert list(parsed.invalid_quality) == [False, False, True]


def test_negative_numbers_are_not_the_dash_symbol():
    parsed = _parse(["-5", "-0,5"])
    assert list(parsed.value) == [-5.0, -0.5]
    assert list(parsed.symbols()) == ["", ""]


def test_unreadable_text_is_flagged_not_guessed():
    parsed = _parse(["12a", "1.5", "(3", "—"])
    assert parsed.invalid.tolist() == [True, True, True, True]
    assert np.isnan(parsed.value).all()


def test_empty_cell_is_missing_without_symbol():
    parsed = _parse(["", "  "])
    assert np.isnan(parsed.value).all()
    assert not parsed.invalid.any()


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_survive_german_thousands_separators(number):
    grouped = f"{number:,}".replace(",", ".")
    parsed = _parse([str(number), grouped])
    assert list(parsed.value) == [float(number), float(number)]


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False))
def test_decimal_comma_and_point_read_the_same_number(number):
    english = f"{number:.2f}"
    german = english.replace(".", ",")
    assert _parse([german], ",").value[0] == pytest.approx(float(number))
    assert _parse([english], ".").value[0] == pytest.approx(float(number))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", ("2024", "year")),
        ("2024-12-31", ("2024-12-31", "key_date")),
        ("31.12.2002", ("2002-12-31", "key_date")),
        ("1.1.2023", ("2023-01-01", "key_date")),
        ("20230101", ("2023-01-01", "key_date")),
        ("2014/15", ("2014/15", "school_year")),
        ("2024-03", ("2024-03", "month")),
        ("2. Quartal 2024", ("2024-Q2", "quarter")),
        ("irgendwann", ("irgendwann", "other")),
    ],
)
def test_periods_are_normalised_to_iso_like_strings(text, expected):
    assert normalise_period(text) == expected


@given(st.text(min_size=1, max_size=200))
def test_derived_codes_are_stable_upper_case_and_bounded(label):
    code = derive_code(label)
    assert re.fullmatch(r"[A-Z0-9_]+", code)
    assert len(code) <= 50
    assert derive_code(label) == code


def test_derived_codes_transliterate_german_and_keep_long_labels_apart():
    assert derive_code("Verfügbare Plätze") == "VERFUEGBARE_PLAETZE"
    assert derive_code("dar. schulischer Teil der Fachhochschulreife") == (
        "DAR_SCHULISCHER_TEIL_DER_FACHHOCHSCHULREIFE"
    )
    long = "Absolventen und Abgänger aus allgemeinbildenden Schulen mit "
    assert derive_code(long + "Hauptschulabschluss") != derive_code(long + "Realschulabschluss")


@pytest.mark.parametrize(
    ("key", "level"),
    [
        ("DG", "DINSG"),
        ("16", "DLAND"),
        ("031", "REGBEZ"),
        ("16051", "KREISE"),
        ("16051000", "GEMEIN"),
        ("160510000000", "GEMEIN"),
        ("1605", None),
        ("16O51", None),
        (" 16051", None),
    ],
)
def test_region_level_follows_key_length(key, level):
    assert region_level(key) == level


def test_region_variable_is_the_level_most_rows_are_at():
    keys = pd.Series(["DG", "16", "16051", "16052", "16053"])
    assert infer_region_variable(keys) == "KREISE"
    assert infer_region_variable(pd.Series(["16", "16051"])) == "KREISE"  # ties: finer
    assert infer_region_variable(pd.Series(["bad"])) is None
