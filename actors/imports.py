"""CSV/XLSX import of organisations: validate every row first, then write all or nothing
(the reading, checking and writing are `bildungsnetz.imports`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bildungsnetz.imports import (
    ImportResult,
    RowError,
    RowProblems,
    import_rows,
    read_table,
    split_list,
)
from places.keys import split_key
from places.models import Territory

from .models import Language, Organisation, OrganisationKind, Topic
from .services import organisation_create, organisation_duplicates, organisation_update

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


def import_organisations(
    filename: str, content: bytes, *, dry_run: bool, user=None, is_demo=False
) -> ImportResult:
    """Check every row; write nothing unless every row is valid and dry_run is False.

    With a `user` (the web import), every row must be seated where that user may edit
    organisations; without one (the command line, run by an operator) no row is restricted.
    """
    rows = read_table(filename, content)
    kinds = {k.value for k in OrganisationKind}
    topics = {t.slug: t for t in Topic.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    seen_in_file: dict[tuple, int] = {}

    def check(row: dict[str, str], problems: RowProblems):
        kind = row.get("kind", "")
        if kind and kind not in kinds:
            problems.add(
                "kind",
                _("Unknown kind “%(v)s”; allowed: %(a)s.")
                % {"v": kind, "a": ", ".join(sorted(kinds))},
            )
        seat = None
        if row.get("seat"):
            seat = _resolve_seat(row["seat"])
            if seat is None:
                problems.add(
                    "seat", _("No territory with the key or name “%(v)s”.") % {"v": row["seat"]}
                )
        if (
            seat is not None
            and user is not None
            and not user.has_perm("actors.place_organisation", Organisation(seat=seat))
        ):
            problems.add(
                "seat", _("You may not add organisations in %(place)s.") % {"place": seat.name}
            )
        problems.url("website", row.get("website", ""))
        problems.email("email", row.get("email", ""))
        row_topics = split_list(row.get("topics"))
        for slug in row_topics:
            if slug not in topics:
                problems.add("topics", _("Unknown topic “%(v)s”.") % {"v": slug})
        row_languages = split_list(row.get("languages"))
        for code in row_languages:
            if code not in languages:
                problems.add("languages", _("Unknown language code “%(v)s”.") % {"v": code})
        is_public = problems.flag("is_public", row.get("is_public", ""), default=True)
        if not problems and seat is not None:
            key = (row["name"].casefold(), seat.pk)
            if key in seen_in_file:
                problems.add(
                    "name", _("Same name and place as row %(r)d.") % {"r": seen_in_file[key]}
                )
            else:
                seen_in_file[key] = problems.row
            duplicate = organisation_duplicates(
                name=row["name"], seat_id=seat.pk, website=row.get("website", "")
            ).first()
            if duplicate is not None:
                problems.add(
                    "name",
                    _("Already in the directory as “%(name)s” (same name and place, or website).")
                    % {"name": duplicate.name},
                )
        if problems:
            return None
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
            "is_public": is_public,
            "is_demo": is_demo,
        }
        return data, [topics[s] for s in row_topics], [languages[c] for c in row_languages]

    def write(prepared) -> None:
        data, row_topics, row_languages = prepared
        organisation_create(data=data, topics=row_topics, languages=row_languages)

    return import_rows(
        rows, columns=COLUMNS, required=REQUIRED, dry_run=dry_run, check=check, write=write
    )


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


def import_mapped_organisations(
    rows: list[dict[str, str]],
    *,
    dry_run: bool,
    user=None,
    source: str = "",
    licence: str = "",
    default_kind: str = "",
    default_seat: Territory | None = None,
    update_duplicates: bool = False,
    valid_only: bool = False,
) -> ImportResult:
    """Rows already keyed by field (actors.mapping.apply_mapping). Per row: the same
    `external_id` of the same source updates that entry; the same name and seat or the same
    website is a possible duplicate, skipped (and noted) unless `update_duplicates`. All or
    nothing, unless `valid_only`."""
    kinds = {k.value for k in OrganisationKind}
    topics = _vocabulary(Topic.objects.all(), "slug")
    languages = _vocabulary(Language.objects.all(), "code")
    rows = [
        {**row, "kind": row.get("kind") or default_kind, "seat": row.get("seat") or ""}
        for row in rows
    ]
    result_notes: list = []

    def check(row: dict[str, str], problems: RowProblems):
        seat = _resolve_seat(row["seat"]) if row["seat"] else default_seat
        if seat is None:
            problems.add("seat", _("No seat: map a column to it or choose one for all rows."))
        if row.get("kind") not in kinds:
            problems.add("kind", _("Unknown or missing kind “%(v)s”.") % {"v": row.get("kind")})
        if (
            seat is not None
            and user is not None
            and not user.has_perm("actors.place_organisation", Organisation(seat=seat))
        ):
            problems.add(
                "seat", _("You may not add organisations in %(place)s.") % {"place": seat.name}
            )
        website = _web_address(row.get("website", ""))
        problems.url("website", website)
        problems.email("email", row.get("email", ""))
        row_topics = _lookup(split_list(row.get("topics")), topics, "topics", problems)
        row_languages = _lookup(split_list(row.get("languages")), languages, "languages", problems)
        if problems:
            return None
        target = None
        external_id = row.get("external_id", "")[:300]
        if external_id:
            target = Organisation.objects.filter(source=source, external_id=external_id).first()
        if target is None:
            duplicate = organisation_duplicates(
                name=row["name"], seat_id=seat.pk, website=website
            ).first()
            if duplicate is not None:
                note = _("Possible duplicate of “%(name)s” (same name and place, or website).")
                result_notes.append((problems.row, note % {"name": duplicate.name}))
                if not update_duplicates:
                    return ("skip", None, None)
                target = duplicate
        data = {
            "name_de": row["name"][:255],
            "kind": row["kind"],
            "seat": seat,
            "street": row.get("street", "")[:200],
            "postcode": row.get("postcode", "")[:10],
            "locality": (row.get("locality") or seat.name_de)[:100],
            "website": website,
            "email": row.get("email", ""),
            "phone": row.get("phone", "")[:40],
            "description_de": row.get("description", ""),
            "source": source,
            "licence": licence,
            "external_id": external_id,
        }
        for field in ("name_en", "description_en"):
            if row.get(field):
                data[field] = row[field]
        return (target, data, (row_topics, row_languages))

    def write(prepared):
        target, data, links = prepared
        if target == "skip":
            return "skipped"
        row_topics, row_languages = links
        if target is None:
            organisation_create(data=data, topics=row_topics, languages=row_languages)
            return "created"
        m2m = {}
        if row_topics:
            m2m["topics"] = row_topics
        if row_languages:
            m2m["languages"] = row_languages
        if not _differs(target, data, m2m):
            return "unchanged"
        organisation_update(organisation=target, data=data, m2m=m2m or None)
        return "updated"

    result = import_rows(
        rows, columns=list(COLUMNS), required=["name"], dry_run=dry_run,
        check=check, write=write, valid_only=valid_only,
    )  # fmt: skip
    result.notes = [RowError(row, "name", message) for row, message in result_notes]
    return result


def _differs(organisation: Organisation, data: dict, m2m: dict) -> bool:
    """Whether writing `data` and `m2m` would change the stored organisation (a re-import of
    the same file writes nothing, so leaves no history)."""
    for field, value in data.items():
        current = organisation.seat if field == "seat" else getattr(organisation, field)
        if current != value:
            return True
    return any(
        {item.pk for item in items} != set(getattr(organisation, name).values_list("pk", flat=True))
        for name, items in m2m.items()
    )


def _vocabulary(queryset, key: str) -> dict[str, object]:
    """Entries by key and by name in either language, case-insensitive."""
    found = {}
    for item in queryset:
        for label in (getattr(item, key), item.name_de, item.name_en):
            if label:
                found[label.casefold()] = item
    return found


def _lookup(values, vocabulary, column: str, problems: RowProblems) -> list:
    items = []
    for value in values:
        item = vocabulary.get(value.casefold())
        if item is None:
            problems.add(column, _("Unknown entry “%(v)s”.") % {"v": value})
        elif item not in items:
            items.append(item)
    return items


def _web_address(value: str) -> str:
    value = value.strip()
    return f"https://{value}" if value and "://" not in value else value
