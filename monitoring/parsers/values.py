"""Numbers, missing-value symbols and quality flags of official statistics, parsed vectorised.

The common case (a plain number) is recognised with one RE2 pass over the whole column; only the
remaining cells (symbols, ``(123)``, thousands separators, trailing flags) are interpreted, and
those once per distinct text, not once per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# "-" nothing (a true zero), "." unknown or secret, "x" not meaningful, "/" not reliable enough,
# "..." not yet available, "()" limited reliability (written around the value: "(123)").
SYMBOLS = ("-", ".", "x", "/", "...", "()")
QUALITY_FLAGS = ("p", "r", "s", "e")

# Index 0 is "no symbol"/"no flag", so zero-initialised code arrays mean "plain value".
SYMBOL_CATEGORIES = ("", *SYMBOLS)
QUALITY_CATEGORIES = ("", *QUALITY_FLAGS)

_PLAIN = {",": r"^[+-]?\d+(,\d+)?$", ".": r"^[+-]?\d+(\.\d+)?$"}
_GROUPED = {
    ",": re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?"),
    ".": re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?"),
}
_NUMBER = {",": re.compile(r"[+-]?\d+(,\d+)?"), ".": re.compile(r"[+-]?\d+(\.\d+)?")}
_FLAGGED = re.compile(r"(.*?\S)\s*([prse])")


@dataclass
class ParsedValues:
    value: np.ndarray  # float64
    symbol_codes: np.ndarray  # int8 index into SYMBOL_CATEGORIES
    quality_codes: np.ndarray  # int8 index into QUALITY_CATEGORIES
    invalid: np.ndarray  # bool: text that is neither a number nor a symbol
    invalid_quality: np.ndarray  # bool: a flag column entry outside QUALITY_FLAGS

    def symbols(self) -> pd.Series:
        return strings_from_codes(self.symbol_codes, SYMBOL_CATEGORIES)

    def qualities(self) -> pd.Series:
        return strings_from_codes(self.quality_codes, QUALITY_CATEGORIES)


def strings_from_codes(codes: np.ndarray, categories: Any) -> pd.Series:
    """A pandas ``str`` column from integer codes (negative = missing) and their texts."""
    codes = np.asarray(codes)
    indices = pa.array(codes.astype(np.int32, copy=False), mask=codes < 0)
    dictionary = pa.array(list(categories), type=pa.string())
    decoded = pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode()
    return pd.Series(decoded.to_pandas(), dtype="str")


def _to_arrow(raw: Any) -> pa.Array:
    if isinstance(raw, pa.ChunkedArray):
        raw = raw.combine_chunks()
    if isinstance(raw, pa.Array):
        arr = raw
    else:
        series = pd.Series(raw)
        arr = pa.array(series.astype("str").to_numpy(dtype=object, na_value=None), pa.string())
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
        arr = pc.cast(arr, pa.string())
    return pc.fill_null(pc.utf8_trim_whitespace(arr), "")


def parse_token(token: str, decimal: str = ",") -> tuple[float, int, int, bool]:
    """(value, symbol code, quality code, valid) for one cell text."""
    text = token.strip()
    quality = 0
    if text and text not in SYMBOLS and (m := _FLAGGED.fullmatch(text)):
        text, quality = m[1], QUALITY_CATEGORIES.index(m[2])
    if text == "":
        return np.nan, 0, quality, True
    if text in SYMBOLS:
        value = 0.0 if text == "-" else np.nan
        return value, SYMBOL_CATEGORIES.index(text), quality, True
    symbol = 0
    if text.startswith("(") and text.endswith(")"):
        text, symbol = text[1:-1].strip(), SYMBOL_CATEGORIES.index("()")
    number = _number(text, decimal)
    if number is None:
        return np.nan, 0, 0, False
    return number, symbol, quality, True


def _number(text: str, decimal: str) -> float | None:
    thousands = "." if decimal == "," else ","
    if _GROUPED[decimal].fullmatch(text):
        text = text.replace(thousands, "")
    elif not _NUMBER[decimal].fullmatch(text):
        return None
    return float(text.replace(",", "."))


def parse_values(
    raw: Any, decimal: str = ",", quality: Any = None
) -> tuple[ParsedValues, pa.Array]:
    """Parse a column of cell texts; returns the parsed values and the trimmed texts.

    ``quality`` is an optional separate flag column (ffcsv ``value_q``); its flags win over
    flags written behind the number.
    """
    text = _to_arrow(raw)
    n = len(text)
    plain = pc.match_substring_regex(text, _PLAIN[decimal])
    plain_np = plain.to_numpy(zero_copy_only=False)
    numbers = pc.if_else(plain, text, pa.scalar(None, pa.string()))
    if decimal == ",":
        numbers = pc.replace_substring(numbers, ",", ".")
    value = pc.cast(numbers, pa.float64()).to_numpy(zero_copy_only=False)
    value = np.array(value, dtype=np.float64)
    symbol_codes = np.zeros(n, dtype=np.int8)
    quality_codes = np.zeros(n, dtype=np.int8)
    invalid = np.zeros(n, dtype=bool)

    rest = np.flatnonzero(~plain_np)
    if len(rest):
        rest_text = text.take(pa.array(rest)).to_numpy(zero_copy_only=False)
        codes, uniques = pd.factorize(rest_text)
        parsed = [parse_token(u, decimal) for u in uniques]
        u_value = np.array([p[0] for p in parsed], dtype=np.float64)
        u_symbol = np.array([p[1] for p in parsed], dtype=np.int8)
        u_quality = np.array([p[2] for p in parsed], dtype=np.int8)
        u_invalid = np.array([not p[3] for p in parsed], dtype=bool)
        value[rest] = u_value[codes]
        symbol_codes[rest] = u_symbol[codes]
        quality_codes[rest] = u_quality[codes]
        invalid[rest] = u_invalid[codes]

    if quality is not None:
        # GENESIS writes both kinds of marker into its quality column: the flags p/r/s/e and
        # symbols such as "()" (limited reliability, the number stays in the value column).
        flags = _to_arrow(quality)
        codes, uniques = pd.factorize(flags.to_numpy(zero_copy_only=False))
        lookup = np.array(
            [QUALITY_CATEGORIES.index(u) if u in QUALITY_CATEGORIES else -1 for u in uniques]
            or [0],
            dtype=np.int8,
        )
        marks = np.array(
            [SYMBOL_CATEGORIES.index(u) if u in SYMBOLS else 0 for u in uniques] or [0],
            dtype=np.int8,
        )
        given = lookup[codes] if len(codes) else np.zeros(0, np.int8)
        mark = marks[codes] if len(codes) else np.zeros(0, np.int8)
        known = given > 0
        quality_codes[known] = given[known]
        # A symbol of the value cell itself wins; an empty value cell takes the column's one.
        marked = (mark > 0) & (symbol_codes == 0)
        symbol_codes[marked] = mark[marked]
        zero = marked & (mark == SYMBOL_CATEGORIES.index("-")) & np.isnan(value)
        value[zero] = 0.0
        invalid_quality = (given < 0) & (mark == 0)
    else:
        invalid_quality = np.zeros(n, dtype=bool)
    return ParsedValues(value, symbol_codes, quality_codes, invalid, invalid_quality), text
