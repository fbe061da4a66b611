"""Open-government CSVs of the City of Vienna (data.wien.gv.at, MA 23) and Statistik Austria.

Layout: one or two metadata lines (German title, often an English one), then a header such as
``NUTS1;NUTS2;NUTS3;DISTRICT_CODE;SUB_DISTRICT_CODE;REF_YEAR;REF_DATE;AUT;EEA;…``, ``;``
separated, decimal comma, sometimes ``.`` thousands separators, UTF-8 or Windows-1252.
Every numeric column other than the identifiers is a measure (its code is the column name).

Regional key per row: SUB_DISTRICT_CODE when it holds a code, else DISTRICT_CODE, else the
most specific NUTS code; "0"/"00000"/empty mean "not applicable". Vienna's MA 23 codes are
5 digits: ``9BB00`` district BB (the GKZ of district BB is ``9BB01``), ``90000`` Vienna as a
whole, ``9BBZZ`` Zählbezirk ZZ of district BB. They are passed through unchanged; mapping them
to territories is the importer's job.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

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
    check_values,
    decode_text,
    derive_code,
    dimension_strings,
    normalise_periods,
    read_source,
)
from .regions import row_issues
from .values import parse_token, parse_values

NUTS_COLUMNS = ("NUTS3", "NUTS2", "NUTS1", "NUTS")
KEY_COLUMNS = ("SUB_DISTRICT_CODE", "DISTRICT_CODE")
PERIOD_COLUMNS = ("REF_DATE", "REF_YEAR")
ID_COLUMNS = frozenset({*NUTS_COLUMNS, *KEY_COLUMNS, *PERIOD_COLUMNS})
# Breakdown columns that hold numbers but are not measures.
KNOWN_DIMENSIONS = frozenset(
    {"SEX", "AGE", "AGE5", "AGE10", "AGE_GROUP", "NATIONALITY", "COUNTRY_OF_BIRTH"}
)
DISTRICT_KEY = re.compile(r"\d{5}")
NUTS_KEY = re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}")
LEVELS = ("NUTS", "DISTRICT_CODE", "SUB_DISTRICT_CODE")  # coarse to fine


def find_header(lines: list[str]) -> int | None:
    """Index of the header line among the first lines, or None."""
    for i, line in enumerate(lines[:10]):
        cells = {c.strip().strip('"').upper() for c in line.split(";")}
        if cells & set(KEY_COLUMNS) or ("REF_YEAR" in cells and cells & set(NUTS_COLUMNS)):
            return i
    return None


def parse_ogd(
    source: Source,
    *,
    filename: str = "",
    dimensions: Iterable[str] = (),
    measure_labels: dict[str, str] | None = None,
) -> ParsedTable:
    data, name = read_source(source)
    name = filename or name
    text, encoding = decode_text(data)
    lines = text.split("\n")
    header_at = find_header(lines)
    if header_at is None:
        raise ParseError(
            "missing_columns",
            columns="DISTRICT_CODE or NUTS and REF_YEAR",
            missing=["DISTRICT_CODE"],
        )
    meta = [line.split(";")[0].strip().strip('"') for line in lines[:header_at]]
    table = pd.read_csv(
        io.StringIO(text),
        sep=";",
        skiprows=header_at,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=True,
        engine="c",
    )
    table.columns = [str(c).strip().upper() for c in table.columns]
    table = table.apply(lambda s: s.str.strip())
    # Trailing separators (``;;;;`` after the last column) give nameless, empty columns.
    empty = [c for c in table.columns if c.startswith("UNNAMED:") and not table[c].any()]
    table = table.drop(columns=empty)
    if not len(table):
        raise ParseError("no_data")
    if not any(c in table for c in PERIOD_COLUMNS):
        raise ParseError("missing_columns", columns="REF_YEAR or REF_DATE", missing=["REF_YEAR"])
    row_lines = _line_numbers(lines, header_at, len(table))

    wanted = {d.upper() for d in dimensions}
    dims = [
        c for c in table.columns if c not in ID_COLUMNS and (c in wanted or c in KNOWN_DIMENSIONS)
    ]
    value_cols = [c for c in table.columns if c not in ID_COLUMNS and c not in dims]
    numeric = [c for c in value_cols if _numeric(table[c])]
    dims += [c for c in value_cols if c not in numeric]
    if not numeric:
        raise ParseError("missing_columns", columns="numeric value columns", missing=["values"])

    keys, levels, key_column, bad_row = _region_keys(table)
    issues = row_issues(
        bad_row,
        row_lines,
        key_column,
        "invalid_region_key",
        keys,
        lambda v: {"key": v, "expected": "5 digits (district codes) or a NUTS code"},
    )
    good_levels = levels[~bad_row & (levels != "")]
    region_variable = None
    if len(good_levels):
        counts = pd.Series(good_levels).value_counts()
        region_variable = max(counts.index, key=lambda lv: (counts[lv], LEVELS.index(lv)))

    period_text = table["REF_YEAR"] if "REF_YEAR" in table else pd.Series([""] * len(table))
    if "REF_DATE" in table:
        period_text = table["REF_DATE"].where(table["REF_DATE"] != "", period_text)
    periods, period_type = normalise_periods(period_text)

    rows, cols = len(table), len(numeric)
    check_values(rows, cols)
    obs_row = np.repeat(np.arange(rows), cols)
    obs_col = np.tile(np.arange(cols), rows)
    variables, row_dims = _dimensions(table, dims)
    cells = table[numeric].to_numpy(dtype=object).reshape(-1)
    parsed, texts = parse_values(pa.array(cells, pa.string()), ",")
    issues += row_issues(
        parsed.invalid,
        row_lines[obs_row],
        np.asarray(numeric, dtype=object)[obs_col],
        "invalid_value",
        texts,
        lambda v: {"value": v},
    )

    out = {
        "measure": pd.Series(np.asarray(numeric, dtype=object)[obs_col], dtype="str"),
        "region_key": pd.Series(keys[obs_row], dtype="str").replace("", pd.NA),
        "region_label": pd.Series(pd.NA, index=range(rows * cols), dtype="str"),
        "period": pd.Series(periods.to_numpy(dtype=object)[obs_row], dtype="str"),
        "dimensions": pd.Series(row_dims[obs_row], dtype="str"),
        "value": pd.Series(parsed.value),
        "symbol": parsed.symbols(),
        "quality": parsed.qualities(),
    }
    frame = pd.DataFrame({c: out[c] for c in FRAME_COLUMNS})
    drop = bad_row[obs_row] | parsed.invalid
    if drop.any():
        frame = frame.loc[~drop].reset_index(drop=True)
    issues.sort(key=lambda i: (i.line is None, i.line or 0))

    labels = measure_labels or {}
    vienna = "DISTRICT_CODE" in table or (table.get("NUTS2", pd.Series(dtype=str)) == "AT13").any()
    return ParsedTable(
        format="ogd_wien",
        dataset_code=name.rsplit(".", 1)[0] if name else derive_code(meta[0] if meta else "OGD"),
        frame=frame,
        title=meta[0] if meta else "",
        title_en=meta[1] if len(meta) > 1 else "",
        source="Stadt Wien – data.wien.gv.at" if vienna else "Statistik Austria",
        language="de",
        period_type=period_type,
        region_variable=region_variable,
        variables=variables,
        measures={c: MeasureInfo(c, labels.get(c, c), "") for c in numeric},
        filename=name,
        encoding=encoding,
        errors=issues,
    )


def _line_numbers(lines: list[str], header_at: int, rows: int) -> np.ndarray:
    """1-based file lines of the data rows (blank lines skipped as pandas skips them)."""
    numbers = [i + 1 for i in range(header_at + 1, len(lines)) if lines[i].strip()]
    return np.array(numbers[:rows], dtype=np.int64)


def _numeric(column: pd.Series) -> bool:
    distinct = [v for v in pd.unique(column) if v]
    return bool(distinct) and all(parse_token(v, ",")[3] for v in distinct[:5000])


def _not_applicable(values: pd.Series) -> np.ndarray:
    return (values.str.strip("0") == "").to_numpy(bool)


def _region_keys(table: pd.DataFrame):
    """Per row: key, level name, source column, malformed flag."""
    n = len(table)
    keys = np.full(n, "", dtype=object)
    levels = np.full(n, "", dtype=object)
    column = np.full(n, "", dtype=object)
    bad = np.zeros(n, dtype=bool)
    open_rows = np.ones(n, dtype=bool)
    for name in KEY_COLUMNS:
        if name not in table:
            continue
        values = table[name]
        use = open_rows & ~_not_applicable(values)
        keys[use] = values[use].to_numpy(object)
        levels[use], column[use] = name, name
        bad[use] = ~values[use].str.fullmatch(DISTRICT_KEY.pattern).to_numpy(bool)
        open_rows &= ~use
    for name in NUTS_COLUMNS:
        if name not in table:
            continue
        values = table[name]
        use = open_rows & (values != "").to_numpy(bool)
        keys[use] = values[use].to_numpy(object)
        levels[use], column[use] = "NUTS", name
        bad[use] = ~values[use].str.fullmatch(NUTS_KEY.pattern).to_numpy(bool)
        open_rows &= ~use
    return keys, levels, column, bad


def _dimensions(table: pd.DataFrame, dims: list[str]):
    """Variables metadata and per row the ``VAR=ATTR`` string (attribute codes kept when they
    already are codes, derived from the text otherwise; empty cells are totals)."""
    variables: dict[str, VariableInfo] = {}
    if not dims:
        return variables, np.full(len(table), "", dtype=object)
    return variables, dimension_strings(table, {d: d for d in dims}, variables)
