"""Import of learning offers from CSV, XLSX or JSON: check every row, then all or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actors.models import Language, Organisation, TargetGroup, Topic
from bildungsnetz.imports import (
    YES,
    ImportResult,
    RowProblems,
    codes_first,
    import_rows,
    read_table,
    split_list,
)
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
    "contact_email", "source", "licence", "title_en", "description_en",
]  # fmt: skip
REQUIRED = ["title", "provider", "kind", "format", "stage"]
# Spreadsheets often tick a yes/no column with an "x".
TRUE = YES | {"x"}


def import_offers(
    filename: str, content: bytes, *, dry_run: bool, user=None, is_demo=False
) -> ImportResult:
    """Check every row; write nothing unless every row is valid and dry_run is False.

    With a `user`, each provider must be one the user may publish offers for.
    """
    rows = read_table(filename, content, formats=("csv", "xlsx", "json"))
    rows = [codes_first(row, COLUMNS) for row in rows]
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

    def check(row: dict[str, str], problems: RowProblems):
        for column, allowed in choices.items():
            value = row.get(column, "")
            if value and value not in allowed:
                problems.add(
                    column,
                    _("Unknown value “%(v)s”; allowed: %(a)s.")
                    % {"v": value, "a": ", ".join(sorted(allowed))},
                )
        provider = None
        if row.get("provider"):
            provider = Organisation.objects.filter(slug=row["provider"]).first()
            if provider is None:
                problems.add(
                    "provider",
                    _("No organisation with the address “%(v)s”.") % {"v": row["provider"]},
                )
            elif user is not None and not user.has_perm("offers.offer_for_organisation", provider):
                problems.add("provider", _("You may not publish offers for this organisation."))
        district = None
        if row.get("district"):
            scheme, code = split_key(row["district"])
            district = Territory.objects.filter(scheme=scheme, code=code).first()
            if district is None:
                problems.add(
                    "district", _("No territory with the key “%(v)s”.") % {"v": row["district"]}
                )
        values: dict = {}
        for column in ("age_min", "age_max"):
            if row.get(column):
                try:
                    values[column] = int(row[column])
                    if values[column] < 0:
                        raise ValueError
                except ValueError:
                    problems.add(column, _("Give a whole number of years."))
        coordinates = (("latitude", validate_latitude), ("longitude", validate_longitude))
        for column, validate in coordinates:
            if row.get(column):
                try:
                    validate(row[column].replace(",", "."))
                    values[column] = float(row[column].replace(",", "."))
                except ValidationError as exc:
                    problems.add(column, exc.messages[0])
        for column in ("start_date", "end_date"):
            if row.get(column):
                try:
                    values[column] = date.fromisoformat(row[column][:10])
                except ValueError:
                    problems.add(column, _("Give a date as YYYY-MM-DD."))
        if row.get("price"):
            try:
                values["price"] = Decimal(row["price"].replace(",", "."))
            except InvalidOperation:
                problems.add("price", _("Give a price in euros, e.g. 12.50."))
        for column in ["is_online", *[name for name, _label in ACCESSIBILITY]]:
            values[column] = problems.flag(column, row.get(column, ""), default=False, yes=TRUE)
        problems.url("registration_url", row.get("registration_url", ""))
        problems.email("contact_email", row.get("contact_email", ""))
        m2m = {}
        for column, known in vocab.items():
            items = []
            for key in split_list(row.get(column)):
                if key in known:
                    items.append(known[key])
                else:
                    problems.add(column, _("Unknown entry “%(v)s”.") % {"v": key})
            m2m[column] = items
        age_min, age_max = values.get("age_min"), values.get("age_max")
        if age_min is not None and age_max is not None and age_max < age_min:
            problems.add("age_max", _("The highest age is below the lowest."))
        first, last = values.get("start_date"), values.get("end_date")
        if first and last and last < first:
            problems.add("end_date", _("The last day is before the first."))
        if problems:
            return None
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
            # Provenance of rows taken from open data (optional; see Offer.source).
            "source": row.get("source", "")[:300],
            "licence": row.get("licence", "")[:100],
            "is_demo": is_demo,
            **values,
        }
        return data, m2m

    def write(prepared) -> None:
        data, m2m = prepared
        offer_create(data=data, m2m=m2m)

    return import_rows(
        rows, columns=COLUMNS, required=REQUIRED, dry_run=dry_run, check=check, write=write
    )
