"""Parsers for official statistics files: GENESIS flat files (ffcsv), classic GENESIS CSV,
Vienna/Statistik Austria open-government CSV and any CSV/XLSX through a column mapping.

Every parser returns a ``ParsedTable``: metadata plus ``frame``, one row per observation with
the columns ``measure, region_key, region_label, period, dimensions, value, symbol, quality``.
Pure pandas/pyarrow; the Django importer maps regions to territories and writes observations.

Conventions shared by all formats:

- ``value`` is float64; ``-`` (nothing) is 0.0, every other symbol leaves NaN, ``(123)`` is
  123 with symbol ``()``; ``symbol`` keeps the source symbol, ``quality`` the flag p/r/s/e.
- ``period``: years ``2024``; key dates ``2024-12-31``; school years as the source writes them
  (GENESIS: ``2015``; ``period_type`` then says ``school_year``); quarters ``2024-Q1``.
- ``dimensions``: ``VAR=ATTR`` pairs of the non-regional variables, sorted by variable code,
  joined by ``;``; totals (empty attribute code, "Insgesamt") are left out, so the overall
  total has ``""``.
- Problems in single cells (malformed regional key, unreadable value, unknown flag) do not
  stop parsing: they are listed in ``ParsedTable.errors`` as ``ParseIssue(line, column, code,
  params)`` and their rows are left out of ``frame``. A file that cannot be read at all
  (required columns missing, no header, no data) raises ``ParseError`` with ``code``,
  ``params`` and, for missing columns, ``missing``.
"""

from .classic import parse_classic
from .common import (
    FRAME_COLUMNS,
    MESSAGES,
    MeasureInfo,
    ParsedTable,
    ParseError,
    ParseIssue,
    VariableInfo,
    derive_code,
    normalise_period,
)
from .detect import detect_format, iter_tables, parse
from .ffcsv import parse_ffcsv
from .mapped import ColumnMapping, parse_mapped
from .ogd import parse_ogd
from .regions import infer_region_variable, region_level
from .values import QUALITY_FLAGS, SYMBOLS, parse_values

__all__ = [
    "FRAME_COLUMNS",
    "MESSAGES",
    "QUALITY_FLAGS",
    "SYMBOLS",
    "ColumnMapping",
    "MeasureInfo",
    "ParseError",
    "ParseIssue",
    "ParsedTable",
    "VariableInfo",
    "derive_code",
    "detect_format",
    "infer_region_variable",
    "iter_tables",
    "normalise_period",
    "parse",
    "parse_classic",
    "parse_ffcsv",
    "parse_mapped",
    "parse_ogd",
    "parse_values",
    "region_level",
]
