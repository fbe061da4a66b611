"""The index table: one row per indexed object, holding its normalised text.

The full-text structures live beside it and are created by migration 0002 per database:
SQLite keeps an FTS5 table in step through triggers; PostgreSQL derives a generated
tsvector column with a GIN index. Apps never import this module (see search/sources.py).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.BigIntegerField(_("object id"))
    # Display text, kept original for result lists and highlighted snippets.
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    # The same in English where the object has English text of its own (NULL: show the German),
    # so a snippet on an English page is English and one on a German page German.
    title_en = models.CharField(_("title (English)"), max_length=300, null=True, blank=True)
    body_en = models.TextField(_("text (English)"), null=True, blank=True)
    url = models.CharField(_("address"), max_length=500)
    is_public = models.BooleanField(_("public"), default=True)
    # When it stops being public without a change (an offer's end or confirmation running out).
    public_until = models.DateTimeField(_("public until"), null=True, blank=True)
    # Facet values and "in territory X" as index tokens (search/tags.py), for list filters.
    tags = models.TextField(blank=True, default="")
    # Normalised (folded, stemmed) token strings; the only thing the full-text index sees.
    title_norm = models.TextField(blank=True)
    body_norm = models.TextField(blank=True)
    updated = models.DateTimeField(_("indexed"), auto_now=True)
    # The query-independent part of the ranking (search.ranking.static_rank: freshness,
    # object), smaller = better; the order the full-text index is kept in.
    rank = models.BigIntegerField(_("rank"), unique=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique"),
        ]
        indexes = [
            models.Index(fields=["kind", "rank"], name="search_entry_kind_rank"),
            models.Index(fields=["public_until"], name="search_entry_public_until"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchTerm(models.Model):
    """Every token the index has seen (words and tags), for expanding the prefix of the last
    query word into the exact tokens it stands for (search.engine.index_query). Written by
    search.indexing with each entry; never pruned: a token nobody uses any more is harmless,
    its expansion simply matches nothing."""

    token = models.CharField(_("token"), max_length=200, primary_key=True)
    # The word as first seen in indexed text ("Deutschkurs" for "deutschkur"), for "Did you
    # mean …" suggestions; empty for tags.
    word = models.CharField(_("word"), max_length=200, blank=True, default="")
    # In how many entries the token occurs (for the rarity of a word in the ranking), as of
    # the last search.vocabulary.statistics_refresh(); 0 for tokens seen since.
    entries = models.IntegerField(_("entries"), default=0)

    class Meta:
        verbose_name = _("indexed token")
        verbose_name_plural = _("indexed tokens")

    def __str__(self) -> str:
        return self.token
