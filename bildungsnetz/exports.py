"""Tabular exports (CSV, XLSX, JSON) shared by every list page.

Cells that a spreadsheet would read as a formula are neutralised (CSV/formula injection), and
control characters already stored are dropped (XLSX refuses them).

List pages describe their columns with `Column` (or the `choice`, `yes_no` and `many` helpers)
and answer with `export_table`: a coded column (a choice, a yes/no, a list of vocabulary
entries) writes what people read, the label in the active language, under its name and the
code beside it under `<name>_code`, so a spreadsheet shows "Non-formal" and "Nein" and a
program still reads `non_formal` and `false`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext

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
    from openpyxl import Workbook  # heavy: only XLSX exports need openpyxl

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


@dataclass(frozen=True)
class Column:
    """One column of an export: `value(obj)` under `name`; with `code`, the value is the
    label people read and `code(obj)` goes to an extra column `<name>_code` right after it."""

    name: str
    value: Callable[[Any], Any]
    code: Callable[[Any], Any] | None = None

    @property
    def header(self) -> list[str]:
        return [self.name, f"{self.name}_code"] if self.code else [self.name]

    def cells(self, obj) -> list:
        return [self.value(obj), self.code(obj)] if self.code else [self.value(obj)]


def _path(obj, attr: str):
    for part in attr.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def column(name: str, attr: str | None = None) -> Column:
    """A plain column from an attribute (dotted path allowed)."""
    return Column(name, lambda obj: _path(obj, attr or name))


def choice(name: str, attr: str | None = None) -> Column:
    """A model field with choices: its label in the active language, its code beside it."""
    attr = attr or name

    def label(obj):
        *owner, field = attr.split(".")
        target = _path(obj, ".".join(owner)) if owner else obj
        return getattr(target, f"get_{field}_display")() if target is not None else None

    return Column(name, label, lambda obj: _path(obj, attr))


def yes_no(name: str, attr: str | None = None) -> Column:
    """A yes/no field: "Ja"/"Nein" (in the active language), true/false beside it."""
    attr = attr or name

    def label(obj):
        value = _path(obj, attr)
        # Django's own catalogue: Ja, Nein.
        return None if value is None else gettext("Yes") if value else gettext("No")

    return Column(name, label, lambda obj: _path(obj, attr))


def many(name: str, attr: str | None = None, *, code: str = "slug", label: str = "name") -> Column:
    """A many-to-many list of vocabulary entries: their names, their codes beside them."""
    attr = attr or name
    return Column(
        name,
        lambda obj: [str(getattr(item, label)) for item in getattr(obj, attr).all()],
        lambda obj: [getattr(item, code) for item in getattr(obj, attr).all()],
    )


def export_table(fmt: str, filename: str, columns: Sequence[Column], objects: Iterable):
    """export_response for objects described by columns; labels in the language active now
    (also while a CSV streams after the view has returned)."""
    header = [name for col in columns for name in col.header]
    language = translation.get_language()

    def rows():
        with translation.override(language):
            for obj in objects:
                yield [cell for col in columns for cell in col.cells(obj)]

    return export_response(fmt, str(filename), header, rows())
