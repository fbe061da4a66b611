"""CSV/XLSX import of organisations: validate every row first, then write all or nothing."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

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


def read_table(filename: str, content: bytes) -> list[dict[str, str]]:
    """Read CSV (UTF-8 or Windows-1252, `;` or `,`) or XLSX into dicts keyed by column."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
        rows = list(workbook.active.iter_rows(values_only=True))
        if not rows:
            raise ImportFileError(_("The file is empty."))
        header = [str(h or "").strip() for h in rows[0]]
        return [
            {h: "" if v is None else str(v).strip() for h, v in zip(header, row, strict=False)}
            for row in rows[1:]
            if any(v not in (None, "") for v in row)
        ]
    if not name.endswith(".csv"):
        raise ImportFileError(_("Please upload a CSV or XLSX file."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames:
        raise ImportFileError(_("The file is empty."))
    reader.fieldnames = [f.strip() for f in reader.fieldnames]
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


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
            and not user.has_perm("actors.change_organisation", Organisation(seat=seat))
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
        scheme, _sep, code = value.partition(":")
        return Territory.objects.filter(scheme=scheme.lower(), code=code).first()
    if value.isdigit():
        return Territory.objects.filter(code=value).order_by("scheme").first()
    matches = list(
        Territory.objects.filter(
            name_de__iexact=value, level__in=["city", "municipality", "district"]
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None
