"""The contract between the search module and the apps whose objects it finds.

Each app that wants its objects in the full-text index and the global search declares, in
`<app>/search_index.py`, a module-level list `SOURCES = [SearchSource(...), ...]`. The search
module discovers these lists, keeps one index row per object up to date in the same transaction
as the change, and answers list-page and global queries. Apps never import the index tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models


@dataclass(frozen=True)
class SearchSource:
    model: type[models.Model]
    # Stable machine name of the kind of object: "organisation", "offer", "partnership",
    # "project", "agreement", "event", "knowledge", …
    kind: str
    # Translated plural label for result groups and facets (a lazy gettext string).
    label: str
    # A small number (1-63) unique among the kinds: part of each entry's rank
    # (search.ranking.static_rank), so entries of two kinds never tie. Never reuse one.
    code: int
    title: Callable[[models.Model], str]
    body: Callable[[models.Model], str]
    url: Callable[[models.Model], str]
    is_public: Callable[[models.Model], bool]
    # When a public object stops being public by itself (None: never), so that the index drops
    # it on time without waiting for a re-index.
    public_until: Callable[[models.Model], datetime | None] = lambda obj: None
    # Extra words that should find the object but are not shown (topics, city, provider …).
    keywords: Callable[[models.Model], str] = lambda obj: ""
    # Territory ids the object belongs to (seat, place, parties) for "in city X" filters.
    territory_ids: Callable[[models.Model], Iterable[int]] = lambda obj: ()
    # Facet values as tags (search.tags.tag("cost", "free")) that list pages filter by inside
    # the full-text query; "in territory" tags are added from territory_ids.
    tags: Callable[[models.Model], Iterable[str]] = lambda obj: ()
    # Freshness for the ranking: (start date, date last confirmed or changed), later = better,
    # None = unknown (ranks as oldest). Without it, newer objects rank first.
    freshness: Callable[[models.Model], tuple[date | None, date | None]] = lambda obj: (
        None,
        None,
    )
    # Queryset used for full re-indexing, with the relations the callables need.
    queryset: Callable[[], models.QuerySet] | None = None
    # Related models whose changes must re-index the object: (model, path from it to ours),
    # e.g. (Topic, "organisation_set") — re-index when a topic is renamed.
    depends_on: tuple[tuple[type[models.Model], str], ...] = field(default_factory=tuple)
