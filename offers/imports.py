"""Import of learning offers from CSV, XLSX or JSON: check every row, then all or nothing."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from actors.imports import ImportFileError, ImportResult, RowError, read_table
from actors.models import Language, Organisation, TargetGroup, Topic
from bildungsnetz.text import clean_json_strings
from places.keys import split_key
from places.models import Territory
from places.validators import validate_latitude, validate_longitude

from .models import ACCESSIBILITY, Cost, OfferFormat, OfferKind, Stage
from .services import offer_create

# Also the export header: an export can be imported again.
COLUMNS = [
    "title", "provider", "kind", "format", "stage", "description", "target_groups",
    "languages", "topics", "age_min", "age_max", "is_online", "street", "postcode", "locality",
    "district", "latitude", "longitude", "start_date", "end_date", "schedule", "cost", "price",
    "cost_note", *[name for name, _label in ACCESSIBILITY], "registration_url",
    "contact_email", "title_en", "description_en",
]  # fmt: skip
REQUIRED = ["title", "provider", "kind", "format", "stage"]
MAX_ROWS = 20_000
TRUE = {"1", "true", "ja", "yes", "x"}
BOOLEAN_VALUES = TRUE | {"", "0", "false", "nein", "no"}


def read_rows(filename: str, content: bytes) -> list[dict[str, str]]:
    if filename.lower().endswith(".json"):
        if len(content) > settings.TABLE_IMPORT_MAX_BYTES:
            raise ImportFileError(
                _("The file is too large (at most %(mb)s MB).")
                % {"mb": settings.TABLE_IMPORT_MAX_BYTES // (1024 * 1024) or 1}
            )
        try:
            data = clean_json_strings(json.loads(content.decode("utf-8-sig")))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportFileError(_("The file is not valid JSON.")) from exc
        except RecursionError as exc:
            raise ImportFileError(_("The JSON file is nested too deeply.")) from exc
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ImportFileError(_("The JSON file must hold a list of objects."))
        return [
            {
                str(k): "; ".join(map(str, v)) if isinstance(v, list) else _text(v)
                for k, v in row.items()
            }
            for row in data
        ]
    return read_table(filename, content)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").replace(",", ";").split(";") if p.strip()]


def _codes_first(row: dict[str, str]) -> dict[str, str]:
    """An export writes labels under `kind` and the code under `kind_code` (also for yes/no
    and vocabularies): where a file has a `<column>_code`, the code is what is imported."""
    codes = {
        name[: -len("_code")]: value
        for name, value in row.items()
        if name.endswith("_code") and name[: -len("_code")] in COLUMNS
    }
    return {**row, **{name: value for name, value in codes.items() if value}}


def import_offers(filename: str, content: bytes, *, dry_run: bool, user=None, is_demo=False):
    """Check every row; write nothing unless every row is valid and dry_run is False.

    With a `user`, each provider must be one the user may publish offers for.
    """
    rows = [_codes_first(row) for row in read_rows(filename, content)]
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
    choices = {
        "kind": {c.value for c in OfferKind},
        "format": {c.value for c in OfferFormat},
        "stage": {c.value for c in Stage},
        "cost": {c.value for c in Cost},
    }
    vocab = {
        "target_groups": {t.slug: t for t in TargetGroup.objects.all()},
        "languages": {lang.code: lang for lang in Language.objects.all()},
        "topics": {t.slug: t for t in Topic.objects.all()},
    }
    prepared = []
    for index, row in enumerate(rows, start=2):
        before = len(result.errors)

        def err(column, message, index=index):
            result.errors.append(RowError(index, column, message))

        for column in REQUIRED:
            if not row.get(column):
                err(column, _("This value is required."))
        for column, allowed in choices.items():
            value = row.get(column, "")
            if value and value not in allowed:
                err(
                    column,
                    _("Unknown value “%(v)s”; allowed: %(a)s.")
                    % {"v": value, "a": ", ".join(sorted(allowed))},
                )
        provider = None
        if row.get("provider"):
            provider = Organisation.objects.filter(slug=row["provider"]).first()
            if provider is None:
                err(
                    "provider",
                    _("No organisation with the address “%(v)s”.") % {"v": row["provider"]},
                )
            elif user is not None and not user.has_perm("offers.offer_for_organisation", provider):
                err("provider", _("You may not publish offers for this organisation."))
        district = None
        if row.get("district"):
            scheme, code = split_key(row["district"])
            district = Territory.objects.filter(scheme=scheme, code=code).first()
            if district is None:
                err("district", _("No territory with the key “%(v)s”.") % {"v": row["district"]})
        values: dict = {}
        for column in ("age_min", "age_max"):
            if row.get(column):
                try:
                    values[column] = int(row[column])
                    if values[column] < 0:
                        raise ValueError
                except ValueError:
                    err(column, _("Give a whole number of years."))
        coordinates = (("latitude", validate_latitude), ("longitude", validate_longitude))
        for column, validate in coordinates:
            if row.get(column):
                try:
                    validate(row[column].replace(",", "."))
                    values[column] = float(row[column].replace(",", "."))
                except ValidationError as exc:
                    err(column, exc.messages[0])
        for column in ("start_date", "end_date"):
            if row.get(column):
                try:
                    values[column] = date.fromisoformat(row[column][:10])
                except ValueError:
                    err(column, _("Give a date as YYYY-MM-DD."))
        if row.get("price"):
            try:
                values["price"] = Decimal(row["price"].replace(",", "."))
            except InvalidOperation:
                err("price", _("Give a price in euros, e.g. 12.50."))
        for column in ["is_online", *[name for name, _label in ACCESSIBILITY]]:
            flag = row.get(column, "").lower()
            if flag not in BOOLEAN_VALUES:
                err(column, _("Use ja/nein or true/false."))
            values[column] = flag in TRUE
        if row.get("registration_url"):
            try:
                URLValidator()(row["registration_url"])
            except ValidationError:
                err(
                    "registration_url",
                    _("“%(v)s” is not a valid web address.") % {"v": row["registration_url"]},
                )
        if row.get("contact_email"):
            try:
                EmailValidator()(row["contact_email"])
            except ValidationError:
                err(
                    "contact_email",
                    _("“%(v)s” is not a valid e-mail address.") % {"v": row["contact_email"]},
                )
        m2m = {}
        for column, known in vocab.items():
            items = []
            for key in _split(row.get(column)):
                if key in known:
                    items.append(known[key])
                else:
                    err(column, _("Unknown entry “%(v)s”.") % {"v": key})
            m2m[column] = items
        age_min, age_max = values.get("age_min"), values.get("age_max")
        if age_min is not None and age_max is not None and age_max < age_min:
            err("age_max", _("The highest age is below the lowest."))
        first, last = values.get("start_date"), values.get("end_date")
        if first and last and last < first:
            err("end_date", _("The last day is before the first."))
        if len(result.errors) == before:
            data = {
                "provider": provider,
                "title_de": row["title"],
                "title_en": row.get("title_en", ""),
                "description_de": row.get("description", ""),
                "description_en": row.get("description_en", ""),
                "kind": row["kind"],
                "format": row["format"],
                "stage": row["stage"],
                "street": row.get("street", ""),
                "postcode": row.get("postcode", ""),
                "locality": row.get("locality", ""),
                "district": district,
                "schedule": row.get("schedule", ""),
                "cost": row.get("cost") or Cost.FREE,
                "cost_note": row.get("cost_note", ""),
                "registration_url": row.get("registration_url", ""),
                "contact_email": row.get("contact_email", ""),
                "is_demo": is_demo,
                **values,
            }
            prepared.append((index, data, m2m))
    if result.errors or dry_run:
        return result
    try:
        with transaction.atomic():
            for index, data, m2m in prepared:
                try:
                    offer_create(data=data, m2m=m2m)
                except ValidationError as exc:
                    for field, messages in exc.message_dict.items():
                        for message in messages:
                            result.errors.append(RowError(index, field, message))
                    raise
                result.created += 1
    except ValidationError:
        result.created = 0
    return result
