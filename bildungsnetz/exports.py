"""Tabular exports (CSV, XLSX, JSON) shared by every list page.

Cells that a spreadsheet would read as a formula are neutralised (CSV/formula injection), and
control characters already stored are dropped (XLSX refuses them).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import slugify

from .text import strip_control_characters

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix text that starts like a formula with an apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return strip_control_characters("; ".join(str(v) for v in value))
    if isinstance(value, str):
        return strip_control_characters(value)
    return value


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # Excel needs the BOM to read UTF-8
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([neutralise(_plain(v)) for v in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.csv"'
    return response


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=slugify(filename)[:31] or "export")
    sheet.append(list(header))
    for row in rows:
        sheet.append([neutralise(_plain(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.xlsx"'
    return response


def json_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    records = [dict(zip(header, (_plain(v) for v in row), strict=True)) for row in rows]
    response = HttpResponse(
        json.dumps(records, ensure_ascii=False, indent=1, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.json"'
    return response


FORMATS = {"csv": csv_response, "xlsx": xlsx_response, "json": json_response}


def export_response(fmt: str, filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """Dispatch on ?format=csv|xlsx|json; raises KeyError for an unknown format."""
    return FORMATS[fmt](filename, header, rows)
