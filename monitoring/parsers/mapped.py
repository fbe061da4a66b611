"""Any CSV or XLSX table, read through a column mapping the analyst defines once per source.

The mapping is a plain dataclass that round-trips through JSON (``to_dict``/``from_dict``), so
it can be stored beside the data source and reused for every new delivery.

Tables as statistics offices export them read without hand editing: title lines above the
header are skipped (the header is the first line that holds the mapped columns), and so are
footer lines below the data (Statistik Austria's ``Q: STATISTIK AUSTRIA, …`` source line,
notes, footnotes); the ``Q:`` line gives the source and its "Erstellt am" date the Stand.
Austrian municipality keys (GKZ, 5 digits) are read from a ``GKZ`` column or from STATcube's
``Name <GKZ>`` labels.
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .common import (
    FRAME_COLUMNS,
    MAX_ROWS,
    MeasureInfo,
    ParsedTable,
    ParseError,
    Source,
    VariableInfo,
    check_values,
    decode_text,
    derive_code,
    dimension_strings,
    invalid_periods,
    normalise_periods,
    read_source,
    valid_period,
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
        if self.fixed_period and not self.period and not valid_period(self.fixed_period):
            raise ParseError("invalid_period", value=self.fixed_period)

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
    needed = [
        c
        for c in (mapping.region_key, mapping.period, mapping.value, mapping.measure)
        + (mapping.region_label, mapping.symbol, mapping.quality)
        if c
    ]
    needed += list(mapping.measure_columns()) + list(mapping.dimension_columns())
    needed = list(dict.fromkeys(needed))
    table, encoding, excel, skipped = _read(data, name, mapping, needed)
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ParseError("missing_columns", columns=", ".join(missing), missing=missing)
    # The footer is cut on every column: its text stands in the first, mapped or not.
    table = table.fillna("").astype("str").apply(lambda s: s.str.strip())
    lines = np.arange(len(table), dtype=np.int64) + skipped + 2
    table, lines, footer = _split_footer(table, lines)
    meta = _footer_metadata(footer)
    table = table[needed]
    nonblank = (table != "").any(axis=1).to_numpy(bool)
    table, lines = table.loc[nonblank].reset_index(drop=True), lines[nonblank]
    if not len(table):
        raise ParseError("no_data")

    # Wide tables become one observation per (row, measure column); long ones stay as they are.
    value_cols = [mapping.value] if mapping.value else list(mapping.measure_columns())
    rows, cols = len(table), len(value_cols)
    check_values(rows, cols)
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
    key_pattern = mapping.key_pattern
    labels_from_keys = None
    if mapping.region_key:
        keys = _normalise_keys(table[mapping.region_key], mapping.region_key_width, excel)
        keys, labels_from_keys = _split_labelled_keys(keys)
        if region_variable is None and (
            labels_from_keys is not None or mapping.region_key.strip().upper() in GKZ_COLUMNS
        ):
            region_variable = "GKZ"
        if region_variable == "GKZ" and not key_pattern:
            key_pattern = GKZ_KEY.pattern
        pattern = re.compile(key_pattern) if key_pattern else GERMAN_KEY
        bad_row = bad_key_mask(keys, pattern)
        expected = f"pattern {pattern.pattern}" if key_pattern else GERMAN_KEY_EXPECTED
        issues += row_issues(
            bad_row,
            lines,
            mapping.region_key,
            "invalid_region_key",
            keys,
            lambda v: {"key": v, "expected": expected},
        )
        bad |= bad_row[obs_row]
        if region_variable is None and not key_pattern:
            region_variable = infer_region_variable(keys[~bad_row])
        out["region_key"] = _spread(keys, obs_row)
    else:
        out["region_key"] = pd.Series(pd.NA, index=range(rows * cols), dtype="str")
    if mapping.region_label:
        out["region_label"] = _spread(table[mapping.region_label], obs_row)
    elif labels_from_keys is not None:
        out["region_label"] = _spread(labels_from_keys, obs_row)
    else:
        out["region_label"] = pd.Series(pd.NA, index=range(rows * cols), dtype="str")

    if mapping.period:
        periods, period_type = normalise_periods(table[mapping.period])
        bad_period = invalid_periods(table[mapping.period])
        issues += row_issues(
            bad_period, lines, mapping.period, "invalid_period", table[mapping.period], _value_param
        )
        bad |= bad_period[obs_row]
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
        title=mapping.title or _title(data, excel, skipped, mapping.sep),
        source=mapping.source or meta["source"],
        licence=mapping.licence,
        stand=meta["stand"],
        footnotes=meta["notes"],
        period_type=period_type,
        region_variable=region_variable if mapping.region_key else None,
        variables=variables,
        measures=measures,
        filename=name,
        encoding=encoding,
        errors=issues,
    )


def _read(
    data: bytes, name: str, mapping: ColumnMapping, needed: list[str]
) -> tuple[pd.DataFrame, str, bool, int]:
    """The table below its header, the encoding, whether it was Excel, and the number of
    lines above the header (``skip_rows``, or found: the first line holding every mapped
    column)."""
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        raw = _sheet(data, mapping.sheet if mapping.sheet is not None else 0)
        skip = mapping.skip_rows or _header_index(
            [[str(v) for v in row if not pd.isna(v)] for row in raw.head(HEADER_SEARCH).values],
            needed,
        )
        table = raw.iloc[skip + 1 :].reset_index(drop=True)
        table.columns = (
            ["" if pd.isna(c) else str(c) for c in raw.iloc[skip].tolist()]
            if len(raw) > skip
            else []
        )
        return table, "xlsx", True, skip
    if mapping.encoding:
        text, encoding = data.decode(mapping.encoding), mapping.encoding
    else:
        text, encoding = decode_text(data)
    skip = mapping.skip_rows
    if not skip:
        head = text.split("\n", HEADER_SEARCH)[:HEADER_SEARCH]
        skip = _header_index([_cells(line, mapping.sep) for line in head], needed)
    options = {
        "sep": mapping.sep,
        "dtype": str,
        "keep_default_na": False,
        "skiprows": skip,
        "skip_blank_lines": False,
        "nrows": MAX_ROWS + 1,
    }
    try:
        engine = "python" if len(mapping.sep) > 1 else "c"
        table = pd.read_csv(io.StringIO(text), engine=engine, **options)
    except pd.errors.ParserError:
        # Footer lines with more separators than the header (``Q: …;;;;;;``): cut them to
        # the header's width, so their text still reaches the footer.
        width = len(_cells(text.split("\n", skip + 1)[skip], mapping.sep))
        table = pd.read_csv(
            io.StringIO(text),
            engine="python",
            on_bad_lines=lambda cells: cells[:width],
            **options,
        )
    if len(table) > MAX_ROWS:
        raise ParseError("too_many_rows", limit=MAX_ROWS)
    return table, encoding, False, skip


def _sheet(data: bytes, sheet: str | int) -> pd.DataFrame:
    """One worksheet as text cells (None where empty), read as a stream: rows are counted as
    they come, and a sheet with more than MAX_ROWS rows is refused at the first row over it,
    before the rest is unpacked. Numbers read as pandas' Excel reader gives them (8222, 12.5).
    """
    from openpyxl import load_workbook  # heavy: only XLSX uploads need openpyxl

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ParseError("unreadable_workbook") from exc
    try:
        if isinstance(sheet, int):
            if sheet >= len(workbook.worksheets):
                raise ParseError("bad_mapping", reason=f"no worksheet number {sheet}")
            worksheet = workbook.worksheets[sheet]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise ParseError("bad_mapping", reason=f"no worksheet {sheet!r}")
        rows = []
        for row in worksheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS:
                raise ParseError("too_many_rows", limit=MAX_ROWS)
            rows.append([_excel_text(v) for v in row])
    finally:
        workbook.close()
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return pd.DataFrame(rows, dtype=object)


def _excel_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


HEADER_SEARCH = 30
GKZ_COLUMNS = {"GKZ", "GEMEINDEKENNZIFFER", "GEMEINDECODE", "GEMNR", "GCD"}
GKZ_KEY = re.compile(r"\d{5}")
_LABELLED_KEY = re.compile(r"^(?P<label>.*?)\s*<(?P<key>\d{1,5})>$")
# First cells of footer lines: the source ("Q:"), notes, footnotes, symbol explanations.
FOOTER = re.compile(
    r"^(q:|quelle|source|anmerkung|anmerkungen|hinweis|hinweise|fu(ss|ß)note|note|notes|"
    r"erläuterung|zeichenerklärung|stand:|©|\*|\d+\)\s)",
    re.IGNORECASE,
)
_CREATED = re.compile(r"erstellt am (\d{1,2})\.(\d{1,2})\.(\d{4})", re.IGNORECASE)


def _cells(line: str, sep: str) -> list[str]:
    return [c.strip().strip('"').strip() for c in line.rstrip("\r").split(sep)]


def _header_index(rows: list[list[str]], needed: list[str]) -> int:
    """The first row that names every mapped column; 0 when none does (a file without title
    lines, or one whose header the mapping does not match: reported as missing columns)."""
    wanted = {c.strip() for c in needed}
    for index, cells in enumerate(rows):
        if wanted <= {c.strip() for c in cells}:
            return index
    return 0


def _split_footer(table: pd.DataFrame, lines: np.ndarray):
    """Cut the trailing block of footer rows: blank rows, rows whose first cell starts like a
    source line or a note, and the rows of text that continue them (one filled cell). Rows in
    the middle of the data are left to the value checks."""
    if table.shape[1] < 2 or not len(table):
        return table, lines, []
    filled = (table != "").sum(axis=1).to_numpy()
    first = table.apply(lambda row: next((v for v in row if v), ""), axis=1).to_numpy(object)
    footer_start = np.array([bool(FOOTER.match(str(v))) for v in first], dtype=bool)
    footerish = (filled <= 1) | footer_start
    end = len(table)
    while end and footerish[end - 1]:
        end -= 1
    if end == len(table):
        return table, lines, []
    footer = [" ".join(v for v in table.iloc[i] if v) for i in range(end, len(table)) if filled[i]]
    return table.iloc[:end].reset_index(drop=True), lines[:end], footer


def _footer_metadata(footer: list[str]) -> dict:
    """Source, Stand and notes from the footer lines; the title is looked up separately."""
    source, stand, notes = "", None, []
    for line in footer:
        text = line.strip()
        if text[:2].lower() == "q:":
            body = text[2:].strip()
            found = _CREATED.search(body)
            if found:
                day, month, year = (int(g) for g in found.groups())
                stand = datetime(year, month, day)
            # "Q: STATISTIK AUSTRIA, Statistik des Bevölkerungsstandes. Erstellt am …"
            source = re.split(r"\.\s+(?=Erstellt am)", body, flags=re.IGNORECASE)[0]
            source = source.rstrip(". ")
            if found or body != source:
                notes.append(text)
        elif text:
            notes.append(text)
    return {"source": source, "stand": stand, "notes": notes}


def _title(data: bytes, excel: bool, skipped: int, sep: str) -> str:
    """The first non-empty line above the header, the table's title in office exports."""
    if excel or not skipped:
        return ""
    text, _encoding = decode_text(data)
    for line in text.split("\n")[:skipped]:
        cells = _cells(line, sep)
        title = next((c for c in cells if c), "")
        if title:
            return title[:500]
    return ""


def _split_labelled_keys(keys: pd.Series) -> tuple[pd.Series, pd.Series | None]:
    """STATcube writes regions as ``Innere Stadt <90101>``: the key in brackets, the name
    before it. Keys without brackets stay as they are."""
    parts = keys.str.extract(_LABELLED_KEY)
    if not parts["key"].notna().any():
        return keys, None
    labelled = parts["key"].notna()
    return keys.where(~labelled, parts["key"]), parts["label"].where(labelled, "")


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
