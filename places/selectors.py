"""Reads of the places list: the page, its export and the API list alike."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bildungsnetz.listing import Sorting

from .models import Territory

SORTING = Sorting(
    orders={
        "name": ("name", "scheme", "code"),
        "key": ("scheme", "code"),
        "country": ("country", "name", "scheme", "code"),
    },
    labels=[("name", _("Name A–Z")), ("key", _("Official key")), ("country", _("Country"))],
    default="name",
)


def territory_list(*, filters: dict | None = None):
    """Territories with `filters`, the cleaned data of places.forms.TerritoryFilterForm: every
    word in the name (German or English) or the start of the official code; level, country,
    parent. Keys given up in a regional reform only with `former`.

    A gazetteer lookup of names and codes (places sits below the search module and is not in
    its index), so plain name matching is the rule here."""
    filters = filters or {}
    queryset = Territory.objects.select_related("parent")
    if not filters.get("former"):
        queryset = queryset.current()
    for word in (filters.get("q") or "").split():
        queryset = queryset.filter(
            Q(name_de__icontains=word) | Q(name_en__icontains=word) | Q(code__startswith=word)
        )
    if filters.get("level"):
        queryset = queryset.filter(level=filters["level"])
    if filters.get("country"):
        queryset = queryset.filter(country=filters["country"].upper())
    if filters.get("parent"):
        queryset = queryset.filter(parent=filters["parent"])
    return queryset
