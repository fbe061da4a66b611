"""Classic GENESIS CSV: the table as shown on screen, exported with ``;``.

Layout (regionalstatistik.de, GENESIS-Online and the Länder databases)::

    GENESIS-Tabelle: 21111-02-06-4            title block: code, title lines, the statistic,
    Allgemeinbildende Schulen: …;;;;            and for one-measure tables "Measure (unit)"
    Statistik der allgemein bildenden Schulen
    Absolventen/Abgänger (Anzahl)
    ;;;Schulabschluss;Schulabschluss;…        stacked header rows over the value columns
    ;;;Insgesamt;Insgesamt;ohne Hauptschul…
    ;;;Insgesamt;weiblich;Insgesamt;…
    2015;16051;      Erfurt, krsfr. Stadt;1501;…   period; key; indented name; values
    __________
    "zu ""gesamte Tabelle"": …"                footnotes, copyright, licence
    Stand: 10.10.2017 / 16:24:41

The leading columns (empty in the first header row) are classified by content: periods, a
regional key (``DG`` or digits), the region name right after the key (indentation stripped),
anything else a row variable. How header rows become measures and variables, and how codes
are derived from labels, is described in ``classic_layout``. The regional variable is the
level most rows are at (``regions.infer_region_variable``): KREISE for a Kreis table that also
lists Germany, the Länder and the Regierungsbezirke.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pyarrow as pa

from .classic_layout import (
    HEAD,
    REGIONAL_DEPTH,
    RULE,
    header_pair,
    read_footer,
    read_header,
    read_title,
    sex_row,
    split_head,
)
from .common import (
    FRAME_COLUMNS,
    MeasureInfo,
    ParsedTable,
    ParseError,
    ParseIssue,
    Source,
    VariableInfo,
    check_values,
    decode_text,
    looks_like_period,
    normalise_periods,
    read_source,
    school_year_hint,
)
from .regions import (
    GERMAN_KEY,
    GERMAN_KEY_EXPECTED,
    bad_key_mask,
    infer_region_variable,
    row_issues,
)
from .values import parse_values

__all__ = ["HEAD", "parse_classic"]


def parse_classic(source: Source, *, filename: str = "") -> ParsedTable:
    data, name = read_source(source)
    name = filename or name
    text, encoding = decode_text(data)
    lines = [line.rstrip("\r") for line in text.split("\n")]
    footer_at = next(
        (i for i, line in enumerate(lines) if RULE.fullmatch(line.strip().strip(";"))), len(lines)
    )
    title_rows, header_rows, data_start = split_head(lines, footer_at)
    if not header_rows:
        raise ParseError("no_header")
    data_lines = [
        (i + 1, lines[i]) for i in range(data_start, footer_at) if lines[i].strip().strip(";")
    ]
    if not data_lines:
        raise ParseError("no_data")

    code, title, statistic, measure_line = read_title(title_rows)
    language = "de" if re.search(r"Tabelle", lines[0], re.IGNORECASE) or not lines[0] else "en"
    n_label = next((k for k, cell in enumerate(header_rows[0]) if cell.strip()), 0)
    width = max(len(r) for r in header_rows) - n_label
    try:
        table = pd.read_csv(
            io.StringIO("\n".join(line for _, line in data_lines)),
            sep=";",
            header=None,
            dtype=str,
            keep_default_na=False,
            names=range(n_label + width),
            engine="c",
        )
    except pd.errors.ParserError as exc:
        raise ParseError("malformed_csv", detail=str(exc).strip()) from exc
    table = table.fillna("")  # rows cut short by the exporting tool
    row_lines = np.array([n for n, _ in data_lines], dtype=np.int64)
    roles = _label_roles(table, n_label)
    header = [(r + [""] * (n_label + width))[n_label : n_label + width] for r in header_rows]
    columns, period_row = read_header(header, measure_line)

    rows, cols = len(table), width
    check_values(rows, cols)
    obs_row = np.repeat(np.arange(rows), cols)
    obs_col = np.tile(np.arange(cols), rows)
    issues: list[ParseIssue] = []
    out: dict[str, pd.Series] = {}

    if roles["period"] is not None:
        periods = table[roles["period"]].str.strip().iloc[obs_row].reset_index(drop=True)
    elif period_row is not None:
        periods = pd.Series([period_row[c] for c in obs_col], dtype="str")
    else:
        raise ParseError("missing_period")
    out["period"], period_type = normalise_periods(periods)
    if period_type == "year" and school_year_hint(title, statistic, measure_line or ""):
        period_type = "school_year"

    bad = np.zeros(rows * cols, dtype=bool)
    region_variable = None
    if roles["key"] is not None:
        keys = table[roles["key"]].str.strip()
        bad_row = bad_key_mask(keys, GERMAN_KEY)
        issues += row_issues(
            bad_row,
            row_lines,
            str(roles["key"] + 1),
            "invalid_region_key",
            keys,
            lambda v: {"key": v, "expected": GERMAN_KEY_EXPECTED},
        )
        bad = bad_row[obs_row]
        region_variable = infer_region_variable(keys[~bad_row])
        out["region_key"] = keys.iloc[obs_row].reset_index(drop=True).astype("str")
    else:
        out["region_key"] = pd.Series(pd.NA, index=range(rows * cols), dtype="str")
    if roles["label"] is not None:
        labels = table[roles["label"]].str.strip()
        out["region_label"] = labels.iloc[obs_row].reset_index(drop=True).astype("str")
    else:
        out["region_label"] = pd.Series(pd.NA, index=range(rows * cols), dtype="str")

    variables: dict[str, VariableInfo] = {}
    measures: dict[str, MeasureInfo] = {}
    for col in columns:
        measures.setdefault(col["measure"], MeasureInfo(col["measure"], *col["measure_info"]))
        for var, var_label, attr, attr_label in col["pairs"]:
            info = variables.setdefault(var, VariableInfo(var, var_label))
            if attr:
                info.attributes.setdefault(attr, attr_label)
    row_dims = _row_dimensions(table, roles["dimensions"], header_rows, variables)
    out["measure"] = pd.Series([c["measure"] for c in columns], dtype="str").iloc[obs_col]
    out["measure"] = out["measure"].reset_index(drop=True)
    out["dimensions"] = _dimension_strings(columns, row_dims, obs_row, obs_col)

    cells = table.iloc[:, n_label : n_label + width].to_numpy(dtype=object).reshape(-1)
    parsed, texts = parse_values(pa.array(cells, pa.string()), "," if language == "de" else ".")
    obs_lines = row_lines[obs_row]
    # Classic files have no column names: issues name the 1-based column of the file.
    issues += row_issues(
        parsed.invalid,
        obs_lines,
        (obs_col + n_label + 1).astype(str),
        "invalid_value",
        texts,
        lambda v: {"value": v},
    )
    out["value"] = pd.Series(parsed.value)
    out["symbol"] = parsed.symbols()
    out["quality"] = parsed.qualities()

    frame = pd.DataFrame({c: out[c] for c in FRAME_COLUMNS})
    drop = bad | parsed.invalid
    if drop.any():
        frame = frame.loc[~drop].reset_index(drop=True)
    issues.sort(key=lambda i: (i.line is None, i.line or 0))

    footnotes, copyright_text, licence, stand = read_footer(lines[footer_at + 1 :])
    region_label = next((m["label"] for r in title_rows if (m := REGIONAL_DEPTH.search(r[0]))), "")
    return ParsedTable(
        format="genesis_classic",
        dataset_code=code or name.rsplit(".", 1)[0],
        frame=frame,
        title=title,
        source="GENESIS",
        language=language,
        period_type=period_type,
        statistic_code=code.split("-")[0] if re.match(r"\d{5}-", code or "") else "",
        statistic_label=statistic,
        region_variable=region_variable,
        region_variable_label=region_label if region_variable else "",
        variables=variables,
        measures=measures,
        stand=stand,
        footnotes=footnotes,
        copyright=copyright_text,
        licence=licence,
        filename=name,
        encoding=encoding,
        errors=issues,
    )


def _label_roles(table: pd.DataFrame, n_label: int) -> dict:
    """Which leading columns hold the period, the regional key, the region name, other rows."""
    roles: dict = {"period": None, "key": None, "label": None, "dimensions": []}
    for j in range(n_label):
        distinct = [v.strip() for v in pd.unique(table[j]) if v.strip()]
        if roles["period"] is None and distinct and all(looks_like_period(v) for v in distinct):
            roles["period"] = j
        elif (
            roles["key"] is None and distinct and all(re.fullmatch(r"DG|\d+", v) for v in distinct)
        ):
            roles["key"] = j
        elif roles["label"] is None and roles["key"] == j - 1:
            roles["label"] = j
        else:
            roles["dimensions"].append(j)
    return roles


def _row_dimensions(
    table: pd.DataFrame,
    columns: list[int],
    header_rows: list[list[str]],
    variables: dict[str, VariableInfo],
) -> tuple[np.ndarray, list[list[tuple[str, str]]]]:
    """Per data row a group id and per group its (var, attr) pairs from extra label columns."""
    if not columns:
        return np.zeros(len(table), dtype=np.int64), [[]]
    parts = []
    for j in columns:
        label = next(
            (r[j].strip() for r in reversed(header_rows) if len(r) > j and r[j].strip()), ""
        )
        values = table[j].str.strip()
        codes, uniques = pd.factorize(values)
        sex = not label and sex_row(list(uniques))
        pairs = [header_pair(label, u, f"ZEILE_{j + 1}", sex) for u in uniques]
        for var, var_label, attr, attr_label in pairs:
            info = variables.setdefault(var, VariableInfo(var, var_label))
            if attr:
                info.attributes.setdefault(attr, attr_label)
        parts.append((codes, [(p[0], p[2]) for p in pairs]))
    keys = pd.MultiIndex.from_arrays([p[0] for p in parts])
    group, uniques = pd.factorize(keys)
    combos = [[parts[k][1][code] for k, code in enumerate(u)] for u in uniques]
    return group.astype(np.int64), combos


def _dimension_strings(columns, row_dims, obs_row, obs_col) -> pd.Series:
    group, combos = row_dims
    width = len(columns)
    texts = []
    for combo in combos:
        for col in columns:
            pairs = sorted(
                {(v, a) for v, _, a, _ in col["pairs"] if a} | {p for p in combo if p[1]}
            )
            texts.append(";".join(f"{v}={a}" for v, a in pairs))
    codes = group[obs_row] * width + obs_col
    return pd.Series(np.asarray(texts, dtype=object)[codes], dtype="str")
