"""The importer's messages in the user's language, by code: the parsers (pure, no Django) name
what went wrong with a code and parameters and keep an English default text; the log stores
the text translated here (German by default, in the worker too)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .parsers.common import ParseIssue

TEXTS = {
    "invalid_region_key": _("Malformed regional key “%(key)s”: %(expected)s."),
    "invalid_value": _("Cannot read “%(value)s” as a number or a statistical symbol."),
    "invalid_quality": _(
        "Unknown quality flag “%(flag)s” (expected one of p, r, s, e or a symbol -, ., x, /, "
        "..., ())."
    ),
    "invalid_period": _(
        "Cannot read “%(value)s” as a period: expected a year (2024), a date (2024-12-31 or "
        "31.12.2024), a school year (2024/25), a month (2024-06) or a quarter (2024-Q2)."
    ),
    "missing_columns": _("Required columns missing: %(columns)s."),
    "missing_period": _("No period found: neither a period column nor a period row."),
    "no_data": _("The file holds no data rows."),
    "no_header": _("No header row found."),
    "unknown_format": _("Unrecognised file format (%(name)s)."),
    "empty_zip": _("The zip archive holds no recognised statistics file."),
    "multiple_tables": _("The archive holds %(count)s tables; read them one by one."),
    "more_issues": _("%(count)s more rows with the same problem."),
    "too_many_rows": _(
        "The table has more than %(limit)s rows; please split it or save it as a GENESIS flat "
        "file (ffcsv), which is read in parts."
    ),
    "table_too_large": _(
        "“%(name)s” is larger than %(mb)s MB; only GENESIS flat files (ffcsv) may be larger. "
        "Please split the table."
    ),
    "too_many_values": _(
        "The table holds more than %(limit)s values; please split it or save it as a GENESIS "
        "flat file (ffcsv), which is read in parts."
    ),
    "too_many_texts": _(
        "The workbook's texts take more than %(mb)s MB; please save the table as CSV."
    ),
    "unreadable_workbook": _("The file is not a readable XLSX workbook."),
    "line_too_long": _("Line %(line)s is longer than %(kb)s KB: this is not a statistics table."),
    "database_failed": _(
        "The database failed during the import; nothing was written. Please run the import again."
    ),
    "worker_lost": _(
        "The import was interrupted because the background worker stopped; nothing of it was "
        "saved. Please run the import again."
    ),
    "table_code_several_tables": _(
        "The file holds %(count)s tables, but a table code of your own is for one table: "
        "upload the tables one by one, or leave the table code empty."
    ),
}


def import_message(code: str, params: dict[str, Any] | None = None) -> str:
    """The text for a parser's code, translated; the parser's English text for other codes
    (`bad_mapping`, `malformed_csv` name technical details in English)."""
    params = params or {}
    template = TEXTS.get(code)
    if template is None:
        return ParseIssue(None, "", code, params).message
    try:
        return str(template) % {k: _plain(v) for k, v in params.items()}
    except (KeyError, TypeError, ValueError):
        return str(template)


def _plain(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 200 else text[:200] + "…"
