"""List-page plumbing shared by every app: sorting whitelist, pagination, query strings."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator


@dataclass
class Listing:
    page_obj: object
    sort: str
    query_string_without_page: str
    query_string_without_sort: str


def paginate(request, queryset, *, sorts: dict[str, tuple[str, ...]], default: str, per_page=25):
    """Apply the requested sort (only whitelisted keys) and paginate, keeping other params."""
    sort = request.GET.get("sort", default)
    if sort not in sorts:
        sort = default
    queryset = queryset.order_by(*sorts[sort])
    paginator = Paginator(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    without_page = params.urlencode()
    params.pop("sort", None)
    return Listing(page_obj, sort, without_page, params.urlencode())
