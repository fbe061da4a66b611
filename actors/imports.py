"""CSV/XLSX import of organisations: validate every row first, then write all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from bildungsnetz.text import strip_control_characters
from bildungsnetz.uploads import check_archive
from places.keys import split_key
from places.models import Territory

from .models import Language, Organisation, OrganisationKind, Topic
from .services import organisation_create

COLUMNS = [
    "name",
    "kind",
    "seat",
    "street",
    "postcode",
    "locality",
    "website",
    "email",
    "phone",
    "topics",
    "languages",
    "description",
    "name_en",
    "description_en",
    "is_public",
]
REQUIRED = ["name", "kind", "seat"]
MAX_ROWS = 20_000


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

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(ValueError):
    pass


def read_table(filename: str, content: bytes, *, max_rows: int = MAX_ROWS) -> list[dict[str, str]]:
    """Read CSV (UTF-8 or Windows-1252, `;` or `,`) or XLSX into dicts keyed by column.

    Bounded whatever the file holds: a file above TABLE_IMPORT_MAX_BYTES, an XLSX that would
    unpack too far, or more than `max_rows` rows is refused while reading, and every cell is
    cleaned of control characters like any other input.
    """
    name = filename.lower()
    if len(content) > settings.TABLE_IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is too large (at most %(mb)s MB).")
            % {"mb": settings.TABLE_IMPORT_MAX_BYTES // (1024 * 1024) or 1}
        )
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise ImportFileError(_("Please upload a CSV or XLSX file."))
    header = next(rows, None)
    if not header or not any(header):
        raise ImportFileError(_("The file is empty."))
    header = [strip_control_characters(str(h or "")).strip() for h in header]
    records = []
    for row in rows:
        if not any(v not in (None, "") for v in row):
            continue
        if len(records) >= max_rows:
            raise ImportFileError(_("At most %(n)d rows per file.") % {"n": max_rows})
        records.append(
            {
                h: "" if v is None else strip_control_characters(str(v)).strip()
                for h, v in zip(header, row, strict=False)
                if h
            }
        )
    return records


def _xlsx_rows(content: bytes) -> Iterator[tuple]:
    from openpyxl import load_workbook

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


def import_organisations(filename: str, content: bytes, *, dry_run: bool, user=None, is_demo=False):
    """Check every row; write nothing unless every row is valid and dry_run is False.

    With a `user` (the web import), every row must be seated where that user may edit
    organisations; without one (the command line, run by an operator) no row is restricted.
    """
    rows = read_table(filename, content)
    result = ImportResult(rows=len(rows), dry_run=dry_run)
    if not rows:
        raise ImportFileError(_("The file has a header but no rows."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(cols)s. Expected columns: %(all)s.")
            % {"cols": ", ".join(missing), "all": ", ".join(COLUMNS)}
        )
    kinds = {k.value for k in OrganisationKind}
    topics = {t.slug: t for t in Topic.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    prepared = []
    seen_in_file: dict[tuple, int] = {}
    for index, row in enumerate(rows, start=2):
        errors_before = len(result.errors)

        def err(column, message, index=index):
            result.errors.append(RowError(index, column, message))

        for column in REQUIRED:
            if not row.get(column):
                err(column, _("This value is required."))
        kind = row.get("kind", "")
        if kind and kind not in kinds:
            err(
                "kind",
                _("Unknown kind “%(v)s”; allowed: %(a)s.")
                % {"v": kind, "a": ", ".join(sorted(kinds))},
            )
        seat = None
        if row.get("seat"):
            seat = _resolve_seat(row["seat"])
            if seat is None:
                err("seat", _("No territory with the key or name “%(v)s”.") % {"v": row["seat"]})
        if (
            seat is not None
            and user is not None
            and not user.has_perm("actors.place_organisation", Organisation(seat=seat))
        ):
            err("seat", _("You may not add organisations in %(place)s.") % {"place": seat.name})
        if row.get("website"):
            try:
                URLValidator()(row["website"])
            except ValidationError:
                err("website", _("“%(v)s” is not a valid web address.") % {"v": row["website"]})
        if row.get("email"):
            try:
                EmailValidator()(row["email"])
            except ValidationError:
                err("email", _("“%(v)s” is not a valid e-mail address.") % {"v": row["email"]})
        row_topics = _split(row.get("topics"))
        for slug in row_topics:
            if slug not in topics:
                err("topics", _("Unknown topic “%(v)s”.") % {"v": slug})
        row_languages = _split(row.get("languages"))
        for code in row_languages:
            if code not in languages:
                err("languages", _("Unknown language code “%(v)s”.") % {"v": code})
        is_public = row.get("is_public", "").lower()
        if is_public not in ("", "1", "0", "true", "false", "ja", "nein", "yes", "no"):
            err("is_public", _("Use ja/nein or true/false."))
        if len(result.errors) == errors_before and seat is not None:
            key = (row["name"].casefold(), seat.pk)
            if key in seen_in_file:
                err("name", _("Same name and place as row %(r)d.") % {"r": seen_in_file[key]})
            else:
                seen_in_file[key] = index
            duplicate = organisation_duplicates_first(row["name"], seat.pk, row.get("website", ""))
            if duplicate is not None:
                err(
                    "name",
                    _("Already in the directory as “%(name)s” (same name and place, or website).")
                    % {"name": duplicate.name},
                )
        if len(result.errors) == errors_before:
            prepared.append((row, seat, row_topics, row_languages, is_public))
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        for row, seat, row_topics, row_languages, is_public in prepared:
            data = {
                "name_de": row["name"],
                "name_en": row.get("name_en") or row["name"],
                "kind": row["kind"],
                "seat": seat,
                "street": row.get("street", ""),
                "postcode": row.get("postcode", ""),
                "locality": row.get("locality", "") or seat.name_de,
                "website": row.get("website", ""),
                "email": row.get("email", ""),
                "phone": row.get("phone", ""),
                "description_de": row.get("description", ""),
                "description_en": row.get("description_en", ""),
                "is_public": is_public not in ("0", "false", "nein", "no"),
                "is_demo": is_demo,
            }
            organisation_create(
                data=data,
                topics=[topics[s] for s in row_topics],
                languages=[languages[c] for c in row_languages],
            )
            result.created += 1
    return result


def organisation_duplicates_first(name: str, seat_id: int, website: str):
    from .services import organisation_duplicates

    return organisation_duplicates(name=name, seat_id=seat_id, website=website).first()


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def _resolve_seat(value: str) -> Territory | None:
    value = value.strip()
    if ":" in value:
        scheme, code = split_key(value)
        return Territory.objects.filter(scheme=scheme.lower(), code=code).first()
    if value.isdigit():
        return Territory.objects.filter(code=value).order_by("scheme").first()
    matches = list(
        Territory.objects.filter(
            name_de__iexact=value, level__in=["city", "municipality", "district"]
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None
