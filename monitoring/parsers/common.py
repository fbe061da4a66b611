"""Shared types of the statistics parsers: the normalised table, issues, errors, input handling.

Pure Python and pandas; no Django import, so the parsers run in workers, scripts and tests alike.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

Source = str | os.PathLike | bytes | bytearray | memoryview | IO[bytes]

FRAME_COLUMNS = (
    "measure",
    "region_key",
    "region_label",
    "period",
    "dimensions",
    "value",
    "symbol",
    "quality",
)

# What a table read whole may hold (classic GENESIS, OGD, a mapped CSV or XLSX): rows, counted
# while reading, and values (rows x value columns), checked before the table is turned into
# one observation per value. Flat files are read in parts and have no such limit.
MAX_ROWS = 100_000
MAX_VALUES = 120_000  # the classic parser needs ~1 KB a value: bench/upload_limits.py


def check_values(rows: int, cols: int) -> None:
    if rows * cols > MAX_VALUES:
        raise ParseError("too_many_values", limit=MAX_VALUES)


# English default texts for issue and error codes; callers translate by code, not by text.
MESSAGES = {
    "invalid_region_key": "Malformed regional key {key!r}: {expected}.",
    "invalid_value": "Cannot read {value!r} as a number or a statistical symbol.",
    "invalid_quality": "Unknown quality flag {flag!r} (expected one of p, r, s, e or a symbol "
    "-, ., x, /, ..., ()).",
    "missing_columns": "Required columns missing: {columns}.",
    "missing_period": "No period found: neither a period column nor a period row.",
    "no_data": "The file holds no data rows.",
    "no_header": "No header row found.",
    "unknown_format": "Unrecognised file format ({name}).",
    "empty_zip": "The zip archive holds no recognised statistics file.",
    "multiple_tables": "The archive holds {count} tables; read them one by one.",
    "bad_mapping": "Invalid column mapping: {reason}.",
    "invalid_period": "Cannot read {value!r} as a period: expected a year (2024), a date "
    "(2024-12-31 or 31.12.2024), a school year (2024/25), a month (2024-06) or a quarter "
    "(2024-Q2).",
    "malformed_csv": "The CSV cannot be read: {detail}",
    "more_issues": "{count} more rows with the same problem.",
    "too_many_combinations": "Too many distinct breakdowns to index.",
    "too_many_rows": "The table has more than {limit} rows.",
    "too_many_values": "The table holds more than {limit} values.",
    "unreadable_workbook": "The file is not a readable XLSX workbook.",
}


def _format_message(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code, code)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{code} {params}"


@dataclass(frozen=True)
class ParseIssue:
    """One problem in one cell: ``line`` is the 1-based physical line of the source file."""

    line: int | None
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def message(self) -> str:
        return _format_message(self.code, self.params)

    def as_tuple(self) -> tuple[int | None, str, str]:
        return (self.line, self.column, self.message)


class ParseError(ValueError):
    """The file cannot be read at all (wrong layout, required columns missing, no data)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(_format_message(code, params))

    @property
    def missing(self) -> list[str]:
        return list(self.params.get("missing", []))


@dataclass
class MeasureInfo:
    code: str
    label: str
    unit: str = ""


@dataclass
class VariableInfo:
    """A breakdown variable; ``attributes`` maps attribute code to label, totals left out."""

    code: str
    label: str
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedTable:
    """One statistics table in normalised long form plus what the file says about it.

    ``frame`` has the columns of ``FRAME_COLUMNS``: text columns as pandas strings (missing
    ``region_key``/``region_label`` are NA when the table has no regional variable), ``value``
    float64. Rows with an entry in ``errors`` are left out of ``frame``.
    """

    format: str
    dataset_code: str
    frame: pd.DataFrame
    title: str = ""
    title_en: str = ""
    source: str = ""
    language: str = "de"
    period_type: str = ""
    statistic_code: str = ""
    statistic_label: str = ""
    region_variable: str | None = None
    region_variable_label: str = ""
    variables: dict[str, VariableInfo] = field(default_factory=dict)
    measures: dict[str, MeasureInfo] = field(default_factory=dict)
    stand: datetime | None = None
    retrieved_at: datetime | None = None
    footnotes: list[str] = field(default_factory=list)
    copyright: str = ""
    licence: str = ""
    filename: str = ""
    encoding: str = "utf-8"
    errors: list[ParseIssue] = field(default_factory=list)

    def metadata(self) -> dict[str, Any]:
        """Everything but the frame, as JSON-ready values."""
        return {
            "format": self.format,
            "dataset_code": self.dataset_code,
            "title": self.title,
            "title_en": self.title_en,
            "source": self.source,
            "language": self.language,
            "period_type": self.period_type,
            "statistic_code": self.statistic_code,
            "statistic_label": self.statistic_label,
            "region_variable": self.region_variable,
            "region_variable_label": self.region_variable_label,
            "variables": {
                c: {"label": v.label, "attributes": dict(v.attributes)}
                for c, v in self.variables.items()
            },
            "measures": {c: {"label": m.label, "unit": m.unit} for c, m in self.measures.items()},
            "stand": self.stand.isoformat() if self.stand else None,
            "retrieved_at": self.retrieved_at.isoformat() if self.retrieved_at else None,
            "footnotes": list(self.footnotes),
            "copyright": self.copyright,
            "licence": self.licence,
            "filename": self.filename,
            "encoding": self.encoding,
            "rows": len(self.frame),
            "errors": [
                {"line": e.line, "column": e.column, "code": e.code, "params": e.params}
                for e in self.errors
            ],
        }


# --- input -----------------------------------------------------------------------------------


def read_source(source: Source) -> tuple[bytes, str]:
    """The raw bytes and a file name (empty for anonymous buffers)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), ""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        return path.read_bytes(), path.name
    name = Path(getattr(source, "name", "") or "").name
    data = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, name


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM), else Windows-1252, the two encodings GENESIS uses."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined still appear in files saved by old tools.
        return data.decode("latin-1"), "latin-1"


def head_lines(data: bytes, count: int = 12) -> list[str]:
    """The first lines, decoded leniently, for sniffing."""
    chunk = data[:65536]
    text = chunk.decode("utf-8", "ignore") if _decodes(chunk) else chunk.decode("cp1252", "replace")
    return text.lstrip("\ufeff").splitlines()[:count]


def _decodes(chunk: bytes) -> bool:
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the chunk end is still UTF-8.
        return exc.start >= len(chunk) - 3
    return True


# --- codes -----------------------------------------------------------------------------------

_TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_NON_CODE = re.compile(r"[^A-Z0-9]+")
MAX_CODE_LENGTH = 50


def derive_code(label: str) -> str:
    """A stable code from a label: German transliteration, upper case, ``_`` between words.

    Labels longer than the limit keep a readable prefix and a hash of the whole label, so two
    long labels sharing a beginning still get different codes.
    """
    text = unicodedata.normalize("NFKD", label.strip().translate(_TRANSLIT))
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    code = _NON_CODE.sub("_", text).strip("_") or "X"
    if len(code) > MAX_CODE_LENGTH:
        digest = hashlib.sha1(label.strip().encode("utf-8"), usedforsecurity=False).hexdigest()
        code = code[: MAX_CODE_LENGTH - 9].rstrip("_") + "_" + digest[:8].upper()
    return code


TOTAL_LABELS = frozenset({"insgesamt", "total", "gesamt", "zusammen", "alle", "all"})


def is_total_label(label: str) -> bool:
    return label.strip().lower() in TOTAL_LABELS


# --- periods ---------------------------------------------------------------------------------

_YEAR = re.compile(r"(1[89]\d\d|2[01]\d\d)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DE_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_COMPACT_DATE = re.compile(r"(1[89]\d\d|2[01]\d\d)(\d{2})(\d{2})")
_SCHOOL_YEAR = re.compile(r"(\d{4})\s*/\s*(\d{2}|\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})[- ]?Q([1-4])|([1-4])\.\s*Quartal\s+(\d{4})", re.IGNORECASE)


def normalise_period(text: str) -> tuple[str, str]:
    """(ISO-like period, kind) for one period text; unknown forms come back unchanged.

    Years stay ``YYYY``; key dates become ``YYYY-MM-DD``; school years stay as written
    (``2015`` or ``2014/15``) because they have no ISO form; quarters become ``YYYY-Qn``.
    """
    value = text.strip()
    if _YEAR.fullmatch(value):
        return value, "year"
    if m := _ISO_DATE.fullmatch(value):
        return value, "key_date"
    if m := _DE_DATE.fullmatch(value):
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", "key_date"
    if m := _COMPACT_DATE.fullmatch(value):
        return f"{m[1]}-{m[2]}-{m[3]}", "key_date"
    if _SCHOOL_YEAR.fullmatch(value):
        return value.replace(" ", ""), "school_year"
    if _MONTH.fullmatch(value):
        return value, "month"
    if m := _QUARTER.fullmatch(value):
        year, quarter = (m[1], m[2]) if m[1] else (m[4], m[3])
        return f"{year}-Q{quarter}", "quarter"
    return value, "other"


MAX_PERIOD_LENGTH = 20  # Observation.period
FIRST_YEAR, LAST_YEAR = 1800, 2199


def valid_period(text: str) -> bool:
    """Whether a period text is one of the forms ``normalise_period`` knows and names a real
    time: ``abc`` or ``9999-99-99`` are not periods, and a school year ``2014/17`` is not one
    year long."""
    if not isinstance(text, str):
        return False
    value, kind = normalise_period(text)
    if kind == "other" or len(value) > MAX_PERIOD_LENGTH:
        return False
    year = int(value[:4])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return False
    if kind == "key_date":
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return False
    elif kind == "month":
        return 1 <= int(value[5:7]) <= 12
    elif kind == "school_year":
        end = value.split("/", 1)[1]
        return int(end) == (year + 1) % 10 ** len(end) if len(end) == 2 else int(end) == year + 1
    return True


def invalid_periods(values: pd.Series) -> np.ndarray:
    """Per row: the period text is not a period (see ``valid_period``); checked per distinct
    value."""
    uniques = pd.unique(values.astype("str"))
    bad = {u for u in uniques if not valid_period(u)}
    return values.astype("str").isin(bad).to_numpy(bool)


def looks_like_period(text: str) -> bool:
    return normalise_period(text)[1] != "other"


def normalise_periods(values: pd.Series) -> tuple[pd.Series, str]:
    """Vectorised over unique values: normalised periods and the single kind (or ``mixed``)."""
    uniques = pd.unique(values.astype("str"))
    mapped = {u: normalise_period(u) for u in uniques if isinstance(u, str)}
    kinds = {kind for _, kind in mapped.values()}
    kind = kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else "")
    out = values.map({u: p for u, (p, _) in mapped.items()})
    return out, kind


def school_year_hint(*texts: str) -> bool:
    """GENESIS writes school years as plain years; only the labels say they are school years."""
    return any(re.search(r"schuljahr|school year", t or "", re.IGNORECASE) for t in texts)


# --- output ----------------------------------------------------------------------------------


def combine_codes(code_arrays: list[np.ndarray], sizes: list[int]) -> tuple[np.ndarray, list]:
    """Factorise rows by several code columns at once.

    Returns per-row group ids and, per group, the tuple of codes it stands for. The codes are
    packed into one int64 (mixed radix), which stays far below overflow for real tables.
    """
    n = len(code_arrays[0]) if code_arrays else 0
    if not code_arrays:
        return np.zeros(n, dtype=np.int64), [()]
    packed = np.zeros(n, dtype=np.int64)
    radix = 1
    for codes, size in zip(code_arrays, sizes, strict=True):
        packed += (codes + 1) * radix
        radix *= size + 1
    if radix >= 2**62:
        raise ParseError("too_many_combinations")
    inverse, uniques = pd.factorize(packed)
    combos = []
    for u in uniques.tolist():
        digits = []
        for size in sizes:
            u, digit = divmod(u, size + 1)
            digits.append(digit - 1)
        combos.append(tuple(digits))
    return inverse.astype(np.int64, copy=False), combos


_CODE_TEXT = re.compile(r"[A-Z0-9][A-Z0-9_.+-]*")


def attribute_code(text: str) -> str:
    """Cell texts that already are codes stay; others get a derived code; totals are empty."""
    if not text or is_total_label(text):
        return ""
    return text if _CODE_TEXT.fullmatch(text) else derive_code(text)


def dimension_strings(
    table: pd.DataFrame, columns: dict[str, str], variables: dict[str, VariableInfo]
) -> np.ndarray:
    """Per row ``VAR=ATTR;…`` from breakdown columns (column -> variable code), sorted by
    variable code, totals left out; fills ``variables``. Work runs per distinct combination."""
    ordered = sorted(columns.items(), key=lambda item: item[1])
    arrays, sizes, pieces = [], [], []
    for column, var in ordered:
        codes, uniques = pd.factorize(table[column])
        attrs = [attribute_code(str(u)) for u in uniques]
        info = variables.setdefault(var, VariableInfo(var, column))
        for attr, label in zip(attrs, uniques, strict=True):
            if attr:
                info.attributes.setdefault(attr, str(label))
        arrays.append(codes.astype(np.int64))
        sizes.append(len(uniques))
        pieces.append([f"{var}={a}" if a else "" for a in attrs])
    group, combos = combine_codes(arrays, sizes)
    texts = [
        ";".join(p for k, c in enumerate(combo) if c >= 0 and (p := pieces[k][c]))
        for combo in combos
    ]
    return np.asarray(texts, dtype=object)[group]
