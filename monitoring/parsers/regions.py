"""Regional keys: which are well-formed, which level they denote, and issue collection.

German keys follow the AGS/ARS: ``DG`` Germany, 2 digits Land (DLAND), 3 Regierungsbezirk or
statistical region (REGBEZ), 5 Kreis (KREISE), 8 Gemeinde (GEMEIN), 9 Gemeindeverband (GEMVB),
12 ARS of a Gemeinde (GEMEIN). GENESIS' KREISE variable itself carries a few 8-digit keys
(Hannover 03241001, the Berlin districts 11001001 …), so a key's level follows from its length,
not from the variable it sits in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .common import ParseIssue

GERMAN_KEY = re.compile(r"DG|\d{2}|\d{3}|\d{5}|\d{8}|\d{9}|\d{12}")
GERMAN_KEY_EXPECTED = "DG or 2, 3, 5, 8, 9 or 12 digits"

_LEVEL_BY_LENGTH = {2: "DLAND", 3: "REGBEZ", 5: "KREISE", 8: "GEMEIN", 9: "GEMVB", 12: "GEMEIN"}
# Coarse to fine; breaks ties when inferring a table's regional variable.
LEVEL_ORDER = ("DINSG", "DLAND", "REGBEZ", "KREISE", "GEMVB", "GEMEIN")

REGIONAL_VARIABLES = frozenset(
    {"DINSG", "DLAND", "REGBEZ", "KREISE", "GEMEIN", "GEMVB", "FGEMEIN", "GEMEIND"}
)

# Listing every bad row of a broken million-row file helps nobody; the rest is counted.
MAX_ISSUES = 1000


def is_regional_variable(code: str) -> bool:
    """GENESIS regional variables; Zensus 2022 tables name theirs GEO… (GEOBL1, GEOGM4 …)."""
    return code in REGIONAL_VARIABLES or code.startswith("GEO")


def region_level(key: str) -> str | None:
    """The GENESIS regional variable a German key belongs to, or None when malformed."""
    if not isinstance(key, str) or not GERMAN_KEY.fullmatch(key):
        return None
    return "DINSG" if key == "DG" else _LEVEL_BY_LENGTH[len(key)]


def infer_region_variable(keys: pd.Series, level: Callable[[str], str | None] = region_level):
    """The level most rows are at (a Kreis table also lists Germany and the Länder); ties go
    to the finer level. None when no key is well-formed."""
    counts = keys.value_counts(dropna=True)
    by_level: dict[str, int] = {}
    for key, count in counts.items():
        name = level(key)
        if name:
            by_level[name] = by_level.get(name, 0) + int(count)
    if not by_level:
        return None
    order = {name: i for i, name in enumerate(LEVEL_ORDER)}
    return max(by_level, key=lambda name: (by_level[name], order.get(name, -1)))


def bad_key_mask(keys: pd.Series, pattern: re.Pattern[str]) -> np.ndarray:
    """True where a key does not match; checked once per distinct key."""
    codes, uniques = pd.factorize(keys, use_na_sentinel=True)
    ok = np.array([bool(pattern.fullmatch(u)) for u in uniques] or [True], dtype=bool)
    mask = ~ok[codes]
    mask[codes < 0] = True
    return mask


def row_issues(
    mask: np.ndarray,
    lines: np.ndarray | None,
    column: str | Sequence[str] | np.ndarray,
    code: str,
    values: Any,
    params: Callable[[Any], dict[str, Any]],
) -> list[ParseIssue]:
    """One issue per flagged row (or cell), capped at MAX_ISSUES plus a summary issue.

    ``lines``, ``values`` and a non-string ``column`` are aligned with ``mask``; only the flagged
    positions are read from them.
    """
    idx = np.flatnonzero(mask)
    if not len(idx):
        return []
    shown = idx[:MAX_ISSUES]
    picked = _take(values, shown)
    names = [column] * len(shown) if isinstance(column, str) else _take(column, shown)
    issues = [
        ParseIssue(int(lines[i]) if lines is not None else None, str(name), code, params(v))
        for i, v, name in zip(shown, picked, names, strict=True)
    ]
    if len(idx) > MAX_ISSUES:
        summary = column if isinstance(column, str) else ""
        issues.append(
            ParseIssue(None, summary, "more_issues", {"count": int(len(idx) - MAX_ISSUES)})
        )
    return issues


def _take(values: Any, idx: np.ndarray) -> list[Any]:
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values.take(pa.array(idx)).to_pylist()
    if isinstance(values, (pd.Series, pd.Index)):
        return values.iloc[idx].tolist() if isinstance(values, pd.Series) else values[idx].tolist()
    return [values[i] for i in idx]
