"""What the knowledge base contributes to other apps' detail pages (see AppConfig hooks): an
organisation's and a city's published public entries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Entry

SECTION_LIMIT = 10


def _section(entries) -> list[dict]:
    entries = list(entries.order_by("title_de")[:SECTION_LIMIT])
    if not entries:
        return []
    return [
        {"title": _("Knowledge base"), "template": "knowledge/_section_entries.html",
         "items": entries}
    ]  # fmt: skip


def organisation_sections(organisation) -> list[dict]:
    return _section(Entry.objects.public().filter(organisations=organisation))


def territory_sections(territory) -> list[dict]:
    return _section(Entry.objects.public().filter(territory=territory))
