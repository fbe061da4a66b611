"""Plumbing shared by the cooperation list pages: filter, sort, paginate, export, render."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from bildungsnetz.exports import FORMATS, export_response
from bildungsnetz.listing import FilterError, paginate, valid_filters


def list_page(
    request,
    *,
    form,
    select: Callable,
    sorts: dict,
    sort_labels: Sequence[tuple[str, str]],
    default: str,
    template: str,
    partial: str,
    export_name: str,
    header: Sequence[str],
    row: Callable,
    export_order: Sequence[str],
    context: dict | None = None,
):
    """A list page: `select(filters)` (a cooperation selector) with the filters of the bound
    `form` checked once (bildungsnetz.listing.valid_filters); invalid filters list nothing and
    the results say why, as the API answers them with 422. Then sort, paginate, export."""
    try:
        queryset = select(valid_filters(form))
    except FilterError:
        queryset = select({}).none()
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return export_response(
            fmt, export_name, header, (row(obj) for obj in queryset.order_by(*export_order))
        )
    listing = paginate(request, queryset, sorts=sorts, default=default)
    return render(
        request,
        partial if request.htmx else template,
        {
            "form": form,
            "listing": listing,
            "page_obj": listing.page_obj,
            "query_string_without_page": listing.query_string_without_page,
            "sort_links": sort_labels,
            **(context or {}),
        },
    )


def require(user, perm: str, obj=None, *, hide: bool = False) -> None:
    """Deny by default: 404 for things the user may not even see, 403 for actions."""
    if not user.has_perm(perm, obj):
        if hide:
            raise Http404
        raise PermissionDenied
