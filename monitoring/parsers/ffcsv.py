"""GENESIS flat file CSV ("ffcsv"): one observation per row, variables in numbered slots.

Header: ``statistics_code;statistics_label;time_code;time_label;time;`` then per variable slot
``N_variable_code;N_variable_label;N_variable_attribute_code;N_variable_attribute_label`` and
``value;value_unit;value_variable_code;value_variable_label`` with an optional ``value_q``.
Read by pyarrow as text; each column in use is dictionary-encoded once, so all per-text work
(key checks, period normalisation, dimension strings) runs once per distinct text, never per
row. The regional variable is the slot whose variable code is a GENESIS regional variable
(DINSG, DLAND, REGBEZ, KREISE, GEMEIN, Zensus GEO…); its attribute codes are the keys.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv

from .common import (
    FRAME_COLUMNS,
    MeasureInfo,
    ParsedTable,
    ParseError,
    ParseIssue,
    Source,
    VariableInfo,
    combine_codes,
    normalise_period,
    read_source,
    school_year_hint,
)
from .regions import (
    GERMAN_KEY,
    GERMAN_KEY_EXPECTED,
    LEVEL_ORDER,
    is_regional_variable,
    row_issues,
)
from .values import parse_values, strings_from_codes

REQUIRED_COLUMNS = ("time", "value", "value_variable_code")
SLOT_FIELDS = (
    "variable_code",
    "variable_label",
    "variable_attribute_code",
    "variable_attribute_label",
)
_SLOT = re.compile(r"(\d+)_variable_code")
# <table code>[_<retrieval timestamp in ms>][_<language>]_flat.csv, as GENESIS-Online, the
# Regionaldatenbank and the Zensus database name their downloads (browsers may add " (1)").
FILENAME = re.compile(
    r"(?P<code>[^_]+?)(?:_(?P<ts>\d{10,}))?(?:_(?P<lang>de|en))?_flat(?:\s*\(\d+\))?\.csv", re.I
)
# A table code at the start of any other file name: 12411-01-01-4, 12531-0043, 1000A-0001.
TABLE_CODE = re.compile(r"\d{5}[A-Z]?-[0-9A-Z]+(?:-[0-9A-Z]+)*", re.I)
TIME_CODE_KINDS = {"JAHR": "year", "STAG": "key_date", "MONAT": "month", "QUARTG": "quarter"}


def header_columns(data: bytes) -> list[str]:
    first = data[: data.find(b"\n") if b"\n" in data else len(data)]
    text = first.decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r")
    return [c.strip().strip('"') for c in text.split(";")]


class _Columns:
    """Per-column integer codes and distinct texts of a pyarrow table, computed once each."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self._cache: dict[str, tuple[np.ndarray, list[str]]] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.table.column_names

    def codes(self, name: str) -> tuple[np.ndarray, list[str]]:
        if name not in self._cache:
            encoded = pc.dictionary_encode(self.table.column(name).combine_chunks())
            codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
            self._cache[name] = (codes, encoded.dictionary.to_pylist())
        return self._cache[name]

    def distinct(self, name: str) -> list[str]:
        return self.codes(name)[1] if name in self else []

    def first(self, name: str) -> str:
        return str(self.table.column(name)[0]) if name in self and self.table.num_rows else ""

    def text(self, name: str) -> pd.Series:
        return strings_from_codes(*self.codes(name))


def parse_ffcsv(source: Source, *, filename: str = "", language: str = "") -> ParsedTable:
    data, name = read_source(source)
    name = filename or name
    columns = header_columns(data)
    slots = sorted(int(m[1]) for c in columns if (m := _SLOT.fullmatch(c)))
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    missing += [f"{i}_{f}" for i in slots for f in SLOT_FIELDS if f"{i}_{f}" not in columns]
    if missing:
        raise ParseError("missing_columns", columns=", ".join(missing), missing=missing)

    table, encoding = _read_table(data, columns)
    del data
    if table.num_rows == 0:
        raise ParseError("no_data")
    match = FILENAME.fullmatch(name) if name else None
    language = language or (
        match["lang"].lower() if match and match["lang"] else _guess_language(table)
    )
    decimal = "," if language == "de" else "."
    n = table.num_rows
    lines = np.arange(2, n + 2)
    cols = _Columns(table)
    out: dict[str, pd.Series] = {}
    issues: list[ParseIssue] = []

    region_slot = _region_slot(cols, slots)
    region_variable, region_variable_label = None, ""
    bad = np.zeros(n, dtype=bool)
    if region_slot is not None:
        key_col = f"{region_slot}_variable_attribute_code"
        region_variable = cols.first(f"{region_slot}_variable_code")
        region_variable_label = cols.first(f"{region_slot}_variable_label")
        codes, keys = cols.codes(key_col)
        bad_key = np.array([not GERMAN_KEY.fullmatch(k) for k in keys] or [False], dtype=bool)
        bad = bad_key[codes]
        issues += row_issues(
            bad,
            lines,
            key_col,
            "invalid_region_key",
            cols.table.column(key_col),
            lambda v: {"key": v, "expected": GERMAN_KEY_EXPECTED},
        )
        out["region_key"] = cols.text(key_col)
        out["region_label"] = cols.text(f"{region_slot}_variable_attribute_label")
    else:
        out["region_key"] = pd.Series(pd.NA, index=range(n), dtype="str")
        out["region_label"] = pd.Series(pd.NA, index=range(n), dtype="str")

    dim_slots = [i for i in slots if i != region_slot]
    out["dimensions"], variables = _dimensions(cols, dim_slots, n)
    out["measure"] = cols.text("value_variable_code")
    # The unit is part of a measure's identity: one variable code as a count and as a share.
    unit = cols.text("value_unit") if "value_unit" in cols else pd.Series([""] * n, dtype="str")
    measures = _measures(cols)
    out["period"], period_type = _periods(cols)

    quality = table.column("value_q") if "value_q" in columns else None
    parsed, texts = parse_values(table.column("value"), decimal, quality)
    issues += row_issues(
        parsed.invalid, lines, "value", "invalid_value", texts, lambda v: {"value": v}
    )
    if quality is not None:
        issues += row_issues(
            parsed.invalid_quality,
            lines,
            "value_q",
            "invalid_quality",
            quality.combine_chunks(),
            lambda v: {"flag": v},
        )
    out["value"] = pd.Series(parsed.value)
    out["symbol"] = parsed.symbols()
    out["quality"] = parsed.qualities()

    frame = pd.DataFrame({c: out[c] for c in FRAME_COLUMNS})
    frame["unit"] = unit.fillna("").astype("str")
    drop = bad | parsed.invalid | parsed.invalid_quality
    if drop.any():
        frame = frame.loc[~drop].reset_index(drop=True)
    issues.sort(key=lambda i: (i.line is None, i.line or 0))

    statistic_code = cols.first("statistics_code")
    statistic_label = cols.first("statistics_label")
    retrieved = None
    if match and match["ts"]:
        retrieved = datetime.fromtimestamp(int(match["ts"]) / 1000, tz=UTC)
    return ParsedTable(
        format="ffcsv",
        dataset_code=table_code(name, match) or statistic_code or name,
        frame=frame,
        title=statistic_label,
        source="GENESIS",
        language=language,
        period_type=period_type,
        statistic_code=statistic_code,
        statistic_label=statistic_label,
        region_variable=region_variable,
        region_variable_label=region_variable_label,
        variables=variables,
        measures=measures,
        retrieved_at=retrieved,
        filename=name,
        encoding=encoding,
        errors=issues,
    )


def table_code(name: str, match: re.Match | None = None) -> str:
    """The table code a download's file name starts with ("12531-0043_…_flat.csv" → 12531-0043),
    whatever its timestamp and language suffix; empty when the name holds none."""
    if match is None and name:
        match = FILENAME.fullmatch(name)
    if match is not None and TABLE_CODE.fullmatch(match["code"]):
        return match["code"]
    found = TABLE_CODE.match(name or "")
    return found[0] if found else (match["code"] if match else "")


def _read_table(data: bytes, columns: list[str]) -> tuple[pa.Table, str]:
    convert = pv.ConvertOptions(
        column_types={c: pa.string() for c in columns},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    parse = pv.ParseOptions(delimiter=";", quote_char='"')
    buffer = pa.py_buffer(data)
    if data.startswith(b"\xef\xbb\xbf"):
        buffer = buffer[3:]
    # GENESIS writes UTF-8; files passed through office tools come back as Windows-1252.
    for encoding in ("utf8", "cp1252"):
        try:
            table = pv.read_csv(
                pa.BufferReader(buffer),
                read_options=pv.ReadOptions(encoding=encoding),
                parse_options=parse,
                convert_options=convert,
            )
        except pa.ArrowInvalid as exc:
            if encoding == "utf8" and "UTF8" in str(exc):
                continue
            raise ParseError("malformed_csv", detail=str(exc).splitlines()[0]) from exc
        return table, ("utf-8" if encoding == "utf8" else encoding)
    raise AssertionError("unreachable")


def _guess_language(table: pa.Table) -> str:
    """Without a file name: a decimal comma means German, a decimal point English."""
    sample = table.column("value").slice(0, 5000).to_pylist()
    if any(re.fullmatch(r"-?\d+,\d+", v) for v in sample):
        return "de"
    return "en" if any(re.fullmatch(r"-?\d+\.\d+", v) for v in sample) else "de"


def _region_slot(cols: _Columns, slots: list[int]) -> int | None:
    """The slot holding a regional variable; with several, the one with most distinct keys."""
    candidates = []
    for i in slots:
        codes = cols.distinct(f"{i}_variable_code")
        if any(is_regional_variable(c) for c in codes):
            distinct = len(cols.distinct(f"{i}_variable_attribute_code"))
            fineness = max(
                (LEVEL_ORDER.index(c) for c in codes if c in LEVEL_ORDER), default=len(LEVEL_ORDER)
            )
            candidates.append((distinct, fineness, -i, i))
    return max(candidates)[-1] if candidates else None


def _dimensions(
    cols: _Columns, slots: list[int], n: int
) -> tuple[pd.Series, dict[str, VariableInfo]]:
    """``VAR=ATTR`` pairs sorted by variable code, totals (empty attribute code) left out."""
    if not slots:
        return pd.Series([""] * n, dtype="str"), {}
    arrays, sizes, cats = [], [], []
    variables: dict[str, VariableInfo] = {}
    for i in slots:
        for suffix in ("variable_code", "variable_attribute_code"):
            codes, categories = cols.codes(f"{i}_{suffix}")
            arrays.append(codes)
            sizes.append(len(categories))
            cats.append(categories)
        _collect_variable(cols, i, variables)
    group, combos = combine_codes(arrays, sizes)
    texts = []
    for combo in combos:
        pairs = []
        for s in range(len(slots)):
            var_code, attr_code = combo[2 * s], combo[2 * s + 1]
            attr = cats[2 * s + 1][attr_code] if attr_code >= 0 else ""
            if attr:
                pairs.append((cats[2 * s][var_code] if var_code >= 0 else "", attr))
        texts.append(";".join(f"{v}={a}" for v, a in sorted(pairs)))
    return strings_from_codes(group, texts), variables


def _distinct_rows(cols: _Columns, names: list[str]) -> list[list[str]]:
    """The distinct combinations of several columns, as texts."""
    arrays = [cols.codes(c) for c in names]
    _, combos = combine_codes([a[0] for a in arrays], [len(a[1]) for a in arrays])
    return [[arrays[k][1][c] if c >= 0 else "" for k, c in enumerate(combo)] for combo in combos]


def _collect_variable(cols: _Columns, slot: int, variables: dict[str, VariableInfo]) -> None:
    for var, label, attr, attr_label in _distinct_rows(cols, [f"{slot}_{f}" for f in SLOT_FIELDS]):
        info = variables.setdefault(var, VariableInfo(var, label))
        if attr:
            info.attributes.setdefault(attr, attr_label)


def _measures(cols: _Columns) -> dict[str, MeasureInfo]:
    names = [c for c in ("value_variable_code", "value_variable_label", "value_unit") if c in cols]
    measures: dict[str, MeasureInfo] = {}
    for texts in _distinct_rows(cols, names):
        texts += [""] * (3 - len(texts))
        measures.setdefault(texts[0], MeasureInfo(texts[0], texts[1], texts[2]))
    return measures


def _periods(cols: _Columns) -> tuple[pd.Series, str]:
    codes, categories = cols.codes("time")
    normalised = [normalise_period(c) for c in categories]
    kinds = {kind for _, kind in normalised}
    time_codes = cols.distinct("time_code")
    kind = kinds.pop() if len(kinds) == 1 else "mixed"
    if kind == "other" and len(time_codes) == 1:
        kind = TIME_CODE_KINDS.get(time_codes[0], "other")
    hints = [*cols.distinct("time_label"), *time_codes, cols.first("statistics_label")]
    if kind == "year" and school_year_hint(*hints):
        kind = "school_year"
    return strings_from_codes(codes, [p for p, _ in normalised]), kind
