"""Any CSV or XLSX table, read through a column mapping the analyst defines once per source.

The mapping is a plain dataclass that round-trips through JSON (``to_dict``/``from_dict``), so
it can be stored beside the data source and reused for every new delivery.
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .common import (
    FRAME_COLUMNS,
    MeasureInfo,
    ParsedTable,
    ParseError,
    Source,
    VariableInfo,
    decode_text,
    derive_code,
    dimension_strings,
    normalise_periods,
    read_source,
)
from .regions import (
    GERMAN_KEY,
    GERMAN_KEY_EXPECTED,
    bad_key_mask,
    infer_region_variable,
    row_issues,
)
from .values import SYMBOL_CATEGORIES, SYMBOLS, ParsedValues, parse_values


@dataclass
class ColumnMapping:
    """Which column holds what. Either ``measures`` (wide: each listed column is one measure,
    a list of column names or a dict column -> measure code) or ``value`` (long: one value
    column, the measure code in column ``measure`` or fixed as ``measure_code``)."""

    region_key: str | None = None
    period: str | None = None
    measures: list[str] | dict[str, str] = field(default_factory=list)
    value: str | None = None
    measure: str | None = None
    measure_code: str | None = None
    region_label: str | None = None
    dimensions: list[str] | dict[str, str] = field(default_factory=list)
    symbol: str | None = None
    quality: str | None = None
    # How to read the file.
    sheet: str | int | None = None
    sep: str = ";"
    decimal: str = ","
    encoding: str | None = None
    skip_rows: int = 0
    # What the file does not say itself.
    fixed_period: str | None = None
    region_variable: str | None = None
    region_key_width: int | None = None
    key_pattern: str | None = None
    measure_labels: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    dataset_code: str = ""
    title: str = ""
    source: str = ""
    licence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ColumnMapping:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ParseError("bad_mapping", reason=f"unknown keys {', '.join(unknown)}")
        return cls(**data)

    def validate(self) -> None:
        if bool(self.measures) == bool(self.value):
            raise ParseError("bad_mapping", reason="give either measures or value")
        if self.value and not (self.measure or self.measure_code):
            raise ParseError("bad_mapping", reason="value needs measure or measure_code")
        if not (self.period or self.fixed_period):
            raise ParseError("bad_mapping", reason="give period or fixed_period")

    def measure_columns(self) -> dict[str, str]:
        if isinstance(self.measures, dict):
            return dict(self.measures)
        return {c: derive_code(c) for c in self.measures}

    def dimension_columns(self) -> dict[str, str]:
        if isinstance(self.dimensions, dict):
            return dict(self.dimensions)
        return {c: derive_code(c) for c in self.dimensions}


def parse_mapped(source: Source, mapping: ColumnMapping | dict[str, Any]) -> ParsedTable:
    if isinstance(mapping, dict):
        mapping = ColumnMapping.from_dict(mapping)
    mapping.validate()
    data, name = read_source(source)
    table, encoding, excel = _read(data, name, mapping)
    table.columns = [str(c).strip() for c in table.columns]
    needed = [
        c
        for c in (mapping.region_key, mapping.period, mapping.value, mapping.measure)
        + (mapping.region_label, mapping.symbol, mapping.quality)
        if c
    ]
    needed += list(mapping.measure_columns()) + list(mapping.dimension_columns())
    missing = [c for c in dict.fromkeys(needed) if c not in table.columns]
    if missing:
        raise ParseError("missing_columns", columns=", ".join(missing), missing=missing)
    table = table[list(dict.fromkeys(needed))].fillna("").astype("str")
    table = table.apply(lambda s: s.str.strip())
    lines = np.arange(len(table), dtype=np.int64) + mapping.skip_rows + 2
    nonblank = (table != "").any(axis=1).to_numpy(bool)
    table, lines = table.loc[nonblank].reset_index(drop=True), lines[nonblank]
    if not len(table):
        raise ParseError("no_data")

    # Wide tables become one observation per (row, measure column); long ones stay as they are.
    value_cols = [mapping.value] if mapping.value else list(mapping.measure_columns())
    rows, cols = len(table), len(value_cols)
    obs_row = np.repeat(np.arange(rows), cols)
    obs_col = np.tile(np.arange(cols), rows)
    obs_lines = lines[obs_row]
    if mapping.measure:
        measure_codes = table[mapping.measure].to_numpy(object)
    elif mapping.measure_code:
        measure_codes = np.full(rows, mapping.measure_code, dtype=object)
    else:
        names = mapping.measure_columns()
        measure_codes = np.asarray([names[c] for c in value_cols], dtype=object)[obs_col]

    issues = []
    bad = np.zeros(rows * cols, dtype=bool)
    out: dict[str, pd.Series] = {}
    region_variable = mapping.region_variable
    if mapping.region_key:
        keys = _normalise_keys(table[mapping.region_key], mapping.region_key_width, excel)
        pattern = re.compile(mapping.key_pattern) if mapping.key_pattern else GERMAN_KEY
        bad_row = bad_key_mask(keys, pattern)
        expected = f"pattern {pattern.pattern}" if mapping.key_pattern else GERMAN_KEY_EXPECTED
        issues += row_issues(
            bad_row,
            lines,
            mapping.region_key,
            "invalid_region_key",
            keys,
            lambda v: {"key": v, "expected": expected},
        )
        bad |= bad_row[obs_row]
        if region_variable is None and not mapping.key_pattern:
            region_variable = infer_region_variable(keys[~bad_row])
        out["region_key"] = _spread(keys, obs_row)
    else:
        out["region_key"] = pd.Series(pd.NA, index=range(rows * cols), dtype="str")
    if mapping.region_label:
        out["region_label"] = _spread(table[mapping.region_label], obs_row)
    else:
        out["region_label"] = pd.Series(pd.NA, index=range(rows * cols), dtype="str")

    if mapping.period:
        periods, period_type = normalise_periods(table[mapping.period])
        out["period"] = _spread(periods, obs_row)
    else:
        fixed, period_type = normalise_periods(pd.Series([mapping.fixed_period]))
        out["period"] = pd.Series([fixed.iloc[0]] * (rows * cols), dtype="str")

    variables, row_dims = _dimensions(table, mapping.dimension_columns())
    out["dimensions"] = pd.Series(row_dims[obs_row], dtype="str")
    out["measure"] = pd.Series(measure_codes, dtype="str").reset_index(drop=True)

    cells = table[value_cols].to_numpy(dtype=object).reshape(-1)
    decimal = "." if excel else mapping.decimal
    quality = table[mapping.quality].to_numpy(object)[obs_row] if mapping.quality else None
    parsed, texts = parse_values(pa.array(cells, pa.string()), decimal, quality)
    value_names = np.asarray(value_cols, dtype=object)
    issues += row_issues(
        parsed.invalid, obs_lines, value_names[obs_col], "invalid_value", texts, _value_param
    )
    if mapping.quality:
        issues += row_issues(
            parsed.invalid_quality.reshape(rows, cols).any(axis=1),
            lines,
            mapping.quality,
            "invalid_quality",
            table[mapping.quality],
            lambda v: {"flag": v},
        )
    invalid = parsed.invalid | parsed.invalid_quality
    if mapping.symbol:
        given = table[mapping.symbol].to_numpy(object)[obs_row]
        unknown = _apply_symbols(parsed, given)
        issues += row_issues(
            unknown, obs_lines, mapping.symbol, "invalid_value", given, _value_param
        )
        invalid |= unknown
    out["value"] = pd.Series(parsed.value)
    out["symbol"] = parsed.symbols()
    out["quality"] = parsed.qualities()

    frame = pd.DataFrame({c: out[c] for c in FRAME_COLUMNS})
    drop = bad | invalid
    if drop.any():
        frame = frame.loc[~drop].reset_index(drop=True)
    issues.sort(key=lambda i: (i.line is None, i.line or 0))

    measures = {}
    for code in pd.unique(pd.Series(measure_codes, dtype="str")):
        label = mapping.measure_labels.get(code) or _column_for(mapping, code) or code
        measures[code] = MeasureInfo(code, label, mapping.units.get(code, ""))
    return ParsedTable(
        format="mapped",
        dataset_code=mapping.dataset_code or (name.rsplit(".", 1)[0] if name else ""),
        frame=frame,
        title=mapping.title,
        source=mapping.source,
        licence=mapping.licence,
        period_type=period_type,
        region_variable=region_variable if mapping.region_key else None,
        variables=variables,
        measures=measures,
        filename=name,
        encoding=encoding,
        errors=issues,
    )


def _read(data: bytes, name: str, mapping: ColumnMapping) -> tuple[pd.DataFrame, str, bool]:
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        table = pd.read_excel(
            io.BytesIO(data),
            sheet_name=mapping.sheet if mapping.sheet is not None else 0,
            dtype=str,
            skiprows=mapping.skip_rows,
            engine="openpyxl",
        )
        return table, "xlsx", True
    if mapping.encoding:
        text, encoding = data.decode(mapping.encoding), mapping.encoding
    else:
        text, encoding = decode_text(data)
    table = pd.read_csv(
        io.StringIO(text),
        sep=mapping.sep,
        dtype=str,
        keep_default_na=False,
        skiprows=mapping.skip_rows,
        skip_blank_lines=False,
        engine="python" if len(mapping.sep) > 1 else "c",
    )
    return table, encoding, False


def _normalise_keys(keys: pd.Series, width: int | None, excel: bool) -> pd.Series:
    """Keys as text; Excel turns 08222 into the number 8222.0, so drop ``.0`` and re-pad."""
    keys = keys.astype("str").str.strip()
    if excel:
        keys = keys.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    if width:
        digits = keys.str.fullmatch(r"\d+")
        keys = keys.where(~digits, keys.str.zfill(width))
    return keys


def _spread(values: pd.Series, obs_row: np.ndarray) -> pd.Series:
    return pd.Series(values.to_numpy(dtype=object)[obs_row], dtype="str")


def _column_for(mapping: ColumnMapping, code: str) -> str | None:
    return next((c for c, m in mapping.measure_columns().items() if m == code), None)


def _dimensions(table: pd.DataFrame, columns: dict[str, str]):
    variables: dict[str, VariableInfo] = {}
    if not columns:
        return variables, np.full(len(table), "", dtype=object)
    return variables, dimension_strings(table, columns, variables)


def _value_param(value: Any) -> dict[str, Any]:
    return {"value": value}


def _apply_symbols(parsed: ParsedValues, given: np.ndarray) -> np.ndarray:
    """A separate symbol column overrides what the value cell says; returns unknown symbols."""
    for symbol in SYMBOLS:
        at = given == symbol
        if not at.any():
            continue
        parsed.symbol_codes[at] = SYMBOL_CATEGORIES.index(symbol)
        if symbol == "-":
            parsed.value[at] = 0.0
        elif symbol != "()":
            parsed.value[at] = np.nan
        # A symbol explains an empty or symbolic value cell; it is no longer invalid.
        parsed.invalid[at] = False
    return (given != "") & ~np.isin(given, SYMBOLS)
