"""`bildungsnetz indices FILE …`: segregation indices of one CSV of counts per spatial unit.

Pure pandas and NumPy (no Django), so the management command stays a thin wrapper and the
whole path from file to numbers is tested without a database.

Cells are read the way official statistics write them: a byte-order mark, ``;`` or ``,`` as
separator, thousands separators (``1.234`` in a ``;`` file, where a decimal comma is usual,
``1,234`` otherwise, and spaces), a trailing quality flag (``123 p``), a value in brackets of
limited reliability (``(123)``).
A lone ``-`` is a true zero by the convention of official statistics; every other symbol
(``–`` suppressed in the Berlin files, ``.`` secret, ``x``, ``/``, ``...``) or empty cell is
missing, and its row is left out and counted.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Mapping, Sequence
from os import PathLike
from typing import Any

import numpy as np
import pandas as pd

from .segregation import SINGLE_GROUP_INDICES, multi_group_indices, single_group_indices

__all__ = ["compute_indices", "format_table", "parse_counts", "read_counts"]

_SEPARATORS = (";", "\t", ",", "|")
# Narrow and ordinary no-break spaces group thousands in German typography.
_SPACES = {" ": "", "\u00a0": "", "\u202f": "", "\u2009": ""}


def compute_indices(
    path: str | PathLike[str],
    *,
    unit: str,
    groups: Sequence[str],
    total: str | None = None,
    sep: str | None = None,
) -> dict[str, Any]:
    """Every single-group index per group and every multigroup index of a CSV file.

    Single-group indices measure each group against ``total`` when given, otherwise against
    the sum of ``groups``; multigroup indices always use ``groups`` (their sum as the total).
    Rows missing any of the counts used are left out and counted in ``dropped_rows``.
    Undefined values (e.g. a group absent everywhere) are None.
    """
    groups = [g for g in (g.strip() for g in groups) if g]
    if not groups:
        raise ValueError("name at least one group column")
    frame, dropped, names = read_counts(
        path, [*groups, *([total] if total else [])], unit=unit, sep=sep
    )
    group_names = names[: len(groups)]
    counts = frame[group_names].to_numpy(dtype=np.float64)
    if total:
        total_name = names[-1]
        totals = frame[total_name].to_numpy(dtype=np.float64)
        _check_within_total(frame, group_names, total_name)
    else:
        total_name = None
        totals = counts.sum(axis=1)

    single = {
        name: {k: _number(v) for k, v in single_group_indices(counts[:, i], totals).items()}
        for i, name in enumerate(group_names)
    }
    multi = {k: _number(v) for k, v in multi_group_indices(counts).items()}
    return {
        "units": len(frame),
        "dropped_rows": dropped,
        "unit": frame.index.name,
        "groups": group_names,
        "total": total_name,
        "single": single,
        "multi": multi,
    }


def read_counts(
    path: str | PathLike[str],
    columns: Sequence[str],
    *,
    unit: str,
    sep: str | None = None,
) -> tuple[pd.DataFrame, int, list[str]]:
    """The numeric ``columns`` of a CSV indexed by the ``unit`` column (kept as text, so keys
    keep their leading zeros), the number of rows dropped for a missing count, and the
    columns' names as spelt in the file."""
    text = _decode(path)
    if sep is None:
        sep = _sniff_separator(text)
    raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    raw.columns = [_clean_name(c) for c in raw.columns]
    unit_name = _find_column(raw.columns, unit)
    names = [_find_column(raw.columns, c) for c in columns]
    decimal = "," if sep == ";" else "."
    numbers = pd.DataFrame(
        {name: parse_counts(raw[name], decimal=decimal) for name in dict.fromkeys(names)}
    )
    numbers.index = pd.Index(raw[unit_name].str.strip(), name=unit_name)
    complete = numbers.notna().all(axis=1)
    return numbers[complete], int((~complete).sum()), names


def parse_counts(cells: pd.Series, *, decimal: str = ",") -> pd.Series:
    """Numbers from statistics cells; symbols and other text become NaN (a lone ``-`` is 0)."""
    thousands = "." if decimal == "," else ","
    text = cells.astype("string").str.strip()
    for space, nothing in _SPACES.items():
        text = text.str.replace(space, nothing, regex=False)
    text = text.mask(text == "-", "0")
    text = text.str.replace(r"^\((.+)\)$", r"\1", regex=True)
    text = text.str.replace(r"(?<=\d)[prse]$", "", regex=True)
    grouped = text.str.fullmatch(rf"[+-]?\d{{1,3}}(?:\{thousands}\d{{3}})+(?:\{decimal}\d+)?")
    text = text.mask(grouped.fillna(False), text.str.replace(thousands, "", regex=False))
    if decimal == ",":
        text = text.str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text, errors="coerce").astype(np.float64)
    # "inf" parses as a number but is no count.
    return numbers.where(np.isfinite(numbers))


def format_table(result: Mapping[str, Any]) -> str:
    """A plain-text table of a ``compute_indices`` result."""
    groups = list(result["single"])
    total = result["total"] or "sum of the groups"
    single_rows = [
        [name, *(_cell(result["single"][g][name]) for g in groups)] for name in SINGLE_GROUP_INDICES
    ]
    multi_rows = [[name, _cell(value)] for name, value in result["multi"].items()]
    lines = [
        f"{result['units']} units, {result['dropped_rows']} rows left out for a missing count",
        "",
        f"Single-group indices (total: {total})",
        *_aligned([["index", *groups], *single_rows]),
        "",
        f"Multigroup indices ({', '.join(result['groups'])})",
        *_aligned([["index", "value"], *multi_rows]),
    ]
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.6f}"


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _check_within_total(frame: pd.DataFrame, groups: Sequence[str], total: str) -> None:
    for group in groups:
        over = frame[group] > frame[total]
        if over.any():
            raise ValueError(
                f"{group!r} exceeds {total!r} in {int(over.sum())} rows "
                f"(first unit: {over.idxmax()})"
            )


def _decode(path: str | PathLike[str]) -> str:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Classic GENESIS and older Excel exports are Windows-1252.
        return data.decode("cp1252")


def _sniff_separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    return max(_SEPARATORS, key=header.count)


def _clean_name(name: object) -> str:
    return unicodedata.normalize("NFC", str(name)).replace("\ufeff", "").strip()


def _find_column(columns: Sequence[str], wanted: str) -> str:
    """The file's column for a name given on the command line: exact (after Unicode
    normalisation) first, then ignoring case, so ``Ausländer`` finds ``ausländer``."""
    name = _clean_name(wanted)
    if name in columns:
        return name
    folded = [c for c in columns if c.casefold() == name.casefold()]
    if len(folded) == 1:
        return folded[0]
    raise ValueError(f"no column {wanted!r} in the file (columns: {', '.join(columns)})")


def _number(value: float) -> float | None:
    value = float(value)
    # -0.0 (e.g. the diversity of a single group) reads as a glitch in JSON output.
    return None if math.isnan(value) or math.isinf(value) else value + 0.0
