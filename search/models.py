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
    url = models.CharField(_("address"), max_length=500)
    is_public = models.BooleanField(_("public"), default=True)
    # " /1/5/42/ /1/7/ ": materialised paths of the object's territories, for "in city X".
    territories = models.TextField(blank=True, default="")
    # Normalised (folded, stemmed) token strings; the only thing the full-text index sees.
    title_norm = models.TextField(blank=True)
    body_norm = models.TextField(blank=True)
    updated = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
