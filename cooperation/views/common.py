"""Plumbing shared by the cooperation list pages: filter, sort, paginate, export, render."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from bildungsnetz.exports import FORMATS, export_response
from bildungsnetz.listing import paginate


def words_q(text: str, fields: Sequence[str]) -> Q:
    """Every word must occur in one of the fields (an ORM stand-in until `search` lands)."""
    condition = Q()
    for word in (text or "").split():
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def list_page(
    request,
    *,
    form,
    queryset,
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
