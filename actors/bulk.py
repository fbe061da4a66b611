"""Bulk, idempotent writes of organisations from open data: one query to read what exists, one
bulk insert and one bulk update (each with its history rows in bulk), the topic links by their
through table, and one search-index insert of what changed. A second run over the same records
finds nothing changed and writes nothing (no history rows, no index rows).

Rows are keyed by (source, external_id) (the record's IRI or poi_id in its dataset).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from places.models import Territory
from search.indexing import build_entry, insert_entries, remove_object
from search.registry import sources

from .models import Organisation, Topic

SLUG_MAX = 100


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # external_id → organisation (what a later loader links to, e.g. offers to their place)
    by_external_id: dict[str, Organisation] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class OrganisationRecord:
    external_id: str
    # model field → value (attnames for foreign keys: "seat_id"); translated fields by language
    values: dict
    topics: list[str] = field(default_factory=list)  # topic slugs


class SlugMaker:
    """Unique slugs for many new rows with one query (bildungsnetz.text.unique_slug asks the
    database once per row)."""

    def __init__(self, model):
        self.taken = set(model._default_manager.values_list("slug", flat=True))

    def __call__(self, text: str) -> str:
        base = slugify(text.replace("ß", "ss"))[: SLUG_MAX - 4].strip("-") or "eintrag"
        slug, n = base, 2
        while slug in self.taken:
            slug, n = f"{base}-{n}", n + 1
        self.taken.add(slug)
        return slug


def changed_fields(obj, values: dict) -> list[str]:
    return [key for key, value in values.items() if getattr(obj, key) != value]


@transaction.atomic
def organisations_sync(
    records: list[OrganisationRecord], *, source: str, licence: str
) -> SyncReport:
    """Create or update the organisations of one dataset; returns what happened."""
    report = SyncReport()
    existing = {
        org.external_id: org
        for org in Organisation.objects.filter(source=source).exclude(external_id="")
    }
    topics = {t.slug: t.pk for t in Topic.objects.all()}
    slug_for = SlugMaker(Organisation)
    new, dirty, dirty_fields = [], [], set()
    with translation.override("de"):
        for record in records:
            values = {**record.values, "source": source, "licence": licence}
            organisation = existing.get(record.external_id)
            if organisation is None:
                organisation = Organisation(
                    external_id=record.external_id,
                    slug=slug_for(values["name_de"]),
                    **values,
                )
                new.append(organisation)
            else:
                changed = changed_fields(organisation, values)
                for key in changed:
                    setattr(organisation, key, values[key])
                if changed:
                    dirty.append(organisation)
                    dirty_fields.update(changed)
            report.by_external_id[record.external_id] = organisation
        if new:
            bulk_create_with_history(new, Organisation, batch_size=500)
            # SQLite returns no ids from a bulk insert with history: read them back.
            ids = dict(
                Organisation.objects.filter(
                    source=source, external_id__in=[o.external_id for o in new]
                ).values_list("external_id", "pk")
            )
            for organisation in new:
                organisation.pk = organisation.id = ids[organisation.external_id]
        if dirty:
            bulk_update_with_history(dirty, Organisation, sorted(dirty_fields), batch_size=500)
        relinked = _sync_topics(
            {
                report.by_external_id[r.external_id].pk: {topics[s] for s in r.topics}
                for r in records
            }
        )
    created = {o.pk for o in new}
    updated = ({o.pk for o in dirty} | relinked) - created
    report.created, report.updated = len(created), len(updated)
    report.unchanged = len(records) - report.created - report.updated
    index_organisations(created | updated, created=created)
    return report


def _sync_topics(wanted: dict[int, set[int]]) -> set[int]:
    """Link organisations to exactly the wanted topics through the through table (no m2m
    signals); returns the ids of organisations whose topics changed."""
    through = Organisation.topics.through
    current: dict[int, set[int]] = {pk: set() for pk in wanted}
    for org_id, topic_id in through.objects.filter(organisation_id__in=list(wanted)).values_list(
        "organisation_id", "topic_id"
    ):
        current[org_id].add(topic_id)
    add, remove, changed = [], [], set()
    for org_id, topic_ids in wanted.items():
        if topic_ids != current[org_id]:
            changed.add(org_id)
            add.extend(
                through(organisation_id=org_id, topic_id=t) for t in topic_ids - current[org_id]
            )
            remove.extend((org_id, t) for t in current[org_id] - topic_ids)
    if add:
        through.objects.bulk_create(add, batch_size=1000)
    for org_id, topic_id in remove:
        through.objects.filter(organisation_id=org_id, topic_id=topic_id).delete()
    return changed


def index_organisations(ids: set[int], *, created: set[int] = frozenset()) -> None:
    """Write the search entries of the given organisations in one bulk insert (entries of
    organisations that existed before are removed first)."""
    index_objects("organisation", Organisation, ids, created=created)


def index_objects(kind: str, model, ids, *, created=frozenset()) -> None:
    if not ids:
        return
    source = sources()[kind]
    queryset = source.queryset() if source.queryset else model._default_manager.all()
    for pk in set(ids) - set(created):
        remove_object(source, pk)
    rows = []
    paths = dict(Territory.objects.values_list("pk", "path"))
    for obj in queryset.filter(pk__in=list(ids)).order_by("pk"):
        entry = build_entry(source, obj, paths=paths)
        start, confirmed = source.freshness(obj)
        rows.append(
            (
                entry.kind, entry.object_id, entry.title, entry.body, entry.url,
                entry.is_public, entry.tags, entry.title_norm, entry.body_norm,
                entry.public_until, (_date(start), _date(confirmed)),
            )
        )  # fmt: skip
    insert_entries(rows)


def _date(value):
    return value.date() if hasattr(value, "date") else value
