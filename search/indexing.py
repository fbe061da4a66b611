"""Keeping the index in step with the objects, inside the writer's transaction.

Receivers for post_save / post_delete / m2m_changed are registered for every SearchSource
model (and its `depends_on` models) when the app is ready: plain infrastructure, so edits in
the admin, services and imports are all indexed. Bulk loaders switch them off with
`suspended()` and call `reindex()` or `insert_entries()` once.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator

from places.models import Territory

from .models import SearchEntry, SearchTerm
from .normalise import normalise
from .ranking import static_rank
from .registry import sources
from .sources import SearchSource
from .tags import PREFIX as TAG_PREFIX
from .tags import entry_tags, territory_tags, title_tags
from .vocabulary import known as vocabulary_known
from .vocabulary import statistics_refresh

BODY_MAX = 4000  # characters of original text kept for snippets
_state = threading.local()


def is_suspended() -> bool:
    return getattr(_state, "suspended", False)


@contextmanager
def suspended():
    """Skip per-object indexing (bulk loaders rebuild the index afterwards)."""
    previous = is_suspended()
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def _plain(text) -> str:
    return " ".join(strip_tags(str(text or "")).split())


def _territory_paths(ids: Iterable[int], paths: dict[int, str] | None = None) -> list[str]:
    ids = [i for i in ids if i]
    if not ids:
        return []
    if paths is None:
        paths = dict(Territory.objects.filter(pk__in=ids).values_list("pk", "path"))
    return [paths[i] for i in ids if paths.get(i)]


def build_entry(source: SearchSource, obj, *, paths=None) -> SearchEntry:
    # Index in the default language: urls without a prefix, labels in German.
    with translation.override(settings.LANGUAGE_CODE):
        entry = _build_entry(source, obj, paths)
    # Display text in English too; the source's title and body read the active language
    # (translated fields fall back to German, so the same text means "no English of its own").
    with translation.override("en"):
        title_en = _plain(source.title(obj))
        body_en = _plain(source.body(obj))
    start, confirmed = source.freshness(obj)
    entry.rank = static_rank(
        start=_date(start), confirmed=_date(confirmed), code=source.code, object_id=obj.pk,
        public=entry.is_public,
    )  # fmt: skip
    title_en, body_en = Truncator(title_en).chars(300), body_en[:BODY_MAX]
    entry.title_en = title_en if title_en != entry.title else None
    entry.body_en = body_en if body_en != entry.body else None
    # Words of either language find the object; the German title keeps its own weight.
    extra = " ".join(t for t in (entry.title_en, entry.body_en) if t)
    if extra:
        entry.body_norm = f"{entry.body_norm} {normalise(extra)}".strip()
    return entry


def _date(value):
    return value.date() if hasattr(value, "date") else value


def _build_entry(source: SearchSource, obj, paths) -> SearchEntry:
    title = _plain(source.title(obj))
    body = _plain(source.body(obj))
    keywords = _plain(source.keywords(obj))
    territories = _territory_paths(source.territory_ids(obj), paths)
    title_norm = normalise(title)
    return SearchEntry(
        kind=source.kind,
        object_id=obj.pk,
        title=Truncator(title).chars(300),
        body=body[:BODY_MAX],
        url=source.url(obj)[:500],
        is_public=bool(source.is_public(obj)),
        public_until=source.public_until(obj),
        tags=entry_tags(
            source.kind,
            [*source.tags(obj), *territory_tags(territories), *title_tags(title_norm)],
        ),
        title_norm=title_norm,
        body_norm=normalise(f"{body} {keywords}"),
    )


def index_object(source: SearchSource, obj) -> None:
    entry = build_entry(source, obj)
    values = {
        f: getattr(entry, f)
        for f in (
            "title",
            "body",
            "title_en",
            "body_en",
            "url",
            "is_public",
            "public_until",
            "tags",
            "title_norm",
            "body_norm",
            "rank",
        )
    }
    SearchEntry.objects.update_or_create(kind=source.kind, object_id=obj.pk, defaults=values)
    add_terms([entry])


def add_terms(entries: Iterable[SearchEntry | tuple]) -> None:
    """Record the tokens of entries (or raw rows as for insert_entries) in the vocabulary, each
    new word with the form it was first written in (for "Did you mean …")."""
    tokens: set[str] = set()
    texts = []
    for entry in entries:
        if isinstance(entry, SearchEntry):
            normalised = (entry.title_norm, entry.body_norm, entry.tags)
            texts.append((entry.title, entry.body))
        else:
            normalised = (entry[7], entry[8], entry[6])
            texts.append((entry[2], entry[3]))
        for text in normalised:
            tokens.update(text.split())
    new = tokens - vocabulary_known(tokens)
    if not new:
        return
    words = _surface_forms(texts, {t for t in new if not t.startswith(TAG_PREFIX)})
    SearchTerm.objects.bulk_create(
        [SearchTerm(token=t, word=words.get(t, "")) for t in sorted(new)],
        ignore_conflicts=True,
        batch_size=5000,
    )


_WORD = re.compile(r"[^\W_]+")


def _surface_forms(texts, wanted: set[str]) -> dict[str, str]:
    """{token: the first original word in `texts` that normalises to it} for `wanted` tokens."""
    found: dict[str, str] = {}
    for pair in texts:
        for text in pair:
            for word in _WORD.findall(text or ""):
                parts = normalise(word).split()
                if len(parts) == 1 and parts[0] in wanted and parts[0] not in found:
                    found[parts[0]] = word[:200]
            if len(found) == len(wanted):
                return found
    return found


def remove_object(source: SearchSource, pk) -> None:
    SearchEntry.objects.filter(kind=source.kind, object_id=pk).delete()


def reindex(kinds: Iterable[str] | None = None, *, batch_size: int = 2000, stdout=None) -> int:
    """Rebuild the entries of the given kinds (all by default) in batches; returns the count."""
    total = 0
    for kind, source in sources().items():
        if kinds and kind not in kinds:
            continue
        queryset = source.queryset() if source.queryset else source.model._default_manager.all()
        with transaction.atomic():
            SearchEntry.objects.filter(kind=kind).delete()
            batch: list[SearchEntry] = []
            paths = dict(Territory.objects.values_list("pk", "path"))
            for obj in queryset.order_by("pk").iterator(chunk_size=batch_size):
                batch.append(build_entry(source, obj, paths=paths))
                if len(batch) >= batch_size:
                    SearchEntry.objects.bulk_create(batch)
                    add_terms(batch)
                    total += len(batch)
                    batch = []
            if batch:
                SearchEntry.objects.bulk_create(batch)
                add_terms(batch)
                total += len(batch)
        if stdout:
            stdout.write(f"  {kind}: indexed")
    optimise()
    return total


def insert_entries(rows: Iterable[tuple]) -> None:
    """Raw bulk insert for generators: rows of (kind, object_id, title, body, url, is_public,
    tags, title_norm, body_norm, public_until[, (start, confirmed)]); text must already be
    normalised and tags joined (search.tags.as_text); the optional last item is the freshness
    (search.sources.SearchSource.freshness). executemany on SQLite (the FTS5 triggers fill the
    full-text table), COPY on PostgreSQL; the tokens go to the vocabulary."""
    codes = {kind: source.code for kind, source in sources().items()}
    prepared = []
    for row in rows:
        start, confirmed = row[10] if len(row) > 10 else (None, None)
        kind, object_id, title_norm = row[0], row[1], row[7]
        tags = entry_tags(kind, [*row[6].split(), *title_tags(title_norm)])
        rank = static_rank(
            start=start, confirmed=confirmed, code=codes[kind], object_id=object_id,
            public=bool(row[5]),
        )  # fmt: skip
        prepared.append((*row[:6], tags, *row[7:10], rank))
    add_terms(prepared)
    columns = (
        "kind, object_id, title, body, url, is_public, tags, title_norm, body_norm, public_until, "
        "rank, updated"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            now = timezone.now()
            with cursor.cursor.copy(f"COPY search_searchentry ({columns}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row((*row, now))
            return
        cursor.executemany(
            f"INSERT INTO search_searchentry ({columns}) "  # noqa: S608 - fixed column list
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, CURRENT_TIMESTAMP)",
            prepared,
        )


def optimise() -> None:
    """Merge FTS5 segments / refresh planner statistics and the words' frequencies after bulk
    writes."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
        elif connection.in_atomic_block:
            cursor.execute("ANALYZE search_searchentry")
        else:
            # VACUUM also marks the pages all-visible, so that counting matches can skip them.
            cursor.execute("VACUUM (ANALYZE) search_searchentry")
    statistics_refresh()


# --- receivers ----------------------------------------------------------------------------


def _on_save(sender, instance, raw=False, **kwargs):
    if raw or is_suspended():
        return
    for source in _sources_of(sender):
        index_object(source, instance)


def _on_delete(sender, instance, **kwargs):
    if is_suspended():
        return
    for source in _sources_of(sender):
        remove_object(source, instance.pk)


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if is_suspended() or action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        for source in _sources_of(type(instance)):
            index_object(source, instance)
    elif pk_set:
        for source in _sources_of(model):
            for obj in source.model._default_manager.filter(pk__in=pk_set):
                index_object(source, obj)


def _on_dependency_save(sender, instance, raw=False, **kwargs):
    if raw or is_suspended():
        return
    for source in sources().values():
        for dep_model, path in source.depends_on:
            if not issubclass(sender, dep_model):
                continue
            related = instance
            for part in path.split("__"):
                related = getattr(related, part, None)
                if related is None:
                    break
            if related is None:
                continue
            objects = related.all() if hasattr(related, "all") else [related]
            for obj in objects:
                if isinstance(obj, source.model):
                    index_object(source, obj)


def _sources_of(model) -> list[SearchSource]:
    return [s for s in sources().values() if issubclass(model, s.model)]


def connect_signals() -> None:
    for kind, source in sources().items():
        uid = f"search-{kind}"
        post_save.connect(_on_save, sender=source.model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_delete, sender=source.model, dispatch_uid=f"{uid}-delete")
        for m2m in source.model._meta.many_to_many:
            m2m_changed.connect(
                _on_m2m, sender=m2m.remote_field.through, dispatch_uid=f"{uid}-m2m-{m2m.name}"
            )
        for dep_model, _path in source.depends_on:
            post_save.connect(
                _on_dependency_save,
                sender=dep_model,
                dispatch_uid=f"search-dep-{dep_model._meta.label}",
            )
