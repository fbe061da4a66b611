"""Tabular imports (CSV, XLSX, JSON) shared by every app: the counterpart of `exports.py`.

An import reads an upload into rows (`read_table`: bounded in size and rows, every cell cleaned
of control characters), checks every row and writes all or nothing (`import_rows`): each
problem is a `RowError` with the row as the user sees it in the file (header = 1), the column
and a message; a dry run, or one problem anywhere, writes nothing. A file that cannot be read as
a table at all is an `ImportFileError`. The page's upload form is `ImportForm`.

An app describes only its columns and two callbacks:

    result = import_rows(
        rows, columns=COLUMNS, required=REQUIRED, dry_run=dry_run,
        check=lambda row, problems: ...,  # adds problems, returns what `write` needs
        write=lambda prepared: offer_create(...),
    )
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .text import clean_json_strings, strip_control_characters
from .uploads import UploadValidator, check_archive

MAX_ROWS = 20_000
Prepared = TypeVar("Prepared")  # what a row's check hands to its write
# Yes/no cells: what a person types in German or English (case is ignored); empty is the
# column's default.
YES = frozenset({"1", "true", "ja", "yes"})
NO = frozenset({"0", "false", "nein", "no"})


@dataclass
class RowError:
    row: int  # 1-based line number as the user sees it in the file (header = 1)
    column: str
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = True
    # Rows whose `write` returned "updated" or "skipped" (an existing entry changed, or a
    # row left out on purpose); notes are findings that do not stop the import (duplicates).
    updated: int = 0
    skipped: int = 0
    unchanged: int = 0
    notes: list[RowError] = field(default_factory=list)
    valid_only: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (its kind, size, encoding, header); the message
    is for the person who uploaded it."""


# --- reading ---------------------------------------------------------------------------------


def read_table(
    filename: str,
    content: bytes,
    *,
    max_rows: int = MAX_ROWS,
    formats: Collection[str] = ("csv", "xlsx"),
) -> list[dict[str, str]]:
    """Read CSV (UTF-8 with or without BOM, or Windows-1252; `;`, `,` or tab), XLSX or, where
    `formats` allows it, JSON (a list of objects) into dicts keyed by column.

    Bounded whatever the file holds: a file above TABLE_IMPORT_MAX_BYTES, an XLSX that would
    unpack too far, or more than `max_rows` rows is refused while reading, and every cell is
    cleaned of control characters like any other input. Blank CSV/XLSX rows are skipped.
    """
    name = filename.lower()
    _check_size(content)
    if name.endswith(".json") and "json" in formats:
        return _json_rows(content, max_rows)
    if name.endswith(".xlsx") and "xlsx" in formats:
        rows = _xlsx_rows(content)
    elif name.endswith(".csv") and "csv" in formats:
        rows = _csv_rows(content)
    else:
        raise ImportFileError(_("Please upload a CSV or XLSX file."))
    header = next(rows, None)
    if not header or not any(header):
        raise ImportFileError(_("The file is empty."))
    header = [cell_text(h) for h in header]
    records = []
    for row in rows:
        if not any(v not in (None, "") for v in row):
            continue
        if len(records) >= max_rows:
            raise _too_many_rows(max_rows)
        records.append({h: cell_text(v) for h, v in zip(header, row, strict=False) if h})
    return records


def cell_text(value: Any) -> str:
    """A cell as the text an import checks: stripped, without control characters; an empty
    cell is "", a yes/no cell (XLSX, JSON) "true" or "false"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return strip_control_characters(str(value)).strip()


def split_list(value: str | None) -> list[str]:
    """A cell holding several entries, separated by `;` or `,`: `"de, ar"` → `["de", "ar"]`."""
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def codes_first(row: dict[str, str], columns: Collection[str]) -> dict[str, str]:
    """An export writes labels under `kind` and the code under `kind_code` (also for yes/no
    and vocabularies, see `exports.py`): where a row has a `<column>_code` for one of
    `columns`, the code is what is imported, so an export can be imported again."""
    codes = {
        name.removesuffix("_code"): value
        for name, value in row.items()
        if name.endswith("_code") and name.removesuffix("_code") in columns
    }
    return {**row, **{name: value for name, value in codes.items() if value}}


def _check_size(content: bytes) -> None:
    if len(content) > settings.TABLE_IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is too large (at most %(mb)s MB).")
            % {"mb": settings.TABLE_IMPORT_MAX_BYTES // (1024 * 1024) or 1}
        )


def _too_many_rows(max_rows: int) -> ImportFileError:
    return ImportFileError(_("At most %(n)d rows per file.") % {"n": max_rows})


def _xlsx_rows(content: bytes) -> Iterator[tuple]:
    from openpyxl import load_workbook  # heavy, and needed only for XLSX uploads

    try:
        check_archive(content, max_bytes=settings.TABLE_IMPORT_MAX_BYTES * 5)
    except ValidationError as exc:
        raise ImportFileError(exc.messages[0]) from exc
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.active
    except Exception as exc:
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
    # read_only streams the sheet: rows are produced one at a time, never all at once.
    return iter(sheet.iter_rows(values_only=True))


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    if b"\x00" in content:
        raise ImportFileError(_("The file contains NUL bytes: it is not a text file (CSV)."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(
            _("The file is not text in UTF-8 or Windows-1252; please save it as CSV (UTF-8).")
        )
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect=dialect)

    def rows():
        try:
            yield from reader
        except csv.Error as exc:
            raise ImportFileError(
                _("Line %(line)d cannot be read as CSV: %(error)s")
                % {"line": reader.line_num, "error": exc}
            ) from exc

    return rows()


def _json_rows(content: bytes, max_rows: int) -> list[dict[str, str]]:
    try:
        data = clean_json_strings(json.loads(content.decode("utf-8-sig")))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(_("The file is not valid JSON.")) from exc
    except RecursionError as exc:
        raise ImportFileError(_("The JSON file is nested too deeply.")) from exc
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportFileError(_("The JSON file must hold a list of objects."))
    if len(data) > max_rows:
        raise _too_many_rows(max_rows)
    return [
        {
            str(k): "; ".join(map(str, v)) if isinstance(v, list) else cell_text(v)
            for k, v in row.items()
        }
        for row in data
    ]


# --- checking and writing --------------------------------------------------------------------


class RowProblems:
    """The problems of one row, collected into the import's result. False while there are
    none; `row` is the row's number as the user sees it in the file."""

    def __init__(self, row: int, errors: list[RowError]):
        self.row = row
        self._errors = errors
        self._before = len(errors)

    def __bool__(self) -> bool:
        return len(self._errors) > self._before

    def add(self, column: str, message: str) -> None:
        self._errors.append(RowError(self.row, column, message))

    def url(self, column: str, value: str) -> None:
        """A web address, if the cell holds one."""
        self._valid(column, value, URLValidator(), _("“%(v)s” is not a valid web address."))

    def email(self, column: str, value: str) -> None:
        """An e-mail address, if the cell holds one."""
        self._valid(column, value, EmailValidator(), _("“%(v)s” is not a valid e-mail address."))

    def _valid(self, column: str, value: str, validator, message: str) -> None:
        if value:
            try:
                validator(value)
            except ValidationError:
                self.add(column, message % {"v": value})

    def flag(self, column: str, value: str, *, default: bool, yes: Collection[str] = YES) -> bool:
        """A yes/no cell: `yes` or NO in any case, or empty for `default`."""
        value = value.lower()
        if value in yes:
            return True
        if value in NO:
            return False
        if value:
            self.add(column, _("Use ja/nein or true/false."))
        return default


def import_rows(
    rows: list[dict[str, str]],
    *,
    columns: Sequence[str],
    required: Sequence[str],
    check: Callable[[dict[str, str], RowProblems], Prepared],
    write: Callable[[Prepared], object],
    dry_run: bool,
    valid_only: bool = False,
) -> ImportResult:
    """Check every row; write nothing unless every row is valid and `dry_run` is False.

    With `valid_only` (the person chose "import the valid rows") the rows without problems
    are written even if others have some; the others are reported and left out. `write` may
    return "updated", "unchanged" or "skipped" to have the row counted so instead of as created.

    The file must have rows and the `required` columns (the message lists `columns`). Each
    row's `required` cells must be filled; then `check(row, problems)` adds the row's other
    problems and returns what `write` needs for it. Only when no row has a problem are the
    rows written, by `write`, in one transaction: a row the model refuses
    (`ValidationError`) is reported with its row number and nothing is written.
    """
    result = ImportResult(rows=len(rows), dry_run=dry_run, valid_only=valid_only)
    if not rows:
        raise ImportFileError(_("The file has a header but no rows."))
    missing = [c for c in required if c not in rows[0]]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(cols)s. Expected columns: %(all)s.")
            % {"cols": ", ".join(missing), "all": ", ".join(columns)}
        )
    prepared = []
    for index, row in enumerate(rows, start=2):
        problems = RowProblems(index, result.errors)
        for column in required:
            if not row.get(column):
                problems.add(column, _("This value is required."))
        value = check(row, problems)
        if not problems:
            prepared.append((index, value))
    if (result.errors and not valid_only) or dry_run:
        return result
    try:
        with transaction.atomic():
            for index, value in prepared:
                try:
                    outcome = write(value)
                except ValidationError as exc:
                    by_field = (
                        exc.message_dict
                        if hasattr(exc, "error_dict")
                        else {NON_FIELD_ERRORS: exc.messages}
                    )
                    for column, messages in by_field.items():
                        result.errors.extend(RowError(index, column, m) for m in messages)
                    raise
                if outcome == "updated":
                    result.updated += 1
                elif outcome == "skipped":
                    result.skipped += 1
                elif outcome == "unchanged":
                    result.unchanged += 1
                else:
                    result.created += 1
    except ValidationError:
        result.created = result.updated = result.skipped = result.unchanged = 0
    except DatabaseError as exc:
        # The connection broke off or a write failed mid-import: the transaction rolled back,
        # so the person is told that nothing was written and may simply run it again.
        raise ImportFileError(
            _("The database failed while writing; nothing was imported. Please try again.")
        ) from exc
    return result


# --- the upload form -------------------------------------------------------------------------


class ImportForm(forms.Form):
    """The upload of an import page: the file, checked for size and kind before it is read,
    and the dry-run switch. A page names its kinds of file and its columns in `label` and
    `help_text`."""

    file = forms.FileField(label=gettext_lazy("CSV or XLSX file"))
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check, write nothing (dry run)"), required=False, initial=True
    )

    def __init__(self, *args, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["file"].label = label
        self.fields["file"].help_text = help_text

    def clean_file(self):
        """The size is checked before the file is read; its content by the upload checks
        (a JSON file is text, and passes as such)."""
        upload = self.cleaned_data["file"]
        UploadValidator({"csv", "xlsx"}, max_bytes=settings.TABLE_IMPORT_MAX_BYTES)(upload)
        return upload
